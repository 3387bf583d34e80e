"""ClientDialog when the database goes out of reach at "Simpan" (#18): the PostgreSQL
server's network cut, the shared drive's folder gone. The form stays open with what was
typed, the message says where and offers "Coba lagi"; once the database is back the same
input is saved, without restarting anything."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.officer import Officer
from ao_desktop.services.clients.directory import count_clients, get_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.clients.client_dialog import ClientDialog
from ao_desktop.ui.context import UiContext
from tests.ui.conftest import answer_after


def _filled_dialog(context: UiContext, qtbot) -> ClientDialog:  # noqa: ANN001
    dialog = ClientDialog(context)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    dialog.show()
    qtbot.waitExposed(dialog)
    for widget, text in ((dialog.form.full_name, "Siti Aminah"), (dialog.form.mobile, "0812 3456 7890"),
                         (dialog.form.monthly_income, "6.000.000")):
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    return dialog


def _input_kept(dialog: ClientDialog) -> None:
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.full_name.text() == "Siti Aminah"
    assert dialog.form.mobile.text() == "0812 3456 7890"
    assert dialog.form.monthly_income.text() == "6.000.000"


def _stored(dialog: ClientDialog, context: UiContext) -> None:
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_client is not None and dialog.saved_client.id is not None
    stored = get_client(context.uow, dialog.saved_client.id)
    assert (stored.full_name, stored.mobile, stored.monthly_income) == ("Siti Aminah", "+6281234567890", 6_000_000)
    assert count_clients(context.uow, ClientQuery()) == 1


def test_a_cut_server_keeps_the_form_and_simpan_saves_once_it_is_back(
    pg_context: UiContext, pg_link, qtbot  # noqa: ANN001
) -> None:
    dialog = _filled_dialog(pg_context, qtbot)
    pg_link.cut()
    seen: list[str] = []
    answer_after("Tutup", seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = "\n".join(seen)
    assert f"Koneksi ke server database terputus:\n{pg_link.url}" in text
    assert "Tidak ada yang tersimpan" in text and "[Coba lagi]" in seen and "[Tutup]" in seen
    assert "rahasia" not in text  # the password in the location is never shown
    _input_kept(dialog)
    pg_link.restore()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _stored(dialog, pg_context)


def test_coba_lagi_saves_the_kept_input_once_the_server_is_back(
    pg_context: UiContext, pg_link, qtbot  # noqa: ANN001
) -> None:
    dialog = _filled_dialog(pg_context, qtbot)
    pg_link.cut()
    seen: list[str] = []
    answer_after("Coba lagi", seen, before=pg_link.restore)  # the network came back meanwhile
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    _stored(dialog, pg_context)


@pytest.fixture
def shared_context(tmp_path: Path, qtbot) -> Iterator[UiContext]:  # noqa: ANN001
    share = tmp_path / "share"
    share.mkdir()
    db = open_database(share / "ao.sqlite", shared=True, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        officer = tx.officers.add(Officer(name="Rina Marlina"))
    yield UiContext(uow=uow, database_label=db.label, shared=True, actor="rina", officer_id=officer.id)
    db.close()


def test_a_vanished_shared_drive_keeps_the_form_and_coba_lagi_saves_once_it_is_back(
    shared_context: UiContext, tmp_path: Path, qtbot  # noqa: ANN001
) -> None:
    dialog = _filled_dialog(shared_context, qtbot)
    os.rename(tmp_path / "share", tmp_path / "unmounted")
    seen: list[str] = []
    answer_after("Coba lagi", seen, before=lambda: os.rename(tmp_path / "unmounted", tmp_path / "share"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert f"Database bersama tidak dapat dijangkau (drive bersama terputus atau foldernya dipindahkan):\n{shared_context.database_label}" in "\n".join(seen)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    _stored(dialog, shared_context)
