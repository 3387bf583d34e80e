"""Tests for the debt-service ratio, the affordability verdict and the largest loan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.products.affordability import (
    AMOUNT_STEP,
    assess_affordability,
    debt_service_ratio,
    max_affordable_amount,
    over_limit_text,
)
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanRequest,
    Rounding,
    simulate_loan,
)

FLAT, ANNUITY, DECLINING = InterestMethod.FLAT, InterestMethod.ANNUITY, InterestMethod.DECLINING


@pytest.mark.parametrize(
    ("installment", "others", "income", "expected"),
    [
        (3_000_000, 1_000_000, 10_000_000, Decimal("40.00")),
        (0, 0, 10_000_000, Decimal("0.00")),
        (1, 0, 3, Decimal("33.33")),
        (2, 0, 3, Decimal("66.67")),
        (1, 2, 3, Decimal("100.00")),
        (6_000_000, 0, 4_000_000, Decimal("150.00")),
        (1_000_000, 0, 0, None),
    ],
)
def test_debt_service_ratio(
    installment: int, others: int, income: int, expected: Decimal | None
) -> None:
    assert debt_service_ratio(installment, others, income) == expected


@pytest.mark.parametrize(
    ("installment", "income", "obligations", "affordable", "headroom"),
    [
        (2_500_000, 10_000_000, 1_000_000, True, 0),  # exactly at the 35% limit
        (2_500_001, 10_000_000, 1_000_000, False, -1),
        (1_000_000, 10_000_000, 0, True, 2_500_000),
        (0, 10_000_000, 4_000_000, False, -500_000),  # already over before the new loan
        (0, 0, 0, False, 0),  # no income: nothing is affordable
        (100, 999, 0, True, 249),  # 35% of 999 = 349.65, floored to 349
    ],
)
def test_assess_affordability(
    installment: int, income: int, obligations: int, affordable: bool, headroom: int
) -> None:
    result = assess_affordability(installment, income, obligations, Decimal(35))
    assert result.affordable is affordable
    assert result.headroom == headroom
    assert result.max_dsr_pct == Decimal(35)
    assert result.dsr_pct == debt_service_ratio(installment, obligations, income)
    # The limit in rupiah is for all installments together; headroom is what is left of it.
    assert result.limit_amount == income * 35 // 100
    assert result.headroom == result.limit_amount - obligations - installment


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # Budget 35% x 10M - 1M = 2.5M. Flat: 2.5M / (1/36 + 1%) = 66,176,470.
        (FLAT, 66_100_000),
        # Annuity factor 1% over 36 months = 0.0332143: 75,268,xxx.
        (ANNUITY, 75_200_000),
        # Declining, first month: 1/36 + 1% as for flat.
        (DECLINING, 66_100_000),
    ],
)
def test_max_affordable_amount_known(method: InterestMethod, expected: int) -> None:
    amount = max_affordable_amount(10_000_000, 1_000_000, Decimal(35), Decimal(12), 36, method)
    assert amount == expected


def test_nothing_affordable_when_obligations_fill_the_limit() -> None:
    assert max_affordable_amount(10_000_000, 3_500_000, Decimal(35), Decimal(12), 36, FLAT) == 0
    assert max_affordable_amount(0, 0, Decimal(35), Decimal(12), 36, ANNUITY) == 0


@pytest.mark.parametrize(
    ("income", "rate", "tenor", "method", "expected"),
    [
        # The closed form gives 200.5M, yet 200.6M's exact first installment lies within
        # Rp0,50 above the budget (Rp5.863.092) and rounds onto it: one step up.
        (19_543_641, "1.74", 36, DECLINING, 200_600_000),
        (44_936_068, "12.84", 60, FLAT, 492_600_000),
    ],
)
def test_max_affordable_amount_steps_up_when_rounding_lands_on_the_budget(
    income: int, rate: str, tenor: int, method: InterestMethod, expected: int
) -> None:
    amount = max_affordable_amount(income, 0, Decimal(30), Decimal(rate), tenor, method)
    assert amount == expected


def test_zero_rate() -> None:
    # Budget Rp1.000.000 x 12 months = Rp12.000.000 exactly.
    assert max_affordable_amount(4_000_000, 0, Decimal(25), Decimal(0), 12, ANNUITY) == 12_000_000


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: debt_service_ratio(-1, 0, 1_000), "installment"),
        (lambda: debt_service_ratio(0, -1, 1_000), "other_obligations"),
        (lambda: debt_service_ratio(0, 0, -1), "monthly_income"),
        (lambda: assess_affordability(0, 1_000, 0, Decimal(101)), "max_dsr_pct"),
        (lambda: max_affordable_amount(1_000, 0, Decimal(30), Decimal(-1), 12, FLAT), "rate_pa"),
        (lambda: max_affordable_amount(1_000, 0, Decimal(30), Decimal(5), 0, FLAT), "tenor_months"),
    ],
)
def test_bad_input(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as info:
        call()
    assert info.value.issues[0].field == field


def fits(amount: int, rate: Decimal, tenor: int, method: InterestMethod, budget: int) -> bool:
    request = LoanRequest(amount, rate, tenor, method, date(2026, 1, 1), Rounding.WHOLE)
    try:
        return simulate_loan(request).max_installment <= budget
    except ValidationFailed:  # a loan the simulator refuses (rounding repays it early) does not fit
        return False


@settings(max_examples=150, deadline=None)
@given(
    income=st.integers(1_000_000, 500_000_000),
    obligations_share=st.integers(0, 100),
    max_dsr=st.integers(1000, 6000).map(lambda bp: Decimal(bp) / 100),
    rate=st.integers(0, 4000).map(lambda bp: Decimal(bp) / 100),
    tenor=st.integers(1, 360),
    method=st.sampled_from(list(InterestMethod)),
)
def test_max_affordable_amount_is_the_largest_that_fits(
    income: int,
    obligations_share: int,
    max_dsr: Decimal,
    rate: Decimal,
    tenor: int,
    method: InterestMethod,
) -> None:
    obligations = income * obligations_share // 200  # 0-50% of income
    budget = int(Fraction(income) * Fraction(max_dsr) / 100) - obligations
    amount = max_affordable_amount(income, obligations, max_dsr, rate, tenor, method)
    assert amount % AMOUNT_STEP == 0
    assert amount >= 0
    if budget <= 0:
        assert amount == 0
        return
    if amount > 0:
        assert fits(amount, rate, tenor, method, budget)
        schedule = simulate_loan(LoanRequest(amount, rate, tenor, method, date(2026, 1, 1)))
        verdict = assess_affordability(schedule.max_installment, income, obligations, max_dsr)
        assert verdict.affordable
    assert not fits(amount + AMOUNT_STEP, rate, tenor, method, budget)


@pytest.mark.parametrize("rounding", list(Rounding))
@pytest.mark.parametrize("method", list(InterestMethod))
def test_max_affordable_amount_respects_the_rounding(
    rounding: Rounding, method: InterestMethod
) -> None:
    budget = 900_000  # 30% of Rp3.000.000
    amount = max_affordable_amount(3_000_000, 0, Decimal(30), Decimal(10), 360, method, rounding)
    assert amount > 0

    def highest(candidate: int) -> int | None:
        request = LoanRequest(candidate, Decimal(10), 360, method, date(2026, 1, 1), rounding)
        try:
            return simulate_loan(request).max_installment
        except ValidationFailed:  # rounding up would repay this amount early: not offered
            return None

    assert (highest(amount) or budget + 1) <= budget
    assert (highest(amount + AMOUNT_STEP) or budget + 1) > budget


def test_over_limit_text_says_the_limit_and_the_excess() -> None:
    over = assess_affordability(31_531_698, 8_000_000, 0, Decimal(35))
    assert over_limit_text(over) == (
        "DSR 394,15% melebihi batas produk 35%: semua angsuran paling banyak Rp2.800.000 "
        "per bulan, kelebihan Rp28.731.698 per bulan."
    )
    assert over_limit_text(assess_affordability(2_000_000, 8_000_000, 0, Decimal(35))) == ""
