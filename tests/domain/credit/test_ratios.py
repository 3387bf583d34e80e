"""Ratios, RPC and DSR against hand-computed cases; the balance check."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.credit.enums import IncomeKind
from ao_desktop.domain.credit.figures import BusinessFigures, balance_issue, figure_issues
from ao_desktop.domain.credit.ratios import FORMULAS, compute_ratios, formula, ratio_warnings

WARUNG = BusinessFigures(
    turnover=30_000_000, cost_of_goods=21_000_000, operating_costs=3_500_000, other_income=500_000,
    household_expenses=2_500_000, other_installments=1_200_000, cash=5_000_000,
    receivables=2_000_000, inventory=8_000_000, fixed_assets=40_000_000, trade_payables=3_000_000,
    bank_debt=10_000_000, equity=42_000_000,
)  # fmt: skip
EMPLOYEE = BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=8_000_000,
                           household_expenses=3_000_000, other_installments=1_500_000)


@pytest.mark.parametrize(
    ("figures", "installment", "slik", "income", "others", "rpc", "rpc_ratio", "dsr"),
    [
        # 30.0M - 21.0M - 3.5M + 0.5M = 6.0M; (6.0M - 2.5M - 1.2M) x 70% = 1.61M
        (WARUNG, 530_000, 0, 6_000_000, 1_200_000, 1_610_000, "32.92", "28.83"),
        # SLIK shows more than the client said: the larger counts. (6.0 - 2.5 - 1.8) x 70%
        (WARUNG, 530_000, 1_800_000, 6_000_000, 1_800_000, 1_190_000, "44.54", "38.83"),
        # salary 8M: (8M - 3M - 1.5M) x 70% = 2.45M; 1.25M / 2.45M; (1.5M + 1.25M) / 8M
        (EMPLOYEE, 1_250_000, 0, 8_000_000, 1_500_000, 2_450_000, "51.02", "34.38"),
        # costs eat the income: negative capacity, the formula as written gives a
        # negative ratio (400k / -140k); only a missing income leaves it null
        (BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=3_000_000,
                         household_expenses=2_500_000, other_installments=700_000),
         400_000, 0, 3_000_000, 700_000, -140_000, "-285.71", "36.67"),
        # capacity of exactly 0: no ratio can be computed
        (BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=3_000_000,
                         household_expenses=2_300_000, other_installments=700_000),
         400_000, 0, 3_000_000, 700_000, 0, None, "36.67"),
        # nothing entered yet
        (BusinessFigures(), 400_000, 0, 0, 0, 0, None, None),
    ],
)
def test_rpc_and_dsr_match_hand_computation(figures, installment, slik, income, others, rpc,
                                            rpc_ratio, dsr) -> None:
    r = compute_ratios(figures, installment, slik)
    assert r.monthly_income == income
    assert r.other_installments == others
    assert r.repayment_capacity == rpc
    assert r.rpc_ratio_pct == (None if rpc_ratio is None else Decimal(rpc_ratio))
    assert r.dsr_pct == (None if dsr is None else Decimal(dsr))


def test_business_ratios_of_the_warung() -> None:
    r = compute_ratios(WARUNG, 530_000)
    assert r.gross_margin_pct == Decimal("30.00")  # 9.0M / 30.0M
    assert r.net_margin_pct == Decimal("18.33")  # 5.5M / 30.0M
    assert r.current_ratio == Decimal("5.00")  # 15M / 3M
    assert r.debt_to_equity == Decimal("0.31")  # 13M / 42M
    assert ratio_warnings(r) == []


def test_income_is_never_turnover() -> None:
    assert WARUNG.monthly_income == WARUNG.operating_profit + WARUNG.other_income
    assert WARUNG.monthly_income != WARUNG.turnover


def test_prudence_share_is_a_setting() -> None:
    assert compute_ratios(WARUNG, 530_000, prudence_pct=Decimal(60)).repayment_capacity == 1_380_000


@pytest.mark.parametrize(
    ("figures", "installment", "max_dsr", "fields"),
    [
        (WARUNG, 530_000, Decimal(35), []),
        (WARUNG, 530_000, Decimal(25), ["dsr"]),  # 28.83% over a 25% ceiling
        (WARUNG, 1_700_000, Decimal(60), ["rpc"]),  # 1.7M over RPC 1.61M
        (EMPLOYEE, 1_250_000, Decimal(30), ["dsr"]),
        (BusinessFigures(), 100_000, Decimal(35), ["monthly_income"]),
    ],
)
def test_exceeding_a_ceiling_warns_and_does_not_block(figures, installment, max_dsr, fields) -> None:
    warnings = ratio_warnings(compute_ratios(figures, installment, max_dsr_pct=max_dsr))
    assert [w.field for w in warnings] == fields
    assert not any(w.is_error for w in warnings)


def test_every_ratio_has_its_formula() -> None:
    assert set(FORMULAS) == {"gross_margin", "net_margin", "current_ratio", "debt_to_equity",
                             "monthly_income", "repayment_capacity", "rpc_ratio", "dsr", "coverage"}
    assert all(set("÷×+−") & set(formula(name)) for name in FORMULAS)


def test_balanced_sheet_has_no_issue_and_an_unbalanced_one_says_by_how_much() -> None:
    assert balance_issue(WARUNG) is None
    issue = balance_issue(replace(WARUNG, equity=40_750_000))
    assert issue is not None and not issue.is_error
    assert "Rp1.250.000" in issue.message and "aset lebih besar" in issue.message
    issue = balance_issue(replace(WARUNG, equity=43_000_000))
    assert issue is not None and "Rp1.000.000" in issue.message and "utang + modal" in issue.message


@pytest.mark.parametrize("field", ["turnover", "household_expenses", "equity", "net_salary"])
def test_negative_figure_is_refused(field: str) -> None:
    issues = figure_issues(replace(WARUNG, **{field: -1}))
    assert [i.field for i in issues] == [field]
    assert "negatif" in issues[0].message


def test_float_figure_is_refused() -> None:
    assert [i.field for i in figure_issues(replace(WARUNG, cash=1.5))] == ["cash"]  # type: ignore[arg-type]


money = st.integers(min_value=0, max_value=10_000_000_000)


@given(salary=st.integers(min_value=1, max_value=10_000_000_000), others=money, new=money)
def test_dsr_is_all_instalments_over_income_within_rounding(salary: int, others: int, new: int) -> None:
    figures = BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=salary, other_installments=others)
    dsr = compute_ratios(figures, new).dsr_pct
    assert dsr is not None
    assert abs(dsr * salary / 100 - (others + new)) <= Decimal("0.005") * salary


@given(salary=money, household=money, others=money, share=st.integers(min_value=0, max_value=100))
def test_rpc_is_the_share_of_spare_income(salary: int, household: int, others: int, share: int) -> None:
    figures = BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=salary,
                              household_expenses=household, other_installments=others)
    rpc = compute_ratios(figures, 0, prudence_pct=Decimal(share)).repayment_capacity
    exact = Decimal(salary - household - others) * share / 100
    assert abs(rpc - exact) <= Decimal("0.5")


@given(values=st.lists(money, min_size=7, max_size=7))
def test_balance_difference_is_assets_minus_liabilities_and_equity(values: list[int]) -> None:
    cash, rec, inv, fixed, pay, bank, equity = values
    f = BusinessFigures(cash=cash, receivables=rec, inventory=inv, fixed_assets=fixed,
                        trade_payables=pay, bank_debt=bank, equity=equity)
    assert f.balance_difference == cash + rec + inv + fixed - pay - bank - equity
    assert (balance_issue(f) is None) == (f.balance_difference == 0)


def test_no_capacity_warns_even_with_a_negative_ratio() -> None:
    spent = BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=3_000_000,
                            household_expenses=2_500_000, other_installments=700_000)
    r = compute_ratios(spent, 400_000)
    assert r.rpc_ratio_pct == Decimal("-285.71") and r.rpc_exceeded
    assert [w.field for w in ratio_warnings(r)] == ["rpc", "dsr"]
    assert "Tidak ada kemampuan bayar" in ratio_warnings(r)[0].message
