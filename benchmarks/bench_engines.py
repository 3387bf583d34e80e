"""SQLite and PostgreSQL side by side in one run (#18): migrate-db of a demo branch onto a
server, the directory search on both engines, and N officers saving at once on both.
Prints JSON.

    uv run python benchmarks/bench_engines.py --clients 100000
    uv run python benchmarks/bench_engines.py --clients 1000000 --writers 20 --writes 200

The server is a throwaway PostgreSQL (Debian's binaries, as the tests use) in a temporary
folder, started durable (each commit flushed, as a real server), reached over its Unix
socket: a branch's LAN adds its round trip to every statement. The SQLite side of the
writers is a shared-mode file (rollback journal, synchronous FULL, BEGIN IMMEDIATE) on
the local disk: the best a shared drive can do.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import queue
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, demo_db, summary_ms


def _writer(location: str, worker: int, writes: int, think_s: float, start, results) -> None:  # type: ignore[no-untyped-def]
    """One officer saving: the concurrency test's mix (tests/storage/save_workload.py: new
    clients, notes, and an edit of the one client everyone edits, reloaded and saved again
    when a colleague's save came first). A save's latency is what the officer waits for
    after one press of Simpan (a refused edit is an answer too); an edit's "until saved"
    time adds the reloads and presses again after refusals, back to back. `think_s` is
    the time between two saves (0: saving back to back, the worst case)."""
    sys.path.insert(0, str(ROOT))
    from ao_desktop.services.clients.directory import get_client
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from tests.storage.save_workload import kind_of, one_save

    shared = not location.startswith("postgresql")
    db = open_database(Path(location) if shared else location, **({"shared": True} if shared else {}))
    uow = SqlUnitOfWork(db)
    actor = f"bench{worker}"
    latencies: list[float] = []
    edits: list[float] = []
    errors = refused = 0
    get_client(uow, 1)  # connected and warm before the clock starts
    results.put("ready")
    start.wait()
    for i in range(writes):
        if think_s:
            time.sleep(think_s)
        t0 = time.perf_counter()
        try:
            refused += one_save(uow, worker, i, actor, latencies)
        except Exception:  # noqa: BLE001 - counted and reported
            errors += 1
        if kind_of(i) == "update":
            edits.append(time.perf_counter() - t0)
    db.close()
    results.put((latencies, edits, errors, refused))


def writers(location: str, count: int, writes: int, think_s: float) -> dict[str, object]:
    ctx = mp.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(location, w, writes, think_s, start, results))
             for w in range(count)]
    for p in procs:
        p.start()
    ready = 0
    while ready < count:  # every process imported and connected before the clock starts
        try:
            ready += results.get(timeout=5) == "ready"
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in procs):
                for p in procs:
                    p.kill()
                raise SystemExit("an officer's process failed to start (its error is above)") from None
    t0 = time.perf_counter()
    start.set()
    latencies: list[float] = []
    edits: list[float] = []
    errors = refused = 0
    for _ in procs:
        got, edited, e, r = results.get(timeout=3600)
        latencies += got
        edits += edited
        errors += e
        refused += r
    seconds = time.perf_counter() - t0
    for p in procs:
        p.join()
    saved = len(latencies) - refused - errors  # presses refused as stale or failed saved nothing
    return {"writers": count, "think_ms": round(think_s * 1000), "saves": saved, "errors": errors,
            "stale_edits_refused_and_saved_again": refused, "seconds": round(seconds, 2),
            "saves_per_s": round(saved / seconds, 1), "save_latency": summary_ms(latencies),
            "edit_of_the_shared_client_until_saved": summary_ms(edits)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--think-ms", type=int, action="append",
                        help="pause between one officer's saves (default: 0 and 250)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from bench_search import measure

    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.maintenance.server_copy import copy_to_server
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from tests.storage.postgres_server import find_bindir, start_server

    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed (no pg_ctl found)")
    source = demo_db(args.clients)
    servers = start_server(bindir, durable=True, port=56433)
    server = next(servers)
    work = Path(tempfile.mkdtemp(prefix="ao-bench-engines-"))
    try:
        with server.admin() as conn:
            conn.execute("CREATE DATABASE cabang")
        url = server.url("cabang")
        copied = copy_to_server(source, url)
        out: dict[str, object] = {
            "benchmark": "engines", "clients": args.clients,
            "migrate_db": {"seconds": round(copied.seconds, 1), "rows": copied.rows,
                           "verified": copied.ok},
        }
        searches = {}
        for engine, location in (("sqlite", source), ("postgresql", url)):
            db = open_database(location)
            try:
                searches[engine] = measure(SqlUnitOfWork(db))
            finally:
                db.close()
        out["search"] = searches
        shared_copy = work / "shared.sqlite"
        shutil.copyfile(source, shared_copy)
        # Into shared mode (rollback journal) once, before the officers open it: twenty
        # processes each leaving WAL at once would refuse one another.
        open_database(shared_copy, shared=True).close()
        out["writers"] = [
            {"engine": engine, **writers(location, args.writers, args.writes, think / 1000)}
            for think in (args.think_ms or [0, 250])
            for engine, location in (("sqlite_shared_file", str(shared_copy)), ("postgresql", url))]
    finally:
        servers.close()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
