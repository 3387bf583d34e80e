"""Simulator latency: one full 360-month schedule per interest method and rounding, the
work the Products view redoes on every change of an input field. Also the flat -> effective
solver, the largest affordable amount and a 12-month ARO deposit projection. Prints JSON.

    uv run python benchmarks/bench_simulation.py --repeat 200
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from _common import summary_ms


def measure(work: Callable[[], object], repeat: int) -> dict[str, float]:
    work()  # warm-up: imports, caches
    samples: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        samples.append(time.perf_counter() - t0)
    return summary_ms(samples)


def run(repeat: int, tenor: int) -> dict[str, object]:
    from ao_desktop.domain.products.affordability import max_affordable_amount
    from ao_desktop.domain.products.deposit import DepositRequest, simulate_deposit
    from ao_desktop.domain.products.loan_schedule import (
        InterestMethod,
        LoanRequest,
        Rounding,
        simulate_loan,
    )
    from ao_desktop.domain.products.rate_conversion import flat_to_effective

    results: dict[str, object] = {}
    for method in InterestMethod:
        for rounding in (Rounding.WHOLE, Rounding.UP_1000):
            request = LoanRequest(
                750_000_000, Decimal("11.25"), tenor, method, date(2026, 1, 31), rounding
            )
            key = f"schedule_{tenor}m_{method.value}_round_{rounding.value}"
            results[key] = measure(lambda r=request: simulate_loan(r), repeat)
    results["flat_to_effective_360m"] = measure(
        lambda: flat_to_effective(Decimal("7.5"), 360), repeat
    )
    results["max_affordable_amount_annuity_360m"] = measure(
        lambda: max_affordable_amount(
            25_000_000,
            2_000_000,
            Decimal(35),
            Decimal("9.5"),
            360,
            InterestMethod.ANNUITY,
        ),
        repeat,
    )
    deposit = DepositRequest(250_000_000, Decimal("4.25"), 1, date(2026, 1, 31), True, 11)
    results["deposit_aro_12_periods"] = measure(lambda: simulate_deposit(deposit), repeat)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--tenor", type=int, default=360)
    args = parser.parse_args()
    report = {
        "benchmark": "simulation",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "repeat": args.repeat,
        "results": run(args.repeat, args.tenor),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
