"""Settings › Database with a PostgreSQL server (#18): the database in use named without
its password, IT switching this PC to a server (used from the next start), and the
server's password replaced: tried first, then kept in the credential store only."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ao_desktop.services import setup as setup_services
from ao_desktop.services.setup import BranchProfile
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import DatabaseChoice, load_database_choice, save_database_choice
from ao_desktop.ui.setup.setup_actions import signed_in
from tests.ui.conftest import answer_next_modal
from tests.ui.setup.test_setup_wizard import type_into


@pytest.fixture
def admin(uow: SqlUnitOfWork, db_path: Path) -> UiContext:
    """Rina, admin of the local database this PC uses now."""
    save_database_choice(DatabaseChoice(db_path, False))
    base = UiContext(uow=uow, database_label=str(db_path), shared=False, actor="login")
    officer = setup_services.join_database(
        uow, BranchProfile("BPR Sejahtera Mandiri", "Cabang Bogor"), "Rina Marlina", "081234567890"
    ).officer
    return signed_in(base, officer)



def test_a_server_in_use_is_named_without_its_password(  # type: ignore[no-untyped-def]
    admin: UiContext, dialog_for, pg_server, pg_url: str, pg_password_role,
) -> None:
    from dataclasses import replace

    user, _password = pg_password_role
    location = pg_server.location(pg_url, user)
    save_database_choice(DatabaseChoice(location, False))
    dialog = dialog_for(replace(admin, database_label=location))

    from PySide6.QtWidgets import QLabel

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Sedang dipakai: {location} — server PostgreSQL" in texts
    assert dialog.location.server.isChecked()
    fields = dialog.location.server_fields
    assert fields.user.text() == user and fields.password.text() == ""
    assert fields.location() == location


def test_it_switches_this_pc_to_a_server_from_the_next_start(  # type: ignore[no-untyped-def]
    admin: UiContext, dialog_for, qtbot: QtBot, pg_server, pg_empty_url: str, pg_password_role,
    memory_keyring, isolated_settings: Path,
) -> None:
    user, password = pg_password_role
    dialog = dialog_for(admin)
    dialog.location.server.click()
    fields = dialog.location.server_fields
    fields.set_location(pg_server.location(pg_empty_url, user))
    type_into(qtbot, fields.password, password)
    seen = answer_next_modal("Tutup")

    dialog.save_button.click()

    text = " ".join(seen)
    assert "setelah ditutup dan dibuka lagi" in text and "Pengelola Kredensial Windows" in text
    assert password not in text
    assert load_database_choice() == DatabaseChoice(pg_server.location(pg_empty_url, user), False)
    assert list(memory_keyring.passwords.values()) == [password]
    assert not [p for p in isolated_settings.rglob("*") if p.is_file()
                and password.encode() in p.read_bytes()]


@pytest.mark.parametrize("right", [True, False])
def test_the_servers_password_is_tried_then_replaced(  # type: ignore[no-untyped-def]
    admin: UiContext, dialog_for, qtbot: QtBot, pg_server, pg_url: str, pg_password_role,
    memory_keyring, right: bool,
) -> None:
    from dataclasses import replace

    user, password = pg_password_role
    location = pg_server.location(pg_url, user)
    save_database_choice(DatabaseChoice(location, False))
    memory_keyring.set_password("AO Desktop", "x", "x")  # something else already kept
    dialog = dialog_for(replace(admin, database_label=location))
    typed = password if right else "lama-kedaluwarsa"
    type_into(qtbot, dialog.location.server_fields.password, typed)
    seen = answer_next_modal("Tutup") if right else []

    dialog.save_button.click()

    if right:
        assert any("diganti" in t for t in seen)
        assert password in memory_keyring.passwords.values()
    else:
        assert dialog.isVisible()
        assert "Kata sandi salah" in dialog.location.server_fields.messages["password"].text()
        assert list(memory_keyring.passwords.values()) == ["x"]
