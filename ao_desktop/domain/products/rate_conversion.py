"""Conversion between a flat rate and the effective (annuity) rate with the same installment.

A flat loan of ``A`` over ``n`` months pays ``A/n + A*F/1200`` a month. The effective rate is
the annual rate ``E`` at which an annuity over ``n`` months has that same installment. There
is no closed form from flat to effective, so it is solved numerically (bisection in
``Decimal``); the other direction is closed form. Both results are rounded half-up to two
decimals (hundredths of a percent).

Also home of the small checks and the annuity factor that the loan modules share, so that
every simulator rejects a bad rate or tenor with the same field name and message.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _

MAX_RATE_PA = Decimal(100)
# Flat rates up to 100% convert to effective rates up to 156.14% (flat 100% over 7 months),
# so the inverse accepts effective rates up to 200% and every round trip stays possible.
MAX_EFFECTIVE_RATE_PA = Decimal(200)
MAX_TENOR_MONTHS = 600
# 40 significant digits: (1 + r)^600 and balances of 10^15 rupiah keep well over 20 exact
# digits after the point, far more than the whole-rupiah results need.
PRECISION = 40
HUNDREDTH = Decimal("0.01")
_TWELVE_HUNDRED = Decimal(1200)
# The solver stops when the bracket is narrower than this (percent per year), i.e. 10^4
# times finer than the 0.01% the result is rounded to.
_SOLVE_TOLERANCE = Decimal("0.000001")


def check_rate(rate_pa: object, field: str = "rate_pa", maximum: Decimal = MAX_RATE_PA) -> Decimal:
    """``rate_pa`` as a Decimal percent per year in [0, maximum], or ValidationFailed on
    ``field``.

    ``int`` is accepted (``Decimal(6)``); ``float`` is refused because it cannot hold 6.15
    exactly, and money arithmetic must not start from a binary approximation.
    """
    ok = isinstance(rate_pa, Decimal | int) and not isinstance(rate_pa, bool)
    rate = Decimal(rate_pa) if ok else Decimal(-1)  # type: ignore[arg-type]
    if not ok or not rate.is_finite() or not Decimal(0) <= rate <= maximum:
        message = _("Suku bunga harus antara 0% dan {maximum}% per tahun")
        raise ValidationFailed([FieldIssue(field, message.format(maximum=maximum), True)])
    return rate


def check_tenor(tenor_months: object, field: str = "tenor_months") -> int:
    """``tenor_months`` as an int in [1, 600], or ValidationFailed on ``field``."""
    if (
        not isinstance(tenor_months, int)
        or isinstance(tenor_months, bool)
        or not 1 <= tenor_months <= MAX_TENOR_MONTHS
    ):
        raise ValidationFailed([FieldIssue(field, _("Tenor harus 1 sampai 600 bulan"), True)])
    return tenor_months


def monthly_rate(rate_pa: Decimal) -> Decimal:
    """The monthly rate as a fraction: 12% per year -> 0.01."""
    return rate_pa / _TWELVE_HUNDRED


def annuity_factor(r: Decimal, n: int) -> Decimal:
    """Installment per rupiah borrowed: ``r / (1 - (1 + r)^-n)``; ``1/n`` when ``r`` is 0.

    Call inside a context of at least ``PRECISION`` digits.
    """
    if r == 0:
        return Decimal(1) / n
    return r / (1 - (1 + r) ** -n)


def annuity_payment(amount: int, rate_pa: Decimal, n: int) -> Decimal:
    """The exact (unrounded) annuity installment; call inside a ``PRECISION`` context.

    Divides last so that exact cases stay exact: Rp231.493.086 over 284 months at 0% is
    exactly 815.116,5 (``amount * (1/284)`` would give 815.116,4999... and round down).
    """
    if rate_pa == 0:
        return Decimal(amount) / n
    r = monthly_rate(rate_pa)
    return amount * rate_pa / (1200 * (1 - (1 + r) ** -n))


def flat_factor(flat_pa: Decimal, n: int) -> Decimal:
    """Installment per rupiah borrowed for a flat loan: ``1/n + F/1200``."""
    return Decimal(1) / n + flat_pa / _TWELVE_HUNDRED


def solve_annuity_rate_pa(factor: Decimal, n: int) -> Decimal:
    """The annual rate (percent, unrounded) whose annuity factor over ``n`` months is ``factor``.

    The annuity factor grows strictly with the rate, from ``1/n`` at 0% and always above
    ``r``, so the root lies in ``[0, factor]`` per month and bisection always converges.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        if factor <= Decimal(1) / n:
            return Decimal(0)
        low, high = Decimal(0), factor * _TWELVE_HUNDRED
        while high - low > _SOLVE_TOLERANCE:
            mid = (low + high) / 2
            if annuity_factor(monthly_rate(mid), n) < factor:
                low = mid
            else:
                high = mid
        return (low + high) / 2


def flat_to_effective(flat_pa: Decimal, tenor_months: int) -> Decimal:
    """The effective annual rate (annuity) with the same installment as ``flat_pa`` flat.

    Flat 6% over 12 months -> 10.90; flat 10% over 24 months -> 18.16. Over one month the
    two are equal. The result can exceed 100% for high flat rates over long tenors.
    """
    flat = check_rate(flat_pa)
    n = check_tenor(tenor_months)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        effective = solve_annuity_rate_pa(flat_factor(flat, n), n)
        return effective.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def effective_to_flat(effective_pa: Decimal, tenor_months: int) -> Decimal:
    """The flat annual rate with the same installment as an annuity at ``effective_pa``
    (0-200%: the whole range ``flat_to_effective`` can return).

    Closed form: ``F = 1200 * (annuity_factor(E/1200, n) - 1/n)``. Because the flat rate moves
    at most as fast as the effective rate, ``effective_to_flat(flat_to_effective(F, n), n)``
    is within 0.01 of ``F``; the other round trip can be off by up to 0.02.
    """
    effective = check_rate(effective_pa, maximum=MAX_EFFECTIVE_RATE_PA)
    n = check_tenor(tenor_months)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        factor = annuity_factor(monthly_rate(effective), n)
        flat = (factor - Decimal(1) / n) * _TWELVE_HUNDRED
        return flat.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
