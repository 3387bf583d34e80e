"""The comparison sheet PDF read back with pypdf: every option's figures, the ranking by
effective cost, the tenor note, the bank header and the AO."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from ao_desktop.documents.products.comparison_sheet import write_comparison_sheet
from ao_desktop.documents.products.product_sheet_data import (
    ComparisonOption,
    ComparisonSheetData,
    SheetHeader,
)
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.products.effective_cost import effective_cost_pa
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    LoanRequest,
    simulate_loan,
)

START = date(2026, 11, 27)
HEADER = SheetHeader("PT BPR Mitra Usaha Sejahtera", "Kantor Cabang Medan Kota", None,
                     "Rina Marlina", "+6281234567890")  # fmt: skip


def test_the_comparison_sheet_prints_every_figure_and_the_honest_ranking(tmp_path: Path) -> None:
    kpr = simulate_loan(LoanRequest(300_000_000, Decimal("8.5"), 180, InterestMethod.ANNUITY, START,
                                    fees=LoanFees(provision_pct=Decimal(1), admin=500_000)))  # fmt: skip
    multiguna = simulate_loan(
        LoanRequest(300_000_000, Decimal("7.5"), 120, InterestMethod.FLAT, START)
    )
    data = ComparisonSheetData(
        HEADER, datetime(2026, 12, 4, 9, 30),
        (ComparisonOption("KPR (Kredit Pemilikan Rumah)", kpr),
         ComparisonOption("Kredit Multiguna", multiguna)),
        client_name="Siti Harahap",
    )  # fmt: skip
    out = tmp_path / "perbandingan.pdf"
    pages = write_comparison_sheet(data, out)
    reader = PdfReader(out)
    assert pages == len(reader.pages) == 1
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "PT BPR Mitra Usaha Sejahtera" in text and "Kantor Cabang Medan Kota" in text
    assert "Perbandingan pilihan kredit" in text and "Disiapkan untuk: Siti Harahap" in text
    assert "Rina Marlina" in text and "Halaman 1 dari 1" in text
    for option in (kpr, multiguna):
        for figure in (option.first_installment, option.total_interest, option.total_paid,
                       option.net_disbursement):  # fmt: skip
            assert format_rupiah(figure) in text
        assert format_pct(effective_cost_pa(option), 2) in text
    assert format_rupiah(kpr.total_fees) in text
    assert "180 bulan" in text and "120 bulan" in text
    cost = format_pct(effective_cost_pa(kpr), 2)
    assert f"Biaya efektif terendah: Pilihan 1 ({cost} per tahun" in text
    assert "Tenor berbeda (180 dan 120 bulan)" in text
    assert "Total pembayaran terendah" not in text
