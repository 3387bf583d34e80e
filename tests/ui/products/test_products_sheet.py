"""The product sheet from the Products view: preview images (pypdfium2), Save as PDF read
back with pypdf, printing onto a QPrinter, the remembered printer, the file name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products import sheet_preview
from ao_desktop.ui.products.sheet_actions import SheetRequest, default_file_name
from ao_desktop.ui.products.sheet_preview import print_pdf, render_pages
from ao_desktop.ui.products.view import ProductsView

# The seeded catalog, an admin context and a client with income, shared by the Products tests.
pytest_plugins = ["tests.ui.products.products_helpers"]


@pytest.fixture
def view(context: UiContext, catalog: int, siti: Client, qtbot) -> ProductsView:  # noqa: ANN001
    widget = ProductsView(context)
    qtbot.addWidget(widget)
    widget.resize(1250, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.select_product("KPR")
    widget.simulator.tenor_spin.setValue(120)
    widget.simulator.set_amount(150_000_000)
    widget.simulator.set_client(siti.id, "Siti Nurhaliza")
    return widget


@pytest.fixture
def kpr_pdf(uow: SqlUnitOfWork, catalog: int, tmp_path: Path) -> Path:
    out = tmp_path / "kpr.pdf"
    make_riplay(uow, SheetSpec(code="KPR", amount=150_000_000, tenor_months=120), out)
    return out


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pages_render_to_images(kpr_pdf: Path) -> None:
    pages = render_pages(kpr_pdf, scale=1.0)
    assert len(pages) == len(PdfReader(kpr_pdf).pages) >= 1
    first = pages[0]
    assert abs(first.width() - 595) <= 1 and abs(first.height() - 842) <= 1  # A4 at 72 dpi
    assert first.pixelColor(5, 5).name() == "#ffffff"  # white paper
    dark = [
        first.pixelColor(x, y).lightness() < 128
        for x in range(0, 595, 4)
        for y in range(40, 200, 4)
    ]
    assert any(dark)  # the header text was drawn


def test_preview_shows_the_rendered_pages(view: ProductsView, qtbot) -> None:  # noqa: ANN001
    view.preview_button.click()
    assert view.busy_bar.isVisible() and not view.preview_button.isEnabled()
    qtbot.waitUntil(lambda: view.sheet.preview_dialog is not None, timeout=10_000)
    dialog = view.sheet.preview_dialog
    assert dialog is not None
    assert len(dialog.page_labels) >= 1 and not dialog.page_labels[0].pixmap().isNull()
    assert dialog.count_label.text() == f"{len(dialog.page_labels)} halaman"
    assert dialog.windowTitle() == "Pratinjau lembar produk \u2014 KPR (Kredit Pemilikan Rumah)"
    assert [b.text() for b in (dialog.print_button, dialog.save_button, dialog.close_button)] == [
        "Cetak…", "Simpan PDF…", "Tutup",
    ]  # fmt: skip
    assert not view.busy_bar.isVisible() and view.preview_button.isEnabled()
    dialog.close()


def test_save_writes_the_sheet_with_the_installment(
    view: ProductsView, qtbot, tmp_path: Path
) -> None:  # noqa: ANN001
    out = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(view.sheet.finished, timeout=10_000) as blocker:
        view.sheet.save_to(out)
    assert str(out) in blocker.args[0]
    schedule = view.simulator.schedule
    assert schedule is not None
    text = _text(out)
    assert format_rupiah(schedule.first_installment) in text
    assert "Disiapkan untuk: Siti Nurhaliza" in text
    assert "Rina Marlina" in text  # the signed-in AO
    assert QSettings("AO Desktop", "AO Desktop").value("products/sheet_folder") == str(tmp_path)


def test_save_failure_is_shown_not_raised(view: ProductsView, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.ui.conftest import answer_next_modal

    seen = answer_next_modal("Tutup", timeout_ms=10_000)
    view.sheet.save_to(tmp_path / "missing" / "sheet.pdf")
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "Lembar produk tidak tersimpan" in seen and any("tidak ditemukan" in t for t in seen)
    qtbot.waitUntil(lambda: not view.sheet.busy)


def test_print_paints_every_page(kpr_pdf: Path, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    pages = print_pdf(kpr_pdf, printer)
    assert pages == len(PdfReader(kpr_pdf).pages)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages


def test_print_from_the_view_goes_through_a_temporary_sheet(
    view: ProductsView, qtbot, tmp_path: Path
) -> None:  # noqa: ANN001
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    with qtbot.waitSignal(view.sheet.finished, timeout=10_000) as blocker:
        view.sheet.print_to(printer)
    assert blocker.args[0].endswith("halaman dikirim ke printer")
    assert len(PdfReader(tmp_path / "printed.pdf").pages) >= 2


def test_the_chosen_printer_is_remembered(monkeypatch) -> None:  # noqa: ANN001
    printer = QPrinter()
    monkeypatch.setattr(printer, "printerName", lambda: "HP LaserJet Cabang")
    # This test machine has no printer: Qt falls back to PDF output, which is never remembered.
    monkeypatch.setattr(printer, "outputFormat", lambda: QPrinter.OutputFormat.PdfFormat)
    sheet_preview.remember_printer(printer)
    assert sheet_preview.remembered_printer() == ""
    monkeypatch.setattr(printer, "outputFormat", lambda: QPrinter.OutputFormat.NativeFormat)
    sheet_preview.remember_printer(printer)
    assert sheet_preview.remembered_printer() == "HP LaserJet Cabang"
    monkeypatch.setattr(
        sheet_preview.QPrinterInfo,
        "availablePrinterNames",
        staticmethod(lambda: ["HP LaserJet Cabang"]),
    )
    chosen: list[str] = []
    target = QPrinter()
    monkeypatch.setattr(target, "setPrinterName", chosen.append)
    sheet_preview.preselect_printer(target)
    assert chosen == ["HP LaserJet Cabang"]


def test_a_printer_no_longer_installed_is_not_preselected(monkeypatch) -> None:  # noqa: ANN001
    QSettings("AO Desktop", "AO Desktop").setValue(sheet_preview.PRINTER_KEY, "Printer lama")
    monkeypatch.setattr(
        sheet_preview.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: [])
    )
    chosen: list[str] = []
    target = QPrinter()
    monkeypatch.setattr(target, "setPrinterName", chosen.append)
    sheet_preview.preselect_printer(target)
    assert chosen == []


@pytest.mark.parametrize(
    ("name", "client", "expected"),
    [
        (
            "KPR (Kredit Pemilikan Rumah)",
            "Siti Nurhaliza",
            "Simulasi KPR - Siti Nurhaliza - 2026-11-27.pdf",
        ),
        ("Kredit Multiguna", "", "Simulasi Kredit Multiguna - 2026-11-27.pdf"),
        (
            "Deposito 3 Bulan",
            "CV Maju/Jaya: Toko?",
            "Simulasi Deposito 3 Bulan - CV Maju Jaya Toko - 2026-11-27.pdf",
        ),
    ],
)
def test_default_file_name(name: str, client: str, expected: str) -> None:
    request = SheetRequest(code="X", product_name=name, client_name=client)
    assert default_file_name(request, date(2026, 11, 27)) == expected


@pytest.mark.parametrize(("answer", "asked_for_printer"), [("Batal", False), ("Tetap cetak", True)])
def test_printing_a_sheet_over_the_dsr_limit_asks_first(
    view: ProductsView, monkeypatch, answer: str, asked_for_printer: bool
) -> None:  # noqa: ANN001
    from ao_desktop.ui.products import sheet_actions
    from tests.ui.conftest import answer_next_modal

    printers: list[object] = []
    monkeypatch.setattr(sheet_actions, "choose_printer", lambda parent: printers.append(parent))
    view.simulator.set_amount(400_000_000)  # far above Bu Siti's Rp8.000.000 income at 35%
    request = view.sheet_request()
    assert request is not None and "melebihi batas produk 35%" in request.dsr_warning
    seen = answer_next_modal(answer)
    view.sheet.print()
    assert any("kelebihan Rp" in text for text in seen)
    assert bool(printers) is asked_for_printer


def test_a_sheet_within_the_dsr_limit_prints_without_asking(view: ProductsView, monkeypatch) -> None:  # noqa: ANN001
    from ao_desktop.ui.products import sheet_actions

    printers: list[object] = []
    monkeypatch.setattr(sheet_actions, "choose_printer", lambda parent: printers.append(parent))
    request = view.sheet_request()
    assert request is not None and request.dsr_warning == ""
    view.sheet.print()
    assert printers


def test_the_comparison_is_saved_as_a_pdf_for_the_client(
    view: ProductsView, qtbot, tmp_path: Path
) -> None:  # noqa: ANN001
    panel = view.comparison
    assert not panel.save_button.isEnabled() and not panel.print_button.isEnabled()
    view.simulator.set_amount(300_000_000)
    view.simulator.tenor_spin.setValue(180)
    view.simulator.recompute_now()
    view.simulator.compare_button.click()
    view.select_product("MULTIGUNA")
    view.simulator.set_amount(300_000_000)
    view.simulator.compare_button.click()
    assert panel.save_button.isEnabled() and panel.print_button.isEnabled()
    kpr, multiguna = (e.schedule for e in panel.model.entries)
    assert multiguna.request.tenor_months == 120
    out = tmp_path / "perbandingan.pdf"
    with qtbot.waitSignal(view.comparison_sheet.finished, timeout=10_000) as blocker:
        view.comparison_sheet.save_to(out)
    assert blocker.args[0].startswith("Lembar perbandingan disimpan")
    text = " ".join(_text(out).split())
    assert "Perbandingan pilihan kredit" in text and "Disiapkan untuk: Siti Nurhaliza" in text
    for schedule in (kpr, multiguna):
        assert format_rupiah(schedule.total_paid) in text
    assert "Biaya efektif terendah: Pilihan 1" in text and "Tenor berbeda (180 dan 120 bulan)" in text
    assert "Rina Marlina" in text


def test_the_comparison_file_name_names_the_client() -> None:
    from ao_desktop.ui.products.comparison_actions import ComparisonRequest, comparison_file_name

    request = ComparisonRequest(options=(), client_name="Siti / Nurhaliza")
    assert comparison_file_name(request, date(2026, 12, 4)) == (
        "Perbandingan kredit - Siti Nurhaliza - 2026-12-04.pdf"
    )
