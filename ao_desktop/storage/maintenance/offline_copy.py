"""An offline copy of a server database: every table of a PostgreSQL database in a new,
complete SQLite file an officer can take along and read (`backup --out FILE.db`, #18).

- The file is made by the app's own create path (the migrations: tables, search index,
  application id, schema version), then filled from one snapshot of the server (one
  REPEATABLE READ transaction) by the same table copier as migrate-db (table_copy.py),
  and verified the same way: row counts and a checksum per table, the server's taken in
  the snapshot the rows came from, the file's read back after the copy.
- It says what it is: the server and the moment in its settings
  (`offline_copy.source`, `offline_copy.taken_at`); the app opens such a file read-only
  and refuses every write (engine.py, unit_of_work.py). The file itself is made
  read-only too.
- It is written beside the target under a temporary name and renamed only when complete
  and verified: a failure or Ctrl+C never leaves a half-written FILE.db.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import time
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import BackupFailed, DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.clients import search_index
from ao_desktop.storage.in_use import in_use_path
from ao_desktop.storage.maintenance.db_check import integrity_problems
from ao_desktop.storage.maintenance.sqlite_copy import remove_part, sweep_stale_parts, temp_beside
from ao_desktop.storage.maintenance.table_copy import (
    CopyResult,
    Progress,
    copy_tables,
    server_checksum,
    server_rows,
    server_tables,
    sqlite_checksum,
    sqlite_writer,
    verify,
)
from ao_desktop.storage.sqlite_file import (
    OFFLINE_SOURCE_SETTING,
    OFFLINE_TAKEN_AT_SETTING,
    SCHEMA_VERSION,
)

log = logging.getLogger(__name__)


def offline_copy_name(label: str, taken_at: datetime) -> str:
    """The file name of an offline copy written into a folder: the server database's
    name and the minute it was taken."""
    database = label.rsplit("/", 1)[-1] or "server"
    return f"{database}-offline-{taken_at:%Y-%m-%dT%H%M}.sqlite"


def copy_to_file(source: str, dest: Path, progress: Progress | None = None) -> CopyResult:
    """Copy the server database at `source` into the new SQLite file `dest` (which the
    caller has checked may be written), verified; `dest` appears only when every table
    agrees (CopyResult.ok), read-only and marked as an offline copy."""
    from ao_desktop.storage.server import open_server_database, schema_version

    started = time.perf_counter()
    db = open_server_database(source, migrate=False)
    try:
        version = schema_version(db.read_engine)
        if version != SCHEMA_VERSION:
            raise DatabaseRefused(_(
                "Database {s} memakai skema {v}, versi ini skema {m}; buka dulu dengan versi ini "
                "lalu ambil salinan lagi.").format(s=db.label, v=version, m=SCHEMA_VERSION))
        result = CopyResult(db.label, dest, version)
        sweep_stale_parts(dest.parent)
        temp = temp_beside(dest, "offline")
        try:
            _new_file(temp)
            _fill(temp, db, result, progress)
            if result.ok:
                os.chmod(temp, stat.S_IRUSR)  # read-only (Windows: the read-only attribute)
                if dest.exists():  # --force: Windows will not replace a read-only file
                    os.chmod(dest, stat.S_IRUSR | stat.S_IWUSR)
                os.replace(temp, dest)
        except sqlite3.Error as exc:
            raise BackupFailed(_("Salinan {p} gagal dibuat: {e}").format(p=dest, e=exc)) from exc
        finally:
            remove_part(temp)
            in_use_path(temp).unlink(missing_ok=True)
    finally:
        db.close()
    result.seconds = time.perf_counter() - started
    log.info("offline copy of %s -> %s: %s, %d rows, %.2fs", result.source, dest,
             "ok" if result.ok else "NOT verified", result.rows, result.seconds)
    return result


def _new_file(temp: Path) -> None:
    """An empty AO Desktop database, made as the app makes one (the migrations)."""
    from ao_desktop.storage.engine import open_database

    remove_part(temp)
    open_database(temp, shared=False, create=True).close()
    in_use_path(temp).unlink(missing_ok=True)


def _fill(temp: Path, db: object, result: CopyResult, progress: Progress | None) -> None:
    con = sqlite3.connect(str(temp), isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to carry
        con.execute("PRAGMA synchronous = OFF")  # the file is fsynced once, when complete
        with db.read_engine.connect() as conn:  # type: ignore[attr-defined]
            tables = server_tables(conn)
            con.execute("BEGIN")
            # What the migrations seeded (settings) gives way to the server's own rows;
            # the search index is rebuilt once at the end instead of row by row.
            for table, _c, _k in reversed(tables):
                con.execute(f'DELETE FROM "{table}"')
            for statement in search_index.DROP[:3]:  # the triggers, not the table
                con.execute(statement)
            sums = copy_tables(tables, server_rows(conn), sqlite_writer(con), server_checksum(conn),
                               progress)
            for statement in (*search_index.REBUILD, *search_index.TRIGGERS):
                con.execute(statement)
            con.execute("COMMIT")
            conn.rollback()
        result.tables = verify(sums, sqlite_checksum(con))
        problems = integrity_problems(con) + [
            f"{r[0]} {r[1]}" for r in con.execute("PRAGMA foreign_key_check").fetchall()[:3]]
        con.execute("INSERT INTO client_fts(client_fts) VALUES('integrity-check')")
        if problems:
            raise BackupFailed(_("Salinan dari {s} tidak lolos pemeriksaan ({e}) dan dihapus.").format(
                s=result.source, e="; ".join(problems[:3])))
        taken_at = datetime.now().replace(microsecond=0).isoformat(sep=" ")
        con.executemany("INSERT INTO settings(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [(OFFLINE_SOURCE_SETTING, str(result.source)), (OFFLINE_TAKEN_AT_SETTING, taken_at)])
    finally:
        con.close()
    with temp.open("rb+") as fh:
        os.fsync(fh.fileno())
