"""A database that went out of reach mid-work, told apart from every other error (#18).

The PostgreSQL server stopping or the network dropping, and the shared drive vanishing
under a SQLite file, reach the unit of work as driver errors; `unreachable_errors` turns
exactly those into the Indonesian `DatabaseUnreachable` (what, where, nothing saved, try
again) and drops the engines' pooled connections, so the next attempt connects afresh
once the server or the drive is back. Any other error passes through untouched.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from sqlalchemy.exc import DBAPIError

from ao_desktop.domain.common.errors import DatabaseUnreachable
from ao_desktop.domain.common.i18n import _

log = logging.getLogger(__name__)

# SQLite's extended result codes for a file that is gone: an I/O error on the share, a
# file or folder that cannot be opened any more, the file moved away under an open handle.
_SQLITE_LOST_CODES = ("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY_DBMOVED")
_SQLITE_LOST_TEXTS = ("disk i/o error", "unable to open database file")
# PostgreSQL's SQLSTATEs for a lost connection: class 08 (connection exception) and the
# server shutting down or restarting (57P01-57P03). Errors raised by libpq itself (server
# closed the connection, connection refused, timeout) carry no SQLSTATE at all.
_PG_LOST_STATES = ("57P01", "57P02", "57P03")


class LosableDatabase(Protocol):
    label: str
    is_server: bool
    shared: bool

    def drop_connections(self) -> None: ...


def is_connection_lost(exc: BaseException) -> bool:
    """True when `exc` says the server or the file is out of reach, not that a statement
    was wrong or refused."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.OperationalError):
        name = getattr(orig, "sqlite_errorname", "") or ""
        return name.startswith(_SQLITE_LOST_CODES) or any(t in str(orig).lower() for t in _SQLITE_LOST_TEXTS)
    psycopg = sys.modules.get("psycopg")  # loaded only when a server database is open
    if psycopg is not None and isinstance(orig, psycopg.OperationalError):
        state = getattr(orig, "sqlstate", None)
        return state is None or state.startswith("08") or state in _PG_LOST_STATES
    return False


def unreachable_message(db: LosableDatabase) -> str:
    """What happened and where, that nothing was saved, and what to do (Bahasa Indonesia)."""
    # The location on a line of its own: a long URL or path is never broken across lines.
    if db.is_server:
        what = _("Koneksi ke server database terputus:\n{s}").format(s=db.label)
        check = _("Periksa jaringan komputer ini (atau tanyakan ke admin apakah server menyala), "
                  "lalu coba lagi.")
    elif db.shared:
        what = _("Database bersama tidak dapat dijangkau (drive bersama terputus atau "
                 "foldernya dipindahkan):\n{p}").format(p=db.label)
        check = _("Periksa jaringan dan drive bersama, lalu coba lagi.")
    else:
        what = _("Berkas database tidak dapat dibaca atau ditulis:\n{p}").format(p=db.label)
        check = _("Periksa drive tempat berkas itu (flashdisk atau disk yang dilepas), "
                  "lalu coba lagi.")
    kept = _("Tidak ada yang tersimpan pada percobaan ini; isian yang sudah Anda ketik "
             "masih ada di formulir.")
    return f"{what}\n\n{kept}\n\n{check}"


@contextmanager
def unreachable_errors(db: LosableDatabase) -> Iterator[None]:
    """Run the body; a lost connection leaves it as DatabaseUnreachable, and the pooled
    connections (dead now, or holding a vanished file) are dropped."""
    try:
        yield
    except (DBAPIError, sqlite3.OperationalError) as exc:
        if not is_connection_lost(exc):
            raise
        first_line = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        log.warning("database %s out of reach: %s %s", db.label, type(exc).__name__, first_line)
        try:
            db.drop_connections()
        except Exception:  # noqa: BLE001 - dropping is a courtesy; the message matters
            log.exception("dropping the pooled connections failed")
        raise DatabaseUnreachable(unreachable_message(db), db.label) from exc
