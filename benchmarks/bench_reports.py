"""Monthly work report, measured as a whole process from the command line (start-up,
snapshot read, PDF, Excel): one officer's report (target <= 1 s) and a branch report over
20 officers and 10,000 clients (target <= 5 s). Prints JSON with the machine's load.

    uv run python benchmarks/bench_reports.py [--clients 10000] [--officers 20] [--repeats 3]

The database is the 10,000-client demo with its clients, activities and applications
spread over `--officers` AOs (copied once into the benchmark cache).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _common import CACHE, ROOT, compile_bytecode, demo_db

from ao_desktop.storage.portfolio import rollups
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION


def branch_db(clients: int, officers: int, touched: int) -> Path:
    path = CACHE / f"bench-reports-{clients}-{officers}-{touched}-s{SCHEMA_VERSION}-v2.sqlite"
    if path.exists():
        return path
    temp = path.with_suffix(".tmp")
    shutil.copyfile(demo_db(clients), temp)
    con = sqlite3.connect(temp)
    with con:
        have = con.execute("SELECT count(*) FROM officers WHERE role = 'ao'").fetchone()[0]
        for n in range(have, officers):
            con.execute("INSERT INTO officers (name, phone, role, active, version) VALUES (?, ?, 'ao', 1, 1)",
                        (f"AO Tambahan {n + 1:02d}", f"+62812{n:07d}"))
        ids = [r[0] for r in con.execute("SELECT id FROM officers WHERE role = 'ao' ORDER BY id")]
        con.execute("CREATE TEMP TABLE map (n INTEGER PRIMARY KEY, officer INTEGER)")
        con.executemany("INSERT INTO map VALUES (?, ?)", list(enumerate(ids)))
        k = len(ids)
        con.execute(f"UPDATE clients SET officer_id = (SELECT officer FROM map WHERE n = clients.id % {k})")
        con.execute("UPDATE activities SET officer_id = (SELECT officer_id FROM clients c WHERE c.id = activities.client_id)")
        con.execute("UPDATE credit_applications SET officer_id = "
                    "(SELECT officer_id FROM clients c WHERE c.id = credit_applications.client_id)")
        # The loans and problems follow their client too, or the first AO would hold a
        # third of the branch's loans (the demo's three AOs) and measure a branch, not an AO.
        for table in ("loan_accounts", "loan_positions", "client_problems"):
            con.execute(f"UPDATE {table} SET officer_id = (SELECT officer_id FROM clients c "
                        f"WHERE c.id = {table}.client_id) WHERE client_id IS NOT NULL")
        rollups.rebuild(con)
        # A busy month: `touched` clients more get a visit done last month (each AO
        # sees ~150 clients a month), so the per-client analysis has thousands of rows.
        month = _last_month()
        con.execute(
            "INSERT INTO activities (client_id, officer_id, type, purpose, status, starts_at, duration_minutes, "
            "location, outcome, products, result_reason, promise_amount, version, created_at, updated_at, updated_by) "
            "SELECT id, officer_id, 'kunjungan', 'follow_up', 'selesai', "
            f"'{month}-' || printf('%02d', 1 + id % 28) || ' 10:00:00', 30, '', 'Kunjungan rutin', '[]', '', 0, 1, "
            f"'{month}-01 08:00:00', '{month}-01 08:00:00', 'bench' FROM clients ORDER BY (id * 7919) % {clients} "
            f"LIMIT {touched}")
    con.close()
    os.replace(temp, path)
    return path


def _last_month() -> str:
    today = date.today()
    index = today.year * 12 + today.month - 2
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def timed(args: list[str], repeats: int) -> dict[str, object]:
    samples, head = [], {}
    with tempfile.TemporaryDirectory() as folder:
        for i in range(repeats):
            out = Path(folder) / f"r{i}.pdf"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "ao_desktop", *args, "--out", str(out),
                                   "--xlsx", str(out.with_suffix(".xlsx")), "--json"],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            samples.append(time.perf_counter() - t0)
            head = json.loads(proc.stdout)
    return {"best_s": round(min(samples), 3), "median_s": round(statistics.median(samples), 3),
            "pages": head.get("pages"), "clients_analysed": head.get("clients_analysed")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--touched", type=int, default=3000, help="extra clients visited in the month")
    opts = parser.parse_args()
    compile_bytecode()
    db = branch_db(opts.clients, opts.officers, opts.touched)
    month = _last_month()
    officer = sqlite3.connect(db).execute("SELECT min(id) FROM officers WHERE role = 'ao'").fetchone()[0]
    base = ["report", "monthly", "--month", month, "--db", str(db)]
    result = {
        "date": date.today().isoformat(), "clients": opts.clients, "officers": opts.officers, "touched": opts.touched, "month": month,
        "load_before": os.getloadavg(),
        "officer_report": timed([*base, "--officer", str(officer)], opts.repeats),
        "branch_report": timed([*base, "--branch"], opts.repeats),
        "load_after": os.getloadavg(),
        "targets_s": {"officer": 1.0, "branch": 5.0},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
