"""Copying an SQLite database with the online backup API into a new, checked file.

The copy reads one snapshot: in WAL mode a read transaction is held throughout (writers
carry on); in rollback-journal mode (a shared database) it copies in short steps so
colleagues are not blocked between steps, and holds the snapshot only when their writes
keep forcing SQLite to restart the copy.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from ao_desktop.domain.common.errors import BackupFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage.maintenance.db_check import connect_for_check, integrity_problems
from ao_desktop.storage.sqlite_file import create_private_file

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (pages copied, pages in all)
Cancelled = Callable[[], bool]

STEP_PAGES = 256  # 1 MB of 4 KB pages per step: frequent progress, short locks
MAX_RESTARTS = 2  # then hold one snapshot for the rest of the copy


class _Restarting(Exception):
    """Colleagues' writes made SQLite restart the stepwise copy too often."""


class CopyCancelled(Exception):
    """The caller's `cancelled()` said stop; the partial file is the caller's to delete."""


def _copy_pages(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    *,
    hold: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    last: int | None = None
    restarts = 0

    def step(_status: int, remaining: int, total: int) -> None:
        nonlocal last, restarts
        if cancelled is not None and cancelled():
            raise CopyCancelled
        if last is not None and remaining > last:  # SQLite started over: the source changed
            restarts += 1
            if not hold and restarts > MAX_RESTARTS:
                raise _Restarting
        last = remaining
        if progress is not None:
            progress(total - remaining, total)

    if hold:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
    try:
        src.backup(dst, pages=STEP_PAGES, progress=step, sleep=0)
    finally:
        if src.in_transaction:
            src.execute("ROLLBACK")


def copy_checked(
    source: Path, temp: Path, progress: Progress | None, cancelled: Cancelled | None
) -> None:
    """Copy `source` into the new file `temp` with the backup API; leave it in rollback
    journal mode (one self-contained file) and checked with integrity_check."""
    src = connect_for_check(source)
    remove_part(temp)
    create_private_file(temp)  # readable by the user only, like the database
    dst = sqlite3.connect(str(temp), isolation_level=None)
    try:
        wal = str(src.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        dst.execute("PRAGMA synchronous = OFF")  # the file is fsynced once, when complete
        try:
            _copy_pages(src, dst, hold=wal, progress=progress, cancelled=cancelled)
        except _Restarting:
            log.info("backup of %s restarted too often; copying one snapshot", source)
            _copy_pages(src, dst, hold=True, progress=progress, cancelled=cancelled)
        dst.execute("PRAGMA journal_mode = DELETE")  # a WAL source copies its WAL flag too
        problems = integrity_problems(dst)
        if problems:
            raise BackupFailed(
                _("Cadangan dari {p} tidak lolos pemeriksaan integritas ({e}) dan dihapus.").format(
                    p=source, e="; ".join(problems[:3])
                )
            )
    finally:
        dst.close()
        src.close()
    with temp.open("rb+") as fh:
        os.fsync(fh.fileno())


def temp_beside(target: Path, tag: str) -> Path:
    return target.with_name(f".{target.name}.{tag}-{os.getpid()}.part")


PART_SIDECARS = ("", "-journal", "-wal", "-shm")
STALE_PART_AGE_S = 24 * 3600  # a part of a live process this old is abandoned anyway
_PART_NAME = re.compile(r"^\..+\.[a-z]+-(?P<pid>\d+)\.part(?:-journal|-wal|-shm)?$")


def remove_part(temp: Path) -> None:
    """Delete a partial copy and the journal SQLite may have left beside it: each is a
    copy of the clients' personal data."""
    for suffix in PART_SIDECARS:
        try:
            Path(f"{temp}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not delete partial copy %s%s: %s", temp, suffix, exc)


def _process_alive(pid: int) -> bool:
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_parts(folder: Path) -> None:
    """Delete what a killed backup or restore left in `folder` (our own naming only): the
    parts of processes that are gone, and any older than a day."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    cutoff = time.time() - STALE_PART_AGE_S
    for path in entries:
        match = _PART_NAME.match(path.name)
        if match is None or int(match["pid"]) == os.getpid():
            continue
        try:
            if not _process_alive(int(match["pid"])) or path.stat().st_mtime < cutoff:
                path.unlink()
                log.info("deleted a partial copy left behind: %s", path)
        except OSError as exc:
            log.warning("could not delete partial copy %s: %s", path, exc)
