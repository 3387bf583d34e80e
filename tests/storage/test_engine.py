"""Opening databases: identity checks, pragmas, journal modes, BEGIN IMMEDIATE."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.storage.engine import APPLICATION_ID, SCHEMA_VERSION, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_stamped_and_migrated(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    db.close()
    con = sqlite3.connect(tmp_path / "new.sqlite")
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"clients", "officers", "client_status_history", "client_fts", "alembic_version"} <= tables
    con.close()


def test_connection_pragmas(db) -> None:
    with db.write_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_local_uses_wal_and_shared_never_does(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    local = open_database(path, shared=False, create=True)
    assert local.journal_mode == "wal"
    local.close()
    # The same file joined as a shared database is converted back to a rollback journal.
    shared = open_database(path, shared=True, create=True)
    assert shared.journal_mode == "delete"
    shared.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_unc_path_opens_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ao_desktop.storage import engine, location

    assert location.is_unc_path(r"\\server\share\ao.sqlite")
    assert location.is_network_path("//server/share/ao.sqlite")
    monkeypatch.setattr(engine, "is_network_path", lambda p: True)
    db = open_database(tmp_path / "s.sqlite", create=True)
    assert db.shared and db.journal_mode == "delete"
    db.close()


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="bukan AO Desktop"):
        open_database(path, create=True)
    assert _digest(path) == before
    assert not (tmp_path / "other.sqlite-wal").exists()


def test_non_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "nasabah.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database at all" * 10)
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="bukan database"):
        open_database(path, create=True)
    assert _digest(path) == before


def test_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_database(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="lebih baru"):
        open_database(path, create=True)
    assert _digest(path) == before


def test_folder_and_missing_parent_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused):
        open_database(tmp_path, create=True)
    with pytest.raises(DatabaseRefused, match="tidak ada"):
        open_database(tmp_path / "missing" / "ao.sqlite", create=True)


def test_write_takes_the_lock_at_begin(db, tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: the write lock is held from the start of a write, before its first
    statement, so a second writer waits at BEGIN instead of failing at its first write."""
    uow = SqlUnitOfWork(db)
    other = sqlite3.connect(tmp_path / "ao.sqlite", timeout=0, isolation_level=None)
    with uow.write() as tx:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")  # timeout 0: answers at once instead of waiting
        tx.settings.set("a", "1")
    other.execute("BEGIN IMMEDIATE")  # free again after the commit
    other.execute("ROLLBACK")
    other.close()
    with uow.read() as tx:
        assert tx.settings.get("a") == "1"


def test_failed_write_leaves_nothing(db) -> None:
    uow = SqlUnitOfWork(db)
    with pytest.raises(RuntimeError), uow.write() as tx:
        tx.settings.set("half", "written")
        raise RuntimeError("boom")
    with uow.read() as tx:
        assert tx.settings.get("half") == ""


def test_shared_mark_is_stored_in_the_file(tmp_path: Path) -> None:
    """Once opened as shared (e.g. --shared on a share Windows reports as local), every PC
    opens it in shared mode: the mark lives in the database, not in one PC's settings."""
    path = tmp_path / "cabang.sqlite"
    open_database(path, shared=True, create=True).close()
    again = open_database(path, create=True)  # no flag this time
    assert again.shared and again.journal_mode == "delete"
    again.close()
    local = open_database(tmp_path / "own.sqlite", create=True)
    assert not local.shared
    local.close()
