"""Who runs a subcommand: every command that reads or changes a database runs as a
signed-in officer, with the same role checks as the GUI.

    --as ID          the officer (before or after the subcommand, like --db); without it
                     the officer configured on this PC, else the database's first admin
    AO_DESKTOP_PIN   their PIN, for month-end batch runs; else it is asked on the
                     terminal; neither: one sentence and exit 1
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from ao_desktop.cli.common import UserError, open_existing_database
from ao_desktop.domain.common.i18n import _

if TYPE_CHECKING:
    from ao_desktop.domain.common.officer import Actor
    from ao_desktop.services.ports import UnitOfWork

PIN_ENV = "AO_DESKTOP_PIN"


def read_pin(prompt: str) -> str:
    """The PIN from AO_DESKTOP_PIN, else typed on the terminal (not echoed)."""
    pin = os.environ.get(PIN_ENV)
    if pin is not None:
        return pin
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except (EOFError, OSError):
            pass
    raise UserError(_("PIN dibutuhkan: isi variabel lingkungan {v} atau jalankan perintah ini di "
                      "terminal agar PIN dapat diketik.").format(v=PIN_ENV))


def _configured_officer(uow: UnitOfWork) -> int | None:
    """The officer remembered on this PC by the app, if this database knows them."""
    try:
        from ao_desktop.ui.local_settings import load_officer
    except ImportError:  # pragma: no cover - Qt missing: there is no PC setting either
        return None
    from ao_desktop.services.setup import find_signed_in

    remembered = load_officer()
    if remembered is None:
        return None
    officer = find_signed_in(uow, remembered.officer_id, remembered.phone)
    return officer.id if officer is not None else None


def _first_admin(uow: UnitOfWork) -> int | None:
    """The database's first admin; in a database without one (made by hand, never by
    init or the wizard) the first active officer. Either still proves their PIN."""
    from ao_desktop.domain.common.officer import OfficerRole

    with uow.read() as tx:
        officers = sorted((o for o in tx.officers.list() if o.id is not None), key=lambda o: o.id or 0)
    admins = [o.id for o in officers if o.role is OfficerRole.ADMIN]
    return admins[0] if admins else (officers[0].id if officers else None)


def sign_in_for_command(args: argparse.Namespace, uow: UnitOfWork) -> Actor:
    """The officer this command runs as, signed in with their PIN; UserError or
    SignInRefused (one sentence each) otherwise."""
    from ao_desktop.services.access.sign_in import sign_in

    officer_id = getattr(args, "as_officer", None)
    if officer_id is None:
        officer_id = _configured_officer(uow) or _first_admin(uow)
    if officer_id is None:
        raise UserError(_("Database ini belum punya admin; pakai --as ID untuk memilih petugas."))
    pin = read_pin(_("PIN petugas {id}: ").format(id=officer_id))
    return sign_in(uow, officer_id, pin, record_success=False)  # a read or dry run writes nothing


def _preload(modules: tuple[str, ...]) -> None:
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the command imports it again and reports it
            return


def open_signed_in(args: argparse.Namespace, *, prepare: bool = False,  # type: ignore[no-untyped-def]
                   preload: tuple[str, ...] = ()):
    """The database of `args` opened, and the command's officer signed in: their Actor
    in `args.actor` and the unit of work (carrying their id into the audit) in `args.uow`.
    A refused sign-in closes the database again.

    `preload`: modules the command needs next, imported on another thread meanwhile. The
    PIN check (scrypt, ~0.1 s by design) releases the GIL, so they load on the other
    core instead of after it."""
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    if preload:
        import threading

        threading.Thread(target=_preload, args=(preload,), daemon=True).start()
    db = open_existing_database(getattr(args, "db", None), args.shared, prepare=prepare)
    try:
        uow = SqlUnitOfWork(db)
        args.actor = sign_in_for_command(args, uow)
        args.uow = uow
    except BaseException:
        db.close()
        raise
    return db
