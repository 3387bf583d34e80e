"""The whole first start through run_gui: nothing configured, so the wizard comes before
the main window; cancelling it quits without creating anything; finishing it opens the
main window on the new database, and the next start goes straight to it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from ao_desktop.app import run_gui
from ao_desktop.ui.local_settings import load_database_choice
from ao_desktop.ui.main_window import MainWindow
from ao_desktop.ui.setup.setup_wizard import SetupWizard
from tests.ui.conftest import click_button, on_next_modal


@pytest.fixture(autouse=True)
def app_globals(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """run_gui installs hooks and reads the data folder: keep both to this test."""
    home = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(home))
    monkeypatch.setenv("AO_DESKTOP_STARTUP_PROBE", "1")  # quit once the directory is ready
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield home
    # Hidden, not closed: closing the last window would make Qt quit the next test's loop.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow | SetupWizard):
            widget.hide()
            widget.deleteLater()
    # run_gui's event loop ended with quit(), which leaves Qt's "quit now" flag set, and
    # every later event loop (qtbot.wait, waitSignal) would return at once; one more turn
    # of exec() clears it.
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


def test_cancelling_the_wizard_quits_and_configures_nothing(
    qapp: QApplication, app_globals: Path
) -> None:
    seen: list[str] = []

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(cancel)
    assert run_gui() == 0

    assert seen == ["AO Desktop — Persiapan"]
    assert load_database_choice() is None
    assert not (app_globals / "ao-desktop.sqlite").exists()


def test_finishing_the_wizard_opens_the_main_window_on_the_new_database(
    qapp: QApplication, qtbot: QtBot, app_globals: Path
) -> None:
    def finish(wizard) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(wizard, SetupWizard)
        wizard.bank_page.fields.bank_name.setText("BPR Sejahtera")
        wizard.bank_page.fields.branch_name.setText("Cabang Bogor")
        wizard.bank_page.fields.changed.emit()
        wizard.next()
        wizard.officer_page.fields.set_values("Rina Marlina", "081234567890")
        wizard.next()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    on_next_modal(finish)
    assert run_gui() == 0

    path = app_globals / "ao-desktop.sqlite"
    assert path.is_file()
    assert load_database_choice().path == path  # type: ignore[union-attr]
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert len(windows) == 1
    assert windows[0].user_label.text() == "Pengguna: Rina Marlina"
    assert windows[0].settings_action.isEnabled()


def test_the_next_start_goes_straight_to_the_chosen_database(
    qapp: QApplication, app_globals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ao_desktop.startup import first_run as app_setup
    from ao_desktop.ui.local_settings import DatabaseChoice, save_database_choice

    path = app_globals / "chosen.sqlite"
    app_globals.mkdir(parents=True, exist_ok=True)
    from ao_desktop.storage.engine import open_database

    open_database(path, create=True).close()  # what the wizard did on the first run
    save_database_choice(DatabaseChoice(path, False))

    def no_wizard() -> None:
        raise AssertionError("the wizard must not come back once a database is chosen")

    monkeypatch.setattr(app_setup, "run_first_run_wizard", no_wizard)
    assert run_gui() == 0
    assert path.is_file()


def test_an_unreachable_chosen_database_offers_retry_or_another_location(
    qapp: QApplication, app_globals: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from ao_desktop.ui.local_settings import DatabaseChoice, save_database_choice

    # The shared drive is not connected this morning: its folder does not exist.
    save_database_choice(DatabaseChoice(tmp_path / "S-drive" / "ao-desktop.sqlite", True))
    seen: list[str] = []

    def quit_app(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.text())
        seen.extend(b.text() for b in box.findChildren(QAbstractButton))
        click_button(box, "Keluar")

    on_next_modal(quit_app, timeout_ms=20000)
    assert run_gui() == 1

    assert "tidak ada" in seen[0] and "periksa sambungan" in seen[0]
    assert {"Coba lagi", "Pilih lokasi lain…", "Keluar"} <= set(seen[1:])
