"""Bulk insert of imported clients, duplicate candidates and the export stream, on real
SQLite files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.common.errors import OperationCancelled
from ao_desktop.domain.common.officer import Officer
from ao_desktop.storage.clients import client_bulk
from ao_desktop.storage.clients.client_bulk import _COLUMNS, _row
from ao_desktop.storage.clients.client_mapping import client_values

NOW = datetime(2026, 11, 27, 9, 30)
FULL = Client(
    full_name="Siti Nurhaliza", kind=ClientKind.BUSINESS, business_name="Warung Siti",
    nik="3174055207900001", nib="9120001234567", npwp="012345678901000",
    birth_date=date(1990, 7, 12), sex=Sex.FEMALE, mobile="+6281234567890",
    landline="+62215551234",
    address=Address("Jl. Melati No. 5", "Menteng", "Menteng", "Jakarta Pusat", "DKI Jakarta", "10310"),
    occupation="Pedagang", monthly_income=8_500_000, monthly_obligations=1_200_000,
    status=ClientStatus.APPLICATION, lead_source=LeadSource.FLYER, refusal_reason="",
    tags=("umkm", "vip"), notes="baris 1\nbaris 2", consent_contact=True,
)  # fmt: skip


def _many(n: int, start: int = 0) -> list[Client]:
    return [
        Client(full_name=f"Nasabah Uji {i}", mobile=f"+62812{i:08d}", birth_date=date(1990, 1, 1 + i % 28),
               address=Address(street=f"Jl. Mawar {i}", city="Bandung"), monthly_income=1_000 * i)
        for i in range(start, start + n)
    ]  # fmt: skip


def test_row_matches_the_orm_mapping() -> None:
    row = dict(zip(_COLUMNS, _row(7, FULL, "rina", "2026-11-27 09:30:00.000000"), strict=True))
    expected = client_values(FULL)
    for key, value in expected.items():
        got = row[key]
        assert got == (value.isoformat() if isinstance(value, date) else value), key
    assert row["status"] == "pengajuan" and row["id"] == 7 and row["version"] == 1


def test_inserted_clients_read_back_whole(uow) -> None:
    with uow.write() as tx:
        officer = tx.officers.add(Officer(name="Rina"))
        ids = tx.clients.add_many([replace(FULL, officer_id=officer.id)], "rina", NOW, {"file": "a.xlsx"})
    with uow.read() as tx:
        got = tx.clients.get(ids[0])
        history = tx.clients.history(ids[0])
    assert got == replace(FULL, id=ids[0], officer_id=officer.id, version=1, created_at=NOW,
                          updated_at=NOW, updated_by="rina")
    assert [(h.status, h.changed_by) for h in history] == [(ClientStatus.APPLICATION, "rina")]


def test_ids_follow_the_stored_rows_and_one_audit_row_describes_the_import(uow, db) -> None:
    with uow.write() as tx:
        first = tx.clients.add(FULL, "rina", NOW)
        ids = tx.clients.add_many(_many(3), "rina", NOW, {"file": "prospek.xlsx"})
    assert ids == [first.id + 1, first.id + 2, first.id + 3]
    with db.write_engine.connect() as con:
        audit = con.exec_driver_sql(
            "SELECT row_id, actor, details FROM audit_log WHERE action = 'import'").all()
    assert len(audit) == 1
    details = json.loads(audit[0][2])
    assert details == {"file": "prospek.xlsx", "clients": 3, "first_id": ids[0], "last_id": ids[-1]}


@pytest.mark.parametrize("stored, incoming", [(0, 30), (400, 30)])
def test_search_finds_imported_clients_on_both_paths(uow, db, monkeypatch, stored, incoming) -> None:
    # 30 rows over an empty table take the drop-and-rebuild path, over 400 stored (more
    # than REBUILD_RATIO times as many) the per-row path; either way the search index and the indexes are complete afterwards.
    monkeypatch.setattr(client_bulk, "REBUILD_MIN_ROWS", 20)
    schema_sql = ("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
                  if db.is_server else
                  "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
    with db.write_engine.connect() as con:
        schema = con.exec_driver_sql(schema_sql).all()
    with uow.write() as tx:
        tx.clients.add_many(_many(stored, 1000), "x", NOW)
    with uow.write() as tx:
        tx.clients.add_many(_many(incoming), "x", NOW)
    with uow.read() as tx:
        assert tx.clients.count(ClientQuery(text="Mawar 7")) >= 1
        assert [c.full_name for c in tx.clients.search(ClientQuery(text="081200000029"), 0, 5)] == [
            "Nasabah Uji 29"]
        assert tx.clients.count(ClientQuery()) == stored + incoming
    with db.write_engine.connect() as con:
        if not db.is_server:
            assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert con.exec_driver_sql(schema_sql).all() == schema  # every index and trigger is back


def test_a_cancel_in_the_middle_leaves_nothing(uow, db, monkeypatch) -> None:
    monkeypatch.setattr(client_bulk, "BATCH", 10)
    monkeypatch.setattr(client_bulk, "REBUILD_MIN_ROWS", 20)
    with uow.write() as tx:
        tx.clients.add(FULL, "rina", NOW)

    def stop(done: int) -> None:
        if done >= 20:
            raise OperationCancelled("batal")

    with pytest.raises(OperationCancelled), uow.write() as tx:
        tx.clients.add_many(_many(50), "x", NOW, on_batch=stop)
    with uow.read() as tx:
        assert tx.clients.count(ClientQuery()) == 1
        assert tx.clients.count(ClientQuery(text="Mawar")) == 0
    if db.is_server:
        return  # PostgreSQL's indexes are never dropped for a load
    with db.write_engine.connect() as con:
        # The dropped indexes and triggers came back with the rollback.
        triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clients'"
        assert con.exec_driver_sql(triggers).scalar() == 3


def test_identity_candidates_by_nik_mobile_or_birth_date(uow) -> None:
    with uow.write() as tx:
        a = tx.clients.add(FULL, "x", NOW)
        tx.clients.add_many(_many(5), "x", NOW)
    with uow.read() as tx:
        by_nik = tx.clients.identity_candidates({"3174055207900001"}, set(), set())
        by_mobile = tx.clients.identity_candidates(set(), {"+6281200000003"}, set())
        by_birth = tx.clients.identity_candidates(set(), set(), {date(1990, 1, 2)})
        none = tx.clients.identity_candidates({""}, {""}, set())
    assert [c.id for c in by_nik] == [a.id] and by_nik[0].full_name == "Siti Nurhaliza"
    assert [c.full_name for c in by_mobile] == ["Nasabah Uji 3"]
    assert [c.full_name for c in by_birth] == ["Nasabah Uji 1"]
    assert none == []


def test_export_rows_follow_the_query_with_officer_names(uow) -> None:
    with uow.write() as tx:
        rina = tx.officers.add(Officer(name="Rina"))
        tx.clients.add(replace(FULL, officer_id=rina.id), "x", NOW)
        tx.clients.add_many(_many(4), "x", NOW)
    with uow.read() as tx:
        everyone = list(tx.clients.export_rows(ClientQuery(sort=ClientSort.INCOME, descending=True)))
        applications = list(tx.clients.export_rows(ClientQuery(statuses=frozenset({ClientStatus.APPLICATION}))))
    assert [c.monthly_income for c, _ in everyone] == [8_500_000, 3_000, 2_000, 1_000, 0]
    assert [(c.full_name, officer) for c, officer in applications] == [("Siti Nurhaliza", "Rina")]
    assert applications[0][0].address.postal_code == "10310" and applications[0][0].tags == ("umkm", "vip")
