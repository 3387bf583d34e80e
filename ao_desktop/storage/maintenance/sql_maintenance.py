"""SqlMaintenance: the maintenance port (services/maintenance.py) for an SQLite file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ao_desktop.domain.maintenance.backup import BackupInfo, BackupKind, CheckReport
from ao_desktop.storage.maintenance import backup as backups
from ao_desktop.storage.maintenance.db_check import check_database


class SqlMaintenance:
    """Backup, restore and check of one database file.

    `close_database` is called after the backup to restore was checked and before the
    file is replaced: the app passes its Database.close so its own connections let go;
    `reopen_database` (Database.hold_in_use_again) when the restore was refused after all.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        close_database: Callable[[], None] | None = None,
        reopen_database: Callable[[], None] | None = None,
        backup_folder: Path | None = None,
    ) -> None:
        self._path = Path(db_path)
        self._close = close_database
        self._reopen = reopen_database
        self._folder = backup_folder

    @property
    def database_path(self) -> Path:
        return self._path

    @property
    def backup_folder(self) -> Path:
        return self._folder or backups.backup_folder_for(self._path)

    def backup_now(
        self, progress: backups.Progress | None = None, cancelled: backups.Cancelled | None = None
    ) -> BackupInfo:
        return backups.take_backup(
            self._path,
            BackupKind.MANUAL,
            folder=self.backup_folder,
            progress=progress,
            cancelled=cancelled,
        )

    def restore(self, backup: Path) -> Path | None:
        backups.verify_backup(backup)  # refused before the app lets go of its database
        if self._close is not None:
            self._close()
        try:
            return backups.restore_backup(backup, self._path)
        except BaseException:
            if self._reopen is not None:  # refused (in use elsewhere): the app carries on
                self._reopen()
            raise

    def check(self) -> CheckReport:
        return check_database(self._path)

    def list_backups(self) -> list[BackupInfo]:
        return backups.list_backups(self.backup_folder)
