"""The wizard's "Server PostgreSQL" choice against a real server (#18), driven like IT
would: fields typed and checked beside each one, "Uji koneksi" off the GUI thread, Selesai
prepares an empty database or joins an AO Desktop one; the password goes to the
credential store and never into a file of this PC."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services import setup as setup_services
from ao_desktop.ui.local_settings import load_database_choice
from ao_desktop.ui.setup.server_fields import ServerCheck, ServerFields, check_text
from ao_desktop.ui.setup.setup_wizard import SetupWizard
from ao_desktop.ui.widgets.field_message import Severity
from tests.ui.setup.test_setup_wizard import fill_bank, fill_officer, type_into

Button = QWizard.WizardButton





def to_server_page(qtbot: QtBot, wizard: SetupWizard) -> ServerFields:
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    wizard.database_page.fields.server.click()
    fields = wizard.database_page.fields.server_fields
    assert fields is not None and fields.isVisible()
    return fields


def fill_server(qtbot: QtBot, fields: ServerFields, pg_server, url: str, user: str,  # type: ignore[no-untyped-def]
                password: str, port: int | None = None) -> None:
    type_into(qtbot, fields.host, str(pg_server.socket_dir))
    type_into(qtbot, fields.port, str(port or pg_server.port))
    type_into(qtbot, fields.database, str(make_url(url).database))
    type_into(qtbot, fields.user, user)
    type_into(qtbot, fields.password, password)


def test_connection(qtbot: QtBot, fields: ServerFields) -> object:
    with qtbot.waitSignal(fields.checked, timeout=15000) as answered:
        fields.test_button.click()
    return answered.args[0]


test_connection.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def files_holding(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_the_fields_say_what_is_wrong_beside_each_one(qtbot: QtBot, wizard: SetupWizard) -> None:
    fields = to_server_page(qtbot, wizard)
    type_into(qtbot, fields.host, "x")
    fields.host.clear()
    qtbot.keyClicks(fields.host, " ")
    type_into(qtbot, fields.port, "70000")
    type_into(qtbot, fields.database, "ao cabang")
    type_into(qtbot, fields.user, "ao")

    assert "belum diisi" in fields.messages["host"].text()
    assert "1 sampai 65535" in fields.messages["port"].text()
    assert "tanpa spasi" in fields.messages["database"].text()
    assert not fields.messages["user"].isVisible()
    assert not wizard.button(Button.FinishButton).isEnabled()


def test_an_empty_database_is_prepared_and_the_password_kept_only_in_the_store(  # type: ignore[no-untyped-def]
    qtbot: QtBot, wizard: SetupWizard, pg_server, pg_empty_url: str, pg_password_role,
    memory_keyring, home: Path, isolated_settings: Path,
) -> None:
    user, password = pg_password_role
    fields = to_server_page(qtbot, wizard)
    fill_server(qtbot, fields, pg_server, pg_empty_url, user, password)
    assert "Pengelola Kredensial Windows" in fields.messages["password"].text()

    test_connection(qtbot, fields)
    assert "masih kosong" in fields.status.text()

    wizard.button(Button.FinishButton).click()

    assert wizard.result() == QWizard.DialogCode.Accepted
    outcome = wizard.outcome
    assert outcome.password_kept is True
    assert outcome.context.role is OfficerRole.ADMIN
    assert outcome.context.database_label.startswith("postgresql://ao_kunci@")
    assert setup_services.read_profile(outcome.context.uow).bank_name == "BPR Sejahtera Mandiri"
    choice = load_database_choice()
    assert choice is not None and choice.path == fields.location() and not choice.shared
    assert password not in str(choice.path)
    assert list(memory_keyring.passwords.values()) == [password]
    # Nothing this PC wrote holds the password: not the settings file, not the data folder.
    assert files_holding(isolated_settings, "ao_kunci")  # the location is there...
    assert files_holding(isolated_settings, password) == []  # ...its password is not
    assert files_holding(home, password) == []


def test_an_ao_desktop_database_is_joined_keeping_its_bank(  # type: ignore[no-untyped-def]
    qtbot: QtBot, wizard: SetupWizard, pg_server, pg_url: str, pg_password_role, memory_keyring,
) -> None:
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    db = open_database(pg_url)
    setup_services.join_database(SqlUnitOfWork(db), setup_services.BranchProfile(
        "Bank Wilayah", "KC Bogor"), "Admin Wilayah", "081399998888")
    db.close()
    user, password = pg_password_role
    fields = to_server_page(qtbot, wizard)
    fill_server(qtbot, fields, pg_server, pg_url, user, password)

    test_connection(qtbot, fields)
    assert "bergabung" in fields.status.text() and "nasabah" in fields.status.text()

    wizard.button(Button.FinishButton).click()

    outcome = wizard.outcome
    assert outcome is not None and outcome.result.kept_database_profile
    assert outcome.context.role is OfficerRole.AO
    assert setup_services.read_profile(outcome.context.uow).bank_name == "Bank Wilayah"


def test_a_wrong_password_is_said_beside_the_password(  # type: ignore[no-untyped-def]
    qtbot: QtBot, wizard: SetupWizard, pg_server, pg_url: str, pg_password_role, memory_keyring,
) -> None:
    user, _right = pg_password_role
    fields = to_server_page(qtbot, wizard)
    fill_server(qtbot, fields, pg_server, pg_url, user, "bukan-ini")

    test_connection(qtbot, fields)
    assert "Kata sandi salah" in fields.messages["password"].text()

    wizard.button(Button.FinishButton).click()  # tried anyway: refused the same way
    assert wizard.outcome is None and wizard.isVisible()
    assert "Kata sandi salah" in fields.messages["password"].text()
    assert load_database_choice() is None and memory_keyring.passwords == {}


def test_no_server_on_the_port_is_said_beside_the_address(  # type: ignore[no-untyped-def]
    qtbot: QtBot, wizard: SetupWizard, pg_server, pg_url: str,
) -> None:
    fields = to_server_page(qtbot, wizard)
    fill_server(qtbot, fields, pg_server, pg_url, "postgres", "x", port=pg_server.port + 1)

    test_connection(qtbot, fields)

    assert "tidak dapat dihubungi" in fields.messages["host"].text()
    assert fields.test_button.isEnabled()


def test_without_a_credential_store_it_says_so_and_writes_the_password_nowhere(  # type: ignore[no-untyped-def]
    qtbot: QtBot, wizard: SetupWizard, pg_server, pg_empty_url: str, pg_password_role, no_keyring,
    home: Path, isolated_settings: Path,
) -> None:
    user, password = pg_password_role
    fields = to_server_page(qtbot, wizard)
    fill_server(qtbot, fields, pg_server, pg_empty_url, user, password)
    note = fields.messages["password"].text()
    assert "tidak punya Pengelola Kredensial" in note and "PGPASSWORD" in note and "pgpass" in note

    wizard.button(Button.FinishButton).click()

    assert wizard.outcome is not None and wizard.outcome.password_kept is False
    assert files_holding(isolated_settings, password) == []
    assert not home.exists() or files_holding(home, password) == []


@pytest.mark.parametrize(
    ("schema", "foreign", "clients", "says", "severity"),
    [
        (0, 0, 0, "masih kosong", Severity.NOTE),
        (11, 0, 1250, "dengan 1.250 nasabah sudah ada: AO Desktop akan bergabung", Severity.NOTE),
        (12, 0, 3, "versi AO Desktop yang lebih baru (skema 12)", Severity.ERROR),
        (0, 4, 0, "4 tabel lain dan bukan database AO Desktop", Severity.ERROR),
    ],
)
def test_uji_koneksi_says_what_is_on_the_server(  # type: ignore[no-untyped-def]
    qapp, schema: int, foreign: int, clients: int, says: str, severity: Severity,
) -> None:
    check = ServerCheck("postgresql://ao@server:5432/ao", schema, foreign, clients, 11)
    text, shown_as = check_text(check)
    assert says in text and shown_as is severity
    assert check.usable is (severity is Severity.NOTE)
