"""Many clients at once, inside the caller's write transaction: the client import.

Rows go in by `executemany` in batches on the transaction's own connection, with ids
given here (the write lock is held, so nobody else can take them), and a status-history
row per client (monthly reports count those), copied over in one statement at the end.
The audit log gets one row for the whole import (who, when, which file, which ids); each
client row carries its creator and time. When the import is large next to what is
stored, the secondary indexes and the search triggers are dropped for the load and
rebuilt before the caller commits (sorting once is much cheaper than updating 17 indexes
per row); a failure or a cancel rolls all of that back with the data, because SQLite's
DDL is transactional.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.consent import channels_to_column
from ao_desktop.domain.clients.enums import ConsentChannel
from ao_desktop.domain.clients.names import name_search_key
from ao_desktop.storage import dialect
from ao_desktop.storage.clients.client_mapping import client_values, tags_to_column
from ao_desktop.storage.models import ClientRow

BATCH = 5_000
# Rebuild instead of update when at least this many rows come in and the stored rows are
# not more than REBUILD_RATIO times as many: measured, 100k rows go into 100k stored ones
# in ~4 s by rebuilding against ~20 s row by row (17 indexes with random keys each).
REBUILD_MIN_ROWS = 20_000
REBUILD_RATIO = 10

_VALUE_COLUMNS = tuple(client_values(Client(full_name="x")).keys())
_COLUMNS = (
    "id", *_VALUE_COLUMNS, "status", "archived", "version", "created_at", "updated_at", "updated_by",
)  # fmt: skip
_INSERT_CLIENT = (
    f"INSERT INTO clients ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)
# The status history of the new clients in one statement after they are in: SQLite
# copies their status over without 100,000 Python tuples (~0.4 s at 100,000 rows).
_INSERT_HISTORY = (
    "INSERT INTO client_status_history (client_id, status, changed_at, changed_by, note) "
    "SELECT id, status, ?, ?, '' FROM clients WHERE id >= ? ORDER BY id"
)
_INSERT_AUDIT = (
    "INSERT INTO audit_log (table_name, row_id, action, actor, at, details) "
    "VALUES ('clients', ?, 'import', ?, ?, ?)"
)
# Appending keeps these cheap (their keys grow with the id or the time); the rest are
# rebuilt after a large load.
_KEEP_INDEXES = frozenset({
    "ix_client_status_history_client_id", "ix_client_status_history_changed_at",
    "ix_clients_updated", "ix_audit_log_row",
})  # fmt: skip


def _stamp(value: datetime) -> str:
    # The text SQLAlchemy's DateTime stores on SQLite (sqlite3's own adapters are
    # deprecated), so rows written here read back like any other.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _row(client_id: int, c: Client, actor: str, now: str,
         channels: dict[tuple[ConsentChannel, ...], str] | None = None) -> tuple[object, ...]:
    """One clients row in `_COLUMNS` order; the hot loop of an import, hence spelled out
    (tests/storage/clients/test_client_bulk.py checks it against client_values). Enum
    values are read as `_value_` (the `.value` property costs a descriptor call each,
    eight per row), and the consent channels, a handful of combinations in a whole
    import, go through `channels`, a cache of their column text (~0.2 s of 0.45 s at
    100,000 rows)."""
    a = c.address
    birth = c.birth_date
    given, withdrawn = c.consent_given_on, c.consent_withdrawn_on
    sex = c.sex
    consent = c.consent_channels
    if channels is None:
        column = channels_to_column(consent)
    else:
        column = channels.get(consent)
        if column is None:
            column = channels[consent] = channels_to_column(consent)
    return (
        client_id, c.kind._value_, c.full_name, name_search_key(c.full_name), c.business_name,
        c.nik, c.nib, c.npwp, birth.isoformat() if birth else None,
        sex._value_ if sex else None, c.mobile, c.landline, a.street, a.kelurahan,
        a.kecamatan, a.city, a.province, a.postal_code, c.occupation, int(c.monthly_income),
        int(c.monthly_obligations), c.lead_source._value_, c.referrer_id, c.refusal_reason,
        c.officer_id, tags_to_column(c.tags), c.notes, bool(c.consent_contact),
        given.isoformat() if given else None, c.consent_purpose._value_,
        column, withdrawn.isoformat() if withdrawn else None,
        c.consent_withdrawal_reason,
        c.status._value_, False, 1, now, now, actor,
    )  # fmt: skip


def insert_clients(
    session: Session,
    clients: Sequence[Client],
    actor: str,
    now: datetime,
    details: dict[str, object] | None = None,
    on_batch: Callable[[int], None] | None = None,
    *,
    audit: bool = True,
) -> list[int]:
    """Insert `clients` (already validated) and return their new ids, in order.
    `audit=False`: the caller records the batch itself (the import service's one entry
    with merges and row ids), so there is no second entry for the same batch.

    `details` goes into the import's audit row (e.g. the file and sheet). `on_batch(done)`
    runs after every batch; raising from it (a cancel) aborts, and the caller's rollback
    undoes everything.
    """
    if not clients:
        return []
    stored = session.execute(select(ClientRow.id).order_by(ClientRow.id.desc()).limit(1)).scalar()
    first_id = (stored or 0) + 1
    stored_count = session.query(ClientRow).count() if stored else 0
    con = dialect.raw_connection(session)
    rebuild = len(clients) >= REBUILD_MIN_ROWS and len(clients) * REBUILD_RATIO >= stored_count
    dropped = dialect.suspend_client_indexes(con, _KEEP_INDEXES) if rebuild else []
    stamp = _stamp(now)
    ids = list(range(first_id, first_id + len(clients)))
    channels: dict[tuple[ConsentChannel, ...], str] = {}
    for start in range(0, len(clients), BATCH):
        chunk = clients[start : start + BATCH]
        chunk_ids = ids[start : start + BATCH]
        con.executemany(
            _INSERT_CLIENT,
            [_row(i, c, actor, stamp, channels) for i, c in zip(chunk_ids, chunk, strict=True)],
        )
        if on_batch is not None:
            on_batch(start + len(chunk))
    con.execute(_INSERT_HISTORY, (stamp, actor, first_id))
    if rebuild:
        dialect.resume_client_indexes(con, dropped, first_id)
    dialect.after_explicit_ids(con, "clients")
    if audit:
        entry = {**(details or {}), "clients": len(ids), "first_id": ids[0], "last_id": ids[-1]}
        con.execute(_INSERT_AUDIT, (ids[0], actor, stamp, json.dumps(entry, ensure_ascii=False)))
    return ids
