"""Opening an AO Desktop database safely, locally or on a branch's shared drive.

- The file is inspected read-only first: a foreign file or one from a newer app version
  is refused and left byte-for-byte untouched.
- Every connection: foreign_keys ON, synchronous FULL, a busy timeout.
- Shared mode: rollback journal (DELETE), never WAL; a WAL file is converted. Local mode
  uses WAL for concurrent readers.
- Writes run in BEGIN IMMEDIATE (pysqlite never emits it itself: the documented
  event-hook recipe), retried with backoff so a colleague's write is waited out; COMMIT
  is retried the same way (a colleague's read blocks it in a rollback journal).
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ao_desktop.domain.common.errors import DatabaseBusy, DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.in_use import InUse, hold_in_use
from ao_desktop.storage.location import is_network_path, is_server_location
from ao_desktop.storage.sqlite_file import (  # noqa: F401 - APPLICATION_ID and SCHEMA_VERSION: engine's public names
    APPLICATION_ID,
    SCHEMA_VERSION,
    SHARED_SETTING,
    FileState,
    create_private_file,
    inspect_file,
    offline_copy_message,
    read_only_uri,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
BEGIN_RETRIES = 8  # with the busy timeout: about a minute before giving up


def _is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def _retry_while_locked(action: Callable[[], object], what: str,
                        sleep: Callable[[float], None] = time.sleep) -> None:
    """Run `action` (a BEGIN or a COMMIT), retrying with backoff while a colleague holds
    the lock; when they hold it too long, the Indonesian DatabaseBusy."""
    delay = 0.05
    for attempt in range(BEGIN_RETRIES):
        try:
            action()
            return
        except (OperationalError, sqlite3.OperationalError) as exc:
            if not _is_locked(exc):
                raise
            if attempt == BEGIN_RETRIES - 1:
                raise DatabaseBusy(
                    _("Database sedang dipakai rekan lain terlalu lama. Coba simpan lagi sebentar lagi.")
                ) from exc
            log.info("database locked at %s, retry %d in %.2fs", what, attempt + 1, delay)
            sleep(delay + random.uniform(0, delay))
            delay = min(delay * 2, 2.0)


def _begin_with_retry(conn: Any, statement: str, sleep: Callable[[float], None] = time.sleep) -> None:
    _retry_while_locked(lambda: conn.exec_driver_sql(statement), statement, sleep)


def _commit_with_retry(conn: Any) -> None:
    """COMMIT ourselves, retried like BEGIN: in a rollback journal a colleague's read
    (a SHARED lock) blocks our COMMIT, and a failed COMMIT leaves the transaction open
    to try again. pysqlite's own commit() that follows then has nothing left to do."""
    dbapi_connection = conn.connection.driver_connection
    if dbapi_connection is not None and dbapi_connection.in_transaction:
        _retry_while_locked(lambda: dbapi_connection.execute("COMMIT"), "COMMIT")


def _make_engine(path: Path, *, shared: bool, write: bool, read_only: bool = False) -> Engine:
    # An offline copy is opened read-only (mode=ro): SQLite itself refuses any write.
    location = f"sqlite:///{path}" if not read_only else "sqlite://"
    extra: dict[str, Any] = {} if not read_only else {"creator": lambda: sqlite3.connect(
        read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)}
    engine = create_engine(
        location,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        pool_pre_ping=False,
        # An error's text would otherwise carry the statement's values (names, NIK,
        # phone numbers) into the log file and onto the screen.
        hide_parameters=True,
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's begin event decide how transactions start (recipe from the docs).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA cache_size = -32000")  # 32 MB page cache per connection
        if not shared:
            cur.execute("PRAGMA temp_store = MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        _begin_with_retry(conn, "BEGIN IMMEDIATE" if write else "BEGIN")

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        _commit_with_retry(conn)

    return engine


class Database:
    """An open database: engines for reads and for writes, and how it is shared."""

    is_server = False  # server.ServerDatabase is the other kind
    server_version = ""  # a file, not a server: the status bar says local or shared

    def __init__(self, path: Path, shared: bool, in_use: InUse | None = None,
                 read_only: str | None = None) -> None:
        self.path = path
        self.label = str(path)
        self.shared = shared
        # An offline copy of a server database: why nothing may be saved (the unit of
        # work refuses every write with it); None for a working database.
        self.read_only = read_only
        self._in_use = in_use  # tells a restore elsewhere that this process has it open
        ro = read_only is not None
        self.read_engine = _make_engine(path, shared=shared, write=False, read_only=ro)
        self.write_engine = _make_engine(path, shared=shared, write=True, read_only=ro)
        self.read_sessions: sessionmaker[Session] = sessionmaker(self.read_engine, expire_on_commit=False)
        self.write_sessions: sessionmaker[Session] = sessionmaker(self.write_engine, expire_on_commit=False)

    @property
    def journal_mode(self) -> str:
        with self.read_engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()

    def close(self) -> None:
        self.read_engine.dispose()
        self.write_engine.dispose()
        if self._in_use is not None:
            self._in_use.release()
            self._in_use = None

    def drop_connections(self) -> None:
        """Forget the pooled connections (connection_lost.py): their handles may point at
        a shared drive that vanished; the next transaction opens the file afresh."""
        self.read_engine.dispose()
        self.write_engine.dispose()

    def hold_in_use_again(self) -> None:
        """After a refused restore the app carries on: show other programs again that the
        database is open here (the engines reconnect by themselves)."""
        if self._in_use is None:
            self._in_use = hold_in_use(self.path)


def _set_journal_mode(path: Path, shared: bool) -> None:
    """Shared: DELETE (and convert a WAL file). Local: WAL. Verify what SQLite answers."""
    wanted = "delete" if shared else "wal"
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        try:
            got = str(con.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            # Another PC (or window) has the file open: the mode cannot change now.
            if "locked" not in str(exc).lower():
                raise
            got = str(con.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    finally:
        con.close()
    if shared and got == "wal":
        raise DatabaseRefused(
            _("Database bersama {p} masih dalam mode WAL dan sedang dibuka di komputer lain; "
              "tutup AO Desktop di komputer lain lalu coba lagi.").format(p=path)
        )


def open_database(
    path: str | Path, *, shared: bool | None = None, migrate: bool = True, create: bool = False
) -> Database:
    """Open the AO Desktop database at `path`; with `create`, make a new one when the file
    is missing, empty (0 bytes) or a blank SQLite file. A `postgresql://` location opens
    the database on that server instead (server.py), with the same face.

    Only the callers that create a database on purpose pass `create` (the first-run wizard
    and Settings, demo-data, `init`): for everything else a file that is not yet an AO
    Desktop database is refused and left untouched, never silently turned into one.
    `shared=None` decides from the path: a UNC path or a remote drive is shared.
    """
    if is_server_location(path):
        from ao_desktop.storage.server import open_server_database

        return open_server_database(str(path), migrate=migrate, create=create)  # type: ignore[return-value]
    path = Path(path)
    if shared is None:
        shared = is_network_path(path)
    if path.exists() and path.is_dir():
        raise DatabaseRefused(_("{p} adalah folder, bukan berkas database.").format(p=path))
    if not path.parent.exists():
        raise DatabaseRefused(_("Folder {p} tidak ada.").format(p=path.parent))
    state = inspect_file(path)
    if not create and not state.exists and not path.exists():
        raise DatabaseRefused(_("Database {p} tidak ditemukan.").format(p=path))
    if not create and state.application_id != APPLICATION_ID:
        raise DatabaseRefused(
            _("Berkas {p} bukan database AO Desktop (kosong atau belum dibuat). "
              "Berkas tidak diubah.").format(p=path)
        )
    if state.offline_copy is not None:
        return _open_offline_copy(path, state)
    if create and not path.exists():
        create_private_file(path)
    if state.marked_shared:
        shared = True  # a colleague's PC marked it: a share Windows may not report as remote
    in_use = hold_in_use(path)  # before anything touches the file: a restore may be under way
    try:
        _set_journal_mode(path, shared)
    except BaseException:
        if in_use is not None:
            in_use.release()
        raise
    db = Database(path, shared, in_use)
    if migrate and (not state.exists or state.user_version < SCHEMA_VERSION):
        from ao_desktop.storage.migrate import upgrade_to_head

        upgrade_to_head(db)
    if shared and not state.marked_shared:
        mark_shared(db)
    return db


def _open_offline_copy(path: Path, state: FileState) -> Database:
    """An offline copy of a server database (`backup --out`) opens as it is, read-only: no
    journal mode change, no migration, nothing written."""
    assert state.offline_copy is not None
    if state.user_version != SCHEMA_VERSION:
        raise DatabaseRefused(_(
            "Salinan offline {p} dibuat oleh versi AO Desktop lain (skema {v}); ambil salinan "
            "baru dari server dengan 'ao-desktop backup --out'.").format(p=path, v=state.user_version))
    return Database(path, shared=False, read_only=offline_copy_message(state.offline_copy))


def mark_shared(db: Database) -> None:
    """Record in the file itself that it is shared, so every PC opens it in shared mode."""
    with db.write_engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO settings(key, value) VALUES (?, '1') "
            "ON CONFLICT(key) DO UPDATE SET value = '1'", (SHARED_SETTING,))
