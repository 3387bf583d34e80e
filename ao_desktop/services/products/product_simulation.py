"""Simulations driven by a catalog product, and a client's affordability.

The product supplies the rate (by the client's previous KUR uses), the allowed methods,
the amount and tenor ranges, the fees, the rounding and the DSR limit; nothing here is
fixed in code. Bad input is refused with every problem at once, in Bahasa Indonesia.
Re-exported by `services.products`, the one module callers import.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.affordability import (
    Affordability,
    assess_affordability,
    max_affordable_amount,
)
from ao_desktop.domain.products.deposit import (
    DepositRequest,
    DepositResult,
    DepositRules,
    simulate_deposit,
)
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanRequest,
    LoanSchedule,
    method_label,
    simulate_loan,
)
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.services.clients.directory import get_client
from ao_desktop.services.ports import UnitOfWork

# The DSR limit for a loan product that does not set its own.
DEFAULT_MAX_DSR_PCT = Decimal(35)


def _issue(name: str, message: str) -> FieldIssue:
    return FieldIssue(name, message, True)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- simulation ---------------------------------------------------------------------------
def _range_issues(
    product: Product, amount: object, tenor_months: object, amount_word: str
) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if not _is_int(amount) or amount <= 0:  # type: ignore[operator]
        issues.append(_issue("amount", _("{what} harus lebih dari Rp0").format(what=amount_word)))
    elif not product.min_amount <= amount <= product.max_amount:  # type: ignore[operator]
        issues.append(
            _issue(
                "amount",
                _("{what} untuk {name} antara {low} dan {high}").format(
                    what=amount_word,
                    name=product.name,
                    low=format_rupiah(product.min_amount),
                    high=format_rupiah(product.max_amount),
                ),
            )
        )
    if not _is_int(tenor_months) or not (
        product.min_tenor_months <= tenor_months <= product.max_tenor_months  # type: ignore[operator]
    ):
        if product.min_tenor_months == product.max_tenor_months:
            message = _("Tenor untuk {name} adalah {low} bulan")
        else:
            message = _("Tenor untuk {name} antara {low} dan {high} bulan")
        issues.append(
            _issue(
                "tenor_months",
                message.format(
                    name=product.name, low=product.min_tenor_months, high=product.max_tenor_months
                ),
            )
        )
    return issues


def _check_previous_uses(previous_uses: object) -> list[FieldIssue]:
    if not _is_int(previous_uses) or previous_uses < 0:  # type: ignore[operator]
        return [_issue("previous_uses", _("Jumlah penggunaan KUR sebelumnya tidak boleh negatif"))]
    return []


def _loan_method(
    product: Product, method: InterestMethod | str | None
) -> tuple[InterestMethod | None, list[FieldIssue]]:
    chosen = method if method is not None else (product.methods[0] if product.methods else None)
    try:
        chosen = InterestMethod(chosen) if chosen is not None else None
    except ValueError:
        return None, [_issue("method", _("Metode bunga tidak dikenal"))]
    if chosen is None or chosen not in product.methods:
        allowed = ", ".join(method_label(m) for m in product.methods)
        label = method_label(chosen) if chosen else "-"
        return None, [
            _issue(
                "method",
                _("Metode {method} tidak tersedia untuk {name}; pilih {allowed}").format(
                    method=label, name=product.name, allowed=allowed
                ),
            )
        ]
    return chosen, []


def simulate_product_loan(
    product: Product,
    amount: int,
    tenor_months: int,
    *,
    method: InterestMethod | str | None = None,
    start_date: date | None = None,
    previous_uses: int = 0,
) -> LoanSchedule:
    """The installment schedule for this product: its rate (by previous KUR uses), fees and
    rounding; ValidationFailed naming every bad input (amount, tenor, method...)."""
    if not product.is_loan:
        raise ValidationFailed(
            [
                _issue(
                    "product",
                    _(
                        "{name} adalah produk {kind}, bukan kredit; simulasi angsuran hanya untuk produk kredit"
                    ).format(name=product.name, kind=product_kind_label(product.kind).lower()),
                )
            ]
        )
    issues = _range_issues(product, amount, tenor_months, _("Plafon"))
    chosen, method_issues = _loan_method(product, method)
    issues += method_issues + _check_previous_uses(previous_uses)
    if issues:
        raise ValidationFailed(issues)
    assert chosen is not None
    request = LoanRequest(
        amount=amount,
        rate_pa=product.rate_for(previous_uses),
        tenor_months=tenor_months,
        method=chosen,
        start_date=start_date or date.today(),
        rounding=product.rounding,
        fees=product.fees,
    )
    return simulate_loan(request)


def simulate_product_deposit(
    product: Product,
    amount: int,
    tenor_months: int,
    *,
    start_date: date | None = None,
    aro: bool = False,
    rollovers: int = 0,
    rules: DepositRules | None = None,
) -> DepositResult:
    """Interest, tax and value at maturity for this deposit product (and the ARO projection);
    pass `rules` from `deposit_rules(uow)` so the tax and LPS rate are the bank's settings."""
    if product.kind is not ProductKind.DEPOSIT:
        raise ValidationFailed(
            [_issue("product", _("{name} bukan produk deposito").format(name=product.name))]
        )
    issues = _range_issues(product, amount, tenor_months, _("Nominal deposito"))
    if aro and not product.aro_available:
        issues.append(
            _issue(
                "aro",
                _("{name} tidak menyediakan perpanjangan otomatis (ARO)").format(name=product.name),
            )
        )
    if issues:
        raise ValidationFailed(issues)
    request = DepositRequest(
        amount,
        product.rate_pa,
        tenor_months,
        start_date or date.today(),
        aro=bool(aro),
        rollovers=rollovers,
    )
    return simulate_deposit(request, rules)


# --- a client's affordability ----------------------------------------------------------------
def _max_dsr(product: Product) -> Decimal:
    return product.max_dsr_pct if product.max_dsr_pct is not None else DEFAULT_MAX_DSR_PCT


def client_affordability(
    uow: UnitOfWork, client_id: int, schedule: LoanSchedule, product: Product
) -> Affordability | None:
    """The schedule's highest installment against the client's income and other installments
    and the product's DSR limit; None when the client's income is not recorded."""
    client = get_client(uow, client_id)
    if client.monthly_income <= 0:
        return None
    return assess_affordability(
        schedule.max_installment,
        client.monthly_income,
        client.monthly_obligations,
        _max_dsr(product),
    )


def max_amount_for_client(
    uow: UnitOfWork,
    client_id: int,
    product: Product,
    tenor_months: int,
    method: InterestMethod | str | None = None,
    previous_uses: int = 0,
) -> int:
    """The largest amount (steps of Rp100.000) this client can carry over this tenor under the
    product's DSR limit, capped at the product's maximum; 0 when even the minimum is too much."""
    if not product.is_loan:
        raise ValidationFailed(
            [_issue("product", _("{name} bukan produk kredit").format(name=product.name))]
        )
    issues = _range_issues(product, product.min_amount, tenor_months, _("Plafon"))
    chosen, method_issues = _loan_method(product, method)
    issues += method_issues + _check_previous_uses(previous_uses)
    if issues:
        raise ValidationFailed(issues)
    assert chosen is not None
    client = get_client(uow, client_id)
    amount = max_affordable_amount(
        client.monthly_income,
        client.monthly_obligations,
        _max_dsr(product),
        product.rate_for(previous_uses),
        tenor_months,
        chosen,
        product.rounding,
    )
    amount = min(amount, product.max_amount)
    return amount if amount >= product.min_amount else 0
