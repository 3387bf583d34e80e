"""Backups with SQLite's backup API, checks, pruning and restore, on real files."""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DatabaseRefused, OperationCancelled
from ao_desktop.domain.maintenance.backup import BackupKind, backup_name
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import APPLICATION_ID, SCHEMA_VERSION, open_database
from ao_desktop.storage.maintenance import sqlite_copy
from ao_desktop.storage.maintenance.backup import (
    backup_database,
    backup_dir,
    backup_folder_for,
    list_backups,
    newest_good_backup,
    prune_backups,
    restore_backup,
    run_scheduled_backup,
    take_backup,
)
from ao_desktop.storage.maintenance.db_check import check_database, quick_check
from ao_desktop.storage.migrate import alembic_config
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.old_schema import insert_old_client


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own data folder, so backups never mix between tests."""
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder


def _database(path: Path, names: list[str], *, shared: bool = False) -> Path:
    db = open_database(path, shared=shared, create=True)
    now = datetime(2026, 11, 27, 9, 30)
    with SqlUnitOfWork(db).write() as tx:  # one transaction: one fsync for all of them
        for name in names:
            tx.clients.add(Client(full_name=name), "test", now)
    db.close()
    return path


def _count(path: Path, table: str = "clients") -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT full_name FROM clients ORDER BY id")]
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writer(path: str, shared: bool, started: mp.synchronize.Event, stop: mp.synchronize.Event) -> None:  # type: ignore[name-defined]
    """Adds clients one commit at a time until `stop` is set (not for a fixed time, which
    a slow machine could spend before the copy even starts)."""
    db = open_database(Path(path), shared=shared, create=True)
    uow = SqlUnitOfWork(db)
    i = 0
    while not stop.is_set():
        add_client(
            uow, Client(full_name=f"Nasabah Tulis {i}"), actor="writer", allow_duplicates=True
        )
        i += 1
        if i == 5:
            started.set()
    db.close()


@pytest.mark.slow
@pytest.mark.parametrize("shared", [False, True], ids=["local-wal", "shared-journal"])
def test_backup_while_another_process_writes_is_consistent(
    tmp_path: Path, shared: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _database(
        tmp_path / "ao.sqlite", [f"Nasabah Awal {i}" for i in range(1500)], shared=shared
    )
    # Small steps: the copy spans many of the writer's commits.
    monkeypatch.setattr(sqlite_copy, "STEP_PAGES", 8)
    ctx = mp.get_context("spawn")
    started, stop = ctx.Event(), ctx.Event()
    writer = ctx.Process(target=_writer, args=(str(path), shared, started, stop))
    writer.start()
    try:
        assert started.wait(60)
        before = _count(path)
        steps: list[tuple[int, int]] = []
        info = backup_database(
            path, tmp_path / "copy.sqlite", progress=lambda d, t: steps.append((d, t))
        )
        after = _count(path)
        copied = _count(info.path)
        # The writer is still writing: wait for its next commit after the copy's snapshot.
        deadline = time.monotonic() + 60
        while _count(path) <= copied and time.monotonic() < deadline and writer.is_alive():
            writer.join(0.05)
    finally:
        stop.set()
        writer.join(60)
    assert writer.exitcode == 0
    assert before <= copied <= after
    assert _count(path) > copied  # the writer kept going after the copy's snapshot
    assert len(steps) > 1 and steps[-1][0] == steps[-1][1]
    # One snapshot: the search index holds exactly the clients the copy holds.
    assert _count(info.path, "client_fts") == copied
    report = check_database(info.path)
    assert report.ok, report.lines
    con = sqlite3.connect(info.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    assert not list(tmp_path.glob(".*.part"))


def test_backup_is_named_for_its_kind_and_lands_in_the_local_folder(
    tmp_path: Path, home: Path
) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti"])
    info = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30))
    assert info.path.name == "ao-desktop-2026-11-27T0930-manual.sqlite"
    assert info.path.parent == backup_folder_for(path)
    assert info.path.is_relative_to(home / "backups")
    assert info.kind is BackupKind.MANUAL and info.taken_at == datetime(2026, 11, 27, 9, 30)
    second = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30))
    assert second.path.name == "ao-desktop-2026-11-27T0930-manual-2.sqlite"
    assert _names(second.path) == ["Siti"]


def test_backup_folder_separates_databases(tmp_path: Path, home: Path) -> None:
    default = home / "ao-desktop.sqlite"
    assert backup_folder_for(default) == backup_dir() == home / "backups"
    a = backup_folder_for(tmp_path / "share1" / "cabang.sqlite")
    b = backup_folder_for(tmp_path / "share2" / "cabang.sqlite")
    assert a != b and a.parent == b.parent == backup_dir()
    assert a.name.startswith("cabang-")


def test_cancelled_backup_leaves_no_file(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", [f"N {i}" for i in range(200)])
    dest = tmp_path / "out.sqlite"
    with pytest.raises(OperationCancelled):
        backup_database(path, dest, cancelled=lambda: True)
    assert not dest.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_refuses_a_foreign_database(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseRefused):
        backup_database(foreign, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def test_restore_round_trip_keeps_the_previous_database_aside(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti", "Budi"])
    info = take_backup(path, BackupKind.MANUAL)
    _database(path, ["Citra"])  # a change after the backup
    before = _digest(path)

    aside = restore_backup(info.path, path)

    assert _names(path) == ["Siti", "Budi"]
    assert aside is not None and aside.parent == path.parent
    assert aside.name.startswith("ao.before-restore-") and aside.suffix == ".sqlite"
    assert _digest(aside) == before  # kept byte for byte
    assert _names(aside) == ["Siti", "Budi", "Citra"]
    assert check_database(path).ok
    # The restored file opens and works as a database.
    db = open_database(path, create=True)
    add_client(SqlUnitOfWork(db), Client(full_name="Dewi"), actor="t")
    db.close()
    assert _names(path) == ["Siti", "Budi", "Dewi"]


def test_restore_moves_a_wal_with_its_database(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti"])
    info = take_backup(path, BackupKind.MANUAL)
    # A crash left committed data in the WAL: it must travel with the file set aside.
    crash = (
        "import os, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1])\n"
        "con.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "con.execute(\"UPDATE clients SET full_name = 'Siti Berubah'\")\n"
        "con.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=True)
    wal = Path(f"{path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    wal_bytes = wal.read_bytes()
    aside = restore_backup(info.path, path)
    assert aside is not None
    assert Path(f"{aside}-wal").read_bytes() == wal_bytes
    assert _names(aside) == ["Siti Berubah"]
    assert _names(path) == ["Siti"]


def _damage(path: Path) -> None:
    """Overwrite a b-tree page in the middle of the file with garbage."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    assert pages > 6
    with path.open("r+b") as fh:
        fh.seek(page_size * (pages // 2))
        fh.write(b"\xa5" * 200)


def test_damaged_database_is_detected_and_kept_aside_on_restore(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", [f"Nasabah {i}" for i in range(400)])
    info = take_backup(path, BackupKind.DAILY)
    assert quick_check(path)
    _damage(path)
    damaged = _digest(path)

    assert not quick_check(path)
    report = check_database(path)
    assert not report.ok and report.integrity
    assert any("RUSAK" in line for line in report.lines)
    assert _digest(path) == damaged  # checking never writes

    assert newest_good_backup(backup_folder_for(path)) == info.path
    aside = restore_backup(info.path, path)
    assert aside is not None and _digest(aside) == damaged
    assert quick_check(path) and check_database(path).ok
    assert _count(path) == 400


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "empty-sqlite"])
def test_bad_backup_is_refused_and_nothing_changes(tmp_path: Path, kind: str) -> None:
    path = _database(tmp_path / "ao.sqlite", [f"Nasabah {i}" for i in range(400)])
    bad = tmp_path / "bad.sqlite"
    if kind == "text":
        bad.write_text("bukan database\n" * 100)
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE t(x)")
        con.commit()
        con.close()
    elif kind == "empty-sqlite":
        sqlite3.connect(bad).execute("PRAGMA user_version = 1").close()
    else:
        bad = take_backup(path, BackupKind.MANUAL).path
        _damage(bad)
    before = _digest(path)
    files = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(DatabaseRefused):
        restore_backup(bad, path)

    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_check_reports_foreign_key_problems(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti"])
    healthy = check_database(path)
    assert healthy.ok and healthy.search_index_ok is True
    assert any("baik" in line for line in healthy.lines)
    con = sqlite3.connect(path)  # foreign keys are off on a plain connection
    con.execute(
        "INSERT INTO client_notes(client_id, text, author, created_at) "
        "VALUES (999, 'yatim', 'x', '2026-11-27 09:30:00')"
    )
    con.commit()
    con.close()
    report = check_database(path)
    assert not report.ok and report.foreign_keys
    assert "client_notes" in report.foreign_keys[0]


def _touch(folder: Path, when: datetime, kind: BackupKind, detail: str = "") -> Path:
    path = folder / backup_name(when, kind, detail)
    path.write_bytes(b"x")
    return path


def test_pruning_keeps_14_daily_12_monthly_5_pre_migration_and_every_manual(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0)
    daily = [_touch(tmp_path, start + timedelta(days=d), BackupKind.DAILY) for d in range(30)]
    monthly = [
        _touch(tmp_path, datetime(2025 + m // 12, m % 12 + 1, 1, 8), BackupKind.MONTHLY)
        for m in range(20)
    ]
    manual = [
        _touch(tmp_path, start + timedelta(days=d), BackupKind.MANUAL) for d in range(0, 60, 3)
    ]
    pre = [
        _touch(tmp_path, start + timedelta(days=d), BackupKind.PRE_MIGRATION, f"v{d}-to-v{d + 1}")
        for d in range(7)
    ]
    other = tmp_path / "catatan.txt"
    other.write_text("milik pengguna")

    deleted = prune_backups(tmp_path)

    left = {p.name for p in tmp_path.iterdir()}
    assert {p.name for p in daily[-14:]} <= left and not {p.name for p in daily[:-14]} & left
    assert {p.name for p in monthly[-12:]} <= left and not {p.name for p in monthly[:-12]} & left
    assert {p.name for p in manual} <= left
    assert {p.name for p in pre[-5:]} <= left and not {p.name for p in pre[:-5]} & left
    assert other.exists()
    assert len(deleted) == 16 + 8 + 2


def test_scheduled_backup_daily_monthly_and_settings(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", ["Siti"])
    folder = backup_folder_for(path)
    first = run_scheduled_backup(path, datetime(2026, 11, 27, 9, 30))
    assert first is not None and first.kind is BackupKind.DAILY
    assert sorted(b.kind for b in list_backups(folder)) == [BackupKind.DAILY, BackupKind.MONTHLY]
    assert run_scheduled_backup(path, datetime(2026, 11, 27, 15, 0)) is None  # one a day
    run_scheduled_backup(path, datetime(2026, 11, 28, 8, 0))
    kinds = [b.kind for b in list_backups(folder)]
    assert kinds.count(BackupKind.DAILY) == 2 and kinds.count(BackupKind.MONTHLY) == 1
    run_scheduled_backup(path, datetime(2026, 12, 1, 8, 0))  # a new month
    kinds = [b.kind for b in list_backups(folder)]
    assert kinds.count(BackupKind.DAILY) == 3 and kinds.count(BackupKind.MONTHLY) == 2
    for b in list_backups(folder):
        assert _names(b.path) == ["Siti"]

    con = sqlite3.connect(path)  # a smaller retention set in the database's settings
    con.execute("INSERT INTO settings(key, value) VALUES ('backup.keep_daily', '2')")
    con.commit()
    con.close()
    run_scheduled_backup(path, datetime(2026, 12, 2, 8, 0))
    kinds = [b.kind for b in list_backups(folder)]
    assert kinds.count(BackupKind.DAILY) == 2 and kinds.count(BackupKind.MONTHLY) == 2


def test_newest_good_backup_skips_a_damaged_one(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite", [f"Nasabah {i}" for i in range(400)])
    good = take_backup(path, BackupKind.DAILY, now=datetime(2026, 11, 26, 8, 0))
    bad = take_backup(path, BackupKind.DAILY, now=datetime(2026, 11, 27, 8, 0))
    _damage(bad.path)
    (backup_folder_for(path) / "ao-desktop-2026-11-28T0800-manual.sqlite").write_text("x")
    assert newest_good_backup(backup_folder_for(path)) == good.path
    assert newest_good_backup(tmp_path / "nowhere") is None


def _schema_1_database(path: Path) -> None:
    from alembic import command

    db = open_database(path, migrate=False, create=True)
    cfg = alembic_config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql("PRAGMA user_version = 1")
    db.close()
    insert_old_client(path, "Siti Aminah")


def test_migrating_a_schema_1_database_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _schema_1_database(path)
    open_database(path, create=True).close()
    backups = list_backups(backup_folder_for(path))
    assert [b.kind for b in backups] == [BackupKind.PRE_MIGRATION]
    assert backups[0].detail == f"v1-to-v{SCHEMA_VERSION}"
    assert backups[0].path.name.endswith(f"-pre-migration-v1-to-v{SCHEMA_VERSION}.sqlite")
    con = sqlite3.connect(backups[0].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in con.execute("SELECT full_name FROM clients")] == ["Siti Aminah"]
    con.close()
    open_database(path, create=True).close()  # already at head: no second backup
    assert len(list_backups(backup_folder_for(path))) == 1


def test_a_new_database_is_not_backed_up_before_its_first_migration(tmp_path: Path) -> None:
    open_database(tmp_path / "new.sqlite", create=True).close()
    assert list_backups(backup_folder_for(tmp_path / "new.sqlite")) == []


@pytest.mark.parametrize(
    ("path", "windows", "uri"),
    [
        ("/home/ao/data ao#1.sqlite", False, "file:/home/ao/data%20ao%231.sqlite?mode=ro"),
        ("C:\\Users\\ao\\ao.sqlite", True, "file:/C:/Users/ao/ao.sqlite?mode=ro"),
        ("\\\\server\\cabang\\ao.sqlite", True, "file:////server/cabang/ao.sqlite?mode=ro"),
    ],
)
def test_read_only_uri_accepts_local_drive_and_unc_paths(
    path: str, windows: bool, uri: str
) -> None:
    from ao_desktop.storage.sqlite_file import sqlite_ro_uri

    assert sqlite_ro_uri(path, windows=windows) == uri


def test_a_copy_restarted_by_writes_too_often_finishes_on_one_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = _database(tmp_path / "ao.sqlite", [f"Nasabah {i}" for i in range(1500)], shared=True)
    monkeypatch.setattr(sqlite_copy, "STEP_PAGES", 8)
    colleague = sqlite3.connect(path, timeout=0, isolation_level=None)
    writes = {"ok": 0, "blocked": 0}

    def progress(done: int, total: int) -> None:
        # A colleague saves between the copy's steps; once the copy holds its snapshot,
        # their save has to wait (here: is refused at once) until the copy is done.
        try:
            colleague.execute("UPDATE clients SET notes = ? WHERE id = 1", (f"{done}",))
            writes["ok"] += 1
        except sqlite3.OperationalError:
            writes["blocked"] += 1

    with caplog.at_level("INFO", logger="ao_desktop.storage.maintenance.sqlite_copy"):
        info = backup_database(path, tmp_path / "copy.sqlite", progress=progress)
    colleague.close()
    assert "restarted too often" in caplog.text
    assert writes["ok"] >= sqlite_copy.MAX_RESTARTS + 1 and writes["blocked"] > 0
    assert check_database(info.path).ok
    assert _count(info.path) == _count(info.path, "client_fts") == 1500


def test_a_hot_journal_after_a_crash_is_not_damage(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _database(tmp_path / "ao.sqlite", [f"Nasabah {i}" for i in range(1500)], shared=True)
    crash = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 5')\n"  # the change spills into the file itself
        "c.execute('BEGIN')\n"
        'c.execute("UPDATE clients SET notes = hex(randomblob(200))")\n'
        "os._exit(0)\n"  # the PC lost power in the middle of the save
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=True)
    journal = Path(f"{path}-journal")
    assert journal.exists() and journal.stat().st_size > 0

    assert quick_check(path)  # the unfinished save is rolled back, not reported as damage
    assert check_database(path).ok
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM clients WHERE notes != ''").fetchone()[0] == 0
    con.close()
