"""The report's PDF read back (pypdf) and its Excel companion compared figure by figure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from ao_desktop.documents.reports.monthly_pdf import fmt
from ao_desktop.documents.reports.report_tables import Kind, summary_rows
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import ReportNotes, ReportScope
from ao_desktop.services.reports.generate import GeneratedReport, generate_report
from ao_desktop.services.reports.monthly import ReportRequest
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.report_db import ANI, NOW, build_report_db


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    db = build_report_db(tmp_path / "r.sqlite")
    yield SqlUnitOfWork(db)
    db.close()


def _make(uow: SqlUnitOfWork, tmp_path: Path, officer: int | None, month: tuple[int, int] = (2026, 11),
          notes: ReportNotes | None = None) -> GeneratedReport:
    return generate_report(uow, ReportRequest(ReportPeriod.month(*month), ReportScope(officer), notes or ReportNotes()),
                           actor=None, actor_name="tester", folder=tmp_path / "reports", now=NOW)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_pdf_carries_header_period_figures_and_notes(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    made = _make(uow, tmp_path, ANI, notes=ReportNotes("Hujan deras dua minggu", "Fokus pasar Senin"))
    text = _text(made.pdf)
    assert "Laporan Kerja Bulanan" in text and "November 2026" in text and "Ani Lestari" in text
    assert re.search(r"Halaman 1 dari \d+", text)
    assert "Kunjungan selesai" in text and "Belum ada ekstrak portofolio" in text
    assert "Dedi Kurnia" in text and "Hujan deras dua minggu" in text and "Fokus pasar Senin" in text
    assert "Helvetica" not in made.pdf.read_bytes().decode("latin-1")


def test_excel_equals_pdf_figure_by_figure(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    made = _make(uow, tmp_path, None)
    assert made.xlsx is not None
    book = CalamineWorkbook.from_path(str(made.xlsx))
    sheet = book.get_sheet_by_name("Ringkasan").to_python()
    excel = {str(row[1]).strip(): row[3] for row in sheet[5:] if len(row) > 3 and row[3] != ""}
    pdf_text = _text(made.pdf)
    rows = [r for r in summary_rows(made.report.total, False, False) if r.kind is not Kind.TEXT]
    assert rows
    for r in rows:
        assert excel[r.label] == r.actual, r.label  # the number in the workbook
        printed = fmt(r.kind, int(excel[r.label]) if r.kind is not Kind.PCT else r.actual)
        assert printed in pdf_text, r.label  # the PDF prints the same figure
    officers = book.get_sheet_by_name("Per AO").to_python()
    body = [row for row in officers[5:] if row and row[0]]
    assert [row[0] for row in body] == ["Ani Lestari", "Budi Santoso", "Total cabang"]
    for col in range(1, len(body[0])):
        assert body[-1][col] == sum(row[col] for row in body[:-1])  # the total is the sum of its rows
    assert body[-1][7] == 100_000_000 == made.headline["disbursed_amount"]
    clients = book.get_sheet_by_name("Nasabah").to_python()
    assert len([row for row in clients[5:] if row and row[1]]) == len(made.report.clients) == 4


def test_empty_month_is_short_and_says_so(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    made = _make(uow, tmp_path, None, (2025, 1))
    assert made.pages == 1
    assert "Tidak ada prospek baru" in _text(made.pdf)
    assert made.headline["empty"] is True


def test_regenerating_makes_a_new_version_and_keeps_the_old(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    first = _make(uow, tmp_path, ANI)
    second = _make(uow, tmp_path, ANI)
    assert (first.headline["version"], second.headline["version"]) == (1, 2)
    assert first.pdf != second.pdf and first.pdf.is_file() and second.pdf.is_file()
    from ao_desktop.services.reports.generate import report_history

    history = report_history(uow, None)
    assert [h.version for h in history] == [2, 1] and history[0].scope_label == "Ani Lestari"
    assert history[0].period_label == "November 2026" and history[0].pdf_path == str(second.pdf)
