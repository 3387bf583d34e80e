"""Alembic environment: runs on the connection the app hands over, in batch mode
(SQLite cannot ALTER most things in place)."""

from __future__ import annotations

from alembic import context

from ao_desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev-migrations.sqlite"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    # The FTS5 table and its shadow tables are managed by hand in migrations.
    include_name=lambda name, type_, parent: (
        not (type_ == "table" and str(name).startswith("client_fts"))
    ),
)
with context.begin_transaction():
    context.run_migrations()
