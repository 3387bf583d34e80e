"""Tests for the time-deposit simulator: actual/365 interest, final tax, ARO, LPS warnings."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.products.deposit import DepositRequest, DepositRules, simulate_deposit

LPS_RATE_WARNING = (
    "Suku bunga di atas tingkat bunga penjaminan LPS (3,75%): simpanan tidak dijamin LPS"
)


def half_up(x: Fraction) -> int:
    return int(x + Fraction(1, 2))


@pytest.mark.parametrize(
    ("amount", "rate", "tenor", "start", "maturity", "days", "gross", "tax"),
    [
        # 10M x 4.5% x 28/365 = 34,520.55; tax 20% = 6,904.11.
        (10_000_000, "4.5", 1, date(2026, 1, 31), date(2026, 2, 28), 28, 34_521, 6_904),
        # 100M x 3.5% x 90/365 = 863,013.70; tax 172,602.74.
        (100_000_000, "3.5", 3, date(2026, 1, 15), date(2026, 4, 15), 90, 863_014, 172_603),
        # At the threshold: no tax. A leap year has 366 days between the dates.
        (7_500_000, "3", 12, date(2027, 6, 1), date(2028, 6, 1), 366, 225_616, 0),
        (7_500_001, "3", 12, date(2026, 1, 1), date(2027, 1, 1), 365, 225_000, 45_000),
        (50_000_000, "0", 6, date(2026, 3, 10), date(2026, 9, 10), 184, 0, 0),
    ],
)
def test_known_deposits(
    amount: int,
    rate: str,
    tenor: int,
    start: date,
    maturity: date,
    days: int,
    gross: int,
    tax: int,
) -> None:
    result = simulate_deposit(DepositRequest(amount, Decimal(rate), tenor, start))
    assert result.maturity_date == maturity
    assert result.days == days
    assert result.gross_interest == gross
    assert result.tax == tax
    assert result.net_interest == gross - tax
    assert result.value_at_maturity == amount + gross - tax
    assert len(result.periods) == 1


def test_aro_compounds_net_interest_and_keeps_the_month_end() -> None:
    request = DepositRequest(10_000_000, Decimal("4.5"), 1, date(2026, 1, 31), True, 3)
    periods = simulate_deposit(request).periods
    assert [p.maturity_date for p in periods] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]
    assert [p.opening_balance for p in periods[:2]] == [10_000_000, 10_027_617]
    # 10,027,617 x 4.5% x 31/365 = 38,325.38 gross; tax 7,665.08.
    assert (periods[1].gross_interest, periods[1].tax) == (38_325, 7_665)


def test_tax_and_lps_figures_are_settings() -> None:
    rules = DepositRules(tax_pct=Decimal(10), tax_free_threshold=0, lps_max_rate_pa=Decimal(5))
    result = simulate_deposit(
        DepositRequest(1_000_000, Decimal("4.5"), 12, date(2026, 1, 1)), rules
    )
    assert result.gross_interest == 45_000
    assert result.tax == 4_500
    assert result.warnings == ()
    assert result.lps_guaranteed


@pytest.mark.parametrize(
    ("rate", "rules", "expected"),
    [
        ("3.75", DepositRules(), ()),
        ("3.76", DepositRules(), (LPS_RATE_WARNING,)),
        (
            "6.5",
            DepositRules(lps_max_rate_pa=Decimal("6.25")),
            (LPS_RATE_WARNING.replace("3,75%", "6,25%"),),
        ),
        (
            "7",
            DepositRules(lps_max_rate_pa=Decimal("6")),
            (LPS_RATE_WARNING.replace("3,75%", "6%"),),
        ),
    ],
)
def test_lps_rate_warning(rate: str, rules: DepositRules, expected: tuple[str, ...]) -> None:
    result = simulate_deposit(DepositRequest(5_000_000, Decimal(rate), 1, date(2026, 1, 1)), rules)
    assert result.warnings == expected
    assert result.lps_guaranteed is (expected == ())


def test_balance_above_the_lps_limit_is_warned() -> None:
    at_limit = simulate_deposit(DepositRequest(2_000_000_000, Decimal(3), 1, date(2026, 1, 1)))
    assert at_limit.warnings == ()
    above = simulate_deposit(DepositRequest(2_000_000_001, Decimal(3), 1, date(2026, 1, 1)))
    assert above.warnings == (
        "Nominal di atas Rp2.000.000.000: hanya Rp2.000.000.000 yang dijamin LPS",
    )


def test_aro_growing_above_the_lps_limit_is_warned() -> None:
    request = DepositRequest(1_990_000_000, Decimal(3), 12, date(2026, 1, 1), True, 2)
    result = simulate_deposit(request)
    assert result.periods[1].opening_balance > 2_000_000_000
    one_period = simulate_deposit(DepositRequest(1_990_000_000, Decimal(3), 12, date(2026, 1, 1)))
    assert one_period.warnings == ()  # interest above the limit alone is not flagged
    assert result.warnings == (
        "Dengan ARO saldo melebihi Rp2.000.000.000 mulai periode ke-2: "
        "hanya Rp2.000.000.000 yang dijamin LPS",
    )


BAD = [
    ({"amount": 0}, "amount"),
    ({"amount": -1}, "amount"),
    ({"rate_pa": Decimal("-0.5")}, "rate_pa"),
    ({"rate_pa": Decimal("100.5")}, "rate_pa"),
    ({"tenor_months": 0}, "tenor_months"),
    ({"tenor_months": 61}, "tenor_months"),
    ({"rollovers": 2}, "rollovers"),  # not ARO
    ({"aro": True, "rollovers": -1}, "rollovers"),
    ({"start_date": None}, "start_date"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_bad_input(change: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "amount": 10_000_000,
        "rate_pa": Decimal(3),
        "tenor_months": 3,
        "start_date": date(2026, 1, 1),
    }
    values.update(change)
    with pytest.raises(ValidationFailed) as info:
        simulate_deposit(DepositRequest(**values))  # type: ignore[arg-type]
    assert [issue.field for issue in info.value.issues] == [field]


def test_bad_rules_are_refused() -> None:
    request = DepositRequest(10_000_000, Decimal(3), 3, date(2026, 1, 1))
    with pytest.raises(ValidationFailed) as info:
        simulate_deposit(request, DepositRules(tax_pct=Decimal(120), tax_free_threshold=-1))
    assert [i.field for i in info.value.issues] == ["tax_pct", "tax_free_threshold"]


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(1_000_000, 5_000_000_000),
    rate=st.integers(0, 1500).map(lambda bp: Decimal(bp) / 100),
    tenor=st.sampled_from([1, 3, 6, 12, 24]),
    start=st.dates(date(2000, 1, 1), date(2090, 12, 31)),
    rollovers=st.integers(0, 12),
)
def test_deposit_properties(
    amount: int, rate: Decimal, tenor: int, start: date, rollovers: int
) -> None:
    rules = DepositRules()
    result = simulate_deposit(DepositRequest(amount, rate, tenor, start, True, rollovers), rules)
    periods = result.periods
    assert len(periods) == rollovers + 1
    assert result.value_at_maturity == periods[0].closing_balance
    opening, period_start = amount, start
    for k, period in enumerate(periods, start=1):
        assert period.no == k
        assert period.start_date == period_start
        assert period.opening_balance == opening
        assert period.days == (period.maturity_date - period.start_date).days > 0
        months = start.year * 12 + start.month - 1 + k * tenor
        due = period.maturity_date
        assert (due.year, due.month) == (months // 12, months % 12 + 1)
        assert due.day == min(start.day, calendar.monthrange(due.year, due.month)[1])
        exact = Fraction(opening) * Fraction(rate) * period.days / (100 * 365)
        assert period.gross_interest == half_up(exact)
        if opening > rules.tax_free_threshold:
            assert period.tax == half_up(period.gross_interest * Fraction(rules.tax_pct) / 100)
        else:
            assert period.tax == 0
        assert period.net_interest == period.gross_interest - period.tax
        assert period.closing_balance == opening + period.net_interest >= opening
        opening, period_start = period.closing_balance, period.maturity_date
    assert (LPS_RATE_WARNING in result.warnings) is (rate > Decimal("3.75"))
