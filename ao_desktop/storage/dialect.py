"""What really differs between SQLite and PostgreSQL, in one place (#18).

Migrations, repositories and services call these helpers instead of writing
engine-specific SQL themselves. So far this holds what the migrations need: the
client search index (FTS5 trigram on SQLite, pg_trgm GIN indexes on PostgreSQL), the
planner statistics refresh and the insert-if-missing of a setting.
"""

from __future__ import annotations

from typing import Any

from ao_desktop.storage.clients import search_index

# The texts the PostgreSQL trigram indexes cover; lower() because ILIKE over pg_trgm
# uses the index case-insensitively only when the indexed text is folded the same way.
_PG_SEARCH_INDEXES = {
    "ix_clients_trgm_name": "lower(full_name)",
    "ix_clients_trgm_business": "lower(business_name)",
    "ix_clients_trgm_nik": "nik",
    "ix_clients_trgm_phones": "(mobile || ' ' || landline)",
}


def is_sqlite(bind: Any) -> bool:
    """`bind`: a Connection or Engine."""
    return str(bind.dialect.name) == "sqlite"


def create_search_index(bind: Any) -> None:
    """The client search index and what keeps it in sync with the clients table."""
    if is_sqlite(bind):
        bind.exec_driver_sql(search_index.CREATE_FTS)
        for trigger in search_index.TRIGGERS:
            bind.exec_driver_sql(trigger)
        return
    # Indexes follow the rows by themselves: no triggers, no shadow table.
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


def insert_setting_if_missing(bind: Any, key: str, value: str) -> None:
    """A setting's first value; an existing one (the user's choice) is kept."""
    # ON CONFLICT DO NOTHING is understood by both engines (SQLite since 3.24).
    bind.exec_driver_sql(
        "INSERT INTO settings (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING"
        if not is_sqlite(bind) else
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (key, value))
