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

import hashlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.sqlite_file import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    connect_read_only,
    inspect_file,
)

Progress = Callable[[str, int], None]  # (table, rows copied so far)
_MOD = 1 << 256
_SKIPPED = frozenset({"alembic_version"})  # written by the migrations themselves


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


@dataclass
class CopyResult:
    source: Path
    target: str
    schema_version: int
    seconds: float = 0.0
    tables: list[TableCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)


# --- canonical values ----------------------------------------------------------------------
def _kind(type_name: str) -> str:
    name = type_name.lower()
    if "bool" in name:
        return "bool"
    if "timestamp" in name or "datetime" in name:
        return "datetime"
    if name.startswith("date"):
        return "date"
    if "bytea" in name or "blob" in name or "binary" in name:
        return "bytes"
    return "plain"


def canonical(value: Any, kind: str) -> str:
    """One text per value, the same whichever engine it was read from."""
    if value is None:
        return "\x00"
    if kind == "bool":
        return "1" if value in (True, 1, "1", "t", "true") else "0"
    if kind == "datetime":
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return moment.isoformat(sep=" ", timespec="microseconds")
    if kind == "date":
        if isinstance(value, datetime):
            return value.date().isoformat()
        return value.isoformat() if isinstance(value, date) else date.fromisoformat(str(value)[:10]).isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    return str(value)


class _Checksum:
    """An order-free checksum of a table: the sum of one SHA-256 per row, modulo 2^256.

    Each row is hashed over one text made by the database itself (`row_text_sql`): every
    value in a canonical form, the same from either engine, so the Python side only adds
    up digests. (Making that text in Python, value by value, took longer than the copy:
    7 of 19 s for 100,000 clients.)"""

    def __init__(self, columns: list[str], kinds: list[str]) -> None:
        self.columns = columns
        self.kinds = kinds
        self.rows = 0
        self.total = 0

    def add_digest(self, digest: bytes) -> None:
        self.total = (self.total + int.from_bytes(digest, "big")) % _MOD
        self.rows += 1

    @property
    def hex(self) -> str:
        return f"{self.total:064x}"


def row_text_sql(columns: list[str], kinds: list[str], *, sqlite: bool) -> str:
    """The SQL expression of a row's canonical text: each value as 'v' + its text ('' for
    NULL), 0/1 and false/true as 1 and 0, timestamps with six fraction digits, dates as
    YYYY-MM-DD, bytes as lower-case hex; values apart by U+001F."""
    parts = []
    for column, kind in zip(columns, kinds, strict=True):
        c = f'"{column}"'
        if kind == "bool":
            text = f"CASE WHEN {c} THEN '1' ELSE '0' END"
        elif kind == "datetime" and sqlite:
            # Written by SQLAlchemy with microseconds; by hand perhaps without, or with 'T'.
            text = f"replace(CASE WHEN length({c}) = 19 THEN {c} || '.000000' ELSE {c} END, 'T', ' ')"
        elif kind == "datetime":
            text = f"to_char({c}, 'YYYY-MM-DD HH24:MI:SS.US')"
        elif kind == "date":
            text = f"substr({c}, 1, 10)" if sqlite else f"to_char({c}, 'YYYY-MM-DD')"
        elif kind == "bytes":
            text = f"lower(hex({c}))" if sqlite else f"encode({c}, 'hex')"
        else:
            text = c if sqlite else f"{c}::text"
        parts.append(f"CASE WHEN {c} IS NULL THEN '' ELSE 'v' || {text} END")
    separator = " || char(31) || " if sqlite else " || chr(31) || "
    return separator.join(parts) if parts else "''"


def _source_checksum(src: sqlite3.Connection, table: str, columns: list[str],
                     kinds: list[str]) -> _Checksum:
    checksum = _Checksum(columns, kinds)
    sha256 = hashlib.sha256
    for (text,) in src.execute(f'SELECT {row_text_sql(columns, kinds, sqlite=True)} FROM "{table}"'):
        checksum.add_digest(sha256(text.encode()).digest())
    return checksum


def _server_checksum(conn: Any, table: str, columns: list[str], kinds: list[str]) -> _Checksum:
    """The same checksum, with the hashing done by the server (one core of its own)."""
    checksum = _Checksum(columns, kinds)
    text = row_text_sql(columns, kinds, sqlite=False)
    with conn.connection.driver_connection.cursor(name=f"verify_{table}") as cur:
        cur.itersize = 50_000
        cur.execute(f"SELECT sha256(convert_to({text}, 'UTF8')) FROM \"{table}\"")
        for (digest,) in cur:
            checksum.add_digest(digest)
    return checksum


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
def _target_tables(conn: Any) -> list[tuple[str, list[str], list[str]]]:
    """(table, columns, kinds) of every table of the target schema, parents before children
    (the models' order; a table they do not name goes last)."""
    from ao_desktop.storage.models import Base

    order = [t.name for t in Base.metadata.sorted_tables]
    names = [t for t in inspect(conn).get_table_names() if t not in _SKIPPED]
    names.sort(key=lambda t: (order.index(t) if t in order else len(order), t))
    out = []
    for table in names:
        rows = conn.exec_driver_sql(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %(t)s ORDER BY ordinal_position",
            {"t": table}).all()
        out.append((table, [r[0] for r in rows], [_kind(r[1]) for r in rows]))
    return out


def _refuse_non_empty(engine: Any, label: str) -> None:
    from ao_desktop.storage.server import schema_version

    with engine.connect() as conn:
        names = [t for t in inspect(conn).get_table_names() if t not in _SKIPPED]
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


def _copy_tables(src: sqlite3.Connection, db: Any, progress: Progress | None) -> dict[str, _Checksum]:
    from ao_desktop.storage import dialect

    sums: dict[str, _Checksum] = {}
    src.execute("BEGIN")  # one snapshot of the source for every table
    try:
        with db.write_engine.begin() as conn:
            tables = _target_tables(conn)
            raw = conn.connection.driver_connection
            # What the migrations seeded (settings) gives way to the branch's own rows.
            names = ", ".join(f'"{t}"' for t, _c, _k in tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            rebuild = _drop_indexes_and_foreign_keys(conn)
            for table, columns, kinds in tables:
                column_list = ", ".join(f'"{c}"' for c in columns)
                rows = src.execute(f'SELECT {column_list} FROM "{table}"')
                copied = 0
                with raw.cursor() as cur, cur.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(_for_copy(row, kinds))
                        copied += 1
                        if progress is not None and copied % 50_000 == 0:
                            progress(table, copied)
                if progress is not None:
                    progress(table, copied)
                # Same snapshot as the rows just sent (the source's one read transaction).
                sums[table] = _source_checksum(src, table, columns, kinds)
                if "id" in columns:
                    dialect.move_id_sequence(conn, table)
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


def _for_copy(row: tuple[Any, ...], kinds: list[str]) -> tuple[Any, ...]:
    # SQLite keeps booleans as 0/1; COPY's text form of a boolean is t/f.
    if "bool" not in kinds:
        return row
    return tuple(None if v is None else bool(v) if k == "bool" else v for v, k in zip(row, kinds, strict=True))


def _verify(db: Any, sums: dict[str, _Checksum]) -> list[TableCheck]:
    checks = []
    with db.read_engine.connect() as conn:
        for table, source in sums.items():
            target = _server_checksum(conn, table, source.columns, source.kinds)
            checks.append(TableCheck(table, source.rows, target.rows, source.hex, target.hex))
        conn.rollback()
    return checks


def _empty_again(db: Any) -> None:
    """After a failed copy the target is left as the DBA made it: the schema goes too."""
    with db.write_engine.begin() as conn:
        names = inspect(conn).get_table_names()
        if names:
            conn.exec_driver_sql("DROP TABLE " + ", ".join(f'"{t}"' for t in names) + " CASCADE")
