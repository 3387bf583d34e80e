"""Tests for flat <-> effective rate conversion, checked against exact rational arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.products.rate_conversion import effective_to_flat, flat_to_effective

rates = st.integers(0, 10_000).map(lambda bp: Decimal(bp) / 100)
tenors = st.integers(1, 600)


def annuity_factor(rate_pa: Fraction, n: int) -> Fraction:
    r = rate_pa / 1200
    return Fraction(1, n) if r == 0 else r / (1 - (1 + r) ** -n)


def flat_factor(rate_pa: Fraction, n: int) -> Fraction:
    return Fraction(1, n) + rate_pa / 1200


@pytest.mark.parametrize(
    ("flat", "tenor", "effective"),
    [
        ("6", 12, "10.90"),
        ("10", 24, "18.16"),
        ("0", 36, "0.00"),
        ("7.5", 1, "7.50"),  # over one month flat and effective coincide
        ("100", 1, "100.00"),
    ],
)
def test_flat_to_effective_known(flat: str, tenor: int, effective: str) -> None:
    assert flat_to_effective(Decimal(flat), tenor) == Decimal(effective)


@pytest.mark.parametrize(
    ("effective", "tenor", "flat"),
    [("10.90", 12, "6.00"), ("18.16", 24, "10.00"), ("0", 60, "0.00"), ("12", 1, "12.00")],
)
def test_effective_to_flat_known(effective: str, tenor: int, flat: str) -> None:
    assert effective_to_flat(Decimal(effective), tenor) == Decimal(flat)


def test_results_have_two_decimals() -> None:
    assert flat_to_effective(Decimal("6.123"), 12).as_tuple().exponent == -2
    assert effective_to_flat(Decimal("10"), 12).as_tuple().exponent == -2


@settings(max_examples=200, deadline=None)
@given(rates, tenors)
def test_effective_rate_gives_the_flat_installment(flat: Decimal, n: int) -> None:
    """Exact check: the flat installment lies between the annuity installments at E +- 0.005."""
    effective = Fraction(flat_to_effective(flat, n))
    target = flat_factor(Fraction(flat), n)
    half = Fraction(1, 200)
    assert annuity_factor(max(effective - half, Fraction(0)), n) <= target
    assert target <= annuity_factor(effective + half, n)
    assert effective >= Fraction(flat)


@settings(max_examples=200, deadline=None)
@given(rates, tenors)
def test_effective_to_flat_matches_the_closed_formula(effective: Decimal, n: int) -> None:
    exact = (annuity_factor(Fraction(effective), n) - Fraction(1, n)) * 1200
    assert abs(Fraction(effective_to_flat(effective, n)) - exact) <= Fraction(1, 200)


@settings(max_examples=200, deadline=None)
@given(rates, tenors)
def test_round_trip_flat_effective_flat(flat: Decimal, n: int) -> None:
    assert abs(effective_to_flat(flat_to_effective(flat, n), n) - flat) <= Decimal("0.01")


@settings(max_examples=200, deadline=None)
@given(rates, tenors)
def test_round_trip_effective_flat_effective(effective: Decimal, n: int) -> None:
    # The flat rate moves at most twice as slowly as the effective rate, so rounding the
    # flat rate to 0.005 can move the effective rate back by up to 0.01, plus its own 0.005.
    assert abs(flat_to_effective(effective_to_flat(effective, n), n) - effective) <= Decimal(
        "0.015"
    )


@settings(max_examples=100, deadline=None)
@given(rates, rates, tenors)
def test_conversion_is_monotonic(a: Decimal, b: Decimal, n: int) -> None:
    low, high = sorted((a, b))
    assert flat_to_effective(low, n) <= flat_to_effective(high, n)
    assert effective_to_flat(low, n) <= effective_to_flat(high, n)


@pytest.mark.parametrize("function", [flat_to_effective, effective_to_flat])
@pytest.mark.parametrize(
    ("rate", "tenor", "field"),
    [
        (Decimal("-1"), 12, "rate_pa"),
        (Decimal("200.01"), 12, "rate_pa"),
        (6.0, 12, "rate_pa"),
        (Decimal(6), 0, "tenor_months"),
        (Decimal(6), 601, "tenor_months"),
    ],
)
def test_bad_input(function, rate: object, tenor: int, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as info:
        function(rate, tenor)
    assert info.value.issues[0].field == field


def test_flat_rates_above_100_are_refused_but_effective_up_to_200_convert() -> None:
    with pytest.raises(ValidationFailed) as info:
        flat_to_effective(Decimal("100.01"), 12)
    assert info.value.issues[0].message == "Suku bunga harus antara 0% dan 100% per tahun"
    assert flat_to_effective(Decimal(100), 7) == Decimal("156.14")
    assert effective_to_flat(Decimal("156.14"), 7) == Decimal("100.00")
