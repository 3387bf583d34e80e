"""What really differs between SQLite and PostgreSQL, in one place (#18).

Migrations, repositories and services call these helpers instead of writing
engine-specific SQL themselves:

- the client search: FTS5 trigram on SQLite (a virtual table joined by rowid), pg_trgm
  GIN indexes on PostgreSQL (ILIKE over the same texts), same hits and order;
- locking: BEGIN IMMEDIATE on SQLite (engine.py); on PostgreSQL a write transaction takes
  the database's write lock (a transaction-level advisory lock) at its start, so a read
  that decides a write is never overtaken, and edits keep their row versions;
- upserts and insert-if-missing, planner statistics, the schema stamp, the raw DB-API
  connection bulk loads write through (parameter style) and the id sequences after rows
  inserted with their ids;
- the audit log's append-only triggers (RAISE(ABORT) on SQLite, a plpgsql function
  raising an exception on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Integer, and_, literal_column, not_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from ao_desktop.storage.clients import search_index

# One text per row for the search, columns apart by a character nobody types, so a
# word never matches across two columns (FTS5 keeps columns apart too).
_SEP = "E'\\x1f'"
_PG_SEARCH_TEXT = (
    "(clients.full_name || {s} || clients.business_name || {s} || clients.nik || {s} || "
    "{phones} || {s} || {address})"
).format(s=_SEP, phones=search_index.PHONES.format(r="clients"),
         address=search_index.ADDRESS.format(r="clients"))
_PG_NAME_TEXT = f"(clients.full_name || {_SEP} || clients.business_name)"
_PG_SEARCH_INDEXES = {
    "ix_clients_trgm_search": _PG_SEARCH_TEXT,
    "ix_clients_trgm_names": _PG_NAME_TEXT,
}
# The client search's indexes on PostgreSQL, by name (`check` looks for them).
PG_SEARCH_INDEX_NAMES = tuple(_PG_SEARCH_INDEXES)
# Any constant both sides agree on: the key of PostgreSQL's advisory write lock.
_WRITE_LOCK_KEY = 0x414F4453


@compiles(Integer, "postgresql")
def _integer_is_64_bit(_type: Integer, _compiler: Any, **_kw: Any) -> str:
    """An INTEGER holds 64 bits on SQLite (whole Rupiah, a plafond of billions);
    PostgreSQL's INTEGER holds 32, so the same migrations' columns and the values bound
    to them say BIGINT there. (Primary keys stay SERIAL: ids never reach two billion.)
    SQLAlchemy's own full reflection then stumbles on one catalog query: server_copy
    reads columns from information_schema instead."""
    return "BIGINT"


def load_whole_numbers_as_int(dbapi_connection: Any) -> None:
    """PostgreSQL's SUM over BIGINT answers NUMERIC (Decimal in Python) where SQLite
    answers an int: whole numbers come back as int on both engines; fractions (AVG)
    stay Decimal."""
    from psycopg.types.numeric import NumericLoader

    class WholeNumericLoader(NumericLoader):
        def load(self, data: Any) -> Any:
            value = super().load(data)
            exponent = value.as_tuple().exponent
            return int(value) if isinstance(exponent, int) and exponent >= 0 else value

    dbapi_connection.adapters.register_loader("numeric", WholeNumericLoader)


def is_sqlite(bind: Any) -> bool:
    """`bind`: a Connection, Engine or Session."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    return str(bind.dialect.name) == "sqlite"


def has_table(conn: Any, name: str) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table(name))


# --- the schema ---------------------------------------------------------------------------
def create_search_index(bind: Any) -> None:
    """The client search index and what keeps it in sync with the clients table."""
    if is_sqlite(bind):
        bind.exec_driver_sql(search_index.CREATE_FTS)
        for trigger in search_index.TRIGGERS:
            bind.exec_driver_sql(trigger)
        return
    # Expression indexes follow the rows by themselves: no triggers, no shadow table.
    bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in _PG_SEARCH_INDEXES.items():
        bind.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {name} ON clients USING gin ({expression} gin_trgm_ops)")


def drop_search_index(bind: Any) -> None:
    if is_sqlite(bind):
        for statement in search_index.DROP:
            bind.exec_driver_sql(statement)
        return
    for name in _PG_SEARCH_INDEXES:
        bind.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def refresh_statistics(bind: Any) -> None:
    """Refresh the planner's statistics where stale ones would mislead it.

    SQLite: only when some exist (sqlite_stat1), since statistics for some indexes but
    not new ones make it sort a million rows through the wrong index. PostgreSQL keeps
    its own up to date (autovacuum); ANALYZE is cheap and harmless."""
    if is_sqlite(bind):
        has_stats = bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        ).first()
        if not has_stats:
            return
    bind.exec_driver_sql("ANALYZE")


def stamp_file(conn: Any, application_id: int, schema_version: int) -> None:
    """SQLite: the application id and schema version in the file header (older apps and
    foreign tools read them). PostgreSQL: the Alembic revision says it all."""
    if is_sqlite(conn):
        conn.exec_driver_sql(f"PRAGMA application_id = {application_id}")
        conn.exec_driver_sql(f"PRAGMA user_version = {schema_version}")


_SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
_PG_APPEND_ONLY = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
)


def make_audit_append_only(bind: Any) -> None:
    """Triggers refusing every UPDATE and DELETE on audit_log: RAISE(ABORT) on SQLite, a
    plpgsql function raising an exception on PostgreSQL."""
    for statement in _SQLITE_APPEND_ONLY if is_sqlite(bind) else _PG_APPEND_ONLY:
        bind.exec_driver_sql(statement)


def drop_audit_append_only(bind: Any) -> None:
    if is_sqlite(bind):
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        return
    bind.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
    bind.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete ON audit_log")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS audit_log_append_only()")


# --- writes ---------------------------------------------------------------------------------
def _params(bind: Any, sql: str) -> str:
    """`?` placeholders as the driver wants them (psycopg: %s, with % itself doubled)."""
    return sql if is_sqlite(bind) else sql.replace("%", "%%").replace("?", "%s")


def execute(bind: Any, sql: str, params: Sequence[Any] = ()) -> Any:
    """exec_driver_sql with `?` placeholders on both engines."""
    return bind.exec_driver_sql(_params(bind, sql), tuple(params))


def insert_setting_if_missing(bind: Any, key: str, value: str) -> None:
    """A setting's first value; an existing one (the user's choice) is kept."""
    bind.exec_driver_sql(_params(bind, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO NOTHING"), (key, value))


def upsert_setting(bind: Any, key: str, value: str) -> None:
    bind.exec_driver_sql(_params(bind, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                         (key, value))


def begin_write(conn: Any) -> None:
    """PostgreSQL's stand-in for BEGIN IMMEDIATE: the database's write lock for the rest
    of the transaction, taken before any read, so a read that decides a write (the next
    letter number, a duplicate NIK, a version check) is never overtaken by a colleague.
    Released by COMMIT or ROLLBACK; stale edits are still refused by their row version."""
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK_KEY})")


class RawConnection:
    """The transaction's own DB-API connection for bulk work, with `?` placeholders on
    both engines (execute, executemany, fetches through the returned cursor)."""

    def __init__(self, session: Session) -> None:
        self.sqlite = is_sqlite(session)
        self.driver = session.connection().connection.driver_connection

    def _sql(self, sql: str) -> str:
        return sql if self.sqlite else sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.sqlite:
            return self.driver.execute(sql, params)
        cur = self.driver.cursor()
        cur.execute(self._sql(sql), params or None)
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.sqlite:
            self.driver.executemany(sql, rows)
            return
        with self.driver.cursor() as cur:
            cur.executemany(self._sql(sql), list(rows))


def raw_connection(session: Session) -> RawConnection:
    return RawConnection(session)


def after_explicit_ids(raw: RawConnection, table: str) -> None:
    """After rows went in with ids given by us: PostgreSQL's id sequence moves past them
    (SQLite takes max(rowid) + 1 by itself)."""
    if not raw.sqlite:
        raw.execute(_SETVAL.format(t=table))


_SETVAL = ("SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
           "coalesce((SELECT max(id) FROM {t}), 0) + 1, false) "
           "WHERE pg_get_serial_sequence('{t}', 'id') IS NOT NULL")


def move_id_sequence(conn: Any, table: str) -> None:
    """after_explicit_ids for a SQLAlchemy Connection."""
    if not is_sqlite(conn):
        conn.exec_driver_sql(_SETVAL.format(t=table))


def suspend_client_indexes(raw: RawConnection, keep: frozenset[str]) -> list[tuple[str, str]]:
    """Before a big client load on SQLite: the search triggers and the secondary indexes
    (but `keep`) dropped, to be rebuilt once afterwards (transactional DDL: a failure
    rolls them back). PostgreSQL's GIN and B-tree indexes take the rows as they come."""
    if not raw.sqlite:
        return []
    for statement in search_index.DROP[:3]:  # the triggers, not the table
        raw.execute(statement)
    dropped = [(n, s) for n, s in raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('clients', 'client_status_history', 'audit_log') ORDER BY name"
    ).fetchall() if n not in keep]
    for name, _sql in dropped:
        raw.execute(f'DROP INDEX "{name}"')
    return dropped


def resume_client_indexes(raw: RawConnection, dropped: list[tuple[str, str]], first_id: int) -> None:
    """After the load: what suspend_client_indexes dropped, and the new rows indexed."""
    if not raw.sqlite:
        return
    config = "INSERT INTO client_fts(client_fts, rank) VALUES (?, ?)"
    raw.execute("PRAGMA threads = 2")  # sorter helper threads for CREATE INDEX
    for _name, sql in dropped:
        raw.execute(sql)
    # A big in-memory buffer for the load (fewer, larger segments), then the defaults.
    raw.executemany(config, [("hashsize", 64 << 20), ("automerge", 0)])
    raw.execute(search_index.REBUILD[1] + " WHERE c.id >= ?", (first_id,))
    raw.executemany(config, [("hashsize", 1 << 20), ("automerge", 4)])
    for statement in search_index.TRIGGERS:
        raw.execute(statement)


# --- the client search --------------------------------------------------------------------
def unindexed(bind: Any, column: Any) -> Any:
    """`column` in a WHERE such that SQLite's planner will not pick its index (unary +);
    PostgreSQL's planner weighs its statistics and needs no such hint."""
    if is_sqlite(bind):
        return literal_column(f"+{column.table.name}.{column.name}")
    return column


# How many of the newest clients a search on PostgreSQL walks first (newest_page).
NEWEST_WINDOW = 10000


def newest_page(session: Session, stmt: Any, newest_first: list[Any], id_column: Any,
                offset: int, limit: int) -> list[Any]:
    """The rows of `stmt` in `newest_first` order (search_row_id descending), from
    `offset`: one page. `id_column` is the clients' id.

    SQLite walks its search index in row id order and stops at the page. PostgreSQL's
    trigram indexes hand over every hit unordered: for a common name ("Sina": 33,000 of
    1M clients) it visits every hit's row to sort them (~250 ms). So it first walks the
    newest NEWEST_WINDOW clients backwards, stopping at the page; when those hold a whole
    page it is the page (every id in the window comes before every id outside it), else
    the full query answers (few hits among the newest: few in all, cheap anyway).
    1M clients, 690 typed queries: p95 from 189 ms to 36 ms."""
    ordered = stmt.order_by(*newest_first)
    if not is_sqlite(session) and limit > 0:
        from sqlalchemy import func, select, text

        top = session.execute(select(func.max(id_column))).scalar()
        if top is not None and top > NEWEST_WINDOW:
            window = ordered.where(id_column > top - NEWEST_WINDOW).offset(offset).limit(limit)
            # Walk the newest ids backwards and stop at the page, as SQLite does; the
            # planner, misjudging how many rows match a trigram pattern, would visit them all.
            session.execute(text("SET LOCAL enable_bitmapscan = off"))
            try:
                rows = list(session.execute(window))
            finally:
                session.execute(text("SET LOCAL enable_bitmapscan = on"))
            if len(rows) == limit:
                return rows
    return list(session.execute(ordered.offset(offset).limit(limit)))


def _like_pattern(text: str, *, word_start: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{' ' if word_start else ''}{escaped}%"


def search_row_id(bind: Any) -> Any:
    """The search index's row id (the client's id): "newest first" is its descending order."""
    from sqlalchemy import Integer, column, table

    if is_sqlite(bind):
        return table("client_fts", column("rowid", Integer)).c.rowid
    return table("clients", column("id", Integer)).c.id


def client_search(bind: Any, source: Any, clients: Any, text: str,
                  word_start: bool | None = None) -> tuple[Any, ColumnElement[bool], Any]:
    """The clients whose indexed texts hold every word of `text` (words of 3 characters
    or more; the caller checks search_index.search_words first).

    `word_start`: True keeps only names or business names with a word (after the first)
    starting with the text, False only the others, None either. Returns the FROM clause
    (joined with the search index where it is a table), the condition, and the column
    whose descending order is "newest first"."""
    if is_sqlite(bind):
        from sqlalchemy import Integer, column, table
        from sqlalchemy import text as sql_text

        from ao_desktop.storage.clients.cross_join import CrossJoin

        fts = table("client_fts", column("rowid", Integer))
        match = search_index.match_expression(text)
        if word_start is not None:
            words = search_index.word_start_expression(text)
            match = f"({match}) {'AND' if word_start else 'NOT'} {words}"
        # Join (not IN): SQLite then streams index hits in rowid order and can stop at
        # LIMIT instead of materialising and sorting every hit.
        joined = CrossJoin(fts, source, clients.c.id == fts.c.rowid)
        return joined, sql_text("client_fts MATCH :m").bindparams(m=match), fts.c.rowid
    everything = literal_column(_PG_SEARCH_TEXT)
    condition: ColumnElement[bool] = and_(*[
        everything.ilike(_like_pattern(w), escape="\\") for w in search_index.search_words(text) or ()])
    if word_start is not None:
        phrase = " ".join(text.split())
        starts = literal_column(_PG_NAME_TEXT).ilike(_like_pattern(phrase, word_start=True), escape="\\")
        condition = and_(condition, starts if word_start else not_(starts))
    return source, condition, clients.c.id
