"""A whole work report: who and what it covers, the figures per officer and in total,
the per-client analysis and the officer's notes, and its headline for --json.

The PDF, the Excel file and the JSON are all written from one MonthlyReport, which is
read from one snapshot of the database: they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ao_desktop.domain.reports.figures import (
    ActivityFigures,
    CreditFigures,
    PipelineFigures,
    PortfolioFigures,
    ProblemFigures,
    pct_text,
    sum_activities,
    sum_credit,
    sum_pipeline,
    sum_portfolio,
    sum_problems,
)
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.targets import MonthlyTarget, combine


class Section(StrEnum):
    SUMMARY = "ringkasan"
    CHARTS = "grafik"
    CLIENTS = "nasabah"
    NOTES = "catatan"


ALL_SECTIONS = frozenset(Section)


@dataclass(frozen=True)
class ReportScope:
    """One officer's report (officer_id) or the whole branch (None)."""

    officer_id: int | None = None

    @property
    def is_branch(self) -> bool:
        return self.officer_id is None

    @property
    def code(self) -> str:
        """"branch" or "officer:<id>" (JSON, history, file names)."""
        return "branch" if self.officer_id is None else f"officer:{self.officer_id}"


@dataclass(frozen=True)
class ReportNotes:
    obstacles: str = ""  # kendala
    plan: str = ""  # rencana bulan depan

    @property
    def empty(self) -> bool:
        return not (self.obstacles.strip() or self.plan.strip())


@dataclass(frozen=True)
class OfficerFigures:
    officer_id: int | None  # None: clients without an AO, or the branch total
    officer_name: str
    pipeline: PipelineFigures = field(default_factory=PipelineFigures)
    activities: ActivityFigures = field(default_factory=ActivityFigures)
    credit: CreditFigures = field(default_factory=CreditFigures)
    portfolio: PortfolioFigures | None = None
    problems: ProblemFigures | None = None
    target: MonthlyTarget | None = None

    @property
    def empty(self) -> bool:
        a, c, p = self.activities, self.credit, self.pipeline
        nothing = (p.new_prospects == p.to_application == p.to_active == p.declined == 0
                   and a.visits_planned == a.calls_planned == a.overdue_follow_ups == a.promises_made == 0
                   and c.submitted == c.approved == c.rejected == c.disbursed_count == 0)
        po, pr = self.portfolio, self.problems
        return (nothing and (po is None or (po.outstanding_start == po.outstanding_end == 0
                                            and po.collections_due == 0))
                and (pr is None or pr.received == pr.open == 0))


def total_of(rows: list[OfficerFigures], name: str) -> OfficerFigures:
    """The branch total: every field the sum of the officers' rows."""
    targets = [r.target for r in rows if r.target is not None]
    return OfficerFigures(
        None, name, sum_pipeline([r.pipeline for r in rows]),
        sum_activities([r.activities for r in rows]), sum_credit([r.credit for r in rows]),
        sum_portfolio([r.portfolio for r in rows]), sum_problems([r.problems for r in rows]),
        combine(targets, 0) if targets else None,
    )


@dataclass(frozen=True)
class NextStep:
    when: datetime
    type: str  # activity type code
    purpose: str  # activity purpose code


@dataclass(frozen=True)
class ClientLine:
    """One client in the per-client analysis."""

    client_id: int
    name: str
    officer_name: str
    status: str  # client status code
    products: tuple[str, ...] = ()
    last_contact: date | None = None
    days_past_due: int | None = None  # None: no loan data
    collectibility: int | None = None
    done: dict[str, int] = field(default_factory=dict)  # activity type code -> done in period
    applications: tuple[tuple[str, int, str], ...] = ()  # (product, amount, status reached)
    next_step: NextStep | None = None


@dataclass(frozen=True)
class ReportHeader:
    bank_name: str
    branch_name: str
    logo_path: str
    officer_name: str  # "" for the branch report


@dataclass(frozen=True)
class MonthlyReport:
    period: ReportPeriod
    scope: ReportScope
    header: ReportHeader
    officers: tuple[OfficerFigures, ...]
    total: OfficerFigures
    clients: tuple[ClientLine, ...]
    notes: ReportNotes
    generated_at: datetime
    generated_by: str
    portfolio_available: bool
    problems_available: bool
    sections: frozenset[Section] = ALL_SECTIONS
    version: int = 0  # set when recorded in the history

    @property
    def empty(self) -> bool:
        return self.total.empty and not self.clients


def headline(report: MonthlyReport) -> dict[str, object]:
    """The report's headline figures, machine formats: rupiah as integers, ratios as
    strings with a dot and two decimals ("0.00" without portfolio data)."""
    t = report.total
    po, pr = t.portfolio, t.problems
    officer = report.officers[0] if not report.scope.is_branch and report.officers else None
    return {
        "period": report.period.key,
        "period_label": report.period.label,
        "scope": report.scope.code,
        "officer_id": report.scope.officer_id,
        "officer_name": officer.officer_name if officer else None,
        "new_prospects": t.pipeline.new_prospects,
        "new_prospects_by_source": dict(sorted(t.pipeline.new_by_source.items())),
        "open_prospects_start": t.pipeline.open_prospects_start,
        "to_application": t.pipeline.to_application,
        "to_customer": t.pipeline.to_active,
        "visits_planned": t.activities.visits_planned,
        "visits_done": t.activities.visits_done,
        "calls_planned": t.activities.calls_planned,
        "calls_done": t.activities.calls_done,
        "overdue_follow_ups": t.activities.overdue_follow_ups,
        "applications_submitted": t.credit.submitted,
        "applications_approved": t.credit.approved,
        "applications_rejected": t.credit.rejected,
        "disbursed_count": t.credit.disbursed_count,
        "disbursed_amount": t.credit.disbursed_amount,
        "portfolio_available": report.portfolio_available,
        "outstanding_start": po.outstanding_start if po else 0,
        "outstanding_end": po.outstanding_end if po else 0,
        "npl_ratio": pct_text(po.npl_ratio if po else None),
        "npl_ratio_start": pct_text(po.npl_ratio_start if po else None),
        "collections_due": po.collections_due if po else 0,
        "collections_collected": po.collections_collected if po else 0,
        "promises_kept": po.promises_kept if po else 0,
        "promises_broken": po.promises_broken if po else 0,
        "problems_available": report.problems_available,
        "problems_received": pr.received if pr else 0,
        "problems_resolved_on_time": pr.resolved_on_time if pr else 0,
        "clients_analysed": len(report.clients),
        "empty": report.empty,
    }
