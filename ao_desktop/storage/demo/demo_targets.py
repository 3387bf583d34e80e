"""Demo monthly targets: every AO has targets for the last six months and this one, set
by the supervisor, so the report compares actual against target in every month."""

from __future__ import annotations

import random
import sqlite3
from datetime import date

_INSERT = ("INSERT INTO report_targets (officer_id, month, new_prospects, visits, applications, "
           "disbursement, collection_rate, npl_ceiling, version, updated_at, updated_by) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")


def _months(today: date, count: int = 7) -> list[str]:
    index = today.year * 12 + today.month - 1
    return [f"{(index - back) // 12:04d}-{(index - back) % 12 + 1:02d}" for back in range(count - 1, -1, -1)]


def insert_demo_targets(con: sqlite3.Connection, seed: int, today: date) -> int:
    """Targets for every AO (inside the caller's transaction); returns the count."""
    rng = random.Random(f"demo-targets-{seed}-{today.isoformat()}")
    boss = con.execute("SELECT name FROM officers WHERE role != 'ao' ORDER BY id LIMIT 1").fetchone()
    who = boss[0] if boss else "Supervisor"
    rows = []
    for (officer_id,) in con.execute("SELECT id FROM officers WHERE role = 'ao' ORDER BY id").fetchall():
        for month in _months(today):
            rows.append((officer_id, month, rng.choice((25, 30, 35)), rng.choice((30, 35, 40)),
                         rng.choice((4, 5, 6)), rng.choice((75, 100, 150)) * 1_000_000, "95", "5",
                         f"{month}-01 08:00:00", who))
    con.executemany(_INSERT, rows)
    return len(rows)
