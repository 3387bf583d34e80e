"""The directory's Excel actions: import through the dialog, export of the current filter
and order, the blank template, and the folder remembered between uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.services.clients.directory import count_clients
from ao_desktop.ui.clients import excel_actions
from ao_desktop.ui.clients.excel_actions import FOLDER_KEY, ClientExcelActions, export_file_name
from ao_desktop.ui.clients.import_dialog import ClientImportDialog
from ao_desktop.ui.clients.table_model import Column
from ao_desktop.ui.clients.view import ClientDirectoryView
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import local_settings
from tests.ui.clients.test_client_import_dialog import write_sheet
from tests.ui.conftest import answer_message_box, click_button


@pytest.fixture
def clients(add: Callable[..., Client]) -> list[Client]:
    return [
        add("Siti Nurhaliza", mobile="081234567890", status=ClientStatus.ACTIVE),
        add("Budi Santoso", mobile="081298765432"),
        add("Agus Salim", status=ClientStatus.ACTIVE),
    ]


@pytest.fixture
def view(context: UiContext, clients: list[Client], qtbot) -> ClientDirectoryView:  # noqa: ANN001
    # A supervisor: the export covers the branch (an AO's covers their own clients only).
    from dataclasses import replace

    from ao_desktop.domain.common.officer import OfficerRole

    widget = ClientDirectoryView(replace(context, role=OfficerRole.SUPERVISOR))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _save_to(monkeypatch: pytest.MonkeyPatch, actions: ClientExcelActions, path: Path) -> None:
    monkeypatch.setattr(actions, "_choose_save", lambda _title, _name: path)


def _exported_names(path: Path) -> list[str]:
    sheet = load_workbook(path)["Nasabah"]
    header = [c.value for c in sheet[1]]
    column = header.index("Nama Lengkap")
    return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_toolbar_offers_the_excel_actions(view: ClientDirectoryView) -> None:
    texts = [a.text() for a in view.toolbar.actions() if not a.isSeparator()]
    assert texts[-3:] == ["Impor Excel…", "Ekspor Excel…", "Templat impor…"]


def test_export_writes_the_filtered_clients_in_the_directory_order(
    view: ClientDirectoryView, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    view.status_combo.set_value(ClientStatus.ACTIVE)
    view.model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert view.model.query.sort is ClientSort.NAME and view.model.query.descending
    qtbot.waitUntil(lambda: view.model.shown_query == view.model.query, timeout=5000)
    target = tmp_path / "aktif.xlsx"
    _save_to(monkeypatch, view.excel_actions, target)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    view.excel_actions.export_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[:2] == ["Ekspor selesai", f"2 nasabah diekspor ke {target}"]
    assert _exported_names(target) == ["Siti Nurhaliza", "Agus Salim"]


def test_batal_during_an_export_writes_no_file(
    view: ClientDirectoryView,
    context: UiContext,
    tmp_path: Path,
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The writer looks at the cancel flag every 1,000 rows: give it more than that.
    many = [Client(full_name=f"Nasabah {i:04d}") for i in range(1200)]
    with context.uow.write() as tx:
        tx.clients.add_many(many, "test", datetime(2026, 11, 27, 9, 0))
    target = tmp_path / "batal.xlsx"
    _save_to(monkeypatch, view.excel_actions, target)
    real_export = excel_actions.export_clients
    tasks = view.excel_actions.tasks

    def export_then_cancel(*args, progress, cancelled, **kwargs):  # noqa: ANN002, ANN003, ANN202
        def report(what: str, done: int, total: int) -> None:
            progress(what, done, total)
            assert tasks.token is not None
            tasks.token.cancel()

        return real_export(*args, progress=report, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(excel_actions, "export_clients", export_then_cancel)
    view.excel_actions.export_action.trigger()
    assert tasks.busy
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)
    assert not target.exists()
    assert QApplication.activeModalWidget() is None  # no message after a cancel


def test_the_template_is_written_where_chosen(
    view: ClientDirectoryView, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    target = tmp_path / "templat.xlsx"
    _save_to(monkeypatch, view.excel_actions, target)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    view.excel_actions.template_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[0] == "Templat impor" and str(target) in seen[1]
    header = [c.value for c in load_workbook(target)["Nasabah"][1]]
    assert header[0] == "Nama Lengkap" and "NIK" in header


def test_import_opens_the_dialog_and_refreshes_the_directory(
    view: ClientDirectoryView,
    context: UiContext,
    tmp_path: Path,
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sheet = write_sheet(tmp_path / "prospek.xlsx")
    monkeypatch.setattr(view.excel_actions, "_choose_open", lambda _title, _filter: sheet)
    seen: list[str] = []

    def poll(remaining: int = 10000) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ClientImportDialog) and modal.import_button.isEnabled():
            answer_message_box("Tutup", seen)
            click_button(modal, modal.import_button.text())
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 20))

    QTimer.singleShot(0, poll)
    view.excel_actions.import_action.trigger()  # returns once the dialog closed
    assert seen and seen[0] == "Impor selesai"
    # 3 stored + 3 imported; the sheet's Budi has the stored Siti's mobile: skipped.
    assert count_clients(context.uow, ClientQuery()) == 6
    qtbot.waitUntil(lambda: view.count_label.text() == "6 nasabah", timeout=5000)
    names = [view.model.index(r, Column.NAME).data() for r in range(view.model.rowCount())]
    assert "Ani Wijaya" in names and "Siti Aminah" in names


def test_the_last_folder_is_remembered(
    context: UiContext, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    parent = ClientDirectoryView(context)
    qtbot.addWidget(parent)
    actions = parent.excel_actions
    folder = tmp_path / "laporan"
    folder.mkdir()
    offered: list[str] = []

    def save_dialog(_parent, _title, suggested, _filter, suffix):  # noqa: ANN001, ANN202
        offered.append(str(suggested))
        return folder / ("hasil" + suffix)

    monkeypatch.setattr(excel_actions, "ask_save_path", save_dialog)
    assert actions._choose_save("Ekspor", export_file_name()) == folder / "hasil.xlsx"
    assert local_settings().value(FOLDER_KEY) == str(folder)
    actions._choose_save("Ekspor", "nasabah.xlsx")
    assert offered[1] == str(folder / "nasabah.xlsx")


def test_the_default_export_name_carries_the_date() -> None:
    assert export_file_name(date(2026, 11, 27)) == "nasabah-2026-11-27.xlsx"
