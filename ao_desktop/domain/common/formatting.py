"""Indonesian display formats for money and dates (pure functions, no locale module).

The OS locale is not trusted: an AO's laptop is often set to English, yet every
screen and document must read ``Rp4.000.000`` and ``27 Nov 2026``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

# Index 0 = January, so a month number m maps to MONTHS_xxx[m - 1].
MONTHS_LONG: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)


def format_rupiah(amount: int | Decimal) -> str:
    """Format a whole-rupiah amount: ``Rp4.000.000``, ``-Rp4.000.000``, ``Rp0``.

    Decimals are rounded half-up (away from zero) to whole rupiah, as banks print them.
    Floats are refused because binary rounding would silently change money.
    """
    # bool is an int subclass; True would print as "Rp1", which is always a bug.
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(f"format_rupiah expects int or Decimal, got {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValueError(f"format_rupiah cannot format {amount}")
        amount = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    # int() above may give 0 from -0.4; the sign test on the int avoids "-Rp0".
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}Rp{grouped}"


def format_number(value: int | Decimal, places: int = 0) -> str:
    """A number for people, the Indonesian way: ``197.621``, ``0,9``, ``1.234,50``.

    Machine output (JSON, CSV) keeps Python's own form; this is for sentences and tables.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(f"format_number expects a number, got {type(value).__name__}")
    text = f"{value:,.{places}f}"  # 1,234.50
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_date(d: date | None) -> str:
    """``27 Nov 2026``; empty string for a missing date so tables show a blank cell."""
    if d is None:
        return ""
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def format_date_long(d: date | None) -> str:
    """``27 November 2026``, used in letters and reports."""
    if d is None:
        return ""
    return f"{d.day} {MONTHS_LONG[d.month - 1]} {d.year}"


def format_date_numeric(d: date | None) -> str:
    """``27/11/2026`` (day first, zero-padded), used in dense tables and forms."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_datetime(dt: datetime | None) -> str:
    """``27 Nov 2026 14:05`` (24-hour clock, no seconds)."""
    if dt is None:
        return ""
    return f"{format_date(dt)} {dt.hour:02d}:{dt.minute:02d}"


def format_pct(value: Decimal | int, places: int | None = None) -> str:
    """Indonesian percent: `7.5` -> `7,5%`, `6` -> `6%`; with `places` fixed decimals:
    `10.9` -> `10,90%`. One wording for the simulator, the product sheet and warnings."""
    number = Decimal(value)
    text = f"{number:.{places}f}" if places is not None else f"{number.normalize():f}"
    return text.replace(".", ",") + "%"
