"""migrate-db's own parts (#18): the per-table checksum both engines compute for the same
rows, and the indexes and foreign keys the copy drops for speed and builds again."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest

from ao_desktop.storage.maintenance.server_copy import copy_to_server
from ao_desktop.storage.maintenance.table_copy import server_checksum, sqlite_checksum

COLUMNS = ["id", "name", "active", "born", "seen", "blob"]
KINDS = ["plain", "plain", "bool", "date", "datetime", "bytes"]
# What each engine holds for the same values: SQLite's 0/1 and ISO texts (a timestamp
# written without its fraction, one with 'T'), PostgreSQL's own types.
SQLITE_ROWS = [
    (1, "Siti Rahma", 1, "1990-05-01", "2026-12-04 09:30:00.123456", b"\x00\xff"),
    (2, "Budi ' \\ \t\n Santoso", 0, None, "2026-12-04 10:00:00", None),
    (3, None, None, "2001-01-31", "2026-12-04T11:15:00.000001", b""),
]
PG_ROWS = [
    (1, "Siti Rahma", True, "1990-05-01", "2026-12-04 09:30:00.123456", b"\x00\xff"),
    (2, "Budi ' \\ \t\n Santoso", False, None, "2026-12-04 10:00:00", None),
    (3, None, None, "2001-01-31", "2026-12-04 11:15:00.000001", b""),
]


def _pg(url: str) -> psycopg.Connection:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return psycopg.connect(host=u.query["host"], port=int(u.query["port"]), user=u.username,
                           dbname=u.database, autocommit=True)


@pytest.fixture
def both(tmp_path: Path, pg_empty_url: str):  # type: ignore[no-untyped-def]
    lite = sqlite3.connect(tmp_path / "t.sqlite")
    lite.execute("CREATE TABLE t (id INTEGER, name TEXT, active BOOLEAN, born DATE, seen DATETIME, blob BLOB)")
    lite.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", SQLITE_ROWS)
    pg = _pg(pg_empty_url)
    pg.execute("CREATE TABLE t (id bigint, name text, active boolean, born date, "
               "seen timestamp without time zone, blob bytea)")
    with pg.cursor() as cur:
        cur.executemany("INSERT INTO t VALUES (%s, %s, %s, %s, %s, %s)", PG_ROWS)
    from sqlalchemy import create_engine

    engine = create_engine(pg_empty_url)
    yield lite, pg, engine
    engine.dispose()
    pg.close()
    lite.close()


def _server(engine) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return server_checksum(conn)("t", COLUMNS, KINDS).hex


def test_the_same_rows_give_the_same_checksum_on_both_engines(both) -> None:  # type: ignore[no-untyped-def]
    lite, _pg_conn, engine = both
    source = sqlite_checksum(lite)("t", COLUMNS, KINDS)
    assert source.rows == 3
    assert source.hex == _server(engine)


@pytest.mark.parametrize("change", [
    "UPDATE t SET name = 'Siti Rahmah' WHERE id = 1",
    "UPDATE t SET active = NOT active WHERE id = 1",
    "UPDATE t SET born = NULL WHERE id = 1",  # a value lost
    "UPDATE t SET name = '' WHERE id = 3",  # NULL and empty text are told apart
    "UPDATE t SET seen = seen + interval '1 microsecond' WHERE id = 2",
    "UPDATE t SET blob = '\\x00fe' WHERE id = 1",
    "DELETE FROM t WHERE id = 2",
])
def test_any_difference_changes_the_checksum(both, change: str) -> None:  # type: ignore[no-untyped-def]
    lite, pg, engine = both
    pg.execute(change)
    assert sqlite_checksum(lite)("t", COLUMNS, KINDS).hex != _server(engine)


def _schema(url: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    with _pg(url) as conn:
        indexes = set(conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'").fetchall())
        constraints = set(conn.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace").fetchall())
    return indexes, constraints


def test_the_copy_builds_every_index_and_foreign_key_again(
        tmp_path: Path, pg_empty_url: str, pg_url: str) -> None:
    from ao_desktop.storage.demo.demo_data import generate_demo_database

    source = tmp_path / "cabang.sqlite"
    generate_demo_database(source, 60, seed=3, today=date(2026, 12, 4))
    assert copy_to_server(source, pg_empty_url).ok
    indexes, constraints = _schema(pg_empty_url)
    expected_indexes, expected_constraints = _schema(pg_url)  # as the migrations make it
    assert indexes == expected_indexes
    assert constraints == expected_constraints
    assert any(name == "ix_clients_trgm_search" for name, _d in indexes)
    assert sum(1 for _n, d in constraints if d.startswith("FOREIGN KEY")) >= 10
