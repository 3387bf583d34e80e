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
from tests.ui.conftest import answer_next_modal, click_button, on_next_modal


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


def answer_bank_and_officer(wizard: object) -> None:
    """The wizard's first page answered and the officer's name and phone typed (no PIN)."""
    assert isinstance(wizard, SetupWizard)
    wizard.bank_page.fields.bank_name.setText("BPR Sejahtera")
    wizard.bank_page.fields.branch_name.setText("Cabang Bogor")
    wizard.bank_page.fields.changed.emit()
    wizard.next()
    wizard.officer_page.fields.set_values("Rina Marlina", "081234567890")


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
        answer_bank_and_officer(wizard)
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # no PIN yet: the page is not complete
        wizard.officer_page.pin_fields.set_pin("rahasia9", "rahasia8")
        assert not next_button.isEnabled()  # the repeat differs
        assert wizard.officer_page.pin_fields.messages["confirm"].text() == "Ulangi PIN yang sama."
        wizard.officer_page.pin_fields.set_pin("rahasia9")
        assert next_button.isEnabled()
        next_button.click()
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
    from ao_desktop.ui.local_settings import RememberedOfficer, save_officer
    from tests.fixtures.officers import database_with_admin

    # What the wizard did on the first run: the database, its admin with a PIN, this PC's choice.
    database_with_admin(path)
    save_database_choice(DatabaseChoice(path, False))
    save_officer(RememberedOfficer(1, "Admin Cabang", "+6281255556666"))

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


def _chosen_database_with_officers(home: Path) -> Path:
    """A database the branch uses (its admin and an AO, both with the test PIN), chosen
    on this PC with the AO as this PC's officer."""
    from ao_desktop.domain.common.officer import Officer, OfficerRole
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.local_settings import (
        DatabaseChoice,
        RememberedOfficer,
        save_database_choice,
        save_officer,
    )
    from tests.fixtures.officers import add_admin

    home.mkdir(parents=True, exist_ok=True)
    path = home / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    add_admin(uow)
    with uow.write() as tx:
        dedi = tx.officers.add(Officer("Dedi Kurniawan", "+6281233334444", OfficerRole.AO))
    db.close()
    save_database_choice(DatabaseChoice(path, False))
    save_officer(RememberedOfficer(dedi.id, dedi.name, dedi.phone))
    return path


def test_the_start_asks_this_pcs_officer_for_their_pin(
    qapp: QApplication, app_globals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ao_desktop.ui.access.sign_in_dialog import SignInDialog

    monkeypatch.delenv("AO_DESKTOP_PIN")  # a person at the PC, not the batch PIN
    _chosen_database_with_officers(app_globals)
    seen: list[str] = []

    def sign_in(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, SignInDialog)
        seen.append(dialog.officer_combo.currentText())
        dialog.pin_edit.setText("654321")
        dialog.sign_in_button.click()
        seen.append(dialog.message.text())
        dialog.pin_edit.setText("123456")
        dialog.sign_in_button.click()

    on_next_modal(sign_in, timeout_ms=20000)
    assert run_gui() == 0

    assert seen[0] == "Dedi Kurniawan — Account Officer"  # the officer of this PC, preselected
    assert seen[1].startswith("PIN salah; sisa 4 kali")
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert windows[0].user_label.text() == "Pengguna: Dedi Kurniawan"
    assert windows[0]._context.role.value == "ao"  # the role of the officer who proved the PIN
    assert windows[0].idle_lock.minutes == 10  # the lock screen's default


def test_leaving_the_sign_in_opens_nothing(
    qapp: QApplication, app_globals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AO_DESKTOP_PIN")
    _chosen_database_with_officers(app_globals)
    seen = answer_next_modal("Keluar", timeout_ms=20000)
    assert run_gui() == 0
    assert "Masuk ke AO Desktop" in " ".join(seen)
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert all(not w.views for w in windows)  # no view was built: nothing was shown
