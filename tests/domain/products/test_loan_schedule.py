"""Tests for the loan schedule: known figures, exact totals, rounding, dates, bad input.

The reference values in the property tests are computed with ``fractions.Fraction`` (exact
rationals), independently of the module's ``Decimal`` arithmetic.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    LoanRequest,
    Rounding,
    add_months,
    method_label,
    simulate_loan,
)
from ao_desktop.domain.products.rate_conversion import effective_to_flat

FLAT, ANNUITY, DECLINING = InterestMethod.FLAT, InterestMethod.ANNUITY, InterestMethod.DECLINING
START = date(2026, 1, 15)


def loan(
    amount: int = 12_000_000,
    rate: str | Decimal = "12",
    tenor: int = 12,
    method: InterestMethod = ANNUITY,
    start: date = START,
    rounding: Rounding = Rounding.WHOLE,
    fees: LoanFees | None = None,
) -> LoanRequest:
    return LoanRequest(amount, Decimal(rate), tenor, method, start, rounding, fees or LoanFees())


def half_up(x: Fraction) -> int:
    """Independent half-up rounding of a non-negative rational."""
    return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))


def annuity_payment(amount: int, rate_pa: Decimal, n: int) -> Fraction:
    """Closed formula P*r / (1 - (1+r)^-n), exactly."""
    r = Fraction(rate_pa) / 1200
    if r == 0:
        return Fraction(amount, n)
    return amount * r / (1 - (1 + r) ** -n)


# --- known cases -----------------------------------------------------------------------

KNOWN = [
    # method, amount, rate, tenor, first, last, total interest
    (FLAT, 12_000_000, "12", 12, 1_120_000, 1_120_000, 1_440_000),
    (ANNUITY, 12_000_000, "12", 12, 1_066_185, 1_066_191, 794_226),
    (DECLINING, 12_000_000, "12", 12, 1_120_000, 1_010_000, 780_000),
    (FLAT, 12_000_000, "0", 12, 1_000_000, 1_000_000, 0),
    (ANNUITY, 12_000_000, "0", 12, 1_000_000, 1_000_000, 0),
    (DECLINING, 12_000_000, "0", 12, 1_000_000, 1_000_000, 0),
    # 10M/3 = 3,333,333.33 + 83,333.33 -> 3,416,667; the last takes the remainder.
    (FLAT, 10_000_000, "10", 3, 3_416_667, 3_416_665, 249_999),
    (ANNUITY, 5_000_000, "6", 1, 5_025_000, 5_025_000, 25_000),
    # 257.775 x 40% / 12 = 8.592,5 exactly: half-up gives 8.593 (40/1200 is no finite decimal).
    (FLAT, 257_775, "40", 1, 266_368, 266_368, 8_593),
    (DECLINING, 257_775, "40", 1, 266_368, 266_368, 8_593),
]


@pytest.mark.parametrize(("method", "amount", "rate", "tenor", "first", "last", "interest"), KNOWN)
def test_known_schedules(
    method: InterestMethod, amount: int, rate: str, tenor: int, first: int, last: int, interest: int
) -> None:
    schedule = simulate_loan(loan(amount, rate, tenor, method))
    assert schedule.first_installment == first
    assert schedule.installments[-1].installment == last
    assert schedule.total_interest == interest
    assert schedule.total_paid == amount + interest
    assert len(schedule.installments) == tenor


def test_declining_has_equal_principal_and_falling_installments() -> None:
    rows = simulate_loan(loan(method=DECLINING)).installments
    assert {row.principal for row in rows} == {1_000_000}
    assert [row.interest for row in rows][:3] == [120_000, 110_000, 100_000]
    assert all(a.installment > b.installment for a, b in zip(rows, rows[1:], strict=False))


def test_rounding_up_to_1000_makes_round_installments_and_a_smaller_last_one() -> None:
    rows = simulate_loan(loan(rounding=Rounding.UP_1000)).installments
    assert {row.installment for row in rows[:-1]} == {1_067_000}
    assert rows[-1].installment < 1_067_000
    assert sum(row.principal for row in rows) == 12_000_000


def test_rounding_up_to_100() -> None:
    rows = simulate_loan(loan(rounding=Rounding.UP_100)).installments
    assert {row.installment for row in rows[:-1]} == {1_066_200}


def test_max_installment_is_the_first_for_declining_and_the_last_for_annuity() -> None:
    assert simulate_loan(loan(method=DECLINING)).max_installment == 1_120_000
    assert simulate_loan(loan(method=ANNUITY)).max_installment == 1_066_191


@pytest.mark.parametrize(
    ("rate", "tenor", "effective"),
    [("6", 12, Decimal("10.90")), ("10", 24, Decimal("18.16")), ("12", 1, Decimal("12.00"))],
)
def test_flat_effective_rate(rate: str, tenor: int, effective: Decimal) -> None:
    schedule = simulate_loan(loan(rate=rate, tenor=tenor, method=FLAT))
    assert schedule.effective_rate_pa == effective
    assert schedule.flat_equivalent_pa == Decimal(rate)
    # Two decimals, as shown: 12 -> "12.00".
    assert str(schedule.effective_rate_pa) == str(effective)
    assert str(schedule.flat_equivalent_pa) == f"{Decimal(rate):.2f}"


def test_annuity_and_declining_rates() -> None:
    annuity = simulate_loan(loan(rate="11.5", tenor=60, method=ANNUITY))
    assert annuity.effective_rate_pa == Decimal("11.50")
    assert annuity.flat_equivalent_pa == effective_to_flat(Decimal("11.5"), 60)
    declining = simulate_loan(loan(rate="12", tenor=12, method=DECLINING))
    assert declining.effective_rate_pa == Decimal("12.00")
    # Same total interest as flat 6.5%: 12% x 13 / 24.
    assert declining.flat_equivalent_pa == Decimal("6.50")


def test_fees_and_net_disbursement() -> None:
    fees = LoanFees(Decimal("1"), 500_000, Decimal("0.5"), 1_000_000)
    schedule = simulate_loan(loan(amount=100_000_000, fees=fees))
    assert schedule.total_fees == 1_000_000 + 500_000 + 500_000 + 1_000_000
    assert schedule.net_disbursement == 97_000_000


def test_fees_above_the_amount_are_refused() -> None:
    with pytest.raises(ValidationFailed) as info:
        simulate_loan(loan(fees=LoanFees(admin=12_000_001)))
    assert info.value.issues[0].field == "fees"


def test_method_labels_are_indonesian() -> None:
    assert [method_label(m) for m in InterestMethod] == [
        "Bunga flat",
        "Efektif anuitas",
        "Efektif menurun",
    ]


# --- due dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 1, 31), [date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]),
        (date(2025, 1, 31), [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]),
        (date(2025, 11, 30), [date(2025, 12, 30), date(2026, 1, 30), date(2026, 2, 28)]),
        (date(2025, 12, 15), [date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)]),
    ],
)
def test_due_dates_clamp_to_month_end_without_drifting(start: date, expected: list[date]) -> None:
    rows = simulate_loan(loan(tenor=3, start=start)).installments
    assert [row.due_date for row in rows] == expected


# --- bad input -------------------------------------------------------------------------

BAD = [
    ({"amount": 0}, "amount", "Jumlah pinjaman harus lebih dari Rp0"),
    ({"amount": -5_000_000}, "amount", "Jumlah pinjaman harus lebih dari Rp0"),
    ({"amount": 1.5}, "amount", "Jumlah pinjaman harus lebih dari Rp0"),
    ({"rate": Decimal("-0.01")}, "rate_pa", "Suku bunga harus antara 0% dan 100% per tahun"),
    ({"rate": Decimal("100.01")}, "rate_pa", "Suku bunga harus antara 0% dan 100% per tahun"),
    ({"rate": 12.0}, "rate_pa", "Suku bunga harus antara 0% dan 100% per tahun"),
    ({"rate": Decimal("NaN")}, "rate_pa", "Suku bunga harus antara 0% dan 100% per tahun"),
    ({"tenor": 0}, "tenor_months", "Tenor harus 1 sampai 600 bulan"),
    ({"tenor": 601}, "tenor_months", "Tenor harus 1 sampai 600 bulan"),
    ({"start": None}, "start_date", "Tanggal mulai wajib diisi"),
    ({"fees": LoanFees(provision_pct=Decimal(101))}, "provision_pct", None),
    ({"fees": LoanFees(admin=-1)}, "admin", None),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD)
def test_bad_input_names_the_field(change: dict[str, object], field: str, message: str) -> None:
    values: dict[str, object] = {"amount": 12_000_000, "rate": Decimal(12), "tenor": 12}
    values["start"], values["fees"] = START, LoanFees()
    values.update(change)
    request = LoanRequest(
        values["amount"],  # type: ignore[arg-type]
        values["rate"],  # type: ignore[arg-type]
        values["tenor"],  # type: ignore[arg-type]
        ANNUITY,
        values["start"],  # type: ignore[arg-type]
        Rounding.WHOLE,
        values["fees"],  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationFailed) as info:
        simulate_loan(request)
    assert [issue.field for issue in info.value.issues] == [field]
    assert info.value.issues[0].is_error
    if message:
        assert info.value.issues[0].message == message


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as info:
        simulate_loan(loan(amount=0, rate=Decimal(-1), tenor=0))
    assert [i.field for i in info.value.issues] == ["amount", "rate_pa", "tenor_months"]


def test_rounding_that_repays_early_is_refused() -> None:
    # Rp1.000.000 over 360 months is Rp2.778 a month; Rp3.000 repays it after 334 months.
    with pytest.raises(ValidationFailed) as info:
        simulate_loan(loan(1_000_000, "0", 360, ANNUITY, rounding=Rounding.UP_1000))
    assert info.value.issues[0].field == "rounding"
    with pytest.raises(ValidationFailed) as info:
        simulate_loan(loan(400, "0", 600, FLAT))  # Rp0,67 rounds to Rp1 a month
    assert info.value.issues[0].field == "tenor_months"
    with pytest.raises(ValidationFailed) as info:
        # Found by hypothesis: half a rupiah a month compounding at 3% for 283 months.
        simulate_loan(loan(1_000_000, "36.52", 283, ANNUITY))
    assert info.value.issues[0].field == "tenor_months"


# --- properties ------------------------------------------------------------------------

requests = st.builds(
    loan,
    amount=st.integers(1_000_000, 5_000_000_000),
    rate=st.integers(0, 4000).map(lambda bp: Decimal(bp) / 100),
    tenor=st.integers(1, 360),
    method=st.sampled_from(list(InterestMethod)),
    start=st.dates(date(2000, 1, 1), date(2090, 12, 31)),
    rounding=st.sampled_from(list(Rounding)),
)


def exact_installment(request: LoanRequest, opening_balance: int) -> Fraction:
    amount, n = request.amount, request.tenor_months
    r = Fraction(request.rate_pa) / 1200
    if request.method is FLAT:
        return Fraction(amount, n) + amount * r
    if request.method is ANNUITY:
        return annuity_payment(amount, request.rate_pa, n)
    return Fraction(amount, n) + opening_balance * r


@settings(max_examples=300, deadline=None)
@given(requests)
def test_schedule_properties(request: LoanRequest) -> None:
    n, step = request.tenor_months, int(request.rounding.value)
    r = Fraction(request.rate_pa) / 1200
    try:
        schedule = simulate_loan(request)
    except ValidationFailed as exc:
        # Repaid before the last month: each month's rounding (< step, plus < Rp0,50 on the
        # interest) is repaid early and compounds at most like (1+r)^n; only when that can
        # exceed the last month's exact principal.
        field = "tenor_months" if request.rounding is Rounding.WHOLE else "rounding"
        assert [i.field for i in exc.issues] == [field]
        last_share = annuity_payment(request.amount, request.rate_pa, n) / (1 + r)
        if request.method is not ANNUITY:
            last_share = Fraction(request.amount, n)
        assert (n - 1) * (step + 1) * (1 + r) ** n >= last_share
        return
    rows = schedule.installments
    assert [row.no for row in rows] == list(range(1, n + 1))
    assert sum(row.principal for row in rows) == request.amount
    assert rows[-1].balance == 0
    assert schedule.total_interest == sum(row.interest for row in rows)
    assert schedule.total_paid == request.amount + schedule.total_interest
    assert schedule.total_paid == sum(row.installment for row in rows)
    assert schedule.net_disbursement == request.amount  # no fees
    opening = request.amount
    for row in rows:
        assert row.installment == row.principal + row.interest
        assert row.principal >= 0 and row.interest >= 0
        assert 0 <= row.balance <= opening
        assert row.balance == opening - row.principal
        if request.method is FLAT:
            assert row.interest == half_up(request.amount * r)
        else:
            assert row.interest == half_up(opening * r)
        if row.no < n:
            diff = row.installment - exact_installment(request, opening)
            if request.rounding is Rounding.WHOLE:
                assert abs(diff) <= 1
            else:
                assert 0 <= diff < step
                assert row.installment % step == 0
        opening = row.balance
    if request.method is ANNUITY:
        assert len({row.installment for row in rows[:-1]}) <= 1
        if n > 1 and request.rounding is Rounding.WHOLE:
            payment = annuity_payment(request.amount, request.rate_pa, n)
            assert rows[0].installment == half_up(payment)
    if request.method is FLAT:
        assert len({row.interest for row in rows}) == 1
    if request.method is DECLINING and request.rounding is Rounding.WHOLE:
        assert len({row.principal for row in rows[:-1]}) <= 1
    assert schedule.max_installment == max(row.installment for row in rows)
    assert schedule.first_installment == rows[0].installment


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(1, 600))
def test_due_dates_increase_and_keep_the_start_day(start: date, tenor: int) -> None:
    rows = simulate_loan(loan(tenor=tenor, start=start, rate="0", amount=600_000_000)).installments
    dates = [row.due_date for row in rows]
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    for k, due in enumerate(dates, start=1):
        months = start.year * 12 + start.month - 1 + k
        assert (due.year, due.month) == (months // 12, months % 12 + 1)
        assert due.day == min(start.day, calendar.monthrange(due.year, due.month)[1])
        assert due == add_months(start, k)


def test_exact_halves_round_up() -> None:
    # Found by hypothesis: 231.493.086 / 284 is exactly 815.116,5, but 1/284 has no finite
    # decimal, so multiplying by it first would land just below the half and round down.
    schedule = simulate_loan(loan(231_493_086, "0", 284, ANNUITY))
    assert schedule.first_installment == 815_117
    assert sum(row.principal for row in schedule.installments) == 231_493_086
