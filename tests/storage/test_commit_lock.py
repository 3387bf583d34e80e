"""A colleague's read holding a SHARED lock at our COMMIT (shared mode, rollback journal):
the commit waits and retries like BEGIN does, and gives up with the Indonesian message."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseBusy
from ao_desktop.storage import engine
from ao_desktop.storage.engine import Database, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


class _CommitLockSeen(logging.Handler):
    """Sets `event` when the engine reports a lock at COMMIT (its first attempt failed)."""

    def __init__(self) -> None:
        super().__init__()
        self.event = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if "COMMIT" in record.getMessage():
            self.event.set()


@pytest.fixture
def shared_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # each attempt waits 0.2 s, not 5 s
    db = open_database(tmp_path / "cabang.sqlite", shared=True, create=True)
    assert db.journal_mode == "delete"
    yield db
    db.close()


def _reader_holding_shared_lock(db: Database) -> sqlite3.Connection:
    """A colleague half-way through a long read: BEGIN and a SELECT keep a SHARED lock."""
    reader = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM settings").fetchone()
    return reader


@pytest.fixture
def commit_lock_seen() -> Iterator[_CommitLockSeen]:
    handler = _CommitLockSeen()
    logger = logging.getLogger(engine.__name__)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield handler
    logger.setLevel(old_level)
    logger.removeHandler(handler)


def test_a_lock_at_commit_is_waited_out(shared_db: Database, commit_lock_seen: _CommitLockSeen) -> None:
    reader = _reader_holding_shared_lock(shared_db)

    def release_after_first_failed_commit() -> None:
        commit_lock_seen.event.wait(30)
        reader.execute("COMMIT")  # the colleague's read ends

    releaser = threading.Thread(target=release_after_first_failed_commit)
    releaser.start()
    try:
        uow = SqlUnitOfWork(shared_db)
        with uow.write() as tx:
            tx.settings.set("saved", "yes")
    finally:
        commit_lock_seen.event.set()  # never leave the thread waiting
        releaser.join()
        reader.close()
    with uow.read() as tx:
        assert tx.settings.get("saved") == "yes"


def test_a_lock_at_commit_that_stays_is_the_busy_message(
    shared_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BEGIN_RETRIES", 2)
    reader = _reader_holding_shared_lock(shared_db)
    uow = SqlUnitOfWork(shared_db)
    try:
        with pytest.raises(DatabaseBusy, match="dipakai rekan lain"), uow.write() as tx:
            tx.settings.set("saved", "yes")
    finally:
        reader.close()
    with uow.read() as tx:  # nothing half-written, and the writer's lock is gone
        assert tx.settings.get("saved") == ""
    with uow.write() as tx:
        tx.settings.set("later", "ok")
