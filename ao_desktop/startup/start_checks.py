"""Start-up care of the database, wired by app.py: the quick check before opening, the
restore a damaged database is offered, and the daily backup after opening.

Runs on background threads (never the GUI thread): quick_check reads the whole file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import DatabaseDamaged
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _

log = logging.getLogger(__name__)


def check_before_open(path: Path) -> None:
    """Raise DatabaseDamaged (with the newest good backup) when SQLite's quick check finds
    damage. A missing file is a new database; a file that is not SQLite at all is left
    for open_database to refuse."""
    from ao_desktop.domain.maintenance.backup import parse_backup_name
    from ao_desktop.storage.maintenance.backup import backup_folder_for, newest_good_backup
    from ao_desktop.storage.maintenance.db_check import quick_check
    from ao_desktop.storage.sqlite_file import is_sqlite_file

    if not path.is_file() or path.stat().st_size == 0 or not is_sqlite_file(path):
        return
    if quick_check(path):
        return
    backup = newest_good_backup(backup_folder_for(path))
    info = parse_backup_name(backup) if backup is not None else None
    taken_at = info.taken_at if info is not None else None
    log.error("database %s failed quick_check; newest good backup: %s", path, backup)
    raise DatabaseDamaged(
        _(
            "Database {p} rusak: pemeriksaan cepat SQLite menemukan kerusakan. Berkas ini "
            "tidak diubah."
        ).format(p=path),
        path,
        backup,
        taken_at,
    )


def start_check(path: Path) -> Callable[[], None]:
    """Start `check_before_open` on its own thread and return the call that waits for it
    (and raises what it raised). SQLite releases the GIL while it reads, so the check
    overlaps the imports that precede opening the database."""
    failure: list[BaseException] = []

    def work() -> None:
        try:
            check_before_open(path)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the waiting thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="quick-check", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if failure:
            raise failure[0]

    return wait


def damaged_question(error: DatabaseDamaged) -> str:
    """What the user is asked (or told, when there is no backup to offer)."""
    if error.backup is None:
        return _(
            "{e}\n\nTidak ada cadangan yang baik di komputer ini. Hubungi admin atau IT "
            "cabang; jangan hapus berkas database."
        ).format(e=error)
    when = format_datetime(error.backup_taken_at) if error.backup_taken_at else str(error.backup)
    return _(
        "{e}\n\nPulihkan dari cadangan terbaru ({w})? Database yang rusak disimpan di "
        "sampingnya dan tidak dihapus."
    ).format(e=error, w=when)


def restore_damaged(error: DatabaseDamaged) -> Path | None:
    """Put the newest good backup in place of the damaged database; returns where the
    damaged file was kept."""
    from ao_desktop.storage.maintenance.backup import restore_backup

    return restore_backup(Path(error.backup), Path(error.path))


def start_scheduled_backup(path: Path) -> threading.Thread:
    """The daily backup on its own thread: the window never waits for it, a failure is
    logged (the next start tries again)."""

    def work() -> None:
        from ao_desktop.storage.maintenance.backup import run_scheduled_backup

        try:
            info = run_scheduled_backup(path, datetime.now())
            if info is not None:
                log.info("daily backup written: %s", info.path)
        except Exception:  # noqa: BLE001 - a failed backup must not disturb the user's work
            log.exception("daily backup of %s failed", path)

    thread = threading.Thread(target=work, name="daily-backup", daemon=True)
    thread.start()
    return thread
