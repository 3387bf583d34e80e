"""The Berkas menu's backup, restore and check actions, driven like a user would."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.maintenance.backup import BackupKind
from ao_desktop.storage.maintenance.backup import list_backups, take_backup
from ao_desktop.storage.maintenance.sql_maintenance import SqlMaintenance
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.main_window import MainWindow
from ao_desktop.ui.maintenance.restore_dialog import RestoreDialog
from tests.ui.conftest import answer_message_box, click_button, modal_texts, open_main_window

# Backups, logs and the default database go to this test's own folder.
pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def maintained(context: UiContext, uow: SqlUnitOfWork, db_path: Path) -> UiContext:
    # Backup and restore by hand are an admin's.
    return replace(context, maintenance=SqlMaintenance(db_path, close_database=uow.db.close),
                   role=OfficerRole.ADMIN)


def test_an_ao_gets_no_backup_or_restore_by_hand(maintained: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _window(replace(maintained, role=OfficerRole.AO), qtbot)
    assert window.backup_actions.actions() and not any(a.isEnabled() for a in window.backup_actions.actions())


def _window(context: UiContext, qtbot) -> MainWindow:  # noqa: ANN001
    return open_main_window(context, qtbot)


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return [
                a.text().replace("&", "") for a in action.menu().actions() if not a.isSeparator()
            ]
    raise AssertionError(f"no menu {title}")


def _wait_answered(qtbot, seen: list[str]) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)


def test_menu_actions_exist_and_need_a_database(
    context: UiContext, maintained: UiContext, qtbot
) -> None:  # noqa: ANN001
    bare = _window(context, qtbot)
    assert _menu_texts(bare, "Berkas")[:3] == [
        "Cadangkan sekarang",
        "Pulihkan dari cadangan…",
        "Periksa database",
    ]
    assert "Buka folder log" in _menu_texts(bare, "Bantuan")
    assert not bare.backup_actions.backup_action.isEnabled()  # no maintenance in this context
    assert not bare.log_folder_action.isEnabled()
    window = _window(maintained, qtbot)
    assert all(a.isEnabled() for a in window.backup_actions.actions())
    window.set_log_folder(Path("/tmp"))
    assert window.log_folder_action.isEnabled()


def test_backup_now_writes_a_checked_backup(maintained: UiContext, home: Path, qtbot) -> None:  # noqa: ANN001
    window = _window(maintained, qtbot)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    window.backup_actions.backup_action.trigger()
    _wait_answered(qtbot, seen)
    backups = list_backups(maintained.maintenance.backup_folder)
    assert [b.kind for b in backups] == [BackupKind.MANUAL]
    assert backups[0].path.is_relative_to(home)
    con = sqlite3.connect(backups[0].path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM officers").fetchone()[0] == 2
    con.close()
    text = " ".join(seen)
    assert "Cadangan tersimpan" in text and str(backups[0].path) in text
    assert not window.backup_actions.busy


def test_check_database_reports_a_healthy_file(maintained: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _window(maintained, qtbot)
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    window.backup_actions.check_action.trigger()
    _wait_answered(qtbot, seen)
    text = " ".join(seen)
    assert "Database dalam keadaan baik" in text and "Indeks pencarian nasabah: baik." in text


def test_restore_asks_then_restores_keeps_the_old_file_and_closes(
    maintained: UiContext,
    db_path: Path,
    add: Callable[..., object],
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add("Siti Nurhaliza")
    backup = take_backup(db_path, BackupKind.MANUAL).path
    add("Citra Lestari")  # after the backup: only in the file kept aside
    window = _window(maintained, qtbot)
    monkeypatch.setattr(window.backup_actions, "_choose_backup", lambda: backup)
    question: list[str] = []
    done: list[str] = []

    def confirm_then_read_result() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            question.extend(modal_texts(modal))
            answer_message_box("Tutup", done)
            click_button(modal, "Pulihkan")
        else:
            QTimer.singleShot(20, confirm_then_read_result)

    QTimer.singleShot(0, confirm_then_read_result)
    with qtbot.waitSignal(window.backup_actions.restored, timeout=15000) as blocker:
        window.backup_actions.restore_action.trigger()
    assert "Lanjutkan?" in " ".join(question)
    assert "AO Desktop akan ditutup" in " ".join(done)
    aside = blocker.args[0]
    assert aside is not None and aside.parent == db_path.parent
    con = sqlite3.connect(db_path)
    assert [r[0] for r in con.execute("SELECT full_name FROM clients")] == ["Siti Nurhaliza"]
    con.close()
    con = sqlite3.connect(aside)
    assert sorted(r[0] for r in con.execute("SELECT full_name FROM clients")) == [
        "Citra Lestari",
        "Siti Nurhaliza",
    ]
    con.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)  # the window closed


def test_restore_cancelled_at_the_question_changes_nothing(
    maintained: UiContext,
    db_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    backup = take_backup(db_path, BackupKind.MANUAL).path
    window = _window(maintained, qtbot)
    monkeypatch.setattr(window.backup_actions, "_choose_backup", lambda: backup)
    seen: list[str] = []
    answer_message_box("Batal", seen)
    window.backup_actions.restore_action.trigger()
    _wait_answered(qtbot, seen)
    assert not list(db_path.parent.glob("*before-restore*"))
    assert window.isVisible() and window.backup_actions.restore_action.isEnabled()


def test_restore_of_a_foreign_file_shows_why(
    maintained: UiContext,
    tmp_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    foreign = tmp_path / "lain.sqlite"
    foreign.write_text("bukan database")
    window = _window(maintained, qtbot)
    monkeypatch.setattr(window.backup_actions, "_choose_backup", lambda: foreign)
    seen: list[str] = []
    answer_message_box("Pulihkan", seen)
    window.backup_actions.restore_action.trigger()
    _wait_answered(qtbot, seen)
    error: list[str] = []
    answer_message_box("Tutup", error)
    _wait_answered(qtbot, error)
    assert "bukan database AO Desktop" in " ".join(error)
    assert window.isVisible()


def test_restore_dialog_lists_backups_newest_first(
    db_path: Path, uow: SqlUnitOfWork, qtbot
) -> None:  # noqa: ANN001
    from datetime import datetime

    older = take_backup(db_path, BackupKind.DAILY, now=datetime(2026, 11, 26, 8, 0))
    newer = take_backup(db_path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30))
    maintenance = SqlMaintenance(db_path)
    dialog = RestoreDialog(maintenance.list_backups(), maintenance.backup_folder)
    qtbot.addWidget(dialog)
    rows = [dialog.backup_list.item(i).text() for i in range(dialog.backup_list.count())]
    assert rows[0].startswith("27 Nov 2026 09:30 — manual") and rows[1].startswith(
        "26 Nov 2026 08:00 — harian"
    )
    dialog.backup_list.setCurrentRow(1)
    dialog.restore_button.click()
    assert dialog.chosen == older.path != newer.path
    empty = RestoreDialog([], maintenance.backup_folder)
    qtbot.addWidget(empty)
    assert not empty.restore_button.isEnabled()


class _SlowPort:
    """A maintenance port whose backup runs until it is cancelled."""

    def __init__(self, folder: Path) -> None:
        self.database_path = folder / "ao.sqlite"
        self.backup_folder = folder
        self.progress_seen: list[int] = []
        self.stopped = False

    def backup_now(self, progress=None, cancelled=None):  # noqa: ANN001, ANN201
        import time

        from ao_desktop.domain.common.errors import OperationCancelled

        # Runs until cancelled, however long the GUI takes (no budget to outlast);
        # the test's own waitUntil timeouts fail it if Batal never reaches here.
        assert cancelled is not None
        i = 0
        while not cancelled():
            if progress is not None:
                progress(min(i, 999), 1000)
            self.progress_seen.append(i)
            i += 1
            time.sleep(0.01)  # pacing, not synchronisation: keeps progress signals few
        self.stopped = True
        raise OperationCancelled("dibatalkan")


def test_backup_shows_progress_and_can_be_cancelled(
    context: UiContext, tmp_path: Path, qtbot
) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QProgressDialog

    port = _SlowPort(tmp_path)
    window = _window(replace(context, maintenance=port, role=OfficerRole.ADMIN), qtbot)  # type: ignore[arg-type]
    window.backup_actions.backup_action.trigger()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), QProgressDialog), timeout=5000
    )
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5000)  # progress reached the GUI thread
    assert dialog.maximum() == 1000 and "Mencadangkan" in dialog.labelText()
    click_button(dialog, "Batal")
    qtbot.waitUntil(lambda: port.stopped, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert not window.backup_actions.busy  # no result, no error box for a cancelled backup


def test_an_ao_with_the_actions_left_enabled_is_refused_by_the_service(  # noqa: ANN001
        maintained: UiContext, qtbot) -> None:
    window = _window(maintained, qtbot)
    ao = replace(maintained, role=OfficerRole.AO)
    window.backup_actions.attach(ao.maintenance, ao.who)  # as if the menu had been left on
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    window.backup_actions.backup_action.trigger()
    _wait_answered(qtbot, seen)
    assert "Hanya admin" in " ".join(seen)
    assert list_backups(maintained.maintenance.backup_folder) == []
    seen.clear()
    answer_message_box("Tutup", seen)
    window.backup_actions.restore_action.trigger()  # refused before any backup is listed
    _wait_answered(qtbot, seen)
    assert "Hanya admin" in " ".join(seen)
