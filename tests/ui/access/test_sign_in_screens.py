"""The sign-in dialog and the lock screen as widgets on a real database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.access.lock_screen import IdleLock, LockScreen
from ao_desktop.ui.access.sign_in_dialog import SignInDialog


def _uow(tmp_path: Path) -> SqlUnitOfWork:
    uow = SqlUnitOfWork(open_database(tmp_path / "ui.sqlite", create=True))
    with uow.write() as tx:
        tx.officers.add(Officer("Rina Marlina", "+6281200000001", OfficerRole.ADMIN))
        tx.officers.add(Officer("Dedi Kurniawan", "+6281200000002", OfficerRole.AO))
    return uow


def test_sign_in_preselects_this_pcs_officer_and_refuses_a_wrong_pin(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    dialog = SignInDialog(_uow(tmp_path), preselect=2, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.officer_combo.currentData() == 2
    assert "123456" in dialog.demo_note.text()
    dialog.pin_edit.setText("654321")
    dialog.sign_in_button.click()
    assert dialog.actor is None and "PIN salah" in dialog.message.text() and dialog.message.isVisible()
    dialog.pin_edit.setText("123456")
    dialog.sign_in_button.click()
    assert dialog.actor == Actor("Dedi Kurniawan", OfficerRole.AO, 2)


def test_an_officer_without_a_pin_chooses_one(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    uow = _uow(tmp_path)
    with uow.write() as tx:
        tx.officers.set_pin_hash(2, None)
    dialog = SignInDialog(uow, preselect=2)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.confirm_edit.isVisible() and "belum punya PIN" in dialog.first_pin_note.text()
    dialog.pin_edit.setText("rahasia9")
    dialog.confirm_edit.setText("rahasia8")
    dialog.sign_in_button.click()
    assert dialog.actor is None and "Ulangi PIN" in dialog.message.text()
    dialog.confirm_edit.setText("rahasia9")
    dialog.sign_in_button.click()
    assert dialog.actor is not None and dialog.actor.officer_id == 2


def test_the_lock_screen_keeps_the_form_underneath_and_opens_with_the_pin(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    uow = _uow(tmp_path)
    form = QLineEdit()
    qtbot.addWidget(form)
    form.setText("isian yang belum disimpan")
    screen = LockScreen(uow, Actor("Dedi Kurniawan", OfficerRole.AO, 2))
    qtbot.addWidget(screen)
    screen.show()
    screen.reject()  # Escape does not unlock
    assert screen.isVisible()
    screen.pin_edit.setText("000000x")
    screen.unlock_button.click()
    assert screen.isVisible() and "PIN salah" in screen.message.text()
    qtbot.keyClicks(screen.pin_edit, "123456")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not screen.isVisible() and form.text() == "isian yang belum disimpan"


def test_the_idle_lock_fires_after_the_minutes_and_input_resets_it(qtbot) -> None:  # noqa: ANN001
    now = {"t": 0.0}
    locked: list[float] = []
    idle = IdleLock(10, lambda: locked.append(now["t"]), clock=lambda: now["t"])
    now["t"] = 9 * 60
    idle.check()
    assert locked == []
    now["t"] = 10 * 60
    idle.check()
    assert locked == [600]
    idle.stop()
