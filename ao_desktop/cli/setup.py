"""The setup subcommand of `ao-desktop`: init makes a new, working database without the
GUI, as the first-run wizard does (for IT staff preparing a branch share, and scripts).

    ao-desktop [--shared] init --db PATH --bank NAME --branch NAME
               --officer-name NAME --officer-phone NUMBER [--json]

The officer becomes the database's first admin, with the PIN from AO_DESKTOP_PIN or typed
twice on the terminal. An existing file is never touched.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from pathlib import Path

from ao_desktop.cli.common import UserError, add_db, add_json, examples
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.i18n import _

COMMANDS = ("init",)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = sub.add_parser("init", help=_("buat database baru yang siap dipakai (tanpa jendela)"),
                          epilog=examples('ao-desktop init --db X:\\ao-desktop.sqlite --shared --bank "BPR Sejahtera" '
                                          '--branch "Cabang Bogor" --officer-name "Rina Marlina" --officer-phone 081234567890'))
    add_db(init, sub=True, signed_in=False)
    init.add_argument("--bank", metavar="NAME", required=True, help=_("nama bank"))
    init.add_argument("--branch", metavar="NAME", required=True, help=_("nama cabang"))
    init.add_argument("--officer-name", metavar="NAME", required=True,
                      help=_("nama petugas; menjadi admin pertama database"))
    init.add_argument("--officer-phone", metavar="NUMBER", required=True,
                      help=_("nomor HP petugas, misalnya 0812-3456-7890"))
    add_json(init)


def run(args: argparse.Namespace) -> int:
    return _cmd_init(args)


def _new_path(args: argparse.Namespace) -> Path | str:
    from ao_desktop.storage.location import is_server_location

    if getattr(args, "db", None) is None:
        raise UserError(_("init membutuhkan --db PATH: berkas database yang akan dibuat."))
    if is_server_location(args.db):
        _refuse_used_server_database(args.db)
        return str(args.db)
    path = Path(args.db).expanduser().resolve()
    if path.exists():
        raise UserError(_("Berkas {p} sudah ada; init hanya membuat database baru.").format(p=path))
    if not path.parent.is_dir():
        raise UserError(_("Folder {p} tidak ada.").format(p=path.parent))
    return path


def _refuse_used_server_database(location: str) -> None:
    """init gives an empty server database (the DBA made it) its schema, nothing more."""
    from ao_desktop.storage.server import server_schema_version

    if server_schema_version(location) > 0:
        raise UserError(_("Database {p} sudah berisi data AO Desktop; init hanya menyiapkan "
                          "database baru yang kosong.").format(p=_label(location)))


def _label(location: Path | str) -> str:
    from ao_desktop.storage.location import is_server_location

    if is_server_location(location):
        from ao_desktop.storage.server import server_label

        return server_label(str(location))
    return str(location)


def _remove_new_file(path: Path | str) -> None:
    """A database init created but could not finish: gone, so the next try starts clean.
    (A server database is the DBA's: its migrations ran in one transaction.)"""
    if isinstance(path, str):
        return
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _cmd_init(args: argparse.Namespace) -> int:
    from ao_desktop.cli.signin import PIN_ENV, read_pin
    from ao_desktop.domain.access.pin import pin_issues
    from ao_desktop.services.setup import (
        BranchProfile,
        join_database,
        officer_issues,
        prepare_database,
        profile_issues,
    )
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    path = _new_path(args)
    profile = BranchProfile(args.bank, args.branch)
    pin = read_pin(_("PIN admin pertama (minimal 6 karakter): "))
    typed = os.environ.get(PIN_ENV) is None  # typed on the terminal: once more, to catch a typo
    if typed and not pin_issues(pin) and read_pin(_("Ulangi PIN: ")) != pin:
        raise UserError(_("Kedua PIN tidak sama; database tidak dibuat."))
    # Every wrong field at once, before a file exists.
    if issues := profile_issues(profile) + officer_issues(args.officer_name, args.officer_phone) + pin_issues(pin):
        raise ValidationFailed(issues)
    try:
        db = open_database(path, shared=True if args.shared else None, create=True)
        try:
            uow = SqlUnitOfWork(db)
            products = prepare_database(uow)
            joined = join_database(uow, profile, args.officer_name, args.officer_phone, pin)
            shared = db.shared
        finally:
            db.close()
    except BaseException:
        _remove_new_file(path)
        raise
    officer = joined.officer
    if args.json:
        print(json.dumps({"path": _label(path), "shared": shared, "products": products,
                          "bank": joined.profile.bank_name, "branch": joined.profile.branch_name,
                          "admin": {"id": officer.id, "name": officer.name, "phone": officer.phone}},
                         ensure_ascii=False))
    else:
        print(_("Database {p} dibuat: {b}, {c}; {n} produk di katalog; admin: {o} ({t}).").format(
            p=_label(path), b=joined.profile.bank_name, c=joined.profile.branch_name, n=products,
            o=officer.name, t=officer.phone))
    return 0
