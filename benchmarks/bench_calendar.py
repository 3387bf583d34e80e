"""Calendar latency on a big database: the month view of one officer (the query, the
grid's layout and one paint), the Today panel ready, and `ao-desktop agenda --json` as
a whole process. Prints JSON.

The database: the demo clients (1,000,000 by default) spread over 100 AOs (a real AO
has hundreds to a few thousand clients, not a third of a million), plus 2,000,000
activities: 2,000 per AO per month over ten months around the measured month.

    uv run python benchmarks/bench_calendar.py [--clients 1000000] [--activities 2000000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from _common import CACHE, ROOT, compile_bytecode, summary_ms

from ao_desktop.storage.sqlite_file import SCHEMA_VERSION

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OFFICERS = 100
MONTH = date(2026, 12, 1)  # the measured month
DAY = date(2026, 12, 7)  # a Monday in it
TYPES = ("kunjungan", "telepon", "whatsapp", "sms", "pertemuan_kantor", "email")
PURPOSES = ("prospecting", "pengenalan_produk", "follow_up", "penagihan", "penanganan_masalah",
            "silaturahmi")


def calendar_db(clients: int, activities: int) -> Path:
    """The demo database with officers and activities added, built once and cached."""
    path = CACHE / f"bench-calendar-{clients}-{activities}-s{SCHEMA_VERSION}.sqlite"
    if path.exists():
        return path
    # Its own demo file, not _common's: a cached one from an older schema has no activities.
    from ao_desktop.storage.demo.demo_data import generate_demo_database

    CACHE.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    generate_demo_database(temp, clients, seed=7, today=DAY)
    print(f"generated {clients:,} clients in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    t0 = time.perf_counter()
    con = sqlite3.connect(temp)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    first = con.execute("SELECT max(id) FROM officers").fetchone()[0] + 1
    con.executemany("INSERT INTO officers (id, name, phone, role, active, version) VALUES (?, ?, ?, 'ao', 1, 1)",
                    [(first + n, f"AO Uji {n:03d}", f"+62812{n:08d}") for n in range(OFFICERS)])
    con.execute(f"UPDATE clients SET officer_id = {first} + (id % {OFFICERS})")
    rng = random.Random(13)
    start = datetime.combine(MONTH - timedelta(days=150), datetime.min.time())
    span_minutes = 300 * 24 * 60  # ten months
    per_officer = max(activities // OFFICERS, 1)
    stamp = "2026-12-01 08:00:00.000000"
    insert = ("INSERT INTO activities (client_id, officer_id, type, purpose, status, starts_at, "
              "duration_minutes, location, outcome, products, result, result_reason, promise_date, "
              "promise_amount, follow_up_of, version, created_at, updated_at, updated_by) VALUES "
              "(?, ?, ?, ?, ?, ?, 30, '', '', '[]', ?, '', ?, ?, NULL, 1, ?, ?, 'bench')")
    for n in range(OFFICERS):
        officer = first + n
        rows = []
        for _k in range(per_officer):
            at = start + timedelta(minutes=rng.randrange(span_minutes) // 15 * 15)
            client = officer - first + OFFICERS * rng.randrange(max(clients // OFFICERS, 1))
            done = at.date() < DAY and rng.random() < 0.9
            promise = done and rng.random() < 0.05
            rows.append((max(client, 1), officer, rng.choice(TYPES), rng.choice(PURPOSES),
                         "selesai" if done else "rencana", at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                         "janji_bayar" if promise else None,
                         (at.date() + timedelta(days=5)).isoformat() if promise else None,
                         500_000 if promise else 0, stamp, stamp))
        con.executemany(insert, rows)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    os.replace(temp, path)
    print(f"added {activities:,} activities in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return path


def run(clients: int, activities: int, repeats: int) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from ao_desktop.domain.common.officer import OfficerRole
    from ao_desktop.services.calendar.agenda import (
        activities_between,
        today_summary,
        uncontacted_clients,
    )
    from ao_desktop.services.calendar.holiday_calendar import holiday_calendar
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.calendar.month_grid import MonthGrid
    from ao_desktop.ui.calendar.today_view import TodayView
    from ao_desktop.ui.context import UiContext

    path = calendar_db(clients, activities)
    app = QApplication.instance() or QApplication([])
    db = open_database(path)
    uow = SqlUnitOfWork(db)
    officer = db_officer(path)
    grid = MonthGrid()
    grid.resize(1000, 640)
    grid.set_month(MONTH.year, MONTH.month)
    query, layout, paint, total, counts = [], [], [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        items = activities_between(uow, grid.first_day, grid.last_day, officer)
        holidays = holiday_calendar(uow, grid.first_day, grid.last_day)
        t1 = time.perf_counter()
        grid.set_items(items, holidays, DAY)
        t2 = time.perf_counter()
        grid.grab()
        t3 = time.perf_counter()
        query.append(t1 - t0)
        layout.append(t2 - t1)
        paint.append(t3 - t2)
        total.append(t3 - t0)
        counts.append(len(items))
    month_count = sum(1 for i in items if i.starts_at.month == MONTH.month)
    context = UiContext(uow=uow, database_label=str(path), shared=False, actor="bench",
                        officer_id=officer, role=OfficerRole.AO)
    summary_s, panel_s, uncontacted_s = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        summary = today_summary(uow, DAY, officer, with_uncontacted=False)
        t1 = time.perf_counter()
        uncontacted = uncontacted_clients(uow, DAY, officer)
        t2 = time.perf_counter()
        # The panel as the app builds it: three lists filled, the fourth on a worker.
        view = TodayView(context, today=DAY)
        t3 = time.perf_counter()
        view.runner.wait_for_idle()
        view.deleteLater()
        app.processEvents()
        summary_s.append(t1 - t0)
        uncontacted_s.append(t2 - t1)
        panel_s.append(t3 - t2)
    db.close()
    cli = []
    for _ in range(max(3, repeats // 4)):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "ao_desktop.cli.main", "agenda", "--json", "--db", str(path),
                              "--officer", str(officer), "--date", DAY.isoformat()],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        cli.append(time.perf_counter() - t0)
    agenda = json.loads(out.stdout)
    return {
        "clients": clients, "activities": activities, "officer_id": officer,
        "month_activities_of_officer": month_count, "month_grid_items": counts[-1],
        "month_view_total": summary_ms(total), "month_query": summary_ms(query),
        "month_layout": summary_ms(layout), "month_paint": summary_ms(paint),
        "today_summary": summary_ms(summary_s), "today_panel_ready": summary_ms(panel_s),
        "today_uncontacted_on_worker": summary_ms(uncontacted_s),
        "today_counts": {"agenda": len(summary.agenda.items), "overdue": summary.overdue_count,
                         "uncontacted_shown": len(uncontacted),
                         "promises": len(summary.promises_due)},
        "agenda_json_process": summary_ms(cli),
        "agenda_items": len(agenda["items"]), "agenda_overdue": len(agenda["overdue"]),
        "targets_ms": {"month_view": 100, "today_panel": 50, "agenda_process": 500},
    }


def db_officer(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT min(id) FROM officers WHERE name LIKE 'AO Uji%'").fetchone()[0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=2_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    compile_bytecode()  # the agenda process is timed as an installed app runs it
    print(json.dumps(run(args.clients, args.activities, args.repeats), indent=2))


if __name__ == "__main__":
    main()
