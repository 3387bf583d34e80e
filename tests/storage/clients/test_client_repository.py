"""SqlClientRepository on a real SQLite file: round trips, versions, search, paging."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.common.officer import Officer

NOW = datetime(2026, 11, 27, 9, 30)


def _client(name: str, **kw) -> Client:
    return Client(full_name=name, **kw)


@pytest.fixture
def stored(uow):
    with uow.write() as tx:
        rina = tx.officers.add(Officer(name="Rina Wulandari", phone="+6281311112222"))
        budi = tx.officers.add(Officer(name="Budi Santoso"))
        a = tx.clients.add(_client(
            "Siti Nurhaliza", nik="3174055207900001", birth_date=date(1990, 7, 12), sex=Sex.FEMALE,
            mobile="+6281234567890", address=Address("Jl. Melati No. 5", "Menteng", "Menteng",
                                                     "Jakarta Pusat", "DKI Jakarta", "10310"),
            monthly_income=8_500_000, officer_id=rina.id, tags=("umkm", "vip"),
            lead_source=LeadSource.FLYER), "rina", NOW)
        b = tx.clients.add(_client(
            "Ahmad Fauzi", kind=ClientKind.BUSINESS, business_name="Warung Sate Pak Ahmad",
            mobile="+6285712345678", landline="+62215551234", officer_id=budi.id,
            lead_source=LeadSource.REFERRAL, referrer_id=a.id,
            status=ClientStatus.APPLICATION), "budi", NOW)
        c = tx.clients.add(_client("Bambang Wijaya", officer_id=rina.id, monthly_income=4_000_000),
                           "rina", NOW)
    return {"rina": rina, "budi": budi, "a": a, "b": b, "c": c}


def test_round_trip_keeps_every_field(uow, stored) -> None:
    with uow.read() as tx:
        a = tx.clients.get(stored["a"].id)
    assert a == stored["a"]
    assert a.tags == ("umkm", "vip") and a.version == 1 and a.address.postal_code == "10310"


def test_update_checks_the_version(uow, stored) -> None:
    a = stored["a"]
    with uow.write() as tx:
        saved = tx.clients.update(a.__class__(**{**a.__dict__, "occupation": "Pedagang"}), "rina", NOW)
    assert saved is not None and saved.version == 2 and saved.occupation == "Pedagang"
    with uow.write() as tx:  # the old version 1 is stale now
        assert tx.clients.update(a, "budi", NOW) is None
    with uow.read() as tx:
        assert tx.clients.get(a.id).occupation == "Pedagang"


def test_status_history_and_archive(uow, stored) -> None:
    a = stored["a"]
    with uow.write() as tx:
        a2 = tx.clients.set_status(a.id, a.version, ClientStatus.APPLICATION, "rina", NOW, "ajukan KUR")
        a3 = tx.clients.set_archived(a2.id, a2.version, True, "rina", NOW)
        assert tx.clients.set_status(a.id, a.version, ClientStatus.ACTIVE, "x", NOW, "") is None
    assert a3.archived and a3.version == 3
    with uow.read() as tx:
        history = tx.clients.history(a.id)
        assert [h.status for h in history] == [ClientStatus.PROSPECT, ClientStatus.APPLICATION]
        assert history[-1].note == "ajukan KUR"
        assert tx.clients.count(ClientQuery()) == 2
        assert tx.clients.count(ClientQuery(include_archived=True)) == 3
        assert [r.id for r in tx.clients.search(ClientQuery(archived_only=True), 0, 10)] == [a.id]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nurha", {"Siti Nurhaliza"}),
        ("SITI", {"Siti Nurhaliza"}),
        ("sate", {"Ahmad Fauzi"}),  # business name
        ("3174055207", {"Siti Nurhaliza"}),  # part of the NIK
        ("0812-3456", {"Siti Nurhaliza"}),  # national phone form with a dash
        ("+62 857 123", {"Ahmad Fauzi"}),  # international form with spaces
        ("021555", {"Ahmad Fauzi"}),  # landline
        ("melati menteng", {"Siti Nurhaliza"}),  # address words, all must match
        ("ba", {"Bambang Wijaya"}),  # too short for trigrams: name prefix
        ("zzzz", set()),
    ],
)
def test_search_finds_by_any_indexed_field(uow, stored, text, expected) -> None:
    with uow.read() as tx:
        names = {r.full_name for r in tx.clients.search(ClientQuery(text=text), 0, 50)}
        assert names == expected
        assert tx.clients.count(ClientQuery(text=text)) == len(expected)


@pytest.mark.parametrize("text", ['"', "'; DROP TABLE clients; --", "NEAR(a b)", "a* OR b", "((", "\x00", "x" * 5000, "\u202e\u0645"])
def test_hostile_search_text_is_plain_text(uow, stored, text) -> None:
    with uow.read() as tx:
        assert tx.clients.search(ClientQuery(text=text), 0, 10) == []
        assert tx.clients.count(ClientQuery(include_archived=True)) == 3


def test_filters_sort_and_paging(uow, stored) -> None:
    rina = stored["rina"].id
    with uow.read() as tx:
        by_officer = tx.clients.search(ClientQuery(officer_id=rina), 0, 10)
        assert [r.full_name for r in by_officer] == ["Bambang Wijaya", "Siti Nurhaliza"]
        desc = tx.clients.search(ClientQuery(sort=ClientSort.NAME, descending=True), 0, 10)
        assert [r.full_name for r in desc] == ["Siti Nurhaliza", "Bambang Wijaya", "Ahmad Fauzi"]
        by_income = tx.clients.search(ClientQuery(sort=ClientSort.INCOME, descending=True), 0, 1)
        assert by_income[0].monthly_income == 8_500_000
        statuses = ClientQuery(statuses=frozenset({ClientStatus.APPLICATION}))
        assert [r.full_name for r in tx.clients.search(statuses, 0, 10)] == ["Ahmad Fauzi"]
        sources = ClientQuery(sources=frozenset({LeadSource.FLYER, LeadSource.REFERRAL}))
        assert tx.clients.count(sources) == 2
        assert [r.full_name for r in tx.clients.search(ClientQuery(tag="vip"), 0, 10)] == ["Siti Nurhaliza"]
        assert tx.clients.search(ClientQuery(tag="vi"), 0, 10) == []  # whole tags only
        page2 = tx.clients.search(ClientQuery(), 1, 1)
        assert [r.full_name for r in page2] == ["Bambang Wijaya"]
        assert by_officer[0].officer_name == "Rina Wulandari"


def test_referrals_and_duplicate_candidates(uow, stored) -> None:
    with uow.read() as tx:
        assert [r.full_name for r in tx.clients.referrals(stored["a"].id)] == ["Ahmad Fauzi"]
        found = tx.clients.duplicate_candidates("3174055207900001", "", None)
        assert [c.full_name for c in found] == ["Siti Nurhaliza"]
        assert tx.clients.duplicate_candidates("", "", None) == []


def test_search_index_follows_edits(uow, stored) -> None:
    b = stored["b"]
    with uow.write() as tx:
        tx.clients.update(b.__class__(**{**b.__dict__, "business_name": "Bakso Mas Ahmad"}), "budi", NOW)
    with uow.read() as tx:
        assert tx.clients.count(ClientQuery(text="sate")) == 0
        assert tx.clients.count(ClientQuery(text="bakso")) == 1


def test_relevance_order_is_newest_match_first_and_falls_back_to_name(uow, stored) -> None:
    with uow.read() as tx:
        hits = tx.clients.search(ClientQuery(text="ahm", sort=ClientSort.RELEVANCE), 0, 10)
        assert [h.full_name for h in hits] == ["Ahmad Fauzi"]
        newest = tx.clients.search(ClientQuery(text="an", sort=ClientSort.RELEVANCE), 0, 10)
        assert newest == []  # "an" is no name prefix here
        everyone = tx.clients.search(ClientQuery(text="", sort=ClientSort.RELEVANCE), 0, 10)
        assert [h.full_name for h in everyone] == ["Ahmad Fauzi", "Bambang Wijaya", "Siti Nurhaliza"]
        both = tx.clients.search(ClientQuery(text="jakarta", sort=ClientSort.RELEVANCE), 0, 10)
        assert [h.full_name for h in both] == ["Siti Nurhaliza"]
        with_a = tx.clients.search(ClientQuery(text="wij", sort=ClientSort.RELEVANCE), 0, 10)
        assert [h.id for h in with_a] == [stored["c"].id]
        ids = [h.id for h in tx.clients.search(ClientQuery(text="a", include_archived=True), 0, 10)]
        assert ids == [stored["b"].id]


def test_relevance_streams_newest_first(uow, stored) -> None:
    with uow.read() as tx:
        hits = tx.clients.search(ClientQuery(text="+628", sort=ClientSort.RELEVANCE), 0, 10)
        assert [h.id for h in hits] == [stored["b"].id, stored["a"].id]
        oldest = tx.clients.search(ClientQuery(text="+628", sort=ClientSort.RELEVANCE, descending=True), 0, 10)
        assert [h.id for h in oldest] == [stored["a"].id, stored["b"].id]


def test_relevance_puts_names_starting_with_the_text_first(uow) -> None:
    """Typing "sit": names that start with it, then names with a word that starts with it,
    then any other match (inside a word, the address); names in name order, the rest
    newest first."""
    with uow.write() as tx:
        ids = {name: tx.clients.add(_client(name, **kw), "rina", NOW).id for name, kw in [
            ("Siti Aminah", {}),
            ("Rahma Indah Laksita", {}),
            ("Budi Sitorus", {}),
            ("Siti Rahayu", {}),
            ("Ahmad Yani", {"kind": ClientKind.BUSINESS, "business_name": "Toko Sitompul"}),
            ("Hendra Gunawan", {"address": Address("Jl. Kusitah 3", "", "", "Bogor", "", "")}),
            ("Sitorus Pane", {}),
        ]}
    with uow.read() as tx:
        hits = tx.clients.search(ClientQuery(text="sit", sort=ClientSort.RELEVANCE), 0, 10)
        two_words = tx.clients.search(ClientQuery(text="siti ra", sort=ClientSort.RELEVANCE), 0, 10)
    assert [h.full_name for h in hits] == [
        "Siti Aminah", "Siti Rahayu", "Sitorus Pane",  # the name starts with "sit"
        "Ahmad Yani", "Budi Sitorus",  # a word of the name (or business name) does
        "Hendra Gunawan", "Rahma Indah Laksita",  # elsewhere
    ]
    assert [h.id for h in two_words][:2] == [ids["Siti Rahayu"], ids["Siti Aminah"]]
    with uow.read() as tx:  # paging goes on across the groups without gaps or repeats
        pages = [h.full_name for o in (0, 2, 4, 6)
                 for h in tx.clients.search(ClientQuery(text="sit"), o, 2)]
        backwards = tx.clients.search(ClientQuery(text="sit", descending=True), 0, 10)
    assert pages == [h.full_name for h in hits]
    assert [h.full_name for h in backwards] == [h.full_name for h in reversed(hits)]


@pytest.mark.parametrize("query", [
    ClientQuery(text="siti"),
    ClientQuery(text="siti", sort=ClientSort.NAME),
    ClientQuery(text="siti", statuses=frozenset({ClientStatus.ACTIVE}), officer_id=1),
])
def test_search_plan_reads_the_index_first(uow, db, stored, query) -> None:
    """Whatever the statistics, the FTS index is the outer loop (CROSS JOIN), never a scan of
    every client running the full-text query once per row."""
    if db.is_server:
        pytest.skip("SQLite's FTS5 plan; PostgreSQL's planner picks its GIN index by statistics")
    from sqlalchemy import func, text
    from sqlalchemy.dialects import sqlite

    from ao_desktop.storage.clients.client_repository import _LIST_COLUMNS

    with uow.read() as tx:
        for columns in (_LIST_COLUMNS, (func.count(),)):
            stmt = tx.clients._filtered(query, columns)
            sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
            plan = [row[3] for row in tx.session.execute(text("EXPLAIN QUERY PLAN " + sql))]
            assert plan[0].startswith("SCAN client_fts"), plan


def test_officer_sort_pages_through_every_group(uow) -> None:
    """Officer order (officer name, then client name, no-officer clients first), paged
    across group borders exactly like one sorted list, with and without search text."""
    with uow.write() as tx:
        zaki = tx.officers.add(Officer(name="Zaki"))
        ani = tx.officers.add(Officer(name="Ani"))
        names = {None: ["Nomad B", "Nomad A"], ani.id: ["Cici", "Bayu", "Agus"], zaki.id: ["Dodi", "Eka"]}
        for officer_id, group in names.items():
            for name in group:
                tx.clients.add(_client(name + " Santoso", officer_id=officer_id), "t", NOW)
    expected = ["Nomad A", "Nomad B", "Agus", "Bayu", "Cici", "Dodi", "Eka"]
    for descending, want in ((False, expected), (True, list(reversed(expected)))):
        for text in ("", "santoso"):
            q = ClientQuery(text=text, sort=ClientSort.OFFICER, descending=descending)
            with uow.read() as tx:
                whole = [r.full_name.removesuffix(" Santoso") for r in tx.clients.search(q, 0, 50)]
                paged = [r.full_name.removesuffix(" Santoso")
                         for off in range(0, 7, 3) for r in tx.clients.search(q, off, 3)]
            assert whole == want and paged == want, (descending, text)
    with uow.read() as tx:
        only_ani = tx.clients.search(ClientQuery(sort=ClientSort.OFFICER, officer_id=ani.id), 1, 5)
        assert [r.full_name for r in only_ani] == ["Bayu Santoso", "Cici Santoso"]
