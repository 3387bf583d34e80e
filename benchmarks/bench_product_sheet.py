"""Product sheet PDF: seconds to write a KPR sheet with a 360-line schedule (target <= 1 s),
the work behind "Save as PDF" and the print preview. Also a 600-line schedule (the longest
tenor) and a sheet with a 3-way comparison. Prints JSON; the figure to read is
``median_s`` of ``kpr_360``.

    uv run python benchmarks/bench_product_sheet.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from _common import ROOT  # noqa: F401 - puts the project on sys.path


def measure(work: Callable[[], int], repeat: int) -> dict[str, float]:
    t0 = time.perf_counter()
    pages = work()  # warm-up: the first sheet also registers and parses the fonts
    first = time.perf_counter() - t0
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        samples.append(time.perf_counter() - t0)
    return {
        "n": repeat,
        "pages": pages,
        "first_s": round(first, 4),
        "median_s": round(statistics.median(samples), 4),
        "max_s": round(max(samples), 4),
    }


def run(repeat: int) -> dict[str, object]:
    from ao_desktop.documents.products.product_sheet import (
        ProductSheetData,
        SheetHeader,
        write_product_sheet,
    )
    from ao_desktop.domain.products.loan_schedule import (
        InterestMethod,
        LoanFees,
        LoanRequest,
        simulate_loan,
    )
    from ao_desktop.domain.products.product import Product, ProductKind
    from ao_desktop.paths import resource

    fees = LoanFees(provision_pct=Decimal(1), admin=500_000, notary=2_500_000)
    product = Product(
        code="KPR",
        name="KPR Rumah Idaman",
        kind=ProductKind.LOAN,
        long_description="Angsuran sama setiap bulan; bunga dihitung dari sisa pokok.",
        benefits=("Angsuran tetap", "Tenor hingga 30 tahun"),
        required_documents=("KTP", "KK", "NPWP", "Slip gaji", "Sertifikat rumah"),
        rate_pa=Decimal("7.5"),
        method=InterestMethod.ANNUITY,
        max_tenor_months=360,
        fees=fees,
        terms_version="2026.1",
        terms_effective=date(2026, 1, 1),
    )
    header = SheetHeader(
        "Bank Contoh", "KCP Dago", resource("logo-placeholder.png"), "Budi", "+6281234567890"
    )

    def schedule(tenor: int, method: InterestMethod = InterestMethod.ANNUITY):
        request = LoanRequest(500_000_000, Decimal("7.5"), tenor, method, date(2026, 10, 27))
        return simulate_loan(request)

    kpr_360, kpr_600 = schedule(360), schedule(600)
    options = (kpr_360, schedule(360, InterestMethod.FLAT), schedule(360, InterestMethod.DECLINING))
    printed = datetime(2026, 11, 27, 14, 5)

    def sheet(**kw: object) -> Callable[[], int]:
        data = ProductSheetData(header, product, printed, "Ibu Siti", **kw)  # type: ignore[arg-type]
        return lambda: write_product_sheet(data, BytesIO())

    return {
        "kpr_360": measure(sheet(schedule=kpr_360), repeat),
        "kpr_600": measure(sheet(schedule=kpr_600), repeat),
        "kpr_360_with_comparison": measure(sheet(schedule=kpr_360, comparison=options), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = {
        "benchmark": "product_sheet",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "repeat": args.repeat,
        "target_s": 1.0,
        "results": run(args.repeat),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
