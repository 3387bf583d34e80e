"""ClientImportDialog with a real database and real workbooks: the preview, the mapping,
the duplicate policy, the import, a cancelled import and the error report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.errors import OperationCancelled
from ao_desktop.domain.imports.import_plan import DuplicatePolicy, policy_label
from ao_desktop.services.clients.directory import count_clients, search_clients
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.clients import import_dialog
from ao_desktop.ui.clients.import_dialog import POLICIES, ClientImportDialog
from ao_desktop.ui.clients.import_models import (
    FLAGGED_TINT,
    REJECTED_TINT,
    Column,
    ImportPreviewTableModel,
    RowFilter,
    SortRole,
    cell_text,
    format_count,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.task_progress import Cancelled, Progress, TaskProgress
from tests.ui.conftest import answer_message_box

HEADERS = ("No", "Nama Nasabah", "No KTP", "No HP", "Tgl Lahir", "Alamat", "Penghasilan", "Sumber")
STORED_NIK = "3201015506850002"
ROWS = [  # sheet rows 3..8 (row 1 is a title, row 2 the header)
    (1, "Siti Aminah", "3174055207900001", "0812-3456-7001", datetime(1990, 7, 12),
     "Jl. Melati 5, Jakarta", 6_000_000, "Brosur"),
    # The phone typed as a number: Excel dropped the leading zero.
    (2, "Budi Santoso", "3201011207900003", 81234567890, datetime(1990, 7, 12),
     "Kp. Sawah, Bogor", "Rp 7.500.000", "Referensi"),
    (3, None, "3201010101900005", "081211112222", "01/01/1990", "Jl. Raya", 5_000_000, "Brosur"),
    # The NIK typed as a number: Excel kept 15 digits, the last one became 0.
    (4, "Joko Widodo", 3174051234567890, "081311112222", None, "Solo", 9_000_000, "Brosur"),
    # Repeats the stored client (same NIK).
    (5, "Dewi Lestari", STORED_NIK, "081322223333", datetime(1985, 6, 15), "Cibinong",
     4_000_000, "Media sosial"),
    (6, "Ani Wijaya", "3201014503880004", "085711112222", "05-03-1988", "Perum Griya, Depok",
     "6 jt", "Media sosial"),
]  # fmt: skip
SKIP_SUMMARY = (
    "6 baris: 3 akan diimpor (3 baru, 0 digabung), 1 dilewati, 2 ditolak, "
    "0 dengan peringatan, 1 duplikat"
)


def write_sheet(path: Path, rows: list[tuple[object, ...]] = ROWS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Prospek"
    sheet.append(["DAFTAR PROSPEK NASABAH - KCP CIBINONG"])
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    book.create_sheet("Rekap").append(["Jumlah", 6])
    book.create_sheet("Lama").sheet_state = "hidden"
    book.save(path)
    return path


@pytest.fixture
def sheet_file(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "prospek.xlsx")


@pytest.fixture
def stored(add: Callable[..., Client], context: UiContext) -> Client:
    # The signed-in AO's own client: an AO merges a sheet's rows into their own clients only.
    return add("Dewi Lestari", nik=STORED_NIK, birth_date=date(1985, 6, 15), officer_id=context.officer_id)


def open_dialog(context: UiContext, path: Path, qtbot) -> ClientImportDialog:  # noqa: ANN001
    dialog = ClientImportDialog(context, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.tasks.busy, timeout=10000)
    return dialog


def _names(uow: SqlUnitOfWork) -> list[str]:
    return sorted(item.full_name for item in search_clients(uow, ClientQuery()))


def _choose(dialog: ClientImportDialog, policy: DuplicatePolicy) -> None:
    dialog.policy_group.button(POLICIES.index(policy)).click()


# --- the preview ----------------------------------------------------------------------------
def test_preview_shows_the_sheet_the_header_and_the_counts(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    assert dialog.summary_label.text() == SKIP_SUMMARY
    assert dialog.header_label.text() == "Baris judul: 2"
    sheets = [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())]
    assert sheets == ["Prospek", "Rekap", "Lama (tersembunyi)"]
    assert dialog.sheet_combo.currentText() == "Prospek"
    assert not dialog.remembered_label.isVisibleTo(dialog)
    assert dialog.import_button.text() == "Impor 3 nasabah"
    assert dialog.import_button.isEnabled() and dialog.report_button.isEnabled()
    assert (
        dialog.note_label.text() == "Belum ada yang disimpan. Periksa pratinjau, lalu klik Impor."
    )
    table = dialog.mapping_table
    assert [table.item(0, c).text() for c in range(3)] == ["No", "Nama Nasabah", "No KTP"]
    assert table.item(1, 1).text() == "Siti Aminah"  # a sample from the first data row
    assert [table.combo(c).currentText() for c in range(3)] == ["(abaikan)", "Nama Lengkap", "NIK"]
    assert count_clients(context.uow, ClientQuery()) == 1  # the preview wrote nothing


def test_preview_rows_say_what_happens_and_why(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    model = open_dialog(context, sheet_file, qtbot).model
    rows = {model.index(r, Column.ROW).data(): r for r in range(model.rowCount())}
    assert list(rows) == ["3", "4", "5", "6", "7", "8"]

    def cell(sheet_row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(rows[str(sheet_row)], column).data(role)

    assert [cell(r, Column.ACTION) for r in range(3, 9)] == [
        "Baru", "Baru", "Ditolak", "Ditolak", "Dilewati", "Baru"
    ]  # fmt: skip
    assert cell(4, Column.PHONE) == "0812-3456-7890"  # the number lost its 0; it is read anyway
    assert "Nama lengkap wajib diisi" in str(cell(5, Column.PROBLEMS))
    assert cell(6, Column.NAME) == "Joko Widodo" and cell(6, Column.NIK) == "3174051234567890"
    assert str(cell(6, Column.PROBLEMS)).startswith("No KTP: ")
    assert "Dewi Lestari" in str(cell(7, Column.PROBLEMS))
    assert cell(6, Column.NAME, Qt.ItemDataRole.BackgroundRole) == REJECTED_TINT
    assert cell(3, Column.NAME, Qt.ItemDataRole.BackgroundRole) is None


def test_the_duplicate_policy_changes_the_counts_at_once(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    _choose(dialog, DuplicatePolicy.MERGE)
    assert dialog.summary_label.text().startswith("6 baris: 4 akan diimpor (3 baru, 1 digabung)")
    assert dialog.import_button.text() == "Impor 4 nasabah"
    assert dialog.model.index(4, Column.ACTION).data() == "Digabung"
    _choose(dialog, DuplicatePolicy.NEW)
    assert dialog.summary_label.text().startswith("6 baris: 4 akan diimpor (4 baru, 0 digabung)")
    _choose(dialog, DuplicatePolicy.SKIP)
    assert dialog.summary_label.text() == SKIP_SUMMARY


def test_a_choice_for_one_duplicate_row_overrides_the_policy_and_is_imported(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    dialog.table.selectRow(4)  # Dewi Lestari, the stored client's duplicate
    shown: list[list[str]] = []

    def read_menu() -> None:
        menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
        shown.append([a.text() for a in menu.actions()])
        menu.close()

    QTimer.singleShot(0, read_menu)
    rect = dialog.table.visualRect(dialog.model.index(4, Column.NAME))
    dialog.table.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1:] == [policy_label(p) for p in POLICIES] + ["Ikuti pilihan umum"]
    dialog.choose_for_rows([7], DuplicatePolicy.MERGE)
    assert dialog.summary_label.text().startswith("6 baris: 4 akan diimpor (3 baru, 1 digabung)")
    assert dialog.model.index(4, Column.ACTION).data() == "Digabung"
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert "1 digabung" in seen[1]
    dewi = search_clients(context.uow, ClientQuery(text=STORED_NIK))
    assert [(d.id, d.mobile) for d in dewi] == [(stored.id, "+6281322223333")]
    dialog.choose_for_rows([7], None)
    assert dialog.overrides == {}


def test_a_big_sheet_plans_on_the_worker(
    context: UiContext, stored: Client, sheet_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    monkeypatch.setattr(import_dialog, "SYNC_PLAN_ROWS", 0)
    _choose(dialog, DuplicatePolicy.MERGE)
    assert dialog.summary_label.text() == "Menghitung…"
    assert not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: "1 digabung" in dialog.summary_label.text())
    assert dialog.import_button.text() == "Impor 4 nasabah" and dialog.import_button.isEnabled()


def test_the_filter_rebuilds_the_rows_shown(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    labels = [dialog.filter_combo.itemText(i) for i in range(dialog.filter_combo.count())]
    assert labels == ["Semua", "Ditolak", "Peringatan", "Duplikat", "Akan diimpor"]
    shown = {}
    for index, row_filter in enumerate(RowFilter):
        dialog.filter_combo.setCurrentIndex(index)
        shown[row_filter] = [
            dialog.model.index(r, Column.ROW).data() for r in range(dialog.model.rowCount())
        ]
    assert shown[RowFilter.REJECTED] == ["5", "6"]
    assert shown[RowFilter.FLAGGED] == []
    assert shown[RowFilter.DUPLICATE] == ["7"]
    assert shown[RowFilter.ACCEPTED] == ["3", "4", "8"]


# --- the mapping and the sheet -------------------------------------------------------------
def test_changing_a_column_mapping_reads_the_sheet_again(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    first = dialog.preview
    dialog.mapping_table.combo(2).setCurrentIndex(0)  # No KTP -> (abaikan)
    qtbot.waitUntil(lambda: dialog.preview is not first and not dialog.tasks.busy)
    assert dialog.preview is not None and 2 not in dialog.preview.mapping
    assert not dialog.preview.mapping_remembered
    assert dialog.counts is not None and dialog.counts.rejected == 1  # the typed NIK is ignored
    assert dialog.summary_label.text().startswith("6 baris: ")
    assert dialog.mapping_table.combo(2).currentText() == "(abaikan)"


def test_a_wrong_mapping_is_shown_in_red_and_blocks_the_import(
    context: UiContext, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    first = dialog.preview
    dialog.mapping_table.combo(3).setCurrentIndex(dialog.mapping_table.combo(3).findData("nik"))
    assert dialog.problems_label.isVisibleTo(dialog)
    assert "NIK dipilih untuk lebih dari satu kolom (C, D)" in dialog.problems_label.text()
    assert not dialog.import_button.isEnabled() and not dialog.tasks.busy
    assert dialog.model.rowCount() == 0 and dialog.preview is first  # nothing read again
    dialog.mapping_table.combo(3).setCurrentIndex(
        dialog.mapping_table.combo(3).findData("phone")
    )  # back as it was: no new read needed
    assert not dialog.problems_label.isVisibleTo(dialog)
    assert dialog.import_button.text() == "Impor 4 nasabah" and dialog.preview is first


def test_choosing_another_sheet_reads_it(context: UiContext, sheet_file: Path, qtbot) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    dialog.sheet_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.preview.sheet == "Rekap" and not dialog.tasks.busy)
    assert dialog.header_label.text() == "Baris judul tidak ditemukan"
    assert "Baris judul kolom tidak ditemukan" in dialog.problems_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Impor 0 nasabah"


def test_an_unreadable_file_is_explained_and_the_dialog_closes(
    context: UiContext, tmp_path: Path, qtbot
) -> None:  # noqa: ANN001
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"this is not a workbook")
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    dialog = ClientImportDialog(context, broken)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(seen) and not dialog.isVisible(), timeout=10000)
    assert seen[0] == "Berkas tidak dapat dibaca"
    assert "rusak.xlsx" in seen[1]
    assert dialog.result() == QDialog.DialogCode.Rejected


# --- the import -----------------------------------------------------------------------------
def test_impor_writes_the_accepted_rows_and_remembers_the_mapping(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    dialog.mapping_table.combo(7).setCurrentIndex(0)  # Sumber ignored: a mapping worth keeping
    qtbot.waitUntil(lambda: not dialog.tasks.busy and 7 not in dialog.preview.mapping)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert seen[0] == "Impor selesai"
    assert "3 nasabah baru" in seen[1] and "1 dilewati" in seen[1] and "2 ditolak" in seen[1]
    uow = context.uow
    assert _names(uow) == ["Ani Wijaya", "Budi Santoso", "Dewi Lestari", "Siti Aminah"]
    assert len(dialog.imported_ids) == 3
    budi = next(c for c in search_clients(uow, ClientQuery(text="Budi")))
    assert budi.mobile == "+6281234567890"

    again = open_dialog(context, sheet_file, qtbot)
    assert again.remembered_label.isVisibleTo(again)
    assert 7 not in again.preview.mapping
    assert again.remembered_label.text() == "Pemetaan kolom diingat dari impor sebelumnya"


def test_batal_during_the_import_leaves_the_database_unchanged(
    context: UiContext,
    stored: Client,
    sheet_file: Path,
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(context, sheet_file, qtbot)
    real_commit = import_dialog.commit_import

    def commit_then_cancel(*args, progress, cancelled, **kwargs):  # noqa: ANN002, ANN003, ANN202
        def report(what: str, done: int, total: int) -> None:
            progress(what, done, total)
            assert dialog.tasks.token is not None
            dialog.tasks.token.cancel()  # as "Batal" does, at a known point of the work

        return real_commit(*args, progress=report, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(import_dialog, "commit_import", commit_then_cancel)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[:2] == ["Impor dibatalkan", "Impor dibatalkan; database tidak berubah."]
    assert count_clients(context.uow, ClientQuery()) == 1
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.import_button.isEnabled() and not dialog.tasks.busy
    assert dialog.imported_ids == []


def test_the_error_report_holds_the_rejected_rows(
    context: UiContext,
    stored: Client,
    sheet_file: Path,
    tmp_path: Path,
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(context, sheet_file, qtbot)
    target = tmp_path / "ditolak.xlsx"
    monkeypatch.setattr(dialog, "_choose_report_path", lambda: target)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    dialog.report_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[0] == "Laporan kesalahan" and "2 baris yang ditolak" in seen[1]
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 3  # the header and the two rejected rows
    assert [row[1] for row in rows[1:]] == [5, 6]  # their rows in the original sheet
    assert rows[2][3] == "Joko Widodo" and "NIK" in rows[2][0]
    assert "Nama lengkap wajib diisi" in rows[1][0]


# --- the table model on its own --------------------------------------------------------------
def test_the_preview_model_passes_the_model_tester(
    context: UiContext, stored: Client, sheet_file: Path, qtbot, qtmodeltester
) -> None:  # noqa: ANN001
    dialog = open_dialog(context, sheet_file, qtbot)
    model = ImportPreviewTableModel()
    model.set_plan(dialog.model._plan, dialog.preview.mapping)
    qtmodeltester.check(model)
    model.set_filter(RowFilter.REJECTED)
    qtmodeltester.check(model)


def test_the_preview_model_sorts_its_index_list(
    context: UiContext, stored: Client, sheet_file: Path, qtbot
) -> None:  # noqa: ANN001
    model = open_dialog(context, sheet_file, qtbot).model
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, Column.NAME).data() for r in range(model.rowCount())]
    assert names == ["", "Ani Wijaya", "Budi Santoso", "Dewi Lestari", "Joko Widodo", "Siti Aminah"]
    model.sort(Column.ROW, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.ROW).data() == "8"
    assert model.index(0, Column.ROW).data(SortRole) == 8
    model.sort(Column.PROBLEMS, Qt.SortOrder.AscendingOrder)  # errors first, clean rows last
    assert [model.index(r, Column.ACTION).data() for r in range(3)] == [
        "Ditolak", "Ditolak", "Dilewati"
    ]  # fmt: skip


def test_cells_read_as_the_sheet_showed_them() -> None:
    assert cell_text(81234567890.0) == "81234567890"
    assert cell_text(datetime(1990, 7, 12)) == "12/07/1990"
    assert cell_text("  Siti   Aminah ") == "Siti Aminah"
    assert cell_text(None) == ""
    assert format_count(100_000) == "100.000"
    assert FLAGGED_TINT != REJECTED_TINT


# --- the progress helper ------------------------------------------------------------------
def test_task_progress_shows_the_work_and_batal_stops_it(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    tasks = TaskProgress(parent)
    reported, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(progress: Progress, cancelled: Cancelled) -> int:
        progress("Membaca berkas…", 0, 0)
        progress("Memeriksa baris…", 40, 100)
        reported.set()
        release.wait(10)
        if cancelled():
            raise OperationCancelled("dibatalkan")
        return 1

    assert tasks.run("Mulai…", work, lambda _n: outcome.append("done"), failure_title="x",
                     on_cancelled=lambda: outcome.append("cancelled"))  # fmt: skip
    assert not tasks.run("Lagi…", work, lambda _n: None, failure_title="x")  # one at a time
    dialog = tasks.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: reported.is_set() and dialog.labelText() == "Memeriksa baris…")
    assert (dialog.value(), dialog.maximum()) == (40, 100)
    tasks.cancel()  # what the Batal button does
    assert dialog.labelText() == "Membatalkan…" and dialog.maximum() == 0  # a busy bar
    assert tasks.busy and outcome == []  # the work has not stopped yet
    release.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"])
    assert not tasks.busy and tasks.dialog is None
