"""Debt-service ratio (DSR/DBR/RPC) and the largest loan a client's income can carry.

DSR = (new installment + other installments) / net monthly income, in percent. The limit
(commonly 30-40%) is a product setting passed in by the caller, never fixed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.loan_schedule import (
    MAX_AMOUNT,
    InterestMethod,
    LoanRequest,
    Rounding,
    simulate_loan,
)
from ao_desktop.domain.products.rate_conversion import (
    HUNDREDTH,
    PRECISION,
    annuity_factor,
    check_rate,
    check_tenor,
    monthly_rate,
)

# The largest affordable amount is offered in whole steps of Rp100.000, rounded down.
AMOUNT_STEP = 100_000
# Any start date gives the same amounts; it only places the due dates.
_ANY_START = date(2000, 1, 1)
_MAX_STEPS_DOWN = 100


@dataclass(frozen=True)
class Affordability:
    dsr_pct: Decimal | None  # None when there is no income to divide by
    max_dsr_pct: Decimal
    affordable: bool
    # Rupiah a month still free under the limit after this installment; negative = short by.
    headroom: int
    # The limit in rupiah: what all installments together may be a month (income x limit).
    limit_amount: int = 0


def _money(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationFailed([FieldIssue(name, _("Jumlah tidak boleh negatif"), True)])
    return value


def _check_max_dsr(max_dsr_pct: object) -> Decimal:
    try:
        return check_rate(max_dsr_pct, "max_dsr_pct")
    except ValidationFailed:
        raise ValidationFailed(
            [FieldIssue("max_dsr_pct", _("Batas DSR harus antara 0% dan 100%"), True)]
        ) from None


def debt_service_ratio(
    installment: int, other_obligations: int, monthly_income: int
) -> Decimal | None:
    """All installments as a percentage of income, 2 decimals half-up; None for no income."""
    installment = _money(installment, "installment")
    other_obligations = _money(other_obligations, "other_obligations")
    monthly_income = _money(monthly_income, "monthly_income")
    if monthly_income == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ratio = Decimal(installment + other_obligations) * 100 / monthly_income
        return ratio.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def installment_budget(income: int, obligations: int, max_dsr_pct: Decimal) -> int:
    """The most a new installment may be: floor(income x limit) - other obligations."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        limit = Decimal(income) * Decimal(max_dsr_pct) / 100
        return int(limit.to_integral_value(rounding=ROUND_FLOOR)) - obligations


def assess_affordability(
    installment: int, income: int, obligations: int, max_dsr_pct: Decimal
) -> Affordability:
    """Whether ``installment`` on top of ``obligations`` stays within ``max_dsr_pct``.

    Affordable exactly when installment + obligations <= income x limit (compared in whole
    rupiah, so the verdict never depends on how the percentage is rounded for display).
    """
    installment = _money(installment, "installment")
    income = _money(income, "monthly_income")
    obligations = _money(obligations, "other_obligations")
    limit = _check_max_dsr(max_dsr_pct)
    limit_amount = installment_budget(income, 0, limit)
    headroom = limit_amount - obligations - installment
    return Affordability(
        dsr_pct=debt_service_ratio(installment, obligations, income),
        max_dsr_pct=limit,
        affordable=income > 0 and headroom >= 0,
        headroom=headroom,
        limit_amount=limit_amount,
    )


def over_limit_text(affordability: Affordability) -> str:
    """One sentence naming the limit and the excess when the DSR is over it; "" otherwise.

    Said before a sheet is printed for the client (GUI question, command-line warning).
    """
    if affordability.affordable or affordability.dsr_pct is None:
        return ""
    return _(
        "DSR {dsr} melebihi batas produk {limit}: semua angsuran paling banyak {limit_amount} "
        "per bulan, kelebihan {excess} per bulan."
    ).format(
        dsr=format_pct(affordability.dsr_pct, 2),
        limit=format_pct(affordability.max_dsr_pct),
        limit_amount=format_rupiah(affordability.limit_amount),
        excess=format_rupiah(-affordability.headroom),
    )


def max_affordable_amount(
    income: int,
    obligations: int,
    max_dsr_pct: Decimal,
    rate_pa: Decimal,
    tenor_months: int,
    method: InterestMethod,
    rounding: Rounding = Rounding.WHOLE,
) -> int:
    """The largest amount, in steps of Rp100.000, whose highest installment fits the limit.

    The installment per rupiah borrowed is fixed for each method (flat ``1/n + F/1200``,
    annuity factor, declining ``1/n + r`` for its first and highest month), so the amount
    is the budget divided by it, rounded down. The result is then checked by simulating:
    stepped down while the schedule's highest installment (rounding up, the last line's
    remainder) exceeds the budget, and up while the next step still fits. 0 when nothing
    fits.
    """
    income = _money(income, "monthly_income")
    obligations = _money(obligations, "other_obligations")
    limit = _check_max_dsr(max_dsr_pct)
    rate = check_rate(rate_pa)
    n = check_tenor(tenor_months)
    method = InterestMethod(method)
    budget = installment_budget(income, obligations, limit)
    if budget <= 0:
        return 0
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if method is InterestMethod.ANNUITY and rate != 0:
            exact = budget / annuity_factor(monthly_rate(rate), n)
        elif method is InterestMethod.ANNUITY:
            exact = Decimal(budget * n)
        else:
            # budget / (1/n + F/1200) for flat; the same for declining's first month.
            exact = Decimal(budget * 1200 * n) / (1200 + rate * n)
    amount = min(int(exact), MAX_AMOUNT) // AMOUNT_STEP * AMOUNT_STEP

    def fits(candidate: int) -> bool:
        request = LoanRequest(candidate, rate, n, method, _ANY_START, rounding)
        try:
            return simulate_loan(request).max_installment <= budget
        except ValidationFailed:
            # Rounding up repays this amount before the tenor ends (small loan, long tenor):
            # not offered, though a neighbouring amount may well work.
            return False

    # Step up: a whole-rupiah installment can round down onto the budget.
    while amount + AMOUNT_STEP <= MAX_AMOUNT and fits(amount + AMOUNT_STEP):
        amount += AMOUNT_STEP
    # Step down: rounding up adds less than Rp1.000 to an installment, which a few steps
    # of Rp100.000 absorb; the cap only bounds the time spent on hopeless rounding cases.
    for _step in range(_MAX_STEPS_DOWN):
        if amount <= 0:
            break
        if fits(amount):
            return amount
        amount -= AMOUNT_STEP
    return 0
