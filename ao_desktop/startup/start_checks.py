"""Start-up care of the database, wired by app.py: the check before opening, the
restore a damaged database is offered, and the daily backup after opening.

The full quick_check reads the whole file, so it runs only when `needs_full_check` says
so (after an unclean exit, weekly, the first time on this PC); what this PC remembers
per database lives in a small JSON file in the user's data folder (`check_state_file`):
a database on a shared drive is opened by several PCs, each with its own exits. Runs on
background threads (never the GUI thread).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import DatabaseDamaged
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.maintenance.check_schedule import CheckState, needs_full_check

log = logging.getLogger(__name__)
_opened: set[Path] = set()  # databases this process marked open; cleared at a clean exit
_opened_lock = threading.Lock()


def check_state_file(path: Path) -> Path:
    """Where this PC keeps the CheckState of the database at `path` (one file each)."""
    from ao_desktop.storage.location import data_dir

    key = str(path.resolve())
    key = key.lower() if os.name == "nt" else key  # one file per database, however spelled
    return data_dir() / "start-checks" / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".json")


def read_check_state(path: Path) -> CheckState | None:
    """The remembered state; None when there is none or it cannot be read (then the full
    check runs: an unreadable note is no proof of a clean exit)."""
    try:
        raw = json.loads(check_state_file(path).read_text(encoding="utf-8"))
        full, since = raw.get("last_full_check"), raw.get("open_since")
        return CheckState(datetime.fromisoformat(full) if full else None,
                          datetime.fromisoformat(since) if since else None)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def write_check_state(path: Path, state: CheckState) -> None:
    """Remember `state` (written whole, then moved into place); a failure is logged and
    only means the next start runs the full check."""
    target = check_state_file(path)
    data = {"database": str(path),
            "last_full_check": state.last_full_check.isoformat() if state.last_full_check else None,
            "open_since": state.open_since.isoformat() if state.open_since else None}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        temp.replace(target)
    except OSError:
        log.warning("could not remember the start-up check of %s", path, exc_info=True)


def mark_clean_exit() -> None:
    """The app is closing in order: the databases it opened need no full check next time
    (unless a week has passed). Called by app.py after the event loop ends."""
    with _opened_lock:
        paths = list(_opened)
        _opened.clear()
    for path in paths:
        state = read_check_state(path)
        if state is not None:
            write_check_state(path, CheckState(state.last_full_check, None))


def check_before_open(path: Path, now: datetime | None = None) -> None:
    """Raise DatabaseDamaged (with the newest good backup) when SQLite's quick check finds
    damage; the quick check runs only when `needs_full_check` says so, otherwise the
    header check alone (open_database then checks the application id and schema
    version). A missing file is a new database; a file that is not SQLite at all is left
    for open_database to refuse."""
    from ao_desktop.domain.maintenance.backup import parse_backup_name
    from ao_desktop.storage.maintenance.backup import backup_folder_for, newest_good_backup
    from ao_desktop.storage.maintenance.db_check import quick_check
    from ao_desktop.storage.sqlite_file import is_sqlite_file

    if not path.is_file() or path.stat().st_size == 0 or not is_sqlite_file(path):
        return
    now = now or datetime.now().replace(microsecond=0)
    state = read_check_state(path)
    full = needs_full_check(state, now)
    last_full = state.last_full_check if state is not None else None
    # Marked open before the check: a crash from here on counts as an unclean exit.
    write_check_state(path, CheckState(last_full, now))
    with _opened_lock:
        _opened.add(path)
    if not full:
        return
    if quick_check(path):
        write_check_state(path, CheckState(now, now))
        return
    with _opened_lock:
        _opened.discard(path)  # a damaged file is never marked clean: checked in full again
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
