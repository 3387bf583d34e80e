"""Credit analysis timings: the ratios the editor recomputes on every keystroke (domain
only; target under 1 ms) and the credit memo PDF written from a demo database (target
<= 0.5 s). Prints JSON.

    uv run python benchmarks/bench_credit.py [--clients N] [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _common import demo_db, summary_ms


def run(clients: int, repeats: int) -> dict[str, object]:
    from ao_desktop.domain.credit.figures import BusinessFigures
    from ao_desktop.domain.credit.five_c import FiveCScore, FiveCWeights, weighted_total
    from ao_desktop.domain.credit.ratios import compute_ratios, ratio_warnings
    from ao_desktop.services.credit.applications import list_assessments
    from ao_desktop.services.credit.credit_memo import write_memo
    from ao_desktop.services.setup import prepare_database
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    figures = BusinessFigures(turnover=45_000_000, cost_of_goods=31_500_000, operating_costs=4_200_000,
                              other_income=800_000, household_expenses=3_000_000, other_installments=900_000,
                              cash=6_000_000, receivables=3_500_000, inventory=22_000_000,
                              fixed_assets=60_000_000, trade_payables=5_000_000, bank_debt=15_000_000,
                              equity=71_500_000)
    keystroke = []
    for n in range(repeats * 100):
        t0 = time.perf_counter()
        r = compute_ratios(figures, 1_500_000 + n, 1_100_000)
        ratio_warnings(r)
        weighted_total(FiveCScore(4, 4, 3, 3, 4), FiveCWeights())
        keystroke.append(time.perf_counter() - t0)
    db = open_database(demo_db(clients))
    try:
        uow = SqlUnitOfWork(db)
        prepare_database(uow)  # the seed catalog the memo reads
        app_id = list_assessments(uow)[0].application.id
        memo = []
        with tempfile.TemporaryDirectory() as folder:
            for _ in range(repeats):
                t0 = time.perf_counter()
                write_memo(uow, app_id, Path(folder) / "mak.pdf")
                memo.append(time.perf_counter() - t0)
    finally:
        db.close()
    return {"clients": clients, "ratios_keystroke": summary_ms(keystroke), "credit_memo_pdf": summary_ms(memo),
            "targets": {"ratios_keystroke_ms": 1, "credit_memo_pdf_ms": 500}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.repeats), indent=2))


if __name__ == "__main__":
    main()
