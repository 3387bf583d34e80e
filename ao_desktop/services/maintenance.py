"""Keeping the database safe: back up now, restore a backup, check the file.

The operations are a port: storage implements them (`SqlMaintenance`) and app.py hands
the implementation to the UI in its context, so neither the UI nor services import
storage. Each call may take a while; the UI runs them off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.maintenance.backup import BackupInfo, CheckReport

Progress = Callable[[int, int], None]  # (done, total): pages copied so far, pages in all
Cancelled = Callable[[], bool]  # polled between steps; True stops the work


class MaintenancePort(Protocol):
    @property
    def database_path(self) -> Path: ...

    @property
    def backup_folder(self) -> Path:
        """Where this database's backups are kept (on this PC, also for a shared one)."""
        ...

    def backup_now(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> BackupInfo:
        """A manual backup (never pruned), checked before it counts.

        Raises OperationCancelled, BackupFailed or DatabaseRefused."""
        ...

    def restore(self, backup: Path) -> Path | None:
        """Replace the database with `backup` after checking it; returns where the previous
        database was kept (never deleted). The app must reopen the database afterwards.

        Raises DatabaseRefused (nothing changed) when the backup is not a sound AO Desktop
        database."""
        ...

    def check(self) -> CheckReport: ...

    def list_backups(self) -> list[BackupInfo]:
        """This database's backups, newest first."""
        ...


# Backup and restore by hand are an admin's: the role is checked here, whatever the menu
# shows (the daily automatic backup at start-up is the app's own and runs for everyone).


def back_up_now(port: MaintenancePort, actor: Actor, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> BackupInfo:
    """A manual backup of the open database, for an admin."""
    require(actor, Action.MANAGE_BACKUPS)
    return port.backup_now(progress=progress, cancelled=cancelled)


def restore_backup(port: MaintenancePort, backup: Path, actor: Actor) -> Path | None:
    """Replace the database with `backup` (admins); where the previous one was kept."""
    require(actor, Action.MANAGE_BACKUPS)
    return port.restore(backup)


def list_backups(port: MaintenancePort, actor: Actor) -> list[BackupInfo]:
    """The backups an admin may restore from, newest first."""
    require(actor, Action.MANAGE_BACKUPS)
    return port.list_backups()
