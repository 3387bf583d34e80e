"""Composition of the first run and of Settings: which database a plain start opens, the
welcome wizard when nothing is configured yet, and who is signed in.

`run_gui` (app.py) asks `configured_request()`; None means first run, and
`run_first_run_wizard()` shows the wizard before any database is opened (it imports no
storage until "Selesai"). The wizard and the Settings dialog open databases through
`setup_environment().open_database`, which is `open_context` plus a way to close.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ao_desktop.startup.opening import OpenRequest
    from ao_desktop.ui.setup.server_fields import ServerAccess, ServerCheck
    from ao_desktop.ui.setup.setup_actions import SetUpDatabase
    from ao_desktop.ui.setup.setup_fields import OpenedDatabase, SetupEnvironment

log = logging.getLogger(__name__)


def open_for_setup(path: Path | str, shared: bool) -> OpenedDatabase:
    """Create or join the database at `path` (migrated, catalog seeded) for the setup screens."""
    from ao_desktop.startup.opening import OpenRequest, open_context
    from ao_desktop.ui.setup.setup_fields import OpenedDatabase

    context = open_context(OpenRequest(path, demo=False, shared=shared, create=True))
    return OpenedDatabase(context, context.uow.db.close)  # a SqlUnitOfWork


def check_server(location: str, password: str | None) -> ServerCheck:
    """ "Uji koneksi": what the server holds, read with a short timeout (any thread)."""
    from ao_desktop.storage.server_check import check_server as look
    from ao_desktop.storage.sqlite_file import SCHEMA_VERSION
    from ao_desktop.ui.setup.server_fields import ServerCheck

    state = look(location, password)
    return ServerCheck(state.label, state.schema_version, state.foreign_tables, state.clients,
                       SCHEMA_VERSION)


def server_access() -> ServerAccess:
    """The server fields' way to storage: the check, this run's password, the store."""
    from ao_desktop.storage.server import use_password
    from ao_desktop.storage.server_check import credential_store_available, keep_password
    from ao_desktop.ui.setup.server_fields import ServerAccess

    return ServerAccess(check_server, use_password, keep_password, credential_store_available)


def setup_environment() -> SetupEnvironment:
    from ao_desktop.storage.location import default_database_path
    from ao_desktop.ui.setup.setup_fields import SetupEnvironment

    return SetupEnvironment(default_database_path(), open_for_setup, server_access())


def configured_request(db_path: Path | None, demo: bool, shared: bool) -> OpenRequest | None:
    """What a start opens: --demo, --db, else the database chosen on this PC; None when
    nothing is chosen yet (first run: the wizard comes first)."""
    from ao_desktop.startup.opening import OpenRequest
    from ao_desktop.ui.local_settings import load_database_choice, load_officer

    if demo:
        return OpenRequest(None, demo=True, shared=shared)
    if db_path is not None:
        # A database named on the command line: the officer remembered here is used when
        # that database knows them, never added to it.
        return OpenRequest(db_path, demo=False, shared=shared, officer=load_officer())
    choice = load_database_choice()
    if choice is None:
        return None
    return OpenRequest(
        choice.path,
        demo=False,
        shared=choice.shared or shared,
        officer=load_officer(),
        add_officer=True,
    )


def run_first_run_wizard() -> SetUpDatabase | None:
    """Show the welcome wizard; the set-up database, or None when the user cancelled."""
    from PySide6.QtWidgets import QDialog

    from ao_desktop.ui.setup.setup_wizard import SetupWizard

    wizard = SetupWizard(setup_environment())
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.outcome is None:
        log.info("first-run wizard cancelled; nothing configured")
        return None
    log.info("first run: database %s set up", wizard.outcome.opened.context.database_label)
    return wizard.outcome


RETRY, CHOOSE_AGAIN, QUIT = "retry", "choose", "quit"


def ask_after_open_failure(parent: object, text: str) -> str:
    """The database chosen on this PC did not open (a shared drive not connected yet, a
    folder moved): try again, choose the location again (the wizard), or quit."""
    from PySide6.QtWidgets import QMessageBox

    from ao_desktop.domain.common.i18n import _

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Database tidak dapat dibuka"),
        text
        + "\n\n"
        + _("Bila database ada di shared drive, periksa sambungan ke drive itu lalu coba lagi."),
        QMessageBox.StandardButton.NoButton,
        parent,  # type: ignore[arg-type]
    )
    retry = box.addButton(_("Coba lagi"), QMessageBox.ButtonRole.AcceptRole)
    choose = box.addButton(_("Pilih lokasi lain…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Keluar"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else CHOOSE_AGAIN if clicked is choose else QUIT


def needs_server_password(exc: object, location: object) -> bool:
    """The start's server wants a password it was not given, or refused the one given."""
    from ao_desktop.domain.common.errors import ServerConnectionFailed
    from ao_desktop.domain.common.server_address import is_server_location

    return (isinstance(exc, ServerConnectionFailed) and exc.needs_password
            and is_server_location(location))


def ask_server_password(parent: object, location: str, problem: str) -> tuple[str, bool] | None:
    """Ask the server's password (masked); it is used for this run at once. (password,
    keep it in the credential store) or None when the user chose "Keluar"."""
    from PySide6.QtWidgets import QDialog

    from ao_desktop.storage.server import server_label, use_password
    from ao_desktop.storage.server_check import credential_store_available
    from ao_desktop.ui.setup.server_password_dialog import ServerPasswordDialog

    dialog = ServerPasswordDialog(server_label(location), problem, credential_store_available(),
                                  parent)  # type: ignore[arg-type]
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    use_password(location, dialog.password())
    return dialog.password(), dialog.keep_password()


def keep_server_password(location: str, password: str) -> None:
    """After the server accepted a password typed at the start with "Simpan" ticked."""
    from ao_desktop.storage.server_check import keep_password

    if not keep_password(location, password):
        log.warning("the server password could not be kept: no credential store")
