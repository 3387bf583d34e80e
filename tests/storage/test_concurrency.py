"""Several PCs writing one shared database at once: every write lands, nothing corrupts."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

WORKERS = 8
WRITES = 200


def _writer(path: str, worker: int, start: mp.synchronize.Event) -> None:  # type: ignore[name-defined]
    from ao_desktop.services.clients.directory import add_client, add_client_note

    db = open_database(Path(path), shared=True, create=True)
    uow = SqlUnitOfWork(db)
    start.wait()
    for i in range(WRITES):
        if i % 4 == 3:  # mix in a second kind of write on an existing row
            add_client_note(uow, 1, f"catatan {worker}-{i}", actor=f"pc{worker}")
        else:
            add_client(uow, Client(full_name=f"Nasabah P{worker} N{i}"), actor=f"pc{worker}",
                       allow_duplicates=True)
    db.close()


@pytest.mark.slow
def test_eight_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    db = open_database(path, shared=True, create=True)
    from ao_desktop.services.clients.directory import add_client

    add_client(SqlUnitOfWork(db), Client(full_name="Nasabah Pertama"), actor="setup")
    db.close()

    ctx = mp.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(str(path), w, start)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * WORKERS

    con = sqlite3.connect(path)
    clients_each = WRITES - WRITES // 4
    assert con.execute("SELECT count(*) FROM clients").fetchone()[0] == 1 + WORKERS * clients_each
    assert con.execute("SELECT count(*) FROM client_notes").fetchone()[0] == WORKERS * (WRITES // 4)
    for w in range(WORKERS):
        names = {r[0] for r in con.execute("SELECT full_name FROM clients WHERE updated_by = ?", (f"pc{w}",))}
        assert names == {f"Nasabah P{w} N{i}" for i in range(WRITES) if i % 4 != 3}
    # Every client is in the search index exactly once.
    assert con.execute("SELECT count(*) FROM client_fts").fetchone()[0] == 1 + WORKERS * clients_each
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # FTS5's own check raises (SQLITE_CORRUPT_VTAB) when the index disagrees with its table.
    con.execute("INSERT INTO client_fts(client_fts) VALUES('integrity-check')")
    unindexed = "SELECT count(*) FROM clients AS c LEFT JOIN client_fts AS f ON f.rowid = c.id WHERE f.rowid IS NULL"
    assert con.execute(unindexed).fetchone()[0] == 0
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
