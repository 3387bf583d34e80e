"""A start on a PostgreSQL server whose password is nowhere (#18): the password is asked
(masked) instead of an error, a wrong one is asked again, a right one opens the app and,
with "Simpan" ticked, is kept in the credential store, so the next start asks nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ao_desktop.app import run_gui
from ao_desktop.domain.common.officer import Officer, OfficerRole
from ao_desktop.ui.main_window import MainWindow
from ao_desktop.ui.setup.server_password_dialog import ServerPasswordDialog
from tests.ui.setup.test_first_run import (  # noqa: F401 - app_globals: the run_gui sandbox
    answer_bank_and_officer,
    app_globals,
)

pytestmark = pytest.mark.usefixtures("app_globals")


@pytest.fixture
def server_choice(pg_server, pg_url: str, pg_password_role) -> str:  # type: ignore[no-untyped-def]
    """This PC's database is on the server, as the password role; Dedi is its officer."""
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.local_settings import (
        DatabaseChoice,
        RememberedOfficer,
        save_database_choice,
        save_officer,
    )
    from tests.fixtures.officers import add_admin

    db = open_database(pg_url)
    uow = SqlUnitOfWork(db)
    add_admin(uow)
    with uow.write() as tx:
        dedi = tx.officers.add(Officer("Dedi Kurniawan", "+6281233334444", OfficerRole.AO))
    db.close()
    user, _password = pg_password_role
    location = pg_server.location(pg_url, user)
    save_database_choice(DatabaseChoice(location, False))
    save_officer(RememberedOfficer(dedi.id, dedi.name, dedi.phone))
    return location


def on_each_prompt(answers: list[Callable[[ServerPasswordDialog], None]], seen: list[str]) -> None:
    """Answer each new password prompt with the next of `answers`."""
    handled: list[ServerPasswordDialog] = []

    def poll(remaining: int = 30000) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ServerPasswordDialog) and modal not in handled and answers:
            handled.append(modal)
            seen.append(modal.problem.text())
            answers.pop(0)(modal)
        if answers and remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 20))

    QTimer.singleShot(0, poll)


def type_password(password: str, keep: bool = True) -> Callable[[ServerPasswordDialog], None]:
    def answer(dialog: ServerPasswordDialog) -> None:
        assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
        dialog.password_edit.setText(password)
        dialog.keep.setChecked(keep)
        dialog.connect_button.click()

    return answer


def test_the_password_is_asked_kept_and_not_asked_again(  # type: ignore[no-untyped-def]
    qapp: QApplication, server_choice: str, pg_password_role, memory_keyring,
) -> None:
    from ao_desktop.storage.server import forget_session_passwords

    _user, password = pg_password_role
    seen: list[str] = []
    on_each_prompt([type_password("salah"), type_password(password)], seen)

    assert run_gui() == 0

    assert "meminta kata sandi" in seen[0] and "Kata sandi salah" in seen[1]
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert windows[-1].user_label.text() == "Pengguna: Dedi Kurniawan"
    assert list(memory_keyring.passwords.values()) == [password]

    forget_session_passwords()  # a new start: only the credential store knows it now
    seen.clear()
    assert run_gui() == 0
    assert seen == []


def test_without_a_credential_store_the_box_is_off_and_keluar_quits(  # type: ignore[no-untyped-def]
    qapp: QApplication, server_choice: str, no_keyring,
) -> None:
    seen: list[str] = []
    state: dict[str, object] = {}

    def leave(dialog: ServerPasswordDialog) -> None:
        state["keep_enabled"] = dialog.keep.isEnabled()
        state["texts"] = " ".join(w.text() for w in dialog.findChildren(type(dialog.problem)))
        dialog.reject()

    on_each_prompt([leave], seen)

    assert run_gui() == 1

    assert state["keep_enabled"] is False
    assert "PGPASSWORD" in str(state["texts"])


def test_a_first_run_on_an_empty_server_database_opens_the_app_on_it(  # type: ignore[no-untyped-def]
    qapp: QApplication, pg_server, pg_empty_url: str, pg_password_role, memory_keyring,
) -> None:
    from PySide6.QtWidgets import QWizard

    from ao_desktop.storage.server import forget_session_passwords
    from ao_desktop.ui.local_settings import load_database_choice

    user, password = pg_password_role
    location = pg_server.location(pg_empty_url, user)

    def finish(wizard) -> None:  # type: ignore[no-untyped-def]
        answer_bank_and_officer(wizard)
        wizard.officer_page.pin_fields.set_pin("rahasia9")
        wizard.next()
        fields = wizard.database_page.fields
        fields.server.click()
        fields.server_fields.set_location(location)
        fields.server_fields.password.setText(password)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    from tests.ui.conftest import on_next_modal

    on_next_modal(finish, timeout_ms=10000)
    assert run_gui() == 0

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert windows[-1].user_label.text() == "Pengguna: Rina Marlina"
    label = windows[-1]._context.database_label
    assert label.startswith("postgresql://ao_kunci@") and password not in label
    assert load_database_choice().path == location  # type: ignore[union-attr]

    forget_session_passwords()  # the next start finds the password in the store alone
    assert run_gui() == 0
