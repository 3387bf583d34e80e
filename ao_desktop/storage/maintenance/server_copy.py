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
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.maintenance.table_copy import (
    SKIPPED,
    Checksum,
    CopyResult,
    Progress,
    TableCheck,
    copy_tables,
    server_checksum,
    server_tables,
    server_writer,
    sqlite_checksum,
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
            try:
                sums = _copy_tables(src, db, progress)
                result.tables = _verify(db, sums)
            except BaseException:
                _empty_again(db)
                raise
            _analyze(db)  # after the verified copy: its failure never empties it
        finally:
            db.close()
    result.seconds = time.perf_counter() - started
    return result


def _copy_tables(src: sqlite3.Connection, db: Any, progress: Progress | None) -> dict[str, Checksum]:
    src.execute("BEGIN")  # one snapshot of the source for every table (rows and checksums)
    try:
        with db.write_engine.begin() as conn:
            tables = server_tables(conn)
            # What the migrations seeded (settings) gives way to the branch's own rows.
            names = ", ".join(f'"{t}"' for t, _c, _k in tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            rebuild = _drop_indexes_and_foreign_keys(conn)
            sums = copy_tables(tables, sqlite_rows(src), server_writer(conn), sqlite_checksum(src), progress)
            if progress is not None:
                progress(_("indeks dan relasi"), 0)
            for statement in rebuild:
                conn.exec_driver_sql(statement)
    finally:
        src.execute("ROLLBACK")
    return sums


def _drop_indexes_and_foreign_keys(conn: Any) -> list[str]:
    """Drop the secondary indexes and the foreign keys of the (empty) schema; returns the
    statements that build them again once the rows are in.

    Kept up to date row by row during COPY they cost most of the run (100,000 clients:
    15 s with them, under 1 s without; the trigram GIN indexes alone 10 s), while one bulk
    build after the load sorts once, and one ADD CONSTRAINT checks every reference in a
    single join instead of a trigger per row. All in the copy's transaction: a failure
    leaves the schema as the migrations made it. Primary keys and unique constraints stay,
    so a duplicate in the source still fails the copy at once."""
    indexes = conn.exec_driver_sql(
        "SELECT i.indexname, i.indexdef FROM pg_indexes AS i "
        "WHERE i.schemaname = current_schema() AND NOT EXISTS ("
        "  SELECT 1 FROM pg_constraint AS c WHERE c.conname = i.indexname "
        "  AND c.connamespace = to_regnamespace(current_schema()))").all()
    foreign_keys = conn.exec_driver_sql(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint AS c WHERE c.contype = 'f' "
        "AND c.connamespace = to_regnamespace(current_schema())").all()
    for table, name, _definition in foreign_keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    # Memory for the index builds (the session's default is 64 MB): sorts stay in RAM.
    conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in foreign_keys]


def _verify(db: Any, sums: dict[str, Checksum]) -> list[TableCheck]:
    with db.read_engine.connect() as conn:
        checks = verify(sums, server_checksum(conn))
        conn.rollback()
    return checks


def _analyze(db: Any) -> None:
    """The planner's statistics of the freshly loaded tables, as PostgreSQL advises after a
    bulk load: the branch's first searches and lists are planned on them, not on guesses,
    instead of waiting for autovacuum to notice the new rows. The copy is verified and
    committed by now: a failure here costs speed until autovacuum runs, never the copy."""
    with suppress(DBAPIError), db.write_engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def _empty_again(db: Any) -> None:
    """After a failed copy the target is left as the DBA made it: the schema goes too."""
    with db.write_engine.begin() as conn:
        names = inspect(conn).get_table_names()
        if names:
            conn.exec_driver_sql("DROP TABLE " + ", ".join(f'"{t}"' for t in names) + " CASCADE")
