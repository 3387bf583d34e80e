"""Backups with SQLite's online backup API, checked before they count, and restore.

- A backup is copied page by page by SQLite itself (never a file copy, which could catch
  a half-written transaction), written under a temporary name, checked with
  integrity_check and only then renamed to its final name: a backup that exists is good.
- The copy is one consistent snapshot even while colleagues write (sqlite_copy.py).
- Backups always go to this PC's data folder, also for a shared database on the branch
  drive: a backup on the same share would be lost with it.
- Restore checks the backup first, keeps the current database (and its journal files)
  aside under a new name and never deletes it, then puts the backup in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import BackupFailed, DatabaseRefused, OperationCancelled
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.maintenance.backup import (
    KEEP_DAILY,
    KEEP_DAILY_SETTING,
    KEEP_MONTHLY,
    KEEP_MONTHLY_SETTING,
    KEEP_PRE_MIGRATION,
    BackupInfo,
    BackupKind,
    backup_name,
    backups_to_prune,
    parse_backup_name,
)
from ao_desktop.storage.in_use import exclusive_use
from ao_desktop.storage.location import (
    DEFAULT_DB_NAME,
    PRIVATE_FOLDER_MODE,
    data_dir,
    private_folder,
)
from ao_desktop.storage.maintenance.db_check import (
    check_database,
    connect_read_only,
    integrity_problems,
    quick_check,
)
from ao_desktop.storage.maintenance.sqlite_copy import (
    Cancelled,
    CopyCancelled,
    Progress,
    copy_checked,
    remove_part,
    sweep_stale_parts,
    temp_beside,
)
from ao_desktop.storage.sqlite_file import (
    APPLICATION_ID,
    create_private_file,
    inspect_file,
    is_sqlite_file,
    refuse_unless_ours,
)

__all__ = [
    "backup_database",
    "backup_dir",
    "backup_folder_for",
    "check_database",
    "list_backups",
    "newest_good_backup",
    "prune_backups",
    "quick_check",
    "restore_backup",
    "run_scheduled_backup",
    "take_backup",
    "verify_backup",
]

log = logging.getLogger(__name__)

SIDECARS = ("-journal", "-wal", "-shm")


def backup_dir() -> Path:
    """The local folder of backups (created on demand), on this PC in every case."""
    return private_folder(data_dir() / "backups")


def backup_folder_for(db_path: Path) -> Path:
    """Where the backups of `db_path` go: the backup folder itself for the default
    database, a subfolder named for the database for any other (a shared one), so the
    backups of two databases are never mixed up, pruned together or restored crosswise."""
    db_path = Path(db_path)
    resolved = db_path.resolve()
    folder = backup_dir()
    if resolved == (data_dir() / DEFAULT_DB_NAME).resolve():
        return folder
    digest = hashlib.sha1(str(resolved).lower().encode("utf-8")).hexdigest()[:8]
    return private_folder(folder / f"{db_path.stem}-{digest}")


def backup_database(
    source: Path,
    dest: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupInfo:
    """Back up the AO Desktop database `source` to `dest` (replaced only when the new
    backup is complete and checked). Raises OperationCancelled, BackupFailed or
    DatabaseRefused; no partial file is ever left at `dest`."""
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise DatabaseRefused(_("Database {p} tidak ditemukan.").format(p=source))
    if dest.resolve() == source.resolve():
        raise BackupFailed(_("Cadangan tidak boleh ditulis ke berkas database itu sendiri."))
    state = inspect_file(source)  # refuses a foreign file before anything is written
    if state.application_id != APPLICATION_ID:
        raise DatabaseRefused(_("Berkas {p} bukan database AO Desktop.").format(p=source))
    sweep_stale_parts(dest.parent)
    temp = temp_beside(dest, "backup")
    started = time.perf_counter()
    try:
        copy_checked(source, temp, progress, cancelled)
        os.replace(temp, dest)
    except CopyCancelled:
        raise OperationCancelled(
            _("Pencadangan dibatalkan; tidak ada berkas yang ditulis.")
        ) from None
    except sqlite3.Error as exc:
        raise BackupFailed(_("Cadangan {p} gagal dibuat: {e}").format(p=dest, e=exc)) from exc
    except OSError as exc:
        raise BackupFailed(_("Cadangan {p} gagal ditulis: {e}").format(p=dest, e=exc)) from exc
    finally:
        remove_part(temp)
    size = dest.stat().st_size
    log.info("backup %s -> %s (%d bytes, %.2fs)", source, dest, size, time.perf_counter() - started)
    parsed = parse_backup_name(dest, size)
    return parsed or BackupInfo(
        dest, BackupKind.MANUAL, datetime.now().replace(second=0, microsecond=0), size
    )


def _free_path(folder: Path, taken_at: datetime, kind: BackupKind, detail: str) -> Path:
    n = 1
    while (path := folder / backup_name(taken_at, kind, detail, n)).exists():
        n += 1
    return path


def take_backup(
    db_path: Path,
    kind: BackupKind,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
    detail: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupInfo:
    """A backup of `db_path` named for its kind and time, in its backup folder."""
    folder = folder or backup_folder_for(db_path)
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)  # a folder of the user's: as it is
    dest = _free_path(folder, now or datetime.now(), kind, detail)
    return backup_database(db_path, dest, progress=progress, cancelled=cancelled)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (other files are ignored)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("ao-desktop-*.sqlite"):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        info = parse_backup_name(path, size)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def prune_backups(
    folder: Path,
    keep_daily: int = KEEP_DAILY,
    keep_monthly: int = KEEP_MONTHLY,
    keep_pre_migration: int = KEEP_PRE_MIGRATION,
) -> list[Path]:
    """Delete the automatic backups beyond what is kept (never a manual one) and partial
    files a crash left behind; returns the deleted backups."""
    deleted = []
    for info in backups_to_prune(
        list_backups(folder), keep_daily, keep_monthly, keep_pre_migration
    ):
        try:
            info.path.unlink()
            deleted.append(info.path)
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", info.path, exc)
    sweep_stale_parts(folder)
    if deleted:
        log.info("pruned %d old backups in %s", len(deleted), folder)
    return deleted


def retention(db_path: Path) -> tuple[int, int]:
    """(daily, monthly) backups to keep: the database's settings, else 14 and 12."""
    keep = {KEEP_DAILY_SETTING: KEEP_DAILY, KEEP_MONTHLY_SETTING: KEEP_MONTHLY}
    try:
        con = connect_read_only(db_path)
        try:
            rows = con.execute(
                "SELECT key, value FROM settings WHERE key IN (?, ?)",
                (KEEP_DAILY_SETTING, KEEP_MONTHLY_SETTING),
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        rows = []
    for key, value in rows:
        if str(value).strip().isdigit() and int(value) >= 1:
            keep[key] = int(value)
    return keep[KEEP_DAILY_SETTING], keep[KEEP_MONTHLY_SETTING]


def run_scheduled_backup(
    db_path: Path, now: datetime | None = None, *, folder: Path | None = None
) -> BackupInfo | None:
    """The automatic backup: a daily one unless one was taken today, a monthly one with
    the first backup of a month, then old ones pruned. None when nothing was due."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    now = now or datetime.now()
    folder = folder or backup_folder_for(db_path)
    existing = list_backups(folder)
    daily: BackupInfo | None = None
    if not any(b.kind is BackupKind.DAILY and b.taken_at.date() == now.date() for b in existing):
        daily = take_backup(db_path, BackupKind.DAILY, folder=folder, now=now)
    month = (now.year, now.month)
    if not any(
        b.kind is BackupKind.MONTHLY and (b.taken_at.year, b.taken_at.month) == month
        for b in existing
    ):
        if daily is not None:  # the checked daily file is copied: no second read of the share
            dest = _free_path(folder, now, BackupKind.MONTHLY, "")
            temp = temp_beside(dest, "monthly")
            try:
                create_private_file(temp)
                shutil.copyfile(daily.path, temp)
                os.replace(temp, dest)
            finally:
                remove_part(temp)
        else:
            take_backup(db_path, BackupKind.MONTHLY, folder=folder, now=now)
    prune_backups(folder, *retention(db_path))
    return daily


def verify_backup(path: Path) -> None:
    """Refuse (DatabaseRefused) a file that is not a sound AO Desktop database."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseRefused(_("Berkas cadangan {p} tidak ditemukan.").format(p=path))
    state = inspect_file(path)  # foreign, not SQLite, or from a newer app: refused there
    if state.application_id != APPLICATION_ID or not state.has_tables:
        raise DatabaseRefused(
            _(
                "Berkas {p} bukan cadangan database AO Desktop; database sekarang tidak diubah."
            ).format(p=path)
        )
    con = connect_read_only(path)
    try:
        problems = integrity_problems(con)
    finally:
        con.close()
    if problems:
        raise DatabaseRefused(
            _("Berkas cadangan {p} rusak ({e}); database sekarang tidak diubah.").format(
                p=path, e="; ".join(problems[:3])
            )
        )


def _aside_path(target: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y-%m-%dT%H%M%S")
    n = 1
    while True:
        counter = f"-{n}" if n > 1 else ""
        aside = target.with_name(f"{target.stem}.before-restore-{stamp}{counter}.sqlite")
        if not any(Path(f"{aside}{s}").exists() for s in ("", *SIDECARS)):
            return aside
        n += 1


def _move_aside(target: Path, aside: Path) -> None:
    """Rename the database and its journal files together (a hot journal or a WAL must
    stay with its database); undo on failure so the database is never left half-moved."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", *SIDECARS):
            current = Path(f"{target}{suffix}")
            if current.exists():
                os.replace(current, Path(f"{aside}{suffix}"))
                moved.append((current, Path(f"{aside}{suffix}")))
    except OSError as exc:
        for current, new in reversed(moved):
            os.replace(new, current)
        raise DatabaseRefused(
            _(
                "Database {p} tidak dapat dipindahkan ({e}). Tutup AO Desktop "
                "(juga di komputer lain) lalu coba lagi; database tidak "
                "diubah."
            ).format(p=target, e=exc)
        ) from exc


def restore_backup(backup: Path, target: Path, *, now: datetime | None = None) -> Path | None:
    """Put `backup` in place of the database `target`; returns where the previous
    database was kept (None when there was none). The backup is checked first, copied
    beside the target with the backup API and checked again, and only then is the current
    file moved aside, so a failure at any step leaves the current database in place.
    Refused (DatabaseRefused, nothing changed) while another program or PC has the
    database open; the app closes its own connections first."""
    backup, target = Path(backup), Path(target)
    if target.exists() and backup.resolve() == target.resolve():
        raise DatabaseRefused(_("Cadangan dan database adalah berkas yang sama."))
    verify_backup(backup)
    if not target.parent.is_dir():
        raise DatabaseRefused(_("Folder {p} tidak ada.").format(p=target.parent))
    if target.is_file() and target.stat().st_size > 0:
        refuse_unless_ours(target)  # another application's file is never replaced
    with exclusive_use(target):  # nobody else has it open, and nobody opens it meanwhile
        return _swap_in(backup, target, now or datetime.now())


def _swap_in(backup: Path, target: Path, now: datetime) -> Path | None:
    sweep_stale_parts(target.parent)
    temp = temp_beside(target, "restore")
    try:
        try:
            copy_checked(backup, temp, None, None)
        except sqlite3.Error as exc:
            raise BackupFailed(
                _("Cadangan {p} tidak dapat disalin: {e}. Database sekarang tidak diubah.").format(
                    p=backup, e=exc
                )
            ) from exc
        aside = None
        if any(Path(f"{target}{s}").exists() for s in ("", *SIDECARS)):
            aside = _aside_path(target, now)
            _move_aside(target, aside)
        os.replace(temp, target)
    finally:
        remove_part(temp)
    log.info("restored %s from %s; previous database kept as %s", target, backup, aside)
    return aside


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup in `folder` that is an AO Desktop database passing quick_check."""
    for info in list_backups(folder):
        try:
            if not is_sqlite_file(info.path) or not quick_check(info.path):
                continue
            if inspect_file(info.path).application_id == APPLICATION_ID:
                return info.path
        except (DatabaseRefused, OSError):
            continue
    return None
