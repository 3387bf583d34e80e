"""The period a report covers: a month (the usual), a quarter or a custom range.

A period is whole days, `first` to `last` inclusive. Queries use the half-open range
[start, end) of date-times. The label is what the header prints: "November 2026",
"Triwulan IV 2026", "3 Nov 2026 – 15 Des 2026".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import MONTHS_LONG, MONTHS_SHORT, format_date
from ao_desktop.domain.common.i18n import _

MAX_CUSTOM_DAYS = 366
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ROMAN = ("I", "II", "III", "IV")


class PeriodKind(StrEnum):
    MONTH = "bulan"
    QUARTER = "triwulan"
    CUSTOM = "rentang"


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class ReportPeriod:
    first: date
    last: date
    kind: PeriodKind = PeriodKind.MONTH

    @classmethod
    def month(cls, year: int, month: int) -> ReportPeriod:
        return cls(date(year, month, 1), _month_end(year, month), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> ReportPeriod:
        if not 1 <= quarter <= 4:
            raise ValidationFailed([FieldIssue("quarter", _("Triwulan harus 1 sampai 4."))])
        first_month = 3 * (quarter - 1) + 1
        return cls(date(year, first_month, 1), _month_end(year, first_month + 2), PeriodKind.QUARTER)

    @classmethod
    def custom(cls, first: date, last: date) -> ReportPeriod:
        if last < first:
            raise ValidationFailed([FieldIssue("period", _("Tanggal akhir periode sebelum tanggal awalnya."))])
        if (last - first).days >= MAX_CUSTOM_DAYS:
            raise ValidationFailed([FieldIssue("period", _("Periode laporan paling panjang satu tahun."))])
        return cls(first, last, PeriodKind.CUSTOM)

    @classmethod
    def parse_month(cls, text: str) -> ReportPeriod:
        """"2026-11" -> November 2026; anything else is a ValidationFailed in Indonesian."""
        match = _MONTH.match(text.strip())
        if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise ValidationFailed([FieldIssue("month", _(
                "Bulan '{t}' tidak valid; tulis sebagai TTTT-BB, misalnya 2026-11.").format(t=text))])
        return cls.month(int(match.group(1)), int(match.group(2)))

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min)

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(self.last + timedelta(days=1), time.min)

    @property
    def key(self) -> str:
        """"2026-11", "2026-Q4" or "2026-11-03_2026-12-15": file names and history."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year:04d}-Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.isoformat()}_{self.last.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{MONTHS_LONG[self.first.month - 1]} {self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return _("Triwulan {q} {y}").format(q=_ROMAN[(self.first.month - 1) // 3], y=self.first.year)
        return f"{format_date(self.first)} – {format_date(self.last)}"

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM" (targets are per month)."""
        out: list[str] = []
        year, month = self.first.year, self.first.month
        while date(year, month, 1) <= self.last:
            out.append(f"{year:04d}-{month:02d}")
            year, month = add_months(year, month, 1)
        return out

    def weeks(self) -> list[tuple[date, date]]:
        """Monday-to-Sunday weeks clipped to the period: (first day, last day) each."""
        out: list[tuple[date, date]] = []
        day = self.first
        while day <= self.last:
            sunday = day + timedelta(days=6 - day.weekday())
            out.append((day, min(sunday, self.last)))
            day = sunday + timedelta(days=1)
        return out

    def trend_months(self, count: int = 6) -> list[ReportPeriod]:
        """The `count` calendar months up to the period's last month, oldest first."""
        year, month = self.last.year, self.last.month
        return [ReportPeriod.month(*add_months(year, month, -back)) for back in range(count - 1, -1, -1)]


def previous_month(today: date) -> ReportPeriod:
    """The default period of the report builder: last month."""
    return ReportPeriod.month(*add_months(today.year, today.month, -1))


def month_label(key: str) -> str:
    """"2026-11" -> "Nov 2026" (chart axes); the key itself when it is not a month."""
    match = _MONTH.match(key)
    if match is None:
        return key
    return f"{MONTHS_SHORT[int(match.group(2)) - 1]} {match.group(1)}"
