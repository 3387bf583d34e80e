"""Directory search latency: the same service call the directory and `ao-desktop search`
make (first page of 200 + the count), over a demo database. Prints JSON.

    uv run python benchmarks/bench_search.py --clients 100000 --clients 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import time

from _common import demo_db, summary_ms


def typed_queries(uow, rng: random.Random) -> list[str]:  # type: ignore[no-untyped-def]
    """What AOs type: name fragments growing keystroke by keystroke, NIK and phone parts."""
    from ao_desktop.domain.clients.client_query import ClientQuery
    from ao_desktop.services.clients.directory import search_clients

    sample = search_clients(uow, ClientQuery(), rng.randrange(0, 5000), 40)
    queries: list[str] = []
    for item in sample:
        name = item.full_name.split()[-1]
        queries += [name[:k] for k in range(1, min(len(name), 7) + 1)]  # each keystroke
        if item.nik:
            queries.append(item.nik[4:12])
        if item.mobile:
            queries.append("0" + item.mobile[3:10])
    return queries


def run(clients: int) -> dict[str, object]:
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    db = open_database(demo_db(clients), create=True)
    try:
        return {"clients": clients, **measure(SqlUnitOfWork(db))}
    finally:
        db.close()


def measure(uow) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The search figures over an open database on either engine (bench_engines.py runs
    this on the SQLite file and on its copy on a PostgreSQL server)."""
    from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
    from ao_desktop.domain.clients.enums import ClientStatus
    from ao_desktop.services.clients.directory import count_clients, search_clients

    rng = random.Random(1)
    queries = typed_queries(uow, rng)
    page_only: list[float] = []
    page_and_count: list[float] = []
    for text in queries * 2:  # second pass: warm cache, as while typing
        q = ClientQuery(text=text)
        t0 = time.perf_counter()
        search_clients(uow, q, 0, 200)
        t1 = time.perf_counter()
        count_clients(uow, q)
        t2 = time.perf_counter()
        page_only.append(t1 - t0)
        page_and_count.append(t2 - t0)
    listing: list[float] = []
    for sort in ClientSort:
        for status in (None, ClientStatus.ACTIVE):
            q = ClientQuery(sort=sort, statuses=frozenset({status}) if status else frozenset())
            t0 = time.perf_counter()
            search_clients(uow, q, 0, 200)
            listing.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    total = count_clients(uow, ClientQuery())
    count_all = time.perf_counter() - t0
    return {
        "queries": len(queries) * 2,
        "search_first_page": summary_ms(page_only),
        "search_page_and_count": summary_ms(page_and_count),
        "listing_sorted_filtered_first_page": summary_ms(listing),
        "count_all_ms": round(count_all * 1000, 2),
        "rows_counted": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, action="append")
    args = parser.parse_args()
    results = [run(n) for n in (args.clients or [100_000])]
    print(json.dumps({"benchmark": "search", "results": results}, indent=2))


if __name__ == "__main__":
    main()
