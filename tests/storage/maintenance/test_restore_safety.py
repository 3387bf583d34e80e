"""Restore never moves a database out from under another program (issue #11 item 3) and
never replaces a file that is not an AO Desktop database (item 6)."""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import sqlite3
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.maintenance.backup import BackupKind
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.backup import restore_backup, take_backup
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder


def _database(path: Path, names: list[str], *, shared: bool) -> Path:
    db = open_database(path, shared=shared, create=True)
    uow = SqlUnitOfWork(db)
    for name in names:
        add_client(uow, Client(full_name=name), actor="t")
    db.close()
    return path


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT full_name FROM clients ORDER BY id")]
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _app_holding_the_database(path: str, shared: bool, pipe: Connection) -> None:
    """Another AO Desktop: the database open and idle, then one more save when told."""
    db = open_database(Path(path), shared=shared)
    uow = SqlUnitOfWork(db)
    with db.read_engine.connect() as conn:  # a real read: in WAL mode it maps the -shm
        conn.exec_driver_sql("SELECT count(*) FROM clients").scalar()
    pipe.send("open")
    if pipe.recv() == "save":
        add_client(uow, Client(full_name="Disimpan Setelahnya"), actor="lain")
        pipe.send("saved")
        pipe.recv()
    db.close()


def _tool_holding_the_database(path: str, pipe: Connection) -> None:
    """Another program (an SQLite browser, an older app) with a plain open connection."""
    con = sqlite3.connect(path)
    con.execute("SELECT count(*) FROM clients").fetchone()
    pipe.send("open")
    pipe.recv()
    con.close()


def _start(target, *args):  # type: ignore[no-untyped-def]
    ctx = mp.get_context("spawn")
    ours, theirs = ctx.Pipe()
    process = ctx.Process(target=target, args=(*args, theirs))
    process.start()
    assert ours.poll(60) and ours.recv() == "open"
    return process, ours


@pytest.mark.parametrize("shared", [False, True], ids=["local-wal", "shared-journal"])
def test_restore_is_refused_while_another_app_has_the_database_open(
    tmp_path: Path, shared: bool
) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti Nurhaliza"], shared=shared)
    backup = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30)).path
    process, pipe = _start(_app_holding_the_database, str(path), shared)
    try:
        before = _digest(path)
        with pytest.raises(DatabaseRefused, match="sedang dipakai"):
            restore_backup(backup, path)
        assert _digest(path) == before
        assert sorted(p.name for p in tmp_path.glob("ao.before-restore-*")) == []
        pipe.send("save")  # the other app's save lands in the database, not in a moved file
        assert pipe.poll(60) and pipe.recv() == "saved"
        pipe.send("close")
    finally:
        process.join(60)
    assert process.exitcode == 0
    assert _names(path) == ["Siti Nurhaliza", "Disimpan Setelahnya"]

    aside = restore_backup(backup, path)  # nobody has it open any more
    assert aside is not None and _names(path) == ["Siti Nurhaliza"]


def test_restore_is_refused_while_another_program_holds_a_wal_database(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti Nurhaliza"], shared=False)
    backup = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30)).path
    process, pipe = _start(_tool_holding_the_database, str(path))
    try:
        with pytest.raises(DatabaseRefused, match="sedang dipakai"):
            restore_backup(backup, path)
        assert not list(tmp_path.glob("ao.before-restore-*"))
        pipe.send("close")
    finally:
        process.join(60)
    assert process.exitcode == 0


@pytest.mark.parametrize("kind", ["foreign-sqlite", "text"])
def test_restore_over_a_file_that_is_not_ours_is_refused(tmp_path: Path, kind: str) -> None:
    source = _database(tmp_path / "ao.sqlite", ["Siti Nurhaliza"], shared=False)
    backup = take_backup(source, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30)).path
    target = tmp_path / "lain.sqlite"
    if kind == "foreign-sqlite":
        con = sqlite3.connect(target)
        con.execute("CREATE TABLE kas(id INTEGER PRIMARY KEY, jumlah INTEGER)")
        con.execute("INSERT INTO kas(jumlah) VALUES (5000)")
        con.commit()
        con.close()
    else:
        target.write_text("catatan pribadi\n", encoding="utf-8")
    before = _digest(target)
    with pytest.raises(DatabaseRefused, match="bukan database AO Desktop"):
        restore_backup(backup, target)
    assert _digest(target) == before
    assert not list(tmp_path.glob("lain.before-restore-*")) and not list(tmp_path.glob(".*.part"))


def test_a_refused_restore_in_the_app_keeps_its_database_marked_in_use(tmp_path: Path) -> None:
    from ao_desktop.storage.maintenance.sql_maintenance import SqlMaintenance

    path = _database(tmp_path / "ao.sqlite", ["Siti Nurhaliza"], shared=True)
    backup = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30)).path
    db = open_database(path)
    maintenance = SqlMaintenance(path, close_database=db.close, reopen_database=db.hold_in_use_again)
    process, pipe = _start(_app_holding_the_database, str(path), True)
    try:
        with pytest.raises(DatabaseRefused, match="sedang dipakai"):
            maintenance.restore(backup)
        pipe.send("close")
    finally:
        process.join(60)
    assert process.exitcode == 0
    # The other app is gone, but this one carries on with the database open: still refused.
    with pytest.raises(DatabaseRefused, match="sedang dipakai"):
        restore_backup(backup, path)
    assert maintenance.restore(backup) is not None  # closes its own connections first
    assert _names(path) == ["Siti Nurhaliza"]
