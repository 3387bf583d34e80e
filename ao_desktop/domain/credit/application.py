"""A credit application: the request checked against the product, and everything the
AO gathers to assess it (figures, collateral, 5C, SLIK, documents, recommendation).

`id is None` means not stored yet; `version` is the optimistic-locking counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.checklist import DocumentItem
from ao_desktop.domain.credit.collateral import Collateral, collateral_issues
from ao_desktop.domain.credit.enums import ApplicationStatus, LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures, figure_issues
from ao_desktop.domain.credit.five_c import FiveCScore, score_issues
from ao_desktop.domain.credit.slik import SlikCheck, slik_issues
from ao_desktop.domain.products.loan_schedule import LoanRequest, LoanSchedule, simulate_loan
from ao_desktop.domain.products.product import Product

MAX_TEXT = 4000


@dataclass(frozen=True)
class CreditApplication:
    client_id: int
    officer_id: int
    product_code: str
    amount: int
    tenor_months: int
    purpose: LoanPurpose
    purpose_description: str = ""
    installment: int = 0  # from the simulator: the schedule's first instalment
    figures: BusinessFigures = field(default_factory=BusinessFigures)
    collateral: tuple[Collateral, ...] = ()
    five_c: FiveCScore = field(default_factory=FiveCScore)
    slik: SlikCheck = field(default_factory=SlikCheck)
    documents: tuple[DocumentItem, ...] = ()
    recommendation: str = ""
    conditions: str = ""
    status: ApplicationStatus = ApplicationStatus.DRAFT
    rejection_reason: str = ""
    disbursed_on: date | None = None
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""


# Fields the user edits; used to diff a stale edit and for the audit record.
EDITABLE_FIELDS: tuple[str, ...] = (
    "product_code", "amount", "tenor_months", "purpose", "purpose_description", "installment",
    "figures", "collateral", "five_c", "slik", "documents", "recommendation", "conditions",
)  # fmt: skip


def request_issues(app: CreditApplication, product: Product) -> list[FieldIssue]:
    """The amount and tenor against the product's ranges; the product must be a loan."""
    issues: list[FieldIssue] = []
    if not product.is_loan or product.method is None:
        return [FieldIssue("product_code", _("Produk {code} bukan produk kredit.").format(code=product.code))]
    if not product.active:
        issues.append(FieldIssue("product_code", _("Produk {code} sudah tidak aktif.").format(code=product.code)))
    amount = app.amount
    if isinstance(amount, bool) or not isinstance(amount, int):
        issues.append(FieldIssue("amount", _("Jumlah pinjaman harus rupiah bulat.")))
    elif not product.min_amount <= amount <= (product.max_amount or amount) or amount <= 0:
        issues.append(FieldIssue("amount", _("Jumlah pinjaman harus antara {lo} dan {hi} untuk {code}.")
                                 .format(lo=format_rupiah(product.min_amount),
                                         hi=format_rupiah(product.max_amount), code=product.code)))
    if not product.min_tenor_months <= app.tenor_months <= product.max_tenor_months:
        issues.append(FieldIssue("tenor_months", _("Tenor harus antara {lo} dan {hi} bulan untuk {code}.")
                                 .format(lo=product.min_tenor_months, hi=product.max_tenor_months,
                                         code=product.code)))
    return issues


def application_issues(app: CreditApplication, product: Product, today: date) -> list[FieldIssue]:
    issues = request_issues(app, product)
    issues += figure_issues(app.figures) + collateral_issues(app.collateral)
    issues += score_issues(app.five_c) + slik_issues(app.slik, today)
    for name in ("purpose_description", "recommendation", "conditions"):
        if len(getattr(app, name)) > MAX_TEXT:
            issues.append(FieldIssue(name, _("Teks terlalu panjang (maksimal {n} karakter).").format(n=MAX_TEXT)))
    return issues


def schedule_for(app: CreditApplication, product: Product, start: date) -> LoanSchedule:
    """The product's simulator run on the application's amount and tenor."""
    assert product.method is not None
    return simulate_loan(LoanRequest(app.amount, product.rate_pa, app.tenor_months, product.method,
                                     start, product.rounding, product.fees))


def new_installment(schedule: LoanSchedule) -> int:
    """The instalment judged against income: the first. A declining schedule is judged by
    its heaviest month; the last line, which absorbs the rounding remainder, is not the
    regular instalment the client pays."""
    return schedule.installments[0].installment


def check_application(app: CreditApplication, product: Product, today: date) -> CreditApplication:
    """The application checked and its instalment filled in from the simulator; raises
    ValidationFailed listing every problem."""
    issues = application_issues(app, product, today)
    if issues:
        raise ValidationFailed(issues)
    installment = new_installment(schedule_for(app, product, today))
    return replace(app, product_code=product.code, installment=installment,
                   purpose_description=app.purpose_description.strip(),
                   recommendation=app.recommendation.strip(), conditions=app.conditions.strip())
