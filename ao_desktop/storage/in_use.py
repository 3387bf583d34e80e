"""Whether a database is in use by another program or PC, seen the same way everywhere.

Every AO Desktop that opens a database holds a shared lock on a small file beside it
(`NAME-inuse`) until it closes it; a restore takes that lock exclusively and so knows that
nobody else has the database open, and nobody can open it while the files are swapped.
The lock is SQLite's own (a read transaction on the side file), so it behaves as SQLite
does on Windows, Linux and a branch's shared drive, and it goes away with the process or
PC that held it. An idle connection to a rollback-journal database holds no lock on the
database itself, which is why a side file is needed at all.

Other programs (an SQLite browser, an older AO Desktop) do not take the side lock: the
restore also looks for SQLite's own locks of their connections (`exclusive_use`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.sqlite_file import BUSY_TIMEOUT_S, create_private_file

log = logging.getLogger(__name__)

IN_USE_SUFFIX = "-inuse"


def in_use_path(db_path: Path) -> Path:
    return Path(f"{db_path}{IN_USE_SUFFIX}")


def _in_use_message(db_path: Path) -> str:
    return _(
        "Database {p} sedang dipakai oleh program lain atau PC lain; tutup AO Desktop di "
        "sana lalu coba lagi. Database tidak diubah."
    ).format(p=db_path)


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _connect_side_file(db_path: Path, timeout: float) -> sqlite3.Connection:
    side = in_use_path(db_path)
    with contextlib.suppress(FileExistsError):
        create_private_file(side)
    return sqlite3.connect(str(side), timeout=timeout, isolation_level=None, check_same_thread=False)


class InUse:
    """This process's shared lock on a database's side file; `release` when closing."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con: sqlite3.Connection | None = con

    def release(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            con.close()  # ends the read transaction: the shared lock goes with it


def hold_in_use(db_path: Path) -> InUse | None:
    """Take the shared lock for as long as this process has `db_path` open. Waits out a
    restore under way (then refuses); None where the side file cannot be made (a
    read-only folder: nobody can restore over the database there either)."""
    try:
        con = _connect_side_file(db_path, BUSY_TIMEOUT_S)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no in-use lock for %s: %s", db_path, exc)
        return None
    try:
        con.execute("BEGIN")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the shared lock
    except sqlite3.Error as exc:
        con.close()
        if _is_locked(exc):
            raise DatabaseRefused(
                _("Database {p} sedang dipulihkan dari cadangan di program lain atau PC lain; "
                  "coba lagi sebentar lagi.").format(p=db_path)
            ) from exc
        log.warning("no in-use lock for %s: %s", db_path, exc)
        return None
    return InUse(con)


PENDING_BYTE = 0x40000000  # SQLite's lock bytes in the database file: pending,
LOCK_RANGE = 2 + 510  # reserved, then the shared range (os_unix.c)
SHM_DMS_BYTE = 128  # every connection to a WAL database holds a read lock here (os_unix.c)


def _someone_locks(path: Path, start: int, length: int) -> bool:
    """POSIX: whether another process holds a lock on these bytes of `path`, by taking
    and at once dropping a write lock on them; nothing is read or written."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        return False
    finally:
        os.close(fd)


def _refuse_if_sqlite_sees_others(db_path: Path) -> None:
    """Another program's connection (not holding the side lock): an idle one to a WAL
    database holds a read lock in the -shm file, a running transaction holds SQLite's
    lock bytes in the database file. Asked without opening the database, so a damaged
    file or a WAL left by a crash stays exactly as it is. On Windows the open file itself
    cannot be renamed, which the move aside reports."""
    if os.name == "nt":
        return
    shm = Path(f"{db_path}-shm")
    if (shm.exists() and _someone_locks(shm, SHM_DMS_BYTE, 1)) or _someone_locks(
        db_path, PENDING_BYTE, LOCK_RANGE
    ):
        raise DatabaseRefused(_in_use_message(db_path))


@contextmanager
def exclusive_use(db_path: Path) -> Iterator[None]:
    """Hold `db_path` for this process alone while the block runs (a restore swapping its
    files); DatabaseRefused, with nothing changed, when another program or PC has it
    open. The database's own connection is closed before the block: Windows cannot
    rename an open file, and the side lock keeps every AO Desktop out meanwhile."""
    con: sqlite3.Connection | None = None
    try:
        con = _connect_side_file(db_path, 0)
        con.execute("PRAGMA journal_mode = MEMORY")  # holding the lock writes no -journal
        con.execute("BEGIN EXCLUSIVE")
    except (OSError, sqlite3.Error) as exc:
        if con is not None:
            con.close()
        if isinstance(exc, sqlite3.Error) and _is_locked(exc):
            raise DatabaseRefused(_in_use_message(db_path)) from exc
        log.warning("no in-use lock for %s: %s", db_path, exc)
        con = None
    try:
        if db_path.exists():
            _refuse_if_sqlite_sees_others(db_path)
        yield
    finally:
        if con is not None:
            con.execute("ROLLBACK")
            con.close()
