"""The product sheet PDF read back with pypdf: figures, page numbering, fonts, robustness."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ao_desktop.documents.pdf import pdf_parts
from ao_desktop.documents.products import product_sheet
from ao_desktop.documents.products.product_sheet import (
    ProductSheetData,
    SheetHeader,
    write_product_sheet,
)
from ao_desktop.domain.common.formatting import MONTHS_SHORT, format_date, format_rupiah
from ao_desktop.domain.products.affordability import assess_affordability
from ao_desktop.domain.products.deposit import DepositRequest, DepositRules, simulate_deposit
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    LoanRequest,
    simulate_loan,
)
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.paths import resource

PRINTED = datetime(2026, 11, 27, 14, 5)
START = date(2026, 10, 27)
NOTE = "Simulasi ini bersifat indikatif dan dapat berbeda dengan perhitungan akhir bank."
DUE_DATE = re.compile(r"\d{1,2} (?:" + "|".join(MONTHS_SHORT) + r") \d{4}")
HEADER = SheetHeader(
    bank_name="Bank Contoh Sejahtera",
    branch_name="KCP Bandung Dago",
    logo_path=resource("logo-placeholder.png"),
    officer_name="Budi Santoso",
    officer_phone="+6281234567890",
)
KPR = Product(
    code="KPR",
    name="KPR Rumah Idaman",
    kind=ProductKind.LOAN,
    short_description="Kredit untuk membeli rumah pertama Anda",
    long_description="Angsuran sama setiap bulan.\n\nBunga dihitung dari sisa pokok.",
    benefits=("Angsuran tetap", "Tenor hingga 30 tahun"),
    required_documents=("KTP", "Kartu Keluarga (KK)", "NPWP", "Slip gaji"),
    eligibility=("WNI berusia 21-55 tahun",),
    rate_pa=Decimal("7.5"),
    method=InterestMethod.ANNUITY,
    min_tenor_months=60,
    max_tenor_months=360,
    min_amount=100_000_000,
    max_amount=2_000_000_000,
    fees=LoanFees(provision_pct=Decimal(1), admin=500_000, notary=2_500_000),
    max_dsr_pct=Decimal(35),
    terms_version="2026.1",
    terms_effective=date(2026, 1, 1),
    risks=("Suku bunga dapat naik setelah masa bunga tetap", "Agunan dapat dilelang bila macet"),
    late_penalty="Denda 0,1% per hari dari angsuran yang terlambat",
    early_repayment="Boleh; penalti 2% dari pokok yang dilunasi",
    other_costs=("Bea materai Rp10.000 per dokumen", "Appraisal Rp1.000.000"),
)


NO_FEES = LoanFees()


def loan(amount: int, rate: str, tenor: int, method: InterestMethod, fees: LoanFees = NO_FEES):
    return simulate_loan(LoanRequest(amount, Decimal(rate), tenor, method, START, fees=fees))


@pytest.fixture(scope="module")
def kpr_schedule():
    return loan(500_000_000, "7.5", 360, InterestMethod.ANNUITY, KPR.fees)


def write(tmp_path: Path, data: ProductSheetData) -> tuple[int, PdfReader, list[str]]:
    out = tmp_path / "sheet.pdf"
    pages = write_product_sheet(data, out)
    reader = PdfReader(out)
    return pages, reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def kpr_sheet(tmp_path_factory, kpr_schedule):
    data = ProductSheetData(HEADER, KPR, PRINTED, "Ibu Siti", kpr_schedule)
    return write(tmp_path_factory.mktemp("kpr"), data)


def test_loan_sheet_shows_the_simulation_figures(kpr_sheet, kpr_schedule):
    _pages, _reader, texts = kpr_sheet
    text = "\n".join(texts)
    assert "KPR Rumah Idaman" in texts[0]
    assert format_rupiah(kpr_schedule.installments[0].installment) in text
    assert format_rupiah(kpr_schedule.total_interest) in text
    assert format_rupiah(kpr_schedule.total_paid) in text
    assert format_rupiah(kpr_schedule.net_disbursement) in text  # dana diterima
    assert "Rp5.000.000" in text  # provisi 1% of Rp500.000.000
    assert "Efektif anuitas" in text
    assert kpr_schedule.installments[-1].balance == 0
    last_rows = "\n".join(texts).rsplit("Jumlah", 1)[0]  # the schedule's total row
    assert re.search(r"\n360\n27 Okt 2056\nRp[\d.]+\nRp[\d.]+\nRp[\d.]+\nRp0\n", last_rows)


def test_every_schedule_row_is_printed(kpr_sheet, kpr_schedule):
    text = "\n".join(kpr_sheet[2])
    lines = set(text.splitlines())
    for row in kpr_schedule.installments:
        assert format_rupiah(row.balance) in lines
        assert format_date(row.due_date) in lines


def test_pages_are_numbered_x_of_y(kpr_sheet):
    pages, reader, texts = kpr_sheet
    assert pages == len(reader.pages)
    assert 8 <= pages <= 12  # 360 rows at about 43 a page, plus the explanation
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {pages}" in text


def test_every_page_has_header_and_footer(kpr_sheet):
    for text in kpr_sheet[2]:
        assert "Bank Contoh Sejahtera" in text
        assert "KCP Bandung Dago" in text
        assert "Dicetak 27 November 2026 14:05" in text
        assert "Ketentuan produk versi 2026.1, berlaku sejak 1 Jan 2026" in text
        assert "Budi Santoso · 0812-3456-7890" in text
        assert NOTE in text


def test_schedule_header_repeats_on_every_page_with_rows(kpr_sheet):
    schedule_pages = 0
    for text in kpr_sheet[2]:
        lines = [line.strip() for line in text.splitlines()]
        has_rows = any(
            DUE_DATE.fullmatch(line) and nxt.startswith("Rp")
            for line, nxt in zip(lines, lines[1:], strict=False)
        )
        if has_rows:
            schedule_pages += 1
            assert {"No", "Jatuh tempo", "Angsuran", "Pokok", "Bunga", "Sisa pokok"} <= set(lines)
    assert schedule_pages >= 7


def font_dicts(reader: PdfReader):
    """Every font dictionary in page resources and in form XObjects they use."""

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or DictionaryObject()).values():
            yield font.get_object()
        for xobject in (resources.get("/XObject") or DictionaryObject()).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from walk(xobject.get("/Resources"))

    for page in reader.pages:
        yield from walk(page.get("/Resources"))


def test_all_fonts_are_embedded_truetype_and_none_is_helvetica(kpr_sheet):
    fonts = list(font_dicts(kpr_sheet[1]))
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        descriptor = font
        if font["/Subtype"] == "/Type0":
            descriptor = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descriptor["/FontDescriptor"].get_object()
    assert {str(f["/BaseFont"]).split("+")[-1] for f in fonts} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
    }


def test_metadata_names_product_and_officer(kpr_sheet):
    meta = kpr_sheet[1].metadata
    assert meta.title == "RIPLAY Personal: KPR Rumah Idaman"
    assert meta.author == "Budi Santoso"
    assert "KPR Rumah Idaman" in meta.subject
    assert meta.creator == "AO Desktop"


def test_requirements_are_a_checklist(kpr_sheet):
    text = kpr_sheet[2][0]
    for document in KPR.required_documents:
        assert f"☐ {document}" in text


def test_checklist_draws_boxes_when_the_font_lacks_the_glyph(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_parts, "has_glyph", lambda char: False)
    _pages, _reader, texts = write(tmp_path, ProductSheetData(HEADER, KPR, PRINTED))
    assert "☐" not in texts[0]
    for document in KPR.required_documents:
        assert document in texts[0]


def test_qr_code_for_a_mobile_number_only(tmp_path, kpr_sheet):
    # With the AO's contact, after the additional information near the end.
    (page,) = [n for n, text in enumerate(kpr_sheet[2]) if "Pindai untuk WhatsApp AO" in text]
    assert page >= len(kpr_sheet[2]) - 2
    # The QR modules are drawn as filled rectangles in that page's content.
    assert kpr_sheet[1].pages[page].get_contents().get_data().count(b" re") > 100
    for phone in ("", "0215551234", "bukan nomor"):
        header = SheetHeader("Bank", "Cabang", None, "Budi", phone)
        _pages, _reader, texts = write(tmp_path, ProductSheetData(header, KPR, PRINTED))
        assert "Pindai untuk WhatsApp AO" not in "\n".join(texts)
    landline = SheetHeader("Bank", "Cabang", None, "Budi", "+62215551234")
    _pages, _reader, texts = write(tmp_path, ProductSheetData(landline, KPR, PRINTED))
    assert "Telepon: (021) 5551234" in "\n".join(texts)


def test_whatsapp_link_greets_the_officer_about_the_product():
    link = product_sheet.whatsapp_link(HEADER, KPR)
    assert link is not None
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert "Budi%20Santoso" in link and "KPR%20Rumah%20Idaman" in link


def test_flat_loan_shows_the_effective_equivalent(tmp_path):
    schedule = loan(12_000_000, "6", 12, InterestMethod.FLAT)
    product = Product(code="MULTI", name="Kredit Multiguna", kind=ProductKind.LOAN)
    data = ProductSheetData(HEADER, product, PRINTED, schedule=schedule)
    _pages, _reader, texts = write(tmp_path, data)
    text = " ".join("\n".join(texts).split())
    assert "Bunga flat 6% per tahun setara 10,90% efektif per tahun" in text


def test_declining_loan_shows_the_installment_range(tmp_path):
    schedule = loan(120_000_000, "12", 24, InterestMethod.DECLINING)
    product = Product(code="KMK", name="Kredit Modal Kerja", kind=ProductKind.LOAN)
    _pages, _reader, texts = write(
        tmp_path, ProductSheetData(HEADER, product, PRINTED, schedule=schedule)
    )
    text = " ".join("\n".join(texts).split())
    first, last = schedule.installments[0].installment, schedule.installments[-1].installment
    assert f"{format_rupiah(first)} pada bulan pertama, turun hingga {format_rupiah(last)}" in text


def test_affordability_and_comparison(tmp_path, kpr_schedule):
    affordability = assess_affordability(kpr_schedule.first_installment, 10_000_000, 0, Decimal(35))
    options = (
        kpr_schedule,
        loan(500_000_000, "4.85", 360, InterestMethod.FLAT),
        loan(500_000_000, "7.5", 360, InterestMethod.DECLINING),
        loan(500_000_000, "9", 360, InterestMethod.ANNUITY),  # a 4th option is left out
    )
    data = ProductSheetData(HEADER, KPR, PRINTED, "", kpr_schedule, None, affordability, options)
    _pages, _reader, texts = write(tmp_path, data)
    text = " ".join("\n".join(texts).split())
    assert "34,96% dari penghasilan bersih per bulan (batas 35%, semua" in text
    assert "per bulan): memenuhi batas" in text
    assert "semua angsuran paling banyak Rp3.500.000 per bulan" in text
    assert "Perbandingan pilihan" in text
    assert "Pilihan 3" in text and "Pilihan 4" not in text
    cheapest = min(options[:3], key=lambda s: s.total_paid)
    assert f"Total pembayaran terendah: Pilihan 3 ({format_rupiah(cheapest.total_paid)})" in text


def test_deposit_sheet(tmp_path):
    product = Product(
        code="DEP-3",
        name="Deposito 3 Bulan",
        kind=ProductKind.DEPOSIT,
        rate_pa=Decimal("4.5"),
        min_tenor_months=3,
        max_tenor_months=3,
        aro_available=True,
        terms_version="2026.2",
    )
    request = DepositRequest(250_000_000, Decimal("4.5"), 3, date(2026, 11, 27), True, 3)
    result = simulate_deposit(request, DepositRules())
    data = ProductSheetData(HEADER, product, PRINTED, "Bapak Andi", deposit=result)
    pages, _reader, texts = write(tmp_path, data)
    text = " ".join("\n".join(texts).split())
    assert pages == len(texts)
    assert "Ketentuan produk versi 2026.2" in text and "berlaku sejak" not in text
    assert f"Bunga kotor {format_rupiah(result.gross_interest)}" in text
    assert f"Pajak bunga (20%) {format_rupiah(result.tax)}" in text
    assert f"Bunga bersih {format_rupiah(result.net_interest)}" in text
    assert f"Nilai saat jatuh tempo {format_rupiah(result.value_at_maturity)}" in text
    assert "Proyeksi perpanjangan otomatis (ARO)" in text
    assert format_rupiah(result.final_balance) in text
    assert result.warnings and " ".join(result.warnings[0].split()) in text  # above LPS rate
    assert "Jadwal angsuran" not in text


def test_small_deposit_is_tax_free_and_lps_guaranteed(tmp_path):
    product = Product(code="DEP-1", name="Deposito 1 Bulan", kind=ProductKind.DEPOSIT)
    result = simulate_deposit(DepositRequest(5_000_000, Decimal("3.5"), 1, date(2026, 1, 31)))
    _pages, _reader, texts = write(
        tmp_path, ProductSheetData(HEADER, product, PRINTED, deposit=result)
    )
    text = " ".join("\n".join(texts).split())
    assert "bebas pajak" in text
    assert "dijamin LPS sampai Rp2.000.000.000" in text


@pytest.mark.parametrize("logo", [Path("/nonexistent/logo.png"), "corrupt", "empty"])
def test_missing_or_broken_logo_is_skipped(tmp_path, logo):
    if logo == "corrupt":
        logo = tmp_path / "logo.png"
        logo.write_bytes(resource("logo-placeholder.png").read_bytes()[:200])  # truncated
    elif logo == "empty":
        logo = tmp_path / "logo.png"
        logo.write_bytes(b"")
    header = SheetHeader("Bank", "Cabang", logo, "Budi", "")
    pages, _reader, texts = write(tmp_path, ProductSheetData(header, KPR, PRINTED))
    assert pages == len(texts) >= 1
    assert "Bank" in texts[0]


def test_logo_is_drawn_when_readable(kpr_sheet):
    page = kpr_sheet[1].pages[0]
    xobjects = page["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_hostile_text_does_not_break_the_sheet(tmp_path, kpr_schedule):
    huge = "Kata " * 2000  # 10.000 characters
    hostile = "<b>unclosed & <i>tag</font> 😀 \x00\x07 ☐"
    product = Product(
        code=hostile + huge,
        name=hostile + " " + "A" * 500,
        kind=ProductKind.LOAN,
        short_description=hostile,
        long_description=huge + "\n\n" + hostile + "\n\n" + "X" * 10_000,
        benefits=(hostile, huge),
        required_documents=(hostile, huge, "B" * 10_000),
        eligibility=(hostile,),
        terms_version=huge,
    )
    header = SheetHeader(hostile + huge, hostile, None, hostile + huge, "081234567890")
    data = ProductSheetData(header, product, PRINTED, hostile + huge, kpr_schedule)
    pages, _reader, texts = write(tmp_path, data)
    text = "\n".join(texts)
    assert pages == len(texts) > 10
    assert "<b>unclosed &" in text
    assert "Pindai untuk WhatsApp AO" in text  # the QR survives the long names
    assert f"Halaman {pages} dari {pages}" in texts[-1]


def test_writes_to_a_stream(kpr_schedule):
    stream = BytesIO()
    pages = write_product_sheet(
        ProductSheetData(HEADER, KPR, PRINTED, schedule=kpr_schedule), stream
    )
    assert len(PdfReader(BytesIO(stream.getvalue())).pages) == pages


def test_nothing_is_written_when_building_fails(tmp_path, monkeypatch):
    def broken(data):
        raise RuntimeError("boom")

    monkeypatch.setattr(product_sheet, "_story", broken)
    with pytest.raises(RuntimeError):
        write_product_sheet(ProductSheetData(HEADER, KPR, PRINTED), tmp_path / "sheet.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced(tmp_path):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    write_product_sheet(ProductSheetData(HEADER, KPR, PRINTED), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_dsr_over_the_limit_says_the_limit_and_the_excess(tmp_path, kpr_schedule):
    installment = kpr_schedule.first_installment  # Rp3.496.073
    affordability = assess_affordability(installment, 2_000_000, 500_000, Decimal(35))
    data = ProductSheetData(HEADER, KPR, PRINTED, "", kpr_schedule, None, affordability)
    _pages, _reader, texts = write(tmp_path, data)
    text = " ".join("\n".join(texts).split())
    limit, excess = 700_000, installment + 500_000 - 700_000
    assert format_rupiah(excess) == "Rp3.296.073"
    assert (
        f"199,80% dari penghasilan bersih per bulan (batas 35%, semua angsuran paling banyak "
        f"{format_rupiah(limit)} per bulan): melebihi batas, kelebihan {format_rupiah(excess)} "
        "per bulan"
    ) in text
