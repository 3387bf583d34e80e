"""Moving a branch's SQLite database onto a PostgreSQL server in one run (migrate-db), and
the verification that says every row arrived (#18).

- The source file is only read: a read-only connection, one read transaction (one
  consistent snapshot even while colleagues save). A file of an older app version is
  first copied to a private temporary file and migrated there; a foreign file or one of
  a newer app is refused.
- The target must be empty (the DBA created it and its role); it is given the schema by
  the same migrations, then every table is copied with COPY, in one transaction: a
  failure leaves it empty again. Id sequences continue after the copied ids.
- Verification reads every table back from the server: row counts and a checksum per
  table (an order-free sum of one SHA-256 per row over values in a canonical form, so
  0/1 and false/true, ISO text and dates compare equal), against the same figures taken
  from the source while it was copied.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.maintenance.table_copy import (
    SKIPPED,
    Checksum,
    CopyResult,
    Progress,
    TableCheck,
    copy_tables,
    server_rows,
    server_tables,
    server_writer,
    sqlite_rows,
    verify,
)
from ao_desktop.storage.sqlite_file import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    connect_read_only,
    inspect_file,
)


# --- the source ------------------------------------------------------------------------------
@contextmanager
def _readable_source(source: Path) -> Iterator[tuple[sqlite3.Connection, int]]:
    """A read-only connection to the source at this app's schema, and its version as found."""
    if not source.is_file():
        raise DatabaseRefused(_("Database {p} tidak ditemukan.").format(p=source))
    state = inspect_file(source)
    if state.application_id != APPLICATION_ID:
        raise DatabaseRefused(_("Berkas {p} bukan database AO Desktop; tidak ada yang dipindahkan.").format(
            p=source))
    if state.user_version > SCHEMA_VERSION or state.user_version < 1:
        raise DatabaseRefused(_(
            "Database {p} memakai skema {v} yang tidak dikenal versi ini (skema {s}); tidak ada yang "
            "dipindahkan.").format(p=source, v=state.user_version, s=SCHEMA_VERSION))
    if state.user_version == SCHEMA_VERSION:
        con = connect_read_only(source)
        try:
            yield con, state.user_version
        finally:
            con.close()
        return
    # An older app's file: migrated in a private copy, never in place.
    folder = Path(tempfile.mkdtemp(prefix="ao-migrate-"))
    try:
        copy = folder / "source.sqlite"
        src, dst = connect_read_only(source), sqlite3.connect(str(copy))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        from ao_desktop.storage.engine import open_database

        open_database(copy, shared=False).close()
        con = connect_read_only(copy)
        try:
            yield con, state.user_version
        finally:
            con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- the copy ----------------------------------------------------------------------------------
def _refuse_non_empty(engine: Any, label: str) -> None:
    from ao_desktop.storage.server import schema_version

    with engine.connect() as conn:
        names = [t for t in inspect(conn).get_table_names() if t not in SKIPPED]
    if names or schema_version(engine) > 0:
        raise DatabaseRefused(_(
            "Database tujuan {t} tidak kosong ({n} tabel); migrate-db hanya mengisi database "
            "baru yang kosong. Tidak ada yang diubah.").format(t=label, n=len(names)))


def copy_to_server(source: Path, target: str, progress: Progress | None = None) -> CopyResult:
    """Copy the SQLite database `source` into the empty server database `target`, then
    verify it; returns the per-table figures (CopyResult.ok says whether all agree)."""
    from ao_desktop.storage.server import ServerDatabase, open_server_database, prepare_location

    started = time.perf_counter()
    probe = ServerDatabase(prepare_location(target))
    label = probe.label
    try:
        _refuse_non_empty(probe.read_engine, label)
    finally:
        probe.close()
    with _readable_source(source) as (src, version):
        result = CopyResult(source, label, version)
        db = open_server_database(target, migrate=True)  # the schema, by the same migrations
        try:
            sums = _copy_tables(src, db, progress)
            result.tables = _verify(db, sums)
        except BaseException:
            _empty_again(db)
            raise
        finally:
            db.close()
    result.seconds = time.perf_counter() - started
    return result


def _copy_tables(src: sqlite3.Connection, db: Any, progress: Progress | None) -> dict[str, Checksum]:
    src.execute("BEGIN")  # one snapshot of the source for every table
    try:
        with db.write_engine.begin() as conn:
            tables = server_tables(conn)
            # What the migrations seeded (settings) gives way to the branch's own rows.
            names = ", ".join(f'"{t}"' for t, _c, _k in tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            return copy_tables(tables, sqlite_rows(src), server_writer(conn), progress)
    finally:
        src.execute("ROLLBACK")


def _verify(db: Any, sums: dict[str, Checksum]) -> list[TableCheck]:
    with db.read_engine.connect() as conn:
        checks = verify(sums, server_rows(conn))
        conn.rollback()
    return checks


def _empty_again(db: Any) -> None:
    """After a failed copy the target is left as the DBA made it: the schema goes too."""
    with db.write_engine.begin() as conn:
        names = inspect(conn).get_table_names()
        if names:
            conn.exec_driver_sql("DROP TABLE " + ", ".join(f'"{t}"' for t in names) + " CASCADE")
