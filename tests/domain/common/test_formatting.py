"""Tests for Indonesian money and date formatting."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.common.formatting import (
    MONTHS_LONG,
    MONTHS_SHORT,
    format_date,
    format_date_long,
    format_date_numeric,
    format_datetime,
    format_rupiah,
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Rp0"),
        (1, "Rp1"),
        (999, "Rp999"),
        (1000, "Rp1.000"),
        (4_000_000, "Rp4.000.000"),
        (-4_000_000, "-Rp4.000.000"),
        (-1, "-Rp1"),
        (1_234_567_890_123, "Rp1.234.567.890.123"),
        (Decimal("1500"), "Rp1.500"),
        (Decimal("1500.49"), "Rp1.500"),
        (Decimal("1500.5"), "Rp1.501"),  # half-up, not banker's rounding
        (Decimal("2.5"), "Rp3"),
        (Decimal("-2.5"), "-Rp3"),  # half away from zero
        (Decimal("-0.4"), "Rp0"),  # no "-Rp0"
        (Decimal("-0"), "Rp0"),
        (Decimal("1E+6"), "Rp1.000.000"),
        (Decimal("999.5"), "Rp1.000"),
    ],
)
def test_format_rupiah(amount: int | Decimal, expected: str) -> None:
    assert format_rupiah(amount) == expected


@pytest.mark.parametrize("amount", [1.5, 1000.0, True, "1000", None])
def test_format_rupiah_refuses_non_exact_types(amount: object) -> None:
    with pytest.raises(TypeError):
        format_rupiah(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_format_rupiah_refuses_non_finite(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        format_rupiah(amount)


@given(st.integers())
def test_format_rupiah_round_trips(amount: int) -> None:
    text = format_rupiah(amount)
    assert int(text.replace("Rp", "").replace(".", "")) == amount
    # Thousands groups are exactly three digits after the first.
    groups = text.lstrip("-").removeprefix("Rp").split(".")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(g) == 3 for g in groups[1:])


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_rupiah_decimal_half_up(amount: int) -> None:
    assert format_rupiah(Decimal(amount)) == format_rupiah(amount)
    half = Decimal("0.5") if amount >= 0 else Decimal("-0.5")
    away = amount + 1 if amount >= 0 else amount - 1
    assert format_rupiah(Decimal(amount) + half) == format_rupiah(away)
    assert format_rupiah(Decimal(amount) + half / 2) == format_rupiah(amount)


def test_month_tables() -> None:
    assert len(MONTHS_LONG) == len(MONTHS_SHORT) == 12
    assert MONTHS_LONG[0] == "Januari" and MONTHS_LONG[11] == "Desember"
    assert MONTHS_SHORT == (
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("month", "short", "long"),
    [
        (1, "Jan", "Januari"),
        (2, "Feb", "Februari"),
        (3, "Mar", "Maret"),
        (4, "Apr", "April"),
        (5, "Mei", "Mei"),
        (6, "Jun", "Juni"),
        (7, "Jul", "Juli"),
        (8, "Agu", "Agustus"),
        (9, "Sep", "September"),
        (10, "Okt", "Oktober"),
        (11, "Nov", "November"),
        (12, "Des", "Desember"),
    ],
)
def test_month_names(month: int, short: str, long: str) -> None:
    d = date(2026, month, 7)
    assert format_date(d) == f"7 {short} 2026"
    assert format_date_long(d) == f"7 {long} 2026"
    assert format_date_numeric(d) == f"07/{month:02d}/2026"


@pytest.mark.parametrize(
    ("func", "expected"),
    [
        (format_date, "27 Nov 2026"),
        (format_date_long, "27 November 2026"),
        (format_date_numeric, "27/11/2026"),
    ],
)
def test_date_formats(func, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert func(date(2026, 11, 27)) == expected
    assert func(None) == ""


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2026, 11, 27, 14, 5), "27 Nov 2026 14:05"),
        (datetime(2026, 1, 1, 0, 0, 59), "1 Jan 2026 00:00"),
        (datetime(2026, 12, 31, 23, 59), "31 Des 2026 23:59"),
        (None, ""),
    ],
)
def test_format_datetime(dt: datetime | None, expected: str) -> None:
    assert format_datetime(dt) == expected


def test_format_date_accepts_datetime() -> None:
    assert format_date(datetime(2026, 11, 27, 14, 5)) == "27 Nov 2026"


@given(st.dates())
def test_date_formats_agree(d: date) -> None:
    day, month, year = format_date_long(d).split()
    assert (int(day), MONTHS_LONG.index(month) + 1, int(year)) == (d.day, d.month, d.year)
    day, month, year = format_date(d).split()
    assert (int(day), MONTHS_SHORT.index(month) + 1, int(year)) == (d.day, d.month, d.year)
    day, month, year = format_date_numeric(d).split("/")
    assert date(int(year), int(month), int(day)) == d
