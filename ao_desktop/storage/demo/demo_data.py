"""A deterministic, realistic demo database: officers, clients, status history, notes and
activities (demo_activities.py), credit applications (demo_applications.py), client
problems (demo_problems.py) and the loan portfolio (demo_portfolio.py).

The same seed (and reference day) always gives the same rows. Rows come from word pools
(`demo_pools.py`) combined by `random.Random`, never from Faker per row, and go in by
`executemany` in batches of `BATCH` inside one write transaction. For speed the bulk load
runs with the search triggers and the secondary indexes dropped; they are recreated (and
the search index rebuilt) at the end, before the single COMMIT. A cancelled or failed run
deletes the new file, so there is never a half-built demo database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ao_desktop.domain.access.pin import DEMO_PIN, hash_pin
from ao_desktop.domain.common.errors import DatabaseRefused, DomainError
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.clients import search_index
from ao_desktop.storage.demo.demo_activities import insert_demo_activities
from ao_desktop.storage.demo.demo_applications import insert_demo_applications
from ao_desktop.storage.demo.demo_pools import RowBuilder, officers
from ao_desktop.storage.demo.demo_portfolio import insert_demo_portfolio
from ao_desktop.storage.demo.demo_problems import insert_demo_problems
from ao_desktop.storage.demo.demo_targets import insert_demo_targets
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.location import data_dir
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION

DEMO_BANK_NAME = "PT BPR Mitra Usaha Sejahtera"
DEMO_BRANCH_NAME = "Kantor Cabang Medan Kota"

BATCH = 10_000
FINISH_SHARE = 4  # progress: the final indexing counts as clients // FINISH_SHARE units

_CLIENT_COLUMNS = (
    "id", "kind", "full_name", "name_key", "business_name", "nik", "nib", "npwp", "birth_date",
    "sex", "mobile", "landline", "street", "kelurahan", "kecamatan", "city", "province",
    "postal_code", "occupation", "monthly_income", "monthly_obligations", "status",
    "lead_source", "referrer_id", "refusal_reason", "officer_id", "tags", "notes",
    "consent_contact", "consent_given_on", "consent_purpose", "consent_channels",
    "consent_withdrawn_on", "consent_withdrawal_reason", "archived", "version", "created_at", "updated_at", "updated_by",
)  # fmt: skip
_INSERT_CLIENT = (
    f"INSERT INTO clients ({', '.join(_CLIENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_CLIENT_COLUMNS))})"
)
_INSERT_HISTORY = (
    "INSERT INTO client_status_history (client_id, status, changed_at, changed_by, note) "
    "VALUES (?, ?, ?, ?, ?)"
)
_INSERT_NOTE = "INSERT INTO client_notes (client_id, text, author, created_at) VALUES (?, ?, ?, ?)"
# Indexes whose keys grow with the id stay during the load (appending is cheap); the
# others are dropped and built afterwards by sorting, which is much faster.
_KEEP_INDEXES = frozenset(
    {
        "ix_client_status_history_client_id",
        "ix_client_notes_client_id",
        "ix_client_status_history_changed_at",
        "ix_clients_updated",
    }
)


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    clients: int
    officers: int
    seconds: float


class DemoCancelled(DomainError):
    """The user stopped the generation; the partial file was deleted."""


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm", "-inuse"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _indexes(con: sqlite3.Connection) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('clients', 'client_status_history', 'client_notes') ORDER BY name"
    ).fetchall()


def _load(
    con: sqlite3.Connection, clients: int, seed: int, today: date, report: Callable[[int], None]
) -> int:
    """Fill the (new, empty) database in one transaction; returns the number of officers."""
    con.execute("BEGIN IMMEDIATE")
    for statement in search_index.DROP:
        if statement.startswith("DROP TRIGGER"):
            con.execute(statement)
    indexes = [(name, sql) for name, sql in _indexes(con) if name not in _KEEP_INDEXES]
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    staff = officers(seed)
    # One hash for every demo officer (scrypt costs ~0.1 s each). The demo's PIN is public,
    # so a salt from the seed costs nothing and keeps the same seed giving the same rows.
    pin_hash = hash_pin(DEMO_PIN, salt=hashlib.sha256(f"ao-desktop-demo-{seed}".encode()).digest()[:16])
    con.executemany(
        "INSERT INTO officers (name, phone, role, active, version, pin_hash, failed_tries) "
        "VALUES (?, ?, ?, 1, 1, ?, 0)", [(*s, pin_hash) for s in staff]
    )
    # Each officer's role in the audit, as an admin's "add officer" writes it: sign-in
    # compares the row's role with it.
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
    con.execute(
        "INSERT INTO audit_log (table_name, row_id, action, actor, at, details) "
        "SELECT 'officers', id, 'create', 'demo', ?, json_object('role', json_array(NULL, role)) "
        "FROM officers", (stamp,)
    )
    ao_rows = con.execute("SELECT id, name FROM officers WHERE role = 'ao' ORDER BY id").fetchall()
    settings = {
        "demo": "1",
        "demo_seed": str(seed),
        "demo_clients": str(clients),
        # A demo cached by an older version lacks the newer areas' rows (a demo from
        # before the portfolio has no loans): open_demo_database rebuilds it.
        "demo_schema": str(SCHEMA_VERSION),
        "demo_today": today.isoformat(),
        # What the setup wizard stores (services/setup.py): the sheets of a demo are
        # headed like a real branch's, not by a bare "Bank".
        "bank.name": DEMO_BANK_NAME,
        "bank.branch": DEMO_BRANCH_NAME,
    }
    con.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", settings.items())
    gen = RowBuilder(seed, max(clients, 1), today, ao_rows)
    # The search index takes a big in-memory buffer and no merging during the load.
    fts_config = "INSERT INTO client_fts(client_fts, rank) VALUES (?, ?)"
    con.executemany(fts_config, [("hashsize", 64 << 20), ("automerge", 0)])
    for first in range(1, clients + 1, BATCH):
        rows, history, notes = gen.batch(first, min(BATCH, clients + 1 - first))
        con.executemany(_INSERT_CLIENT, rows)
        con.executemany(_INSERT_HISTORY, history)
        con.executemany(_INSERT_NOTE, notes)
        report(first - 1 + len(rows))
    # Then the indexes and the search index; weights are their rough share of the time.
    finish = (
        [(sql, 1) for _name, sql in indexes]
        + [(search_index.REBUILD[0], 0), (search_index.REBUILD[1], len(indexes))]
        + [(sql, 0) for sql in search_index.TRIGGERS]
    )
    weights, done = sum(w for _sql, w in finish), 0
    con.execute("PRAGMA threads = 2")  # sorter helper threads for CREATE INDEX
    for statement, weight in finish:
        con.execute(statement)
        done += weight
        report(clients + done * (clients // FINISH_SHARE) // max(weights, 1))
    con.executemany(fts_config, [("hashsize", 1 << 20), ("automerge", 4)])  # FTS5 defaults
    # After the indexes: each AO's portfolio is read through the officer index.
    insert_demo_activities(con, seed, today)
    insert_demo_applications(con, seed, today)
    insert_demo_problems(con, seed, today)
    insert_demo_portfolio(con, seed, today)
    insert_demo_targets(con, seed, today)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("PRAGMA optimize")
    return len(staff)


def generate_demo_database(
    path: Path,
    clients: int,
    seed: int = 2026,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Create a new demo database at `path` with `clients` clients; see the module doc.

    `progress(done, total)` is called after every batch: `done` counts clients while they
    are inserted, then the final indexing adds up to `total` (clients + clients // 4).
    `today` (default: the current date) anchors the dates; pass it to reproduce a file.
    Raises DatabaseRefused when `path` already holds data, DemoCancelled when stopped.
    """
    path = Path(path)
    if clients < 0:
        raise ValueError("clients must be >= 0")
    if path.exists() and (path.is_dir() or path.stat().st_size > 0):
        raise DatabaseRefused(
            _(
                "Berkas {p} sudah ada. Data demo hanya dibuat di berkas baru, supaya data yang "
                "sudah ada tidak tertimpa."
            ).format(p=path)
        )
    today = today or date.today()
    total = clients + clients // FINISH_SHARE
    started = time.perf_counter()

    def report(done: int) -> None:
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise DemoCancelled(
                _("Pembuatan data demo dibatalkan; berkas {p} dihapus.").format(p=path)
            )

    db = None
    try:
        db = open_database(path, create=True)
        journal = "delete" if db.shared else "wal"  # what open_database chose
        db.read_engine.dispose()  # the journal mode only changes with no other connection
        raw = db.write_engine.raw_connection()
        try:
            con: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            # A new file: nothing to protect until COMMIT, and a failure deletes it.
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("PRAGMA synchronous = OFF")
            con.execute("PRAGMA cache_size = -65536")
            staff = _load(con, clients, seed, today, report)
            con.execute(f"PRAGMA journal_mode = {journal}")
            con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA cache_size = -32000")
        finally:
            raw.close()
    except BaseException:
        if db is not None:
            db.close()
        _remove(path)
        raise
    db.close()
    if progress is not None:
        progress(total, total)
    return DemoSummary(path, clients, staff, time.perf_counter() - started)


def _settings_of(path: Path) -> dict[str, str]:
    try:
        # Not mode=ro: a read-only connection would leave the WAL's -wal and -shm behind.
        con = sqlite3.connect(path)
        try:
            return dict(con.execute("SELECT key, value FROM settings WHERE key LIKE 'demo%'"))
        finally:
            con.close()
    except sqlite3.Error:
        return {}


def open_demo_database(seed: int = 2026, clients: int = 2000) -> Path:
    """Path of a demo database with this seed and size, generated once and then reused.

    It lives in the data folder's `demo` subfolder, never at the real database's path. It
    is built under a temporary name and renamed when complete, so a crash or a second
    window never sees half a file.
    """
    folder = data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{seed}-{clients}.sqlite"
    if path.exists():
        found = _settings_of(path)
        if (found.get("demo_seed") == str(seed) and found.get("demo_clients") == str(clients)
                and found.get("demo_schema") == str(SCHEMA_VERSION)):
            return path
        _remove(path)  # stale or broken: our own cache file, safe to rebuild
    temp = folder / f".demo-{seed}-{clients}-{os.getpid()}.tmp"
    _remove(temp)
    try:
        generate_demo_database(temp, clients, seed)
        os.replace(temp, path)
    finally:
        _remove(temp)
    return path
