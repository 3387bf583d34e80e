"""Start-up care: a damaged database is refused with the newest good backup on offer,
restoring it keeps the damaged file; background failures and Qt warnings reach the log."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DatabaseDamaged
from ao_desktop.domain.maintenance.backup import BackupKind
from ao_desktop.startup.opening import OpenRequest, open_context
from ao_desktop.startup.start_checks import check_before_open, damaged_question, restore_damaged
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.backup import take_backup
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder


def _database(path: Path, n: int = 400) -> Path:
    db = open_database(path, create=True)
    with SqlUnitOfWork(db).write() as tx:
        for i in range(n):
            tx.clients.add(Client(full_name=f"Nasabah {i}"), "t", datetime(2026, 11, 27, 9, 30))
    db.close()
    return path


def _damage(path: Path) -> None:
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (pages // 2))
        fh.write(b"\xa5" * 200)


def test_a_sound_or_missing_or_foreign_file_passes_the_start_check(tmp_path: Path) -> None:
    check_before_open(_database(tmp_path / "ao.sqlite"))
    check_before_open(tmp_path / "baru.sqlite")  # a new database
    (tmp_path / "teks.sqlite").write_text("bukan database")
    check_before_open(tmp_path / "teks.sqlite")  # open_database refuses it, with its own message


def test_damaged_database_offers_the_newest_good_backup_and_restores_it(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite")
    take_backup(path, BackupKind.DAILY, now=datetime(2026, 11, 26, 9, 0))
    newest = take_backup(path, BackupKind.DAILY, now=datetime(2026, 11, 27, 9, 30))
    _damage(path)
    damaged = path.read_bytes()

    with pytest.raises(DatabaseDamaged) as caught:
        open_context(OpenRequest(path, demo=False, shared=False))
    error = caught.value
    assert error.path == path and error.backup == newest.path
    assert error.backup_taken_at == datetime(2026, 11, 27, 9, 30)
    question = damaged_question(error)
    assert (
        "rusak" in str(error) and "Pulihkan dari cadangan terbaru (27 Nov 2026 09:30)?" in question
    )
    assert path.read_bytes() == damaged  # refusing to open changed nothing

    aside = restore_damaged(error)
    assert aside is not None and aside.read_bytes() == damaged
    context = open_context(OpenRequest(path, demo=False, shared=False))
    try:
        assert context.maintenance is not None and context.maintenance.database_path == path
        assert context.maintenance.check().ok
    finally:
        context.uow.db.close()


def test_damaged_database_without_a_backup_says_so(tmp_path: Path) -> None:
    path = _database(tmp_path / "ao.sqlite")
    _damage(path)
    with pytest.raises(DatabaseDamaged) as caught:
        check_before_open(path)
    assert caught.value.backup is None
    assert "Tidak ada cadangan yang baik" in damaged_question(caught.value)


def test_thread_exceptions_are_logged(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ao_desktop.startup.logging_setup import install_thread_excepthook

    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_thread_excepthook()

    def boom() -> None:
        raise RuntimeError("gagal di latar belakang")

    with caplog.at_level(logging.ERROR):
        thread = threading.Thread(target=boom, name="uji-latar")
        thread.start()
        thread.join()
    record = next(r for r in caplog.records if "uji-latar" in r.getMessage())
    assert record.exc_info is not None and "gagal di latar belakang" in str(record.exc_info[1])


def test_qt_warnings_are_logged(qapp, caplog: pytest.LogCaptureFixture) -> None:  # noqa: ANN001
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from ao_desktop.startup.logging_setup import install_qt_message_handler

    install_qt_message_handler()
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("peringatan dari Qt")
    finally:
        qInstallMessageHandler(None)
    assert any(r.name == "qt" and "peringatan dari Qt" in r.getMessage() for r in caplog.records)
