"""The demo database generator on real SQLite files: valid, consistent, deterministic."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from ao_desktop.domain.access.pin import DEMO_PIN, verify_pin
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.client_rules import clean_client, errors_only
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.domain.clients.names import name_search_key
from ao_desktop.domain.clients.nik import parse_nik
from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.phone import PhoneKind, normalize_phone
from ao_desktop.storage.demo import demo_data
from ao_desktop.storage.demo.demo_data import (
    DemoCancelled,
    generate_demo_database,
    open_demo_database,
)
from ao_desktop.storage.demo.demo_pools import PLACES
from ao_desktop.storage.engine import SCHEMA_VERSION, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 11, 27)
N = 300


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    summary = generate_demo_database(path, N, seed=7, today=TODAY)
    assert (summary.path, summary.clients, summary.officers) == (path, N, 6)  # 3 AOs, supervisor, admin, marketing
    assert summary.seconds > 0
    return path


def _rows(path: Path, sql: str) -> list[sqlite3.Row]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _clients(path: Path) -> list[sqlite3.Row]:
    return _rows(path, "SELECT * FROM clients ORDER BY id")


def _digest(path: Path, table: str) -> str:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _read_all(path: Path) -> tuple[list[Client], dict[int, list], dict[int, list]]:
    db = open_database(path, create=True)
    try:
        with SqlUnitOfWork(db).read() as tx:
            clients = [tx.clients.get(i) for i in range(1, N + 1)]
            history = {c.id: tx.clients.history(c.id) for c in clients}
            notes = {c.id: tx.clients.notes(c.id) for c in clients}
    finally:
        db.close()
    return clients, history, notes


def test_officers_three_aos_a_supervisor_an_admin_and_marketing(demo: Path) -> None:
    officers = _rows(demo, "SELECT * FROM officers ORDER BY id")
    assert Counter(o["role"] for o in officers) == {"ao": 3, "supervisor": 1, "admin": 1, "marketing": 1}
    assert all(verify_pin(DEMO_PIN, o["pin_hash"]) for o in officers)  # the README's and sign-in's 123456
    for o in officers:
        assert normalize_phone(o["phone"]).e164 == o["phone"]
        assert normalize_phone(o["phone"]).kind is PhoneKind.MOBILE
        assert len(o["name"].split()) >= 2 and o["active"] == 1
    aos = {o["id"]: o["name"] for o in officers if o["role"] == "ao"}
    clients = _clients(demo)
    assert {c["officer_id"] for c in clients} == set(aos)
    assert all(c["updated_by"] == aos[c["officer_id"]] for c in clients)


def test_every_nik_is_valid_and_matches_birth_date_sex_and_province(demo: Path) -> None:
    province_of_code = {p.nik_prefix[:2]: p.province for p in PLACES}
    clients = _clients(demo)
    with_nik = [c for c in clients if c["nik"]]
    assert len(with_nik) > 0.85 * N
    for c in with_nik:
        info = parse_nik(c["nik"], today=TODAY)
        assert info.birth_date.isoformat() == c["birth_date"]
        assert info.sex.value == c["sex"]
        assert province_of_code[info.province_code] == c["province"]
    assert len({c["nik"] for c in with_nik}) == len(with_nik)  # serials keep NIKs unique
    for c in clients:
        if not c["nik"]:
            assert c["status"] == "prospek" and c["birth_date"] is None


def test_places_are_consistent() -> None:
    by_city = {}
    for p in PLACES:
        assert len(p.nik_prefix) == 6 and len(p.postal_code) == 5 and p.postal_code.isdigit()
        by_city.setdefault(p.city, set()).add((p.nik_prefix[:4], p.province))
    assert len(by_city) >= 40
    assert all(len(v) == 1 for v in by_city.values())  # one code and province per city


def test_phones_are_e164_mobiles_and_landlines(demo: Path) -> None:
    clients = _clients(demo)
    for c in clients:
        phone = normalize_phone(c["mobile"])
        assert phone.kind is PhoneKind.MOBILE and phone.e164 == c["mobile"]
        if c["landline"]:
            line = normalize_phone(c["landline"])
            assert line.kind is PhoneKind.LANDLINE and line.e164 == c["landline"]
    assert len({c["mobile"] for c in clients}) == N
    assert sum(bool(c["landline"]) for c in clients) > 0.1 * N


def test_statuses_sources_and_refusals(demo: Path) -> None:
    clients = _clients(demo)
    statuses = Counter(c["status"] for c in clients)
    assert set(statuses) == {s.value for s in ClientStatus}
    assert 0.25 * N < statuses["prospek"] < 0.45 * N and 0.25 * N < statuses["aktif"] < 0.45 * N
    assert {c["lead_source"] for c in clients} == {s.value for s in LeadSource}
    for c in clients:
        assert bool(c["refusal_reason"]) == (c["status"] == "ditolak")


def test_most_consent_with_a_date_and_channels_and_a_few_withdrew(demo: Path) -> None:
    clients = _clients(demo)
    consenting = [c for c in clients if c["consent_contact"]]
    withdrawn = [c for c in clients if c["consent_withdrawn_on"]]
    assert len(consenting) > 0.6 * N and 0.02 * N < len(withdrawn) < 0.15 * N
    assert all(c["consent_given_on"] and c["consent_channels"] for c in consenting)
    assert Counter(c["consent_channels"] for c in consenting).keys() == {
        "telepon,sms,whatsapp", "telepon,whatsapp", "whatsapp"}
    for c in withdrawn:
        assert not c["consent_contact"] and c["consent_given_on"] <= c["consent_withdrawn_on"]
        assert c["consent_withdrawn_on"] <= c["updated_at"][:10]


def test_referrers_are_earlier_existing_clients(demo: Path) -> None:
    clients = _clients(demo)
    for c in clients:
        if c["lead_source"] == "referensi":
            assert c["referrer_id"] is not None and 1 <= c["referrer_id"] < c["id"]
        else:
            assert c["referrer_id"] is None
    assert _rows(demo, "PRAGMA foreign_key_check") == []


def test_business_clients_identifiers_and_money(demo: Path) -> None:
    clients = _clients(demo)
    business = [c for c in clients if c["kind"] == "business"]
    assert 0.08 * N < len(business) < 0.25 * N
    for c in business:
        assert c["business_name"] and len(c["full_name"].split()) >= 1
        assert c["nib"].isdigit() and len(c["nib"]) == 13
        assert c["npwp"].isdigit() and len(c["npwp"]) in (15, 16)
    below = 0
    for c in clients:
        if c["kind"] == "individual":
            assert c["business_name"] == "" and c["nib"] == ""
            assert c["npwp"] in ("", c["nik"])
        assert c["monthly_income"] > 0 and c["monthly_income"] % 1000 == 0
        assert 0 <= c["monthly_obligations"] < c["monthly_income"]
        assert c["monthly_obligations"] % 1000 == 0
        below += c["monthly_obligations"] < 0.4 * c["monthly_income"]
        assert c["occupation"] and c["street"].split()[0] in ("Jl.", "Gg.", "Perum")
        assert "RT 0" in c["street"] and "/RW 0" in c["street"]
        assert len(c["postal_code"]) == 5 and c["kelurahan"] and c["kecamatan"] and c["city"]
        assert c["name_key"] == name_search_key(c["full_name"])
        assert c["version"] == 1
        if c["tags"]:
            tags = c["tags"].strip(",").split(",")
            assert c["tags"] == "," + ",".join(tags) + "," and tags == sorted(set(tags))
    assert below > 0.8 * N


def test_rows_read_back_as_valid_clients(demo: Path) -> None:
    clients, history, notes = _read_all(demo)
    for client in clients:
        assert isinstance(client.created_at, datetime) and isinstance(client.updated_at, datetime)
        assert client.birth_date is None or isinstance(client.birth_date, date)
        assert client.created_at <= client.updated_at < datetime(2026, 11, 27)
        assert client.created_at >= datetime(2024, 11, 27)
        cleaned, issues = clean_client(client, today=TODAY)
        assert errors_only(issues) == [], (client.full_name, issues)
        assert not [i for i in issues if i.field == "nik"]  # NIK agrees with birth date/sex
        assert cleaned.mobile == client.mobile and cleaned.tags == client.tags
    assert sum(bool(n) for n in notes.values()) > 0.05 * N
    for client in clients:
        for note in notes[client.id]:
            assert client.created_at.date() <= note.created_at.date() < TODAY


def test_history_is_chronological_and_ends_at_the_current_status(demo: Path) -> None:
    clients, history, _notes = _read_all(demo)
    for client in clients:
        steps = history[client.id]
        assert steps[0].status is ClientStatus.PROSPECT
        assert steps[-1].status is client.status
        assert steps[0].changed_at == client.created_at
        assert steps[-1].changed_at == client.updated_at
        times = [s.changed_at for s in steps]
        assert times == sorted(times) and len(set(s.status for s in steps)) == len(steps)
        if client.status is ClientStatus.DECLINED:
            assert steps[-1].note == client.refusal_reason
        if client.status is ClientStatus.INACTIVE:
            assert [s.status.value for s in steps][-2] == "aktif"


def test_search_index_and_query_planner_after_generation(demo: Path) -> None:
    clients = _clients(demo)
    target = next(c for c in clients if len(c["full_name"].split()) >= 2 and c["archived"] == 0)
    part = max(target["full_name"].split(), key=len)[:5]
    db = open_database(demo, create=True)
    try:
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            found = tx.clients.search(ClientQuery(text=part), 0, 50)
            assert target["id"] in {r.id for r in found}
            by_nik = tx.clients.search(ClientQuery(text=target["nik"][:10]), 0, 50)
            assert target["id"] in {r.id for r in by_nik}
            national = "0" + target["mobile"][3:]
            assert [r.id for r in tx.clients.search(ClientQuery(text=national), 0, 5)] == [
                target["id"]
            ]
            active = ClientQuery(statuses=frozenset({ClientStatus.ACTIVE}), sort=ClientSort.NAME)
            assert tx.clients.count(active) == sum(
                c["status"] == "aktif" and not c["archived"] for c in clients
            )
        with db.read_engine.connect() as conn:
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM clients WHERE status = 'aktif' "
                "ORDER BY name_key LIMIT 50"
            ).fetchall()
            assert "ix_clients_status_name" in str(plan)
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar() > 0
    finally:
        db.close()


def test_schema_is_intact_and_triggers_work_again(demo: Path, tmp_path: Path) -> None:
    fresh = open_database(tmp_path / "fresh.sqlite", create=True)
    fresh.close()
    schema = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'table') ORDER BY name"
    demo_schema = [tuple(r) for r in _rows(demo, schema) if not r["name"].startswith("sqlite_stat")]
    assert demo_schema == [tuple(r) for r in _rows(tmp_path / "fresh.sqlite", schema)]
    config = dict(
        _rows(demo, "SELECT k, v FROM client_fts_config WHERE k IN ('hashsize', 'automerge')")
    )
    assert config in ({}, {"hashsize": 1 << 20, "automerge": 4})
    assert _rows(demo, "PRAGMA journal_mode")[0][0] == "wal"  # as open_database left it
    settings = dict(_rows(demo, "SELECT key, value FROM settings"))
    assert settings["demo_seed"] == "7" and settings["demo_clients"] == str(N)
    # The triggers are back: an edit is searchable at once.
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo.read_bytes())
    db = open_database(copy, create=True)
    try:
        uow = SqlUnitOfWork(db)
        with uow.write() as tx:
            tx.clients.add(Client(full_name="Zulkifli Qowiyyul"), "tes", datetime(2026, 11, 27, 10))
        with uow.read() as tx:
            assert [r.full_name for r in tx.clients.search(ClientQuery(text="qowiy"), 0, 5)] == [
                "Zulkifli Qowiyyul"
            ]
    finally:
        db.close()


def test_same_seed_same_rows_other_seed_other_rows(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    generate_demo_database(again, N, seed=7, today=TODAY)
    for table in ("clients", "client_status_history", "client_notes", "officers"):
        assert _digest(again, table) == _digest(demo, table)
    other = tmp_path / "other.sqlite"
    generate_demo_database(other, N, seed=8, today=TODAY)
    assert _digest(other, "clients") != _digest(demo, "clients")


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "real.sqlite"
    path.write_bytes(b"precious data")
    with pytest.raises(DatabaseRefused, match="sudah ada"):
        generate_demo_database(path, 10)
    assert path.read_bytes() == b"precious data"
    empty = tmp_path / "empty.sqlite"
    empty.touch()  # an empty file holds nothing to protect
    assert generate_demo_database(empty, 10).clients == 10


def test_progress_and_cancel_deletes_the_partial_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(demo_data, "BATCH", 100)
    calls: list[tuple[int, int]] = []
    done = tmp_path / "done.sqlite"
    generate_demo_database(done, 250, progress=lambda d, t: calls.append((d, t)))
    assert calls[:3] == [(100, 312), (200, 312), (250, 312)] and calls[-1] == (312, 312)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)

    path = tmp_path / "cancel.sqlite"
    seen: list[int] = []
    with pytest.raises(DemoCancelled):
        generate_demo_database(
            path, 1000, progress=lambda d, t: seen.append(d), cancelled=lambda: len(seen) >= 2
        )
    assert seen == [100, 200]
    assert list(tmp_path.glob("cancel.sqlite*")) == []


def test_zero_clients(tmp_path: Path) -> None:
    summary = generate_demo_database(tmp_path / "zero.sqlite", 0)
    assert summary.clients == 0 and summary.officers == 6


def test_open_demo_database_builds_once_in_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AO_DESKTOP_HOME", str(tmp_path))
    path = open_demo_database(seed=3, clients=40)
    assert path == tmp_path / "demo" / "demo-3-40.sqlite" and path.exists()
    stamp = path.stat().st_mtime_ns
    assert open_demo_database(seed=3, clients=40) == path
    assert path.stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == ["demo-3-40.sqlite"]
    path.write_bytes(b"")  # a broken cache file is rebuilt
    assert open_demo_database(seed=3, clients=40) == path
    assert len(_clients(path)) == 40
    con = sqlite3.connect(path)  # a demo cached by an older version (no demo_schema) is rebuilt
    con.execute("DELETE FROM settings WHERE key = 'demo_schema'")
    con.commit()
    con.close()
    stamp = path.stat().st_mtime_ns
    assert open_demo_database(seed=3, clients=40) == path
    assert path.stat().st_mtime_ns != stamp and demo_data._settings_of(path)["demo_schema"] == str(SCHEMA_VERSION)
    assert open_demo_database(seed=3, clients=41).name == "demo-3-41.sqlite"


def test_the_demo_bank_and_branch_head_its_sheets(demo: Path) -> None:
    from ao_desktop.services.products.product_sheets import DEFAULT_BANK_NAME, sheet_header

    db = open_database(demo)
    try:
        header = sheet_header(SqlUnitOfWork(db), None)
    finally:
        db.close()
    assert header.bank_name != DEFAULT_BANK_NAME and len(header.bank_name.split()) >= 3
    assert header.branch_name.startswith("Kantor Cabang ")


def test_most_clients_live_where_the_branch_can_visit_them(demo: Path) -> None:
    clients = _clients(demo)
    near = sum(c["province"] == "Sumatera Utara" for c in clients)
    assert 0.8 * len(clients) < near < len(clients)  # a few live elsewhere
