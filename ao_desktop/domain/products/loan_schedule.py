"""Loan simulation: the installment schedule for flat, annuity and declining interest.

Conventions (every one explicit, so that totals are exact):

- Money is whole Rupiah (``int``); the arithmetic runs in ``Decimal`` with 40 digits.
- Interest of a month is rounded half-up to whole rupiah: on the original amount for flat
  loans (the same every month), on the opening balance of the month otherwise.
- The installment of every month but the last is the method's exact installment rounded as
  the bank chooses (``Rounding``): half-up to whole rupiah, or up to the next Rp100/Rp1.000.
  The principal of the month is the installment minus the interest. Exception: declining
  loans rounded to whole rupiah keep an equal principal, ``round(amount / tenor)``, and the
  installment is principal + interest (still within Rp1 of the exact value).
- The last installment absorbs the remainder: it repays the whole remaining balance plus
  that month's interest, so the principal column sums exactly to the amount.
- Installment ``k`` falls due ``k`` months after the start date on the start date's day,
  clamped to the month end (31 Jan -> 28/29 Feb -> 31 Mar -> 30 Apr: never drifting).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.user_dates import start_date_issue
from ao_desktop.domain.products.rate_conversion import (
    HUNDREDTH,
    PRECISION,
    annuity_factor,
    annuity_payment,
    check_rate,
    check_tenor,
    flat_to_effective,
    monthly_rate,
)

# Rp1 kuadriliun: far above any loan, low enough that 40 digits stay exact to the sen.
MAX_AMOUNT = 10**15
_ONE = Decimal(1)


class InterestMethod(StrEnum):
    FLAT = "flat"
    ANNUITY = "annuity"
    DECLINING = "declining"


def method_label(method: InterestMethod) -> str:
    return {
        InterestMethod.FLAT: _("Bunga flat"),
        InterestMethod.ANNUITY: _("Efektif anuitas"),
        InterestMethod.DECLINING: _("Efektif menurun"),
    }[method]


class Rounding(StrEnum):
    """How the bank rounds an installment; the value is the step in rupiah."""

    WHOLE = "1"
    UP_100 = "100"
    UP_1000 = "1000"

    @property
    def step(self) -> int:
        return int(self.value)


def rounding_label(rounding: Rounding) -> str:
    return {
        Rounding.WHOLE: _("Dibulatkan ke rupiah terdekat"),
        Rounding.UP_100: _("Dibulatkan ke atas Rp100"),
        Rounding.UP_1000: _("Dibulatkan ke atas Rp1.000"),
    }[rounding]


@dataclass(frozen=True)
class LoanFees:
    """Up-front costs deducted at disbursement: provisi and asuransi as % of the plafond."""

    provision_pct: Decimal = Decimal(0)
    admin: int = 0
    insurance_pct: Decimal = Decimal(0)
    notary: int = 0


@dataclass(frozen=True)
class LoanRequest:
    amount: int
    rate_pa: Decimal
    tenor_months: int
    method: InterestMethod
    start_date: date
    rounding: Rounding = Rounding.WHOLE
    fees: LoanFees = field(default_factory=LoanFees)


@dataclass(frozen=True)
class Installment:
    no: int
    due_date: date
    installment: int
    principal: int
    interest: int
    balance: int  # outstanding principal after this installment


@dataclass(frozen=True)
class LoanSchedule:
    request: LoanRequest
    installments: tuple[Installment, ...]
    total_interest: int
    total_paid: int  # principal + interest; fees are separate
    total_fees: int
    net_disbursement: int  # amount - total_fees: what the client receives
    effective_rate_pa: Decimal  # annuity rate with the same installment, 2 decimals
    # The flat rate with the same total interest (for annuity: the same installment).
    flat_equivalent_pa: Decimal | None

    @property
    def first_installment(self) -> int:
        return self.installments[0].installment

    @property
    def max_installment(self) -> int:
        return max(i.installment for i in self.installments)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` on the same day, clamped to the end of a short month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    # A table rather than calendar.monthrange, which also computes a weekday: this runs
    # once per installment on every keystroke in the simulator.
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
    return date(year, month, min(start.day, last))


def round_whole(x: Decimal) -> int:
    """Half-up to whole rupiah."""
    return int(x.to_integral_value(rounding=ROUND_HALF_UP))


def round_installment(x: Decimal, rounding: Rounding) -> int:
    if rounding is Rounding.WHOLE:
        return round_whole(x)
    step = rounding.step
    return int((x / step).to_integral_value(rounding=ROUND_CEILING)) * step


def _issue(name: str, message: str) -> ValidationFailed:
    return ValidationFailed([FieldIssue(name, message, True)])


def check_amount(amount: object, field_name: str = "amount") -> int:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise _issue(field_name, _("Jumlah pinjaman harus lebih dari Rp0"))
    if amount > MAX_AMOUNT:
        raise _issue(field_name, _("Jumlah pinjaman terlalu besar"))
    return amount


def _check_request(request: LoanRequest) -> list[FieldIssue]:
    """Every problem with the request at once, so the form can mark all bad fields."""
    issues: list[FieldIssue] = []
    checks = (
        (check_amount, request.amount),
        (check_rate, request.rate_pa),
        (check_tenor, request.tenor_months),
    )
    for check, value in checks:
        try:
            check(value)
        except ValidationFailed as exc:
            issues += exc.issues
    if not isinstance(request.start_date, date):
        issues.append(FieldIssue("start_date", _("Tanggal mulai wajib diisi"), True))
    elif (issue := start_date_issue(request.start_date)) is not None:
        issues.append(issue)
    if request.method not in tuple(InterestMethod):
        issues.append(FieldIssue("method", _("Metode bunga tidak dikenal"), True))
    if request.rounding not in tuple(Rounding):
        issues.append(FieldIssue("rounding", _("Pembulatan tidak dikenal"), True))
    fees = request.fees
    for name in ("provision_pct", "insurance_pct"):
        try:
            check_rate(getattr(fees, name), name)
        except ValidationFailed:
            issues.append(FieldIssue(name, _("Persentase biaya harus antara 0% dan 100%"), True))
    for name in ("admin", "notary"):
        value = getattr(fees, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            issues.append(FieldIssue(name, _("Biaya tidak boleh negatif"), True))
    return issues


def total_fees(amount: int, fees: LoanFees) -> int:
    """Provisi and asuransi (each rounded half-up) plus administrasi and notaris."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        percent_part = round_whole(amount * Decimal(fees.provision_pct) / 100) + round_whole(
            amount * Decimal(fees.insurance_pct) / 100
        )
    return percent_part + fees.admin + fees.notary


def simulate_loan(request: LoanRequest) -> LoanSchedule:
    """The full schedule with totals and equivalent rates; ValidationFailed on bad input."""
    issues = _check_request(request)
    if issues:
        raise ValidationFailed(issues)
    fees = total_fees(request.amount, request.fees)
    if fees > request.amount:
        raise _issue("fees", _("Total biaya melebihi jumlah pinjaman"))
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        rows = _rows(request)
        rate = Decimal(request.rate_pa)
        n, method = request.tenor_months, InterestMethod(request.method)
        if method is InterestMethod.FLAT:
            effective = flat_to_effective(rate, n)
            flat_equivalent = rate.quantize(HUNDREDTH)
        elif method is InterestMethod.ANNUITY:
            effective = rate.quantize(HUNDREDTH)
            factor = annuity_factor(monthly_rate(rate), n)
            flat_equivalent = ((factor - _ONE / n) * 1200).quantize(HUNDREDTH)
        else:
            effective = rate.quantize(HUNDREDTH)
            # Declining interest totals amount * r * (n + 1) / 2.
            flat_equivalent = (rate * (n + 1) / (2 * n)).quantize(HUNDREDTH)
    total_interest = sum(row.interest for row in rows)
    return LoanSchedule(
        request=request,
        installments=rows,
        total_interest=total_interest,
        total_paid=request.amount + total_interest,
        total_fees=fees,
        net_disbursement=request.amount - fees,
        effective_rate_pa=effective,
        flat_equivalent_pa=flat_equivalent,
    )


def _rows(request: LoanRequest) -> tuple[Installment, ...]:
    """The schedule itself; runs inside the caller's 40-digit context."""
    amount, n = request.amount, request.tenor_months
    method, rounding = InterestMethod(request.method), Rounding(request.rounding)
    rate = Decimal(request.rate_pa)
    principal_share = Decimal(amount) / n  # exact A / n
    # Multiply before dividing: 257.775 x 40% / 12 is exactly 8.592,5 and must round up,
    # while 257.775 x (40/1200 rounded to 40 digits) is 8.592,4999... and would round down.
    flat_interest_exact = amount * rate / 1200
    flat_interest = round_whole(flat_interest_exact)
    if method is InterestMethod.FLAT:
        fixed = round_installment(principal_share + flat_interest_exact, rounding)
    elif method is InterestMethod.ANNUITY:
        fixed = round_installment(annuity_payment(amount, rate, n), rounding)
    else:
        fixed = 0  # declining: recomputed every month
    equal_principal = round_whole(principal_share)
    balance = amount
    rows: list[Installment] = []
    for no in range(1, n + 1):
        if method is InterestMethod.FLAT:
            interest_exact = flat_interest_exact
            interest = flat_interest
        else:
            interest_exact = balance * rate / 1200
            interest = round_whole(interest_exact)
        if no == n:
            principal = balance
            installment = principal + interest
        elif method is InterestMethod.DECLINING and rounding is Rounding.WHOLE:
            principal = equal_principal
            installment = principal + interest
        else:
            if method is InterestMethod.DECLINING:
                installment = round_installment(principal_share + interest_exact, rounding)
            else:
                installment = fixed
            principal = installment - interest
        if principal > balance:
            raise _overpaid(request)
        balance -= principal
        rows.append(
            Installment(
                no=no,
                due_date=add_months(request.start_date, no),
                installment=installment,
                principal=principal,
                interest=interest,
                balance=balance,
            )
        )
    return tuple(rows)


def _overpaid(request: LoanRequest) -> ValidationFailed:
    """The rounded installments would repay the loan before the last month.

    Each month's rounding excess is repaid early and, for annuity and declining loans,
    saves interest that is repaid as principal too, so the excess grows like (1 + r)^n:
    small amounts over long tenors at high rates (or rounded up to Rp1.000) run out early.
    """
    if Rounding(request.rounding) is Rounding.WHOLE:
        return _issue(
            "tenor_months",
            _(
                "Tenor terlalu panjang untuk jumlah dan suku bunga ini: angsuran yang "
                "dibulatkan melunasi pinjaman sebelum tenor berakhir"
            ),
        )
    return _issue(
        "rounding",
        _(
            "Pembulatan angsuran ke atas melunasi pinjaman sebelum tenor berakhir; "
            "pilih pembulatan yang lebih kecil atau tenor yang lebih pendek"
        ),
    )
