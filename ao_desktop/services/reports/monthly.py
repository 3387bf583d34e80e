"""Gathering a work report from one snapshot: every section from its own source, the
officers side by side, the branch total as their sum, and the targets to compare with.

`gather` reads everything inside the one transaction it is given; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import NotFound, OperationCancelled, PermissionDenied
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.reports.figures import (
    ActivityFigures,
    CreditFigures,
    PipelineFigures,
    PortfolioFigures,
    ProblemFigures,
)
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import (
    ALL_SECTIONS,
    ClientLine,
    MonthlyReport,
    OfficerFigures,
    ReportHeader,
    ReportNotes,
    ReportScope,
    Section,
    total_of,
)
from ao_desktop.domain.reports.targets import combine
from ao_desktop.services.branch_logo import logo_for_print
from ao_desktop.services.ports import Progress, Transaction
from ao_desktop.services.setup import BANK_NAME_KEY, BRANCH_NAME_KEY

DEFAULT_BANK_NAME = "Bank"


@dataclass(frozen=True)
class ReportRequest:
    period: ReportPeriod
    scope: ReportScope
    notes: ReportNotes = field(default_factory=ReportNotes)
    sections: frozenset[Section] = ALL_SECTIONS


def check_allowed(actor: Actor | None, scope: ReportScope) -> None:
    """An AO reports on their own work; the branch and colleagues are for a supervisor or
    an admin. None: the command line (IT staff, a scheduled batch run)."""
    if actor is None or actor.role in (OfficerRole.SUPERVISOR, OfficerRole.ADMIN):
        return
    if actor.role is OfficerRole.MARKETING:
        raise PermissionDenied(_("Peran marketing tidak membuat laporan kerja (berisi data nasabah)."))
    if scope.is_branch or scope.officer_id != actor.officer_id:
        raise PermissionDenied(_("AO hanya dapat membuat laporan kerjanya sendiri; laporan cabang "
                                 "dan laporan AO lain dibuat oleh supervisor atau admin."))


def _step(progress: Progress | None, cancelled: Callable[[], bool] | None, what: str, done: int) -> None:
    if cancelled is not None and cancelled():
        raise OperationCancelled(_("Pembuatan laporan dibatalkan."))
    if progress is not None:
        progress(what, done, 10)


def gather(tx: Transaction, request: ReportRequest, now: datetime, generated_by: str,
           progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> MonthlyReport:
    period, scope = request.period, request.scope
    officers = {o.id: o for o in tx.officers.list(active_only=False) if o.id is not None}
    if scope.officer_id is not None and scope.officer_id not in officers:
        raise NotFound(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=scope.officer_id))
    ids = None if scope.is_branch else [scope.officer_id]
    _step(progress, cancelled, _("Membaca pipeline nasabah…"), 1)
    pipeline = tx.report_figures.pipeline(period, ids)
    _step(progress, cancelled, _("Membaca kegiatan…"), 2)
    activities = tx.report_figures.activities(period, ids, now)
    _step(progress, cancelled, _("Membaca pengajuan kredit…"), 3)
    credit = tx.report_figures.credit(period, ids)
    portfolio_on, problems_on = tx.portfolio_report.available(), tx.problem_report.available()
    portfolio = tx.portfolio_report.portfolio(period, ids) if portfolio_on else {}
    problems = tx.problem_report.problems(period, ids) if problems_on else {}
    targets = tx.report_targets.for_months(period.months(), ids)
    _step(progress, cancelled, _("Menyusun analisa per nasabah…"), 4)
    clients: list[ClientLine] = []
    if Section.CLIENTS in request.sections:
        loans = tx.portfolio_report.loan_clients(period, ids) if portfolio_on else []
        clients = tx.report_figures.client_lines(period, ids, loans)
        if portfolio_on:
            status = tx.portfolio_report.loan_status([c.client_id for c in clients], period)
            clients = [_with_loan(c, status.get(c.client_id)) for c in clients]
    # Who is in the report: the officer asked for; for the branch every active AO and
    # anybody else with figures (a supervisor's own visits, clients without an AO).
    if scope.officer_id is not None:
        keys: list[int | None] = [scope.officer_id]
    else:
        with_data = set(pipeline) | set(activities) | set(credit) | set(portfolio) | set(problems)
        active = {i for i, o in officers.items() if o.active and o.role is OfficerRole.AO}
        keys = sorted(active | {k for k in with_data if k is not None},
                      key=lambda i: officers[i].name.casefold() if i in officers else "")
        if None in with_data:
            keys.append(None)
    rows = [
        OfficerFigures(
            key, officers[key].name if key in officers else _("Tanpa AO"),
            pipeline.get(key) or PipelineFigures(), activities.get(key) or ActivityFigures(),
            credit.get(key) or CreditFigures(),
            (portfolio.get(key) or PortfolioFigures()) if portfolio_on else None,
            (problems.get(key) or ProblemFigures()) if problems_on else None,
            combine([t for t in targets if t.officer_id == key], key) if key is not None else None,
        )
        for key in keys
    ]
    total = total_of(rows, _("Total cabang") if scope.is_branch else rows[0].officer_name)
    header = _header(tx, officers[scope.officer_id].name if scope.officer_id is not None else "")
    _step(progress, cancelled, _("Data laporan terkumpul."), 5)
    return MonthlyReport(period, scope, header, tuple(rows), total, tuple(clients), request.notes,
                         now, generated_by, portfolio_on, problems_on, request.sections)


def _with_loan(line: ClientLine, loan: tuple[int, int, tuple[str, ...]] | None) -> ClientLine:
    if loan is None:
        return line
    dpd, kol, products = loan
    return replace(line, days_past_due=dpd, collectibility=kol,
                   products=tuple(sorted(set(line.products) | set(products))))


def _header(tx: Transaction, officer_name: str) -> ReportHeader:
    bank = tx.settings.get(BANK_NAME_KEY, "").strip() or DEFAULT_BANK_NAME
    logo = logo_for_print(tx.settings)
    return ReportHeader(bank, tx.settings.get(BRANCH_NAME_KEY, "").strip(),
                        str(Path(logo)) if logo else "", officer_name)
