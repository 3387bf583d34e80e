"""The directory export on a shared-drive database: a colleague's save is never stuck
behind a long export, and the file still holds every client in the directory's order."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.imports import client_export
from ao_desktop.services.imports.client_export import export_clients
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

ACTOR = Actor("Rina")


def _clients(n: int) -> list[Client]:
    return [Client(full_name=f"Nasabah Uji {i:05d}", mobile=f"+62812{i:08d}",
                   birth_date=date(1990, 1, 1 + i % 28), address=Address(city="Bandung"))
            for i in range(n)]


def _names(path: Path) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = next(i for i, r in enumerate(rows) if "Nama Lengkap" in r or "Nama" in r)
    col = rows[header].index("Nama Lengkap") if "Nama Lengkap" in rows[header] else rows[header].index("Nama")
    return [r[col] for r in rows[header + 1:] if r[col]]


def test_a_colleague_saves_while_a_shared_export_is_half_way(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(client_export, "EXPORT_BATCH", 500)
    path = tmp_path / "cabang.sqlite"
    exporter_db = open_database(path, shared=True, create=True)
    colleague_db = open_database(path, shared=True)
    try:
        exporter = SqlUnitOfWork(exporter_db)
        with exporter.write() as tx:
            tx.clients.add_many(_clients(3000), "rina", datetime(2026, 12, 1, 9, 0))
        saved: list[str] = []

        def on_progress(_what: str, done: int, _total: int) -> None:
            # Half-way through the file, a colleague on another PC adds a client. A read
            # transaction held for the whole export would block this commit (rollback
            # journal) until the busy timeout and its retries ran out.
            if done >= 1000 and not saved:
                client = add_client(SqlUnitOfWork(colleague_db),
                                    Client(full_name="Zaenal Tamu", mobile="+6281399990000"),
                                    "Budi")
                saved.append(client.full_name)

        out = tmp_path / "ekspor.xlsx"
        written = export_clients(exporter, ClientQuery(sort=ClientSort.NAME), out, ACTOR,
                                 progress=on_progress)
    finally:
        colleague_db.close()
        exporter_db.close()
    assert saved == ["Zaenal Tamu"]
    # The ids were fixed before the colleague's save: the file holds the 3,000 clients
    # that were there when the export began, in name order.
    assert written == 3000
    names = _names(out)
    assert names == sorted(f"Nasabah Uji {i:05d}" for i in range(3000))
