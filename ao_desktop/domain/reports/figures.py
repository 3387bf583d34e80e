"""The figures of a work report, section by section, per officer and in total.

Each section comes from one area (clients, calendar, credit, portfolio, problems). A
section an area cannot give yet is None, never zeros presented as facts. Every total is
the sum of its rows: `total_of` adds officers up field by field, and ratios are derived
from the summed amounts, never averaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
NPL_KOLS = (3, 4, 5)  # Kurang Lancar, Diragukan, Macet


def ratio_pct(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percent with two decimals; None when the whole is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def pct_text(value: Decimal | None) -> str:
    """The machine form of a percent: "2.75", "0.00" when there is nothing to divide."""
    return f"{(value if value is not None else Decimal(0)):.2f}"


@dataclass(frozen=True)
class PipelineFigures:
    """New prospects by lead source, and clients moving along the pipeline."""

    new_by_source: dict[str, int] = field(default_factory=dict)
    to_application: int = 0  # clients whose status became "pengajuan" in the period
    to_active: int = 0  # ... "aktif" (a new customer)
    declined: int = 0  # ... "ditolak"
    # Clients whose status was "prospek" when the period began: with the new prospects,
    # the pipeline the applications came from. Rating applications against the new
    # prospects alone gave rates over 100% (most applications come from older prospects).
    open_prospects_start: int = 0

    @property
    def new_prospects(self) -> int:
        return sum(self.new_by_source.values())

    @property
    def prospects_in_pipeline(self) -> int:
        return self.open_prospects_start + self.new_prospects

    @property
    def application_rate(self) -> Decimal | None:
        return ratio_pct(self.to_application, self.prospects_in_pipeline)

    @property
    def customer_rate(self) -> Decimal | None:
        return ratio_pct(self.to_active, self.to_application)


@dataclass(frozen=True)
class WeekCount:
    first: date
    last: date
    visits_done: int = 0
    calls_done: int = 0


@dataclass(frozen=True)
class ActivityFigures:
    visits_planned: int = 0  # scheduled in the period, not cancelled
    visits_done: int = 0
    calls_planned: int = 0  # phone, WhatsApp, SMS, e-mail
    calls_done: int = 0
    overdue_follow_ups: int = 0  # still planned, their time passed
    promises_made: int = 0
    promises_amount: int = 0
    weekly: tuple[WeekCount, ...] = ()


@dataclass(frozen=True)
class CreditFigures:
    submitted: int = 0
    approved: int = 0
    rejected: int = 0
    disbursed_count: int = 0
    disbursed_amount: int = 0


@dataclass(frozen=True)
class TrendPoint:
    month: str  # "YYYY-MM"
    outstanding: int
    npl_amount: int

    @property
    def npl_ratio(self) -> Decimal | None:
        return ratio_pct(self.npl_amount, self.outstanding)


@dataclass(frozen=True)
class PortfolioFigures:
    """From the loan portfolio: outstanding, collectibility, collections, promises."""

    outstanding_start: int = 0
    outstanding_end: int = 0
    kol_amounts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # at the period's end
    kol_counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    npl_start_amount: int = 0
    collections_due: int = 0
    collections_collected: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    trend: tuple[TrendPoint, ...] = ()

    @property
    def npl_end_amount(self) -> int:
        return sum(self.kol_amounts[k - 1] for k in NPL_KOLS)

    @property
    def npl_ratio(self) -> Decimal | None:
        return ratio_pct(self.npl_end_amount, self.outstanding_end)

    @property
    def npl_ratio_start(self) -> Decimal | None:
        return ratio_pct(self.npl_start_amount, self.outstanding_start)

    @property
    def collection_rate(self) -> Decimal | None:
        return ratio_pct(self.collections_collected, self.collections_due)


@dataclass(frozen=True)
class ProblemFigures:
    received: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    open: int = 0


def _sum_flat(items: Sequence[object], cls: type) -> object:
    """Field-by-field sum of flat dataclasses of ints (and tuples of ints)."""
    values: dict[str, object] = {}
    for f in fields(cls):
        column = [getattr(i, f.name) for i in items]
        if column and isinstance(column[0], tuple) and column[0] and isinstance(column[0][0], int):
            values[f.name] = tuple(sum(parts) for parts in zip(*column, strict=True))
        elif all(isinstance(v, int) for v in column):
            values[f.name] = sum(column)  # type: ignore[arg-type]
    return cls(**values)


def sum_pipeline(items: Sequence[PipelineFigures]) -> PipelineFigures:
    sources: dict[str, int] = {}
    for item in items:
        for source, count in item.new_by_source.items():
            sources[source] = sources.get(source, 0) + count
    return PipelineFigures(sources, sum(i.to_application for i in items),
                           sum(i.to_active for i in items), sum(i.declined for i in items),
                           sum(i.open_prospects_start for i in items))


def sum_weeks(items: Iterable[tuple[WeekCount, ...]]) -> tuple[WeekCount, ...]:
    merged: dict[date, WeekCount] = {}
    for weeks in items:
        for w in weeks:
            old = merged.get(w.first, WeekCount(w.first, w.last))
            merged[w.first] = WeekCount(w.first, w.last, old.visits_done + w.visits_done,
                                        old.calls_done + w.calls_done)
    return tuple(merged[k] for k in sorted(merged))


def sum_activities(items: Sequence[ActivityFigures]) -> ActivityFigures:
    flat = _sum_flat(items, ActivityFigures)
    assert isinstance(flat, ActivityFigures)
    return ActivityFigures(**{f.name: getattr(flat, f.name) for f in fields(ActivityFigures)
                              if f.name != "weekly"}, weekly=sum_weeks(i.weekly for i in items))


def sum_credit(items: Sequence[CreditFigures]) -> CreditFigures:
    flat = _sum_flat(items, CreditFigures)
    assert isinstance(flat, CreditFigures)
    return flat


def sum_portfolio(items: Sequence[PortfolioFigures | None]) -> PortfolioFigures | None:
    present = [i for i in items if i is not None]
    if not present:
        return None
    flat = _sum_flat(present, PortfolioFigures)
    assert isinstance(flat, PortfolioFigures)
    months: dict[str, tuple[int, int]] = {}
    for item in present:
        for p in item.trend:
            o, n = months.get(p.month, (0, 0))
            months[p.month] = (o + p.outstanding, n + p.npl_amount)
    trend = tuple(TrendPoint(m, o, n) for m, (o, n) in sorted(months.items()))
    return PortfolioFigures(**{f.name: getattr(flat, f.name) for f in fields(PortfolioFigures)
                               if f.name != "trend"}, trend=trend)


def sum_problems(items: Sequence[ProblemFigures | None]) -> ProblemFigures | None:
    present = [i for i in items if i is not None]
    if not present:
        return None
    flat = _sum_flat(present, ProblemFigures)
    assert isinstance(flat, ProblemFigures)
    return flat
