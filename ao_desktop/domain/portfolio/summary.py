"""What the portfolio view and `ao-desktop portfolio` show: totals per collectibility, per
officer and for the branch, NPL, aging buckets, the movement between two extracts and the
trend over the last extracts. Storage adds up the rows in SQL; these types carry the sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.portfolio.collectibility import LEVELS, NPL_LEVELS, npl_ratio

# Aging buckets of days past due: (first day, last day or None), the usual 30-day steps.
AGING_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, 180), (181, None))


def aging_label(first: int, last: int | None) -> str:
    if last is None:
        return _("> {d} hari").format(d=first - 1)
    if first == last == 0:
        return _("Tidak menunggak")
    return _("{a}-{b} hari").format(a=first, b=last)


def aging_bucket(days: int) -> int:
    """Index into AGING_BUCKETS."""
    for i, (first, last) in enumerate(AGING_BUCKETS):
        if last is None or first <= days <= last:
            return i
    return len(AGING_BUCKETS) - 1


@dataclass(frozen=True)
class Bucket:
    accounts: int = 0
    outstanding: int = 0


@dataclass(frozen=True)
class Totals:
    """One group's portfolio (the branch or one officer) on one extract."""

    by_level: dict[int, Bucket]

    @property
    def accounts(self) -> int:
        return sum(b.accounts for b in self.by_level.values())

    @property
    def outstanding(self) -> int:
        return sum(b.outstanding for b in self.by_level.values())

    @property
    def npl_outstanding(self) -> int:
        return sum(b.outstanding for lvl, b in self.by_level.items() if lvl in NPL_LEVELS)

    @property
    def npl_ratio(self) -> Decimal:
        return npl_ratio(self.npl_outstanding, self.outstanding)

    @staticmethod
    def of(rows: dict[int, tuple[int, int]]) -> Totals:
        """From {level: (accounts, outstanding)}; every level present."""
        return Totals({lvl: Bucket(*rows.get(lvl, (0, 0))) for lvl in LEVELS})


EMPTY_TOTALS = Totals.of({})


@dataclass(frozen=True)
class OfficerTotals:
    officer_id: int | None  # None: accounts whose Kode AO matched no officer
    officer_name: str
    totals: Totals


@dataclass(frozen=True)
class TrendPoint:
    as_of: date
    outstanding: int
    npl_outstanding: int

    @property
    def npl_ratio(self) -> Decimal:
        return npl_ratio(self.npl_outstanding, self.outstanding)


@dataclass(frozen=True)
class PortfolioSummary:
    as_of: date | None  # None: no extract imported yet
    previous_as_of: date | None
    officer_id: int | None
    totals: Totals
    by_officer: list[OfficerTotals] = field(default_factory=list)
    aging: list[Bucket] = field(default_factory=list)  # one per AGING_BUCKETS
    trend: list[TrendPoint] = field(default_factory=list)  # oldest first, up to six
    arrears: int = 0  # principal + interest in arrears, all accounts
    unmatched: int = 0  # accounts that match no client
    unassigned: int = 0  # accounts whose Kode AO matches no officer


class Movement:
    WORSE = "memburuk"
    BETTER = "membaik"
    NEW = "baru"
    PAID_OFF = "lunas"


def movement_label(kind: str) -> str:
    return {Movement.WORSE: _("Memburuk"), Movement.BETTER: _("Membaik"), Movement.NEW: _("Baru"),
            Movement.PAID_OFF: _("Lunas / keluar")}[kind]


def classify_move(before: int | None, after: int | None) -> str | None:
    """The movement of one account between two extracts by its Kol (None: absent)."""
    if before is None and after is None:
        return None
    if before is None:
        return Movement.NEW
    if after is None:
        return Movement.PAID_OFF
    if after > before:
        return Movement.WORSE
    if after < before:
        return Movement.BETTER
    return None


@dataclass(frozen=True)
class MovementItem:
    account_id: int
    account_no: str
    borrower_name: str
    officer_name: str
    kind: str
    level_before: int | None
    level_after: int | None
    outstanding_before: int
    outstanding_after: int
    dpd_before: int | None
    dpd_after: int | None


@dataclass(frozen=True)
class MovementCounts:
    worse: Bucket = Bucket()
    better: Bucket = Bucket()
    new: Bucket = Bucket()
    paid_off: Bucket = Bucket()
