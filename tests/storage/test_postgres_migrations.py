"""The one set of migrations builds the same schema on PostgreSQL as on SQLite (#18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import DBAPIError

from ao_desktop.storage.engine import open_database


def _tables(engine) -> set[str]:  # type: ignore[no-untyped-def]
    return {t for t in inspect(engine).get_table_names()
            if not t.startswith(("client_fts", "alembic_version", "sqlite_"))}


def test_migrations_build_the_same_tables_and_columns_on_both_engines(pg_url: str, tmp_path: Path) -> None:
    db = open_database(tmp_path / "ao.sqlite", create=True)
    pg = create_engine(pg_url)
    try:
        sqlite_tables = _tables(db.read_engine)
        assert _tables(pg) == sqlite_tables
        lite, post = inspect(db.read_engine), inspect(pg)
        for table in sqlite_tables:
            assert ({c["name"] for c in post.get_columns(table)}
                    == {c["name"] for c in lite.get_columns(table)}), table
    finally:
        pg.dispose()
        db.close()


def test_postgresql_gets_trigram_search_indexes_and_the_seeded_setting(pg_url: str) -> None:
    pg = create_engine(pg_url)
    try:
        with pg.connect() as conn:
            indexes = {row[0] for row in conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'clients'")}
            assert {"ix_clients_trgm_search", "ix_clients_trgm_names"} <= indexes
            # Whole Rupiah beyond two billion fit: INTEGER columns are 64-bit as on SQLite.
            assert conn.exec_driver_sql(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'clients' AND column_name = 'monthly_income'").scalar() == "bigint"
            assert conn.exec_driver_sql(
                "SELECT value FROM settings WHERE key = 'portfolio.collectibility_policy'"
            ).scalar() == "ojk_bank_umum:0,90,120,180"
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        pg.dispose()


def test_each_test_gets_its_own_fresh_database(pg_url: str) -> None:
    pg = create_engine(pg_url)
    try:
        with pg.begin() as conn:
            conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('probe', 'x')")
    finally:
        pg.dispose()


def test_the_audit_is_append_only_on_postgresql(pg_url: str) -> None:
    """Migration 0010's triggers (dialect.make_audit_append_only): appending works,
    UPDATE and DELETE are refused."""
    pg = create_engine(pg_url)
    try:
        with pg.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO audit_log (table_name, row_id, action, actor, at, details) "
                "VALUES ('clients', 1, 'create', 'tes', now(), '{}')")
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), pg.begin() as conn:
                conn.exec_driver_sql(statement)
        with pg.connect() as conn:
            assert conn.exec_driver_sql("SELECT actor FROM audit_log").scalars().all() == ["tes"]
    finally:
        pg.dispose()


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_every_migration_steps_down_and_up_again(
        engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Each migration's downgrade undoes it on both engines (an IT person stepping back
    one release), and the schema built again is the one a new database gets."""
    from alembic import command

    from ao_desktop.storage.migrate import alembic_config

    url = (f"sqlite:///{tmp_path / 'ao.sqlite'}" if engine_name == "sqlite"
           else request.getfixturevalue("pg_empty_url"))
    engine = create_engine(url)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        head_tables = _tables(engine)
        head_columns = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in head_tables}
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert _tables(engine) == set()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert _tables(engine) == head_tables
        assert {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in head_tables} == head_columns
    finally:
        engine.dispose()
