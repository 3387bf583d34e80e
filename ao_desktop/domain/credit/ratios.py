"""The ratios an approver reads, each with its formula, and the repayment capacity.

Recomputed on every keystroke in the editor, so this stays plain Decimal arithmetic on
a handful of ints. Percentages are 2 decimals half-up; None where the divisor is 0.
Exceeding a ceiling is a warning, never a block: the approver decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.formatting import format_pct
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.figures import BusinessFigures

HUNDREDTH = Decimal("0.01")
DEFAULT_PRUDENCE_PCT = Decimal(70)  # setting: the share of spare income an instalment may take
DEFAULT_MAX_DSR_PCT = Decimal(35)  # setting, overridden by the product's own ceiling

FORMULAS: dict[str, str] = {
    "gross_margin": "Laba kotor ÷ Omzet × 100%",
    "net_margin": "Laba usaha ÷ Omzet × 100%",
    "current_ratio": "(Kas + Piutang + Persediaan) ÷ Utang dagang",
    "debt_to_equity": "(Utang dagang + Utang bank) ÷ Modal",
    "monthly_income": "Laba usaha + Pendapatan lain (usaha); Gaji bersih + Pendapatan lain (karyawan)",
    "repayment_capacity": "(Penghasilan − Biaya rumah tangga − Angsuran lain) × Porsi kehati-hatian",
    "rpc_ratio": "Angsuran baru ÷ RPC × 100%",
    "dsr": "(Angsuran lain, termasuk kredit berjalan di bank ini + Angsuran baru) ÷ Penghasilan × 100%",
    "coverage": "Nilai likuidasi agunan ÷ Plafond × 100%",
}  # fmt: skip


def formula(name: str) -> str:
    return _(FORMULAS[name])


@dataclass(frozen=True)
class CreditRatios:
    gross_margin_pct: Decimal | None
    net_margin_pct: Decimal | None
    current_ratio: Decimal | None  # times, 2 decimals
    debt_to_equity: Decimal | None  # times, 2 decimals
    monthly_income: int
    other_installments: int
    repayment_capacity: int  # rupiah; negative when costs exceed income
    rpc_ratio_pct: Decimal | None
    dsr_pct: Decimal | None
    max_dsr_pct: Decimal
    prudence_pct: Decimal
    portfolio_installments: int = 0  # the client's running loans at this bank (in other_installments)

    @property
    def rpc_exceeded(self) -> bool:
        """The new instalment is more than the capacity (or there is no capacity)."""
        return self.monthly_income > 0 and (
            self.repayment_capacity <= 0 or self.rpc_ratio_pct is None or self.rpc_ratio_pct > 100)

    @property
    def dsr_exceeded(self) -> bool:
        return self.dsr_pct is not None and self.dsr_pct > self.max_dsr_pct


def _pct(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(HUNDREDTH, ROUND_HALF_UP)


def _times(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / whole).quantize(HUNDREDTH, ROUND_HALF_UP)


def other_installments(figures: BusinessFigures, slik_installments: int,
                       portfolio_installments: int = 0) -> int:
    """Instalments already being paid: the larger of what the client states plus their
    running loans in this bank's portfolio, and what SLIK shows (SLIK lists this bank's
    loans too). Not the sum of all: they usually list the same loans, and the larger is
    the prudent reading (a koperasi loan may be missing from SLIK, a forgotten one from
    the client)."""
    return max(figures.other_installments + portfolio_installments, slik_installments)


def compute_ratios(
    figures: BusinessFigures,
    new_installment: int,
    slik_installments: int = 0,
    prudence_pct: Decimal = DEFAULT_PRUDENCE_PCT,
    max_dsr_pct: Decimal = DEFAULT_MAX_DSR_PCT,
    portfolio_installments: int = 0,
) -> CreditRatios:
    income = figures.monthly_income
    others = other_installments(figures, slik_installments, portfolio_installments)
    spare = Decimal(income - figures.household_expenses - others)
    rpc = int((spare * prudence_pct / 100).quantize(Decimal(1), ROUND_HALF_UP))
    return CreditRatios(
        gross_margin_pct=_pct(figures.gross_profit, figures.turnover),
        net_margin_pct=_pct(figures.operating_profit, figures.turnover),
        current_ratio=_times(figures.current_assets, figures.trade_payables),
        debt_to_equity=_times(figures.total_liabilities, figures.equity),
        monthly_income=income,
        other_installments=others,
        repayment_capacity=rpc,
        # The formula as written, even when expenses exceed the income and RPC is
        # negative (the ratio is then negative too): the command line's contract keeps
        # it null only while there is no income. RPC of exactly 0 has no ratio.
        # rpc_exceeded warns whenever RPC <= 0.
        rpc_ratio_pct=_pct(new_installment, rpc) if income > 0 else None,
        dsr_pct=_pct(others + new_installment, income) if income > 0 else None,
        max_dsr_pct=max_dsr_pct,
        prudence_pct=prudence_pct,
        portfolio_installments=portfolio_installments,
    )


def ratio_warnings(ratios: CreditRatios) -> list[FieldIssue]:
    """What the screen and the memo show in red: warnings, not refusals."""
    warnings: list[FieldIssue] = []
    if ratios.monthly_income <= 0:
        warnings.append(FieldIssue("monthly_income", _(
            "Penghasilan bulanan belum diisi atau tidak positif: kemampuan bayar tidak dapat dinilai."),
            False))
        return warnings
    if ratios.repayment_capacity <= 0:
        warnings.append(FieldIssue("rpc", _(
            "Tidak ada kemampuan bayar: biaya rumah tangga dan angsuran lain menghabiskan penghasilan."),
            False))
    elif ratios.rpc_exceeded:
        warnings.append(FieldIssue("rpc", _(
            "Angsuran baru melebihi RPC ({pct} dari RPC).").format(pct=format_pct(ratios.rpc_ratio_pct, 2)),
            False))
    if ratios.dsr_exceeded:
        assert ratios.dsr_pct is not None
        warnings.append(FieldIssue("dsr", _("DSR {dsr} melebihi batas produk {limit}.").format(
            dsr=format_pct(ratios.dsr_pct, 2), limit=format_pct(ratios.max_dsr_pct)), False))
    return warnings
