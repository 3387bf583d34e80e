"""One consistent snapshot of the database for a report, so that its PDF, its Excel file
and its --json cannot disagree even while colleagues save.

- A local database (WAL): one read transaction is a snapshot; writers carry on.
- A shared database (rollback journal, on the branch drive): a long read would hold a
  shared lock and keep colleagues from saving, so the report reads a private copy taken
  with SQLite's backup API in one step (one short lock, one consistent state), deleted
  afterwards.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ao_desktop.storage.engine import BUSY_TIMEOUT_MS, Database


@contextmanager
def snapshot_copy(source: Path) -> Iterator[Database]:
    """A private, consistent copy of `source`, opened read-only in spirit; removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="ao-report-"))  # 0700: the copy holds client data
    target = folder / "snapshot.sqlite"
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)  # pages=-1: the whole file in one step, under one read lock
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        db = Database(target, shared=False)
        try:
            yield db
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
