"""The effective annual cost of a loan: what comparing loans by cost should rank by.

Total paid cannot rank loans of different tenors (a longer loan pays more interest even at
a lower rate), and the nominal or even the effective interest rate leaves out the fees
deducted at disbursement. The effective cost is the annual rate that equates the
schedule's installments to the money the client actually receives after those fees: the
internal rate of return of (+net disbursement at month 0, -installment at month k),
expressed like the other rates of the app (12 x the monthly rate, percent per year).

Without fees it equals the loan's effective rate (flat 6% over 12 months: 10.90%); fees
raise it. Solved by bisection in Decimal, rounded half-up to hundredths of a percent.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ao_desktop.domain.common.formatting import format_pct
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.loan_schedule import LoanSchedule
from ao_desktop.domain.products.rate_conversion import HUNDREDTH, PRECISION

# The monthly rate is found to within 10^-12, far finer than the 0.01% per year shown.
_TOLERANCE = Decimal("1e-12")


def _present_value(installments: list[int], monthly: Decimal) -> Decimal:
    """The installments discounted at `monthly` to the disbursement date."""
    factor = 1 / (1 + monthly)
    discount, total = Decimal(1), Decimal(0)
    for installment in installments:
        discount *= factor
        total += installment * discount
    return total


def effective_cost_pa(schedule: LoanSchedule) -> Decimal:
    """The annual rate (percent, 2 decimals) at which the installments are worth exactly
    the net disbursement; 0 when the client repays no more than they received."""
    installments = [row.installment for row in schedule.installments]
    received = schedule.net_disbursement
    if received <= 0 or sum(installments) <= received:
        return Decimal(0).quantize(HUNDREDTH)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        # The present value falls as the rate rises: find a rate where it is below what was
        # received, then halve the bracket.
        low, high = Decimal(0), Decimal(1)
        while _present_value(installments, high) > received:
            low, high = high, high * 2
        while high - low > _TOLERANCE:
            mid = (low + high) / 2
            if _present_value(installments, mid) > received:
                low = mid
            else:
                high = mid
        return ((low + high) / 2 * 1200).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def cheapest_by_cost(schedules: Sequence[LoanSchedule]) -> int | None:
    """The option with the lowest effective cost (ties: the least interest); None for
    fewer than two options."""
    if len(schedules) < 2:
        return None
    costs = [effective_cost_pa(s) for s in schedules]
    return min(range(len(schedules)), key=lambda i: (costs[i], schedules[i].total_interest))


def comparison_notes(schedules: Sequence[LoanSchedule]) -> list[str]:
    """The sentences under a comparison: the cheapest option, and a warning when the
    tenors differ (then total interest and total paid mislead as a ranking)."""
    best = cheapest_by_cost(schedules)
    if best is None:
        return []
    notes = [
        _("Biaya efektif terendah: Pilihan {n} ({cost} per tahun, termasuk biaya di muka).").format(
            n=best + 1, cost=format_pct(effective_cost_pa(schedules[best]), 2)
        )
    ]
    tenors = list(dict.fromkeys(s.request.tenor_months for s in schedules))
    if len(tenors) > 1:
        listed = ", ".join(str(t) for t in tenors[:-1]) + _(" dan ") + str(tenors[-1])
        notes.append(
            _(
                "Tenor berbeda ({tenors} bulan): pinjaman yang lebih lama membayar bunga lebih "
                "banyak walau biayanya lebih rendah, jadi total bunga dan total dibayar tidak "
                "dapat dibandingkan langsung; bandingkan biaya efektif per tahun."
            ).format(tenors=listed)
        )
    return notes
