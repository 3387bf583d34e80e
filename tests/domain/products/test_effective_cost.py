"""The effective annual cost of a loan: the rate that equates its installments to the
money the client actually receives after up-front fees (an IRR, in Decimal)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.products.effective_cost import (
    cheapest_by_cost,
    comparison_notes,
    effective_cost_pa,
)
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    LoanRequest,
    simulate_loan,
)

START = date(2026, 11, 27)
CENT = Decimal("0.01")


def schedule(amount: int, rate: str, tenor: int, method: InterestMethod, fees=LoanFees()):  # noqa: ANN001, B008
    return simulate_loan(LoanRequest(amount, Decimal(rate), tenor, method, START, fees=fees))


@pytest.mark.parametrize(
    ("rate", "tenor", "expected"),
    [("6", 12, Decimal("10.90")), ("10", 24, Decimal("18.16")), ("7.5", 120, Decimal("12.41"))],
)
def test_flat_without_fees_matches_the_glossary(rate: str, tenor: int, expected: Decimal) -> None:
    cost = effective_cost_pa(schedule(120_000_000, rate, tenor, InterestMethod.FLAT))
    assert abs(cost - expected) <= CENT


def test_fees_make_the_loan_dearer_than_its_rate() -> None:
    fees = LoanFees(provision_pct=Decimal(1), admin=500_000, notary=2_500_000)
    kpr = schedule(500_000_000, "8.5", 180, InterestMethod.ANNUITY, fees)
    assert kpr.net_disbursement == 492_000_000
    cost = effective_cost_pa(kpr)
    assert Decimal("8.70") < cost < Decimal("8.90")
    assert cost.as_tuple().exponent == -2


def test_a_zero_rate_loan_without_fees_costs_nothing() -> None:
    assert effective_cost_pa(schedule(12_000_000, "0", 12, InterestMethod.ANNUITY)) == 0


@settings(max_examples=60, deadline=None)
@given(
    amount=st.integers(10_000_000, 2_000_000_000),
    rate=st.decimals(Decimal("0.5"), Decimal(30), places=2),
    tenor=st.integers(1, 360),
    method=st.sampled_from(list(InterestMethod)),
    provision=st.decimals(Decimal(0), Decimal(3), places=1),
)
def test_cost_is_the_effective_rate_without_fees_and_more_with_them(
    amount: int, rate: Decimal, tenor: int, method: InterestMethod, provision: Decimal
) -> None:
    plain = schedule(amount, str(rate), tenor, method)
    # Installments are whole rupiah, so the cost differs from the exact rate by a hair.
    assert abs(effective_cost_pa(plain) - plain.effective_rate_pa) <= CENT
    with_fees = schedule(amount, str(rate), tenor, method, LoanFees(provision_pct=provision))
    if with_fees.total_fees:
        # The cost is given to the hundredth of a percent: fees of a few rupiah may not
        # move it, but fees never make a loan look cheaper.
        assert effective_cost_pa(with_fees) >= effective_cost_pa(plain)


def test_loans_of_different_tenors_are_ranked_by_cost_not_total_paid() -> None:
    kpr = schedule(300_000_000, "8.5", 180, InterestMethod.ANNUITY)
    multiguna = schedule(300_000_000, "7.5", 120, InterestMethod.FLAT)  # about 12.4% effective
    assert multiguna.total_paid < kpr.total_paid  # what misled the old ranking
    assert cheapest_by_cost([kpr, multiguna]) == 0
    notes = comparison_notes([kpr, multiguna])
    assert notes[0] == "Biaya efektif terendah: Pilihan 1 (8,50% per tahun, termasuk biaya di muka)."
    assert notes[1].startswith("Tenor berbeda (180 dan 120 bulan)")
    assert cheapest_by_cost([kpr]) is None and comparison_notes([kpr]) == []


def test_equal_costs_are_ranked_by_total_interest() -> None:
    annuity = schedule(100_000_000, "12", 12, InterestMethod.ANNUITY)
    declining = schedule(100_000_000, "12", 12, InterestMethod.DECLINING)
    assert cheapest_by_cost([annuity, declining]) == 1
    assert len(comparison_notes([annuity, declining])) == 1  # same tenor: no tenor note
