"""Applying Alembic migrations when a database is opened, then stamping the file with
the application id and schema version (so older apps refuse it and foreign tools see it)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ao_desktop.storage import dialect
from ao_desktop.storage.sqlite_file import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine


class OpenedFile(Protocol):
    """What a migration needs of an opened database (engine.Database has it), named
    here so that this module does not import the engine that calls it."""

    path: Path | None  # None: a database on a PostgreSQL server
    read_engine: Engine
    write_engine: Engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def backup_before_migration(db: OpenedFile) -> None:
    """A database with data (schema 1 or later) is backed up before it is migrated, to
    this PC's backup folder; a failed backup stops the migration (BackupFailed). A server
    database is the DBA's to back up (pg_dump on their schedule)."""
    if db.path is None:
        return
    with db.read_engine.connect() as conn:
        current = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
    if 1 <= current < SCHEMA_VERSION:
        from ao_desktop.domain.maintenance.backup import BackupKind, pre_migration_detail
        from ao_desktop.storage.maintenance.backup import take_backup

        info = take_backup(db.path, BackupKind.PRE_MIGRATION,
                           detail=pre_migration_detail(current, SCHEMA_VERSION))
        log.info("backed up %s before migrating it: %s", db.path, info.path)


def upgrade_to_head(db: OpenedFile) -> None:
    # Alembic costs ~0.2 s to import: only paid when the schema actually changes.
    from alembic import command

    backup_before_migration(db)
    cfg = alembic_config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        dialect.stamp_file(conn, APPLICATION_ID, SCHEMA_VERSION)
    log.info("database %s migrated to schema %d", db.path or "on the server", SCHEMA_VERSION)
