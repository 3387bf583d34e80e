"""What every subcommand module of the command line shares: the user-error type, the
parser class that turns argparse's complaints into one sentence, the --db option and
opening an existing database.

A user error prints one clear sentence on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, NoReturn

from ao_desktop.cli.argparse_id import install as install_indonesian_argparse
from ao_desktop.domain.common.i18n import _


class UserError(Exception):
    """A mistake in how the command was called; the message is the whole story."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help that says every option's default ("bawaan: ...") unless its text already
    does, and keeps the examples below it as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if ("bawaan" in text or default in (None, False, "", [], argparse.SUPPRESS)
                or action.option_strings == [] or isinstance(default, bool)):
            return text
        return text + _(" (bawaan: %(default)s)")


def examples(*lines: str) -> str:
    """The 'Contoh:' block shown under a subcommand's help."""
    return _("Contoh:") + "\n" + "\n".join(f"  {line}" for line in lines)


class Parser(argparse.ArgumentParser):
    """argparse with its own words in Bahasa Indonesia and one sentence per mistake."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install_indonesian_argparse()
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # argparse would print usage and exit 2; we promise one sentence and exit 1.
        # The subcommand's own help is the one that explains the mistake.
        raise UserError(_("Perintah tidak valid: {m}. Lihat '{prog} --help'.").format(
            m=message, prog=self.prog))


def add_db(parser: argparse.ArgumentParser, *, sub: bool = False, signed_in: bool = True) -> None:
    """--db, and --as for every command that runs as a signed-in officer (cli/signin.py)."""
    # In a subcommand, SUPPRESS keeps `ao-desktop --db X search ...` from resetting --db.
    from ao_desktop.storage.location import database_location

    parser.add_argument("--db", metavar="PATH", type=database_location,
                        default=argparse.SUPPRESS if sub else None,
                        help=_("berkas database, atau server PostgreSQL "
                               "postgresql://user@host:port/dbname (bawaan: database di folder "
                               "data pengguna)"))
    if signed_in:
        parser.add_argument("--as", dest="as_officer", metavar="ID", type=int,
                            default=argparse.SUPPRESS if sub else None,
                            help=_("jalankan sebagai petugas dengan id ini (bawaan: petugas "
                                   "komputer ini, atau admin pertama database); PIN dari "
                                   "variabel lingkungan AO_DESKTOP_PIN atau diketik"))


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help=_("keluaran JSON untuk skrip (angka tanpa pemisah ribuan)"))


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help=_("timpa berkas tujuan yang sudah ada"))


def output_path(path: Path, force: bool, option: str = "") -> Path:
    """Where a command writes its file: one rule for every command, an existing file is
    refused unless --force says to replace it."""
    path = Path(path).expanduser().resolve()
    if path.is_dir():
        raise UserError(_("{p} adalah folder; beri nama berkas.").format(p=path))
    if path.exists() and not force:
        raise UserError(_("Berkas {p} sudah ada; pilih nama lain atau tambahkan --force untuk "
                          "menimpanya.").format(p=path))
    if not path.parent.is_dir():
        raise UserError(_("Folder {p} tidak ada.").format(p=path.parent))
    return path


def open_existing_database(path: Path | str | None, shared: bool, *, prepare: bool = False):  # type: ignore[no-untyped-def]
    """The database at `path` (or the default one), migrated; with `prepare`, also given
    what every database needs (the seed catalog) as when the app opens it. Commands
    that promise to write nothing (a dry run, a search) leave `prepare` off."""
    from ao_desktop.services.setup import prepare_database
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.location import default_database_path, is_server_location
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    if is_server_location(path):
        db = open_database(path, migrate=True)  # type: ignore[arg-type]
    else:
        path = Path(path).expanduser() if path else default_database_path()
        if not path.is_file():
            raise UserError(_("Database {p} tidak ditemukan.").format(p=path))
        db = open_database(path, shared=True if shared else None)
    if not prepare or db.read_only:  # an offline copy is read as it is
        return db
    try:
        prepare_database(SqlUnitOfWork(db))
    except BaseException:
        db.close()
        raise
    return db

