"""A bank product as the AO explains it: what it is, who may have it, what it costs.

Loan products carry their rate method, ranges and fees so the simulator can be driven
by the product; KUR products carry a tiered rate rule (the rate rises with each use).
A product's terms have a version and an effective date, printed on every product sheet
so a sheet can be traced to the terms in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanFees, Rounding


class ProductKind(StrEnum):
    LOAN = "kredit"
    DEPOSIT = "deposito"
    SAVINGS = "tabungan"
    OTHER = "lainnya"


def product_kind_label(kind: ProductKind) -> str:
    return {
        ProductKind.LOAN: _("Kredit"),
        ProductKind.DEPOSIT: _("Deposito"),
        ProductKind.SAVINGS: _("Tabungan"),
        ProductKind.OTHER: _("Lainnya"),
    }[kind]


def fees_text(fees: LoanFees) -> str:
    """The up-front costs in one line, as the product page and the printed sheet say it:
    "Provisi 1%, administrasi Rp500.000, asuransi 0,5%" (or "Tanpa biaya")."""
    parts = []
    if fees.provision_pct:
        parts.append(_("provisi {pct}").format(pct=format_pct(fees.provision_pct)))
    if fees.admin:
        parts.append(_("administrasi {amount}").format(amount=format_rupiah(fees.admin)))
    if fees.insurance_pct:
        parts.append(_("asuransi {pct}").format(pct=format_pct(fees.insurance_pct)))
    if fees.notary:
        parts.append(_("notaris {amount}").format(amount=format_rupiah(fees.notary)))
    text = ", ".join(parts) or _("tanpa biaya")
    return text[:1].upper() + text[1:]  # not str.capitalize(), which lowercases "Rp"


@dataclass(frozen=True)
class Product:
    code: str  # short, unique, upper case: "KUR-MIKRO", "KPR", "DEP-3"
    name: str
    kind: ProductKind
    short_description: str = ""
    long_description: str = ""  # plain Bahasa Indonesia, for the client
    benefits: tuple[str, ...] = ()
    required_documents: tuple[str, ...] = ()  # KTP, KK, NPWP, slip gaji, NIB/SIUP, agunan...
    eligibility: tuple[str, ...] = ()
    rate_pa: Decimal = Decimal(0)  # percent per year; for KUR the first-use rate
    method: InterestMethod | None = None  # loans only
    allowed_methods: tuple[InterestMethod, ...] = ()  # methods the AO may pick; () = only `method`
    tiered_rate: TieredRateRule | None = None  # KUR: the rate by number of previous uses
    min_tenor_months: int = 1
    max_tenor_months: int = 12
    min_amount: int = 0
    max_amount: int = 0
    fees: LoanFees = LoanFees()
    rounding: Rounding = Rounding.WHOLE
    max_dsr_pct: Decimal | None = None  # loans: the product's debt-service-ratio limit
    aro_available: bool = False  # deposits: automatic roll-over offered
    # What OJK's RIPLAY must state besides the benefits (see domain/products/riplay.py):
    risks: tuple[str, ...] = ()  # plain-language risks, one per item
    late_penalty: str = ""  # loans: denda keterlambatan, its basis and rate
    early_repayment: str = ""  # loans: pelunasan dipercepat, whether allowed and its fee
    other_costs: tuple[str, ...] = ()  # costs beyond `fees`: materai, appraisal, recurring
    early_withdrawal_penalty: str = ""  # deposits: penalti pencairan sebelum jatuh tempo
    active: bool = True
    terms_version: str = "1"
    terms_effective: date | None = None
    id: int | None = None
    version: int = 0

    @property
    def is_loan(self) -> bool:
        return self.kind is ProductKind.LOAN

    @property
    def methods(self) -> tuple[InterestMethod, ...]:
        """The methods the simulator offers for this product."""
        if self.allowed_methods:
            return self.allowed_methods
        return (self.method,) if self.method else ()

    def rate_for(self, previous_uses: int = 0) -> Decimal:
        """The rate for a client with `previous_uses` earlier loans of this product (KUR)."""
        if self.tiered_rate is not None:
            return self.tiered_rate.rate_for_use(previous_uses)
        return self.rate_pa
