"""The client search gives the same hits in the same order on SQLite (FTS5 trigram) and
PostgreSQL (pg_trgm), for every sort and page (#18)."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus
from ao_desktop.domain.common.officer import Officer
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 27, 9, 30)
FIRST = ["Siti", "Budi", "Agus", "Dewi", "Nur", "Sri", "Eko", "Rina", "Wayan", "Ani", "Yohanes"]
LAST = ["Santoso", "Nurhaliza", "Wulandari", "Siregar", "Setiawan", "Hasibuan", "Situmorang", ""]
BUSINESS = ["", "Warung Siti", "Toko Maju", "CV Sinar Jaya", "Bengkel Budi", "UD 100% Halal"]
CITIES = ["Bandung", "Medan", "Surabaya", "Situbondo"]


def _clients(officers: list[int]) -> list[Client]:
    rng = random.Random(18)
    out = []
    for i in range(300):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}".strip()
        out.append(Client(
            full_name=name, kind=ClientKind.BUSINESS, business_name=rng.choice(BUSINESS),
            nik=f"3174{rng.randrange(10**12):012d}", mobile=f"+62812{rng.randrange(10**8):08d}",
            address=Address(street=f"Jl. Mawar {i}", city=rng.choice(CITIES)),
            status=rng.choice(list(ClientStatus)), monthly_income=rng.randrange(10**7),
            officer_id=rng.choice([None, *officers])))
    return out


def _fill(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        officers = [tx.officers.add(Officer(name=n)).id for n in ("Zaki", "Ani", "Made")]
        tx.clients.add_many(_clients(officers), "t", NOW)


QUERIES = [
    "siti", "SITI", "nur", "sit", "santoso budi", "budi santoso", "0812", "62812", "3174",
    "mawar 1", "100%", "sinar", "si", "", "_", "war siti", "a'b\"c",
]


@pytest.mark.parametrize("sort", list(ClientSort))
def test_same_hits_and_order_on_both_engines(pg_url: str, tmp_path: Path, sort: ClientSort) -> None:
    _compare(pg_url, tmp_path, sort)


@pytest.mark.parametrize("window", [1, 40, 150])
def test_postgresql_reading_the_newest_clients_first_gives_the_same_pages(
        pg_url: str, tmp_path: Path, window: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """At a million clients PostgreSQL first reads a page from the newest clients only
    (dialect.newest_page); here the window is made small enough for 300 clients to use
    it, full or not."""
    from ao_desktop.storage import dialect

    monkeypatch.setattr(dialect, "NEWEST_WINDOW", window)
    _compare(pg_url, tmp_path, ClientSort.RELEVANCE)


def _compare(pg_url: str, tmp_path: Path, sort: ClientSort) -> None:
    lite = open_database(tmp_path / "ao.sqlite", create=True)
    post = open_database(pg_url)
    try:
        for db in (lite, post):
            _fill(SqlUnitOfWork(db))
        for text in QUERIES:
            for descending in (False, True):
                query = ClientQuery(text=text, sort=sort, descending=descending)
                answers = []
                for db in (lite, post):
                    with SqlUnitOfWork(db).read() as tx:
                        answers.append((
                            tx.clients.count(query),
                            [r.id for r in tx.clients.search(query, 0, 400)],
                            [r.id for off in (0, 7, 14) for r in tx.clients.search(query, off, 7)],
                        ))
                assert answers[0] == answers[1], (text, sort, descending)
                assert answers[0][0] > 0 or text in ("a'b\"c", "_", "100%"), text
    finally:
        lite.close()
        post.close()
