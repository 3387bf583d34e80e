"""Opening the database a start asks for and building the UiContext the window runs on.

`OpenRequest` says what to open (--demo, --db, or the database chosen on this PC, and
who signed in); `open_context` opens it on any thread: the start-up check, migrations,
the seed catalog, the signed-in officer. app.py (the GUI start) and first_run.py (the
wizard and Settings) both open databases through here.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ao_desktop.domain.common.officer import OfficerRole

if TYPE_CHECKING:
    from ao_desktop.domain.common.officer import Officer
    from ao_desktop.domain.maintenance.backup import CheckReport
    from ao_desktop.services.ports import UnitOfWork
    from ao_desktop.ui.local_settings import RememberedOfficer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenRequest:
    db_path: Path | str | None  # a file, or a postgresql:// location
    demo: bool
    shared: bool
    officer: RememberedOfficer | None = None  # who signed in on this PC (ui/local_settings.py)
    add_officer: bool = False  # add them when the database does not know them yet
    create: bool = False  # only the wizard and Settings, on a location the user chose as new


def open_context(request: OpenRequest):  # type: ignore[no-untyped-def]
    """Open the database named by the request and build the UiContext (any thread)."""
    from ao_desktop.startup.start_checks import start_check
    from ao_desktop.storage.location import default_database_path, is_server_location

    # quick_check reads the whole file; it runs while SQLAlchemy imports (SQLite frees the GIL).
    # A server's database is the server's to check.
    on_server = is_server_location(request.db_path)
    damage_check = (None if request.demo or on_server
                    else start_check(request.db_path or default_database_path()))
    from ao_desktop.services.clients.directory import list_officers
    from ao_desktop.services.setup import prepare_database
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.location import default_database_path
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.context import UiContext

    if request.demo:
        from ao_desktop.storage.demo.demo_data import open_demo_database

        path = open_demo_database()
    else:
        path = request.db_path or default_database_path()
    if damage_check is not None:
        damage_check()  # a damaged file: DatabaseDamaged, the GUI offers a restore
    db = open_database(path, shared=True if request.shared else None, create=request.create)
    uow = SqlUnitOfWork(db)
    if db.read_only is None:  # an offline copy is read as it is
        prepare_database(uow)  # seed products, RIPLAY content for an older database's seeds
    if request.demo:
        from ao_desktop.services.products.riplay_demo import record_demo_riplays

        record_demo_riplays(uow)  # once: a few hand-overs for the client panel to show
    # Who to preselect on the sign-in screen: the officer of this PC, the demo's first AO.
    # The context's role is a placeholder with the least rights until app.py's sign-in
    # (ui/access/session.py) puts the officer who proved their PIN in.
    actor = _current_user()
    officer_id = None
    if request.demo:
        aos = [o for o in list_officers(uow) if o.role is OfficerRole.AO]
        if aos:
            actor, officer_id = aos[0].name, aos[0].id
    if not request.demo and request.officer is not None:
        officer = sign_in(uow, request.officer, request.add_officer)
        if officer is not None:
            actor, officer_id = officer.name, officer.id
    role = OfficerRole.MARKETING
    from ao_desktop.storage.location import data_dir, private_folder
    from ao_desktop.storage.maintenance.sql_maintenance import SqlMaintenance

    return UiContext(uow=uow, database_label=db.label, shared=db.shared, actor=actor,
                     officer_id=officer_id, demo=request.demo, role=role,
                     # A server's database is backed up by the server (pg_dump, the DBA's
                     # schedule): no backup, restore or check of a file is offered.
                     maintenance=None if db.is_server else SqlMaintenance(
                         path, close_database=db.close, reopen_database=db.hold_in_use_again),
                     reports_folder=private_folder(data_dir() / "reports"),
                     server_version=db.server_version,
                     read_only=db.read_only,
                     server_check=_server_check(str(path)) if db.is_server else None)


def _server_check(location: str) -> Callable[[], CheckReport]:
    """The server's relational checks for the GUI's "Periksa database" (a connection of
    its own, one snapshot; run off the GUI thread by the caller)."""
    def check() -> CheckReport:
        from ao_desktop.storage.maintenance.server_check import check_server_database

        return check_server_database(location)

    return check


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some PCs; a name is still needed
        return "pengguna"


def sign_in(uow: UnitOfWork, remembered: RememberedOfficer, add: bool) -> Officer | None:
    """The remembered officer in this database; added to it (`add`) when it does not know
    them yet, e.g. after the location was changed by hand. Any thread."""
    from ao_desktop.services.setup import add_officer_if_missing, find_signed_in
    from ao_desktop.ui.local_settings import RememberedOfficer, save_officer

    officer = find_signed_in(uow, remembered.officer_id, remembered.phone)
    if officer is None and add and remembered.name and remembered.phone:
        try:
            officer = add_officer_if_missing(uow, remembered.name, remembered.phone)
        except Exception:  # noqa: BLE001 - the app still opens, as the login user
            log.exception("could not add the remembered officer to the database")
            return None
    if officer is not None and officer.id != remembered.officer_id:
        save_officer(RememberedOfficer(officer.id, officer.name, officer.phone))
    return officer
