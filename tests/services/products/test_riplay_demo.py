"""The demo database carries a few recorded RIPLAYs, made once, that reprint."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.services.products.riplay_demo import DEMO_HANDOVERS, record_demo_riplays
from ao_desktop.services.products.riplay_records import list_riplay_records, reprint_riplay
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


def test_demo_data_has_recorded_riplays_that_reprint(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "demo.sqlite"
    assert main(["demo-data", "--out", str(path), "--clients", "40", "--json"]) == 0
    capsys.readouterr()
    db = open_database(path)
    try:
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            today = date.fromisoformat(tx.settings.get("demo_today"))
        with sqlite3.connect(path) as con:
            client_ids = [row[0] for row in con.execute("SELECT DISTINCT client_id FROM riplay_records")]
        assert len(client_ids) == len(DEMO_HANDOVERS)
        records = [r for cid in client_ids for r in list_riplay_records(uow, cid)]
        assert {r.product_code for r in records} == {h[0] for h in DEMO_HANDOVERS}
        assert all(r.printed_at.date() < today and r.officer_name for r in records)
        assert record_demo_riplays(uow) == 0  # only once
        out = tmp_path / "again.pdf"
        reprint_riplay(uow, records[0].id or 0, out)
        text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
        assert "RIPLAY) Personal" in text and "data demo" in text
    finally:
        db.close()
