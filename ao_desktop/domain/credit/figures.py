"""The client's monthly figures as the AO writes them down from the books: a simple
income statement (laba rugi) and balance sheet (neraca), or a salary for an employee.

Figures are whole rupiah (int), never negative. Derived lines (laba kotor, laba usaha,
totals) are computed, not entered, so the sheet cannot contradict itself.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.enums import IncomeKind

# Rp1 triliun a month: beyond any micro or small business, so a slip of the keyboard.
MAX_FIGURE = 1_000_000_000_000


@dataclass(frozen=True)
class BusinessFigures:
    income_kind: IncomeKind = IncomeKind.BUSINESS
    # Laba rugi, per month
    turnover: int = 0  # omzet / penjualan
    cost_of_goods: int = 0  # HPP
    operating_costs: int = 0  # biaya operasional: wages, rent, transport, upkeep
    other_income: int = 0
    household_expenses: int = 0  # biaya rumah tangga: household, school, utilities
    other_installments: int = 0  # angsuran bank lain, as the client states them
    # Salaried clients
    net_salary: int = 0
    # Neraca
    cash: int = 0  # kas dan bank
    receivables: int = 0  # piutang
    inventory: int = 0  # persediaan
    fixed_assets: int = 0  # aset tetap: tanah, bangunan, kendaraan, mesin
    trade_payables: int = 0  # utang dagang (utang lancar)
    bank_debt: int = 0  # utang bank
    equity: int = 0  # modal

    @property
    def gross_profit(self) -> int:
        """Laba kotor = omzet − HPP."""
        return self.turnover - self.cost_of_goods

    @property
    def operating_profit(self) -> int:
        """Laba usaha = laba kotor − biaya operasional."""
        return self.gross_profit - self.operating_costs

    @property
    def current_assets(self) -> int:
        return self.cash + self.receivables + self.inventory

    @property
    def total_assets(self) -> int:
        return self.current_assets + self.fixed_assets

    @property
    def total_liabilities(self) -> int:
        return self.trade_payables + self.bank_debt

    @property
    def balance_difference(self) -> int:
        """Aset − (utang + modal): zero when the neraca balances."""
        return self.total_assets - (self.total_liabilities + self.equity)

    @property
    def monthly_income(self) -> int:
        """The income credit is judged on: net, never turnover. A business's operating
        profit plus other income; an employee's net salary plus other income."""
        if self.income_kind is IncomeKind.SALARIED:
            return self.net_salary + self.other_income
        return self.operating_profit + self.other_income


FIGURE_LABELS: dict[str, str] = {
    "turnover": "Omzet", "cost_of_goods": "Harga pokok penjualan",
    "operating_costs": "Biaya operasional", "other_income": "Pendapatan lain",
    "household_expenses": "Biaya rumah tangga", "other_installments": "Angsuran bank lain",
    "net_salary": "Gaji bersih", "cash": "Kas dan bank", "receivables": "Piutang",
    "inventory": "Persediaan", "fixed_assets": "Aset tetap", "trade_payables": "Utang dagang",
    "bank_debt": "Utang bank", "equity": "Modal",
}  # fmt: skip
MONEY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(BusinessFigures) if f.name != "income_kind")


def figure_issues(figures: BusinessFigures) -> list[FieldIssue]:
    """A figure that is not whole rupiah, negative or absurdly large."""
    issues: list[FieldIssue] = []
    for name in MONEY_FIELDS:
        value = getattr(figures, name)
        label = _(FIGURE_LABELS[name])
        if isinstance(value, bool) or not isinstance(value, int):
            issues.append(FieldIssue(name, _("{label} harus rupiah bulat.").format(label=label)))
        elif value < 0:
            issues.append(FieldIssue(name, _("{label} tidak boleh negatif.").format(label=label)))
        elif value > MAX_FIGURE:
            issues.append(FieldIssue(name, _("{label} terlalu besar.").format(label=label)))
    return issues


def balance_issue(figures: BusinessFigures) -> FieldIssue | None:
    """A warning saying by how much the neraca does not balance; None when it does."""
    diff = figures.balance_difference
    if diff == 0:
        return None
    side = _("aset lebih besar") if diff > 0 else _("utang + modal lebih besar")
    return FieldIssue("equity", _("Neraca tidak seimbang: selisih {amount} ({side}).").format(
        amount=format_rupiah(abs(diff)), side=side), False)


def check_figures(figures: BusinessFigures) -> BusinessFigures:
    issues = figure_issues(figures)
    if issues:
        raise ValidationFailed(issues)
    return figures
