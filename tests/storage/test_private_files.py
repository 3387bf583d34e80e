"""The database, its journal files, backups and the data folder are readable by the
user only on POSIX (issue #11 item 14); on Windows the profile folder's ACL does it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from ao_desktop.domain.maintenance.backup import BackupKind
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.location import data_dir, default_database_path
from ao_desktop.storage.maintenance.backup import restore_backup, run_scheduled_backup, take_backup

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows uses the profile ACL")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what a desktop session has: files 0644, folders 0755
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_database_journal_and_backups_are_private(home: Path) -> None:
    path = default_database_path()
    assert _mode(data_dir()) == 0o700
    db = open_database(path, create=True)
    with db.read_engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1").scalar()
        for suffix in ("", "-wal", "-shm", "-inuse"):
            assert _mode(Path(f"{path}{suffix}")) == 0o600, suffix
    db.close()

    manual = take_backup(path, BackupKind.MANUAL, now=datetime(2026, 11, 27, 9, 30))
    run_scheduled_backup(path, datetime(2026, 11, 27, 10, 0))  # a daily and a monthly copy
    folder = manual.path.parent
    assert _mode(folder) == 0o700
    assert {_mode(p) for p in folder.iterdir()} == {0o600}
    assert len(list(folder.iterdir())) == 3

    aside = restore_backup(manual.path, path)
    assert aside is not None and _mode(aside) == 0o600 and _mode(path) == 0o600


def test_an_existing_data_folder_is_made_private(home: Path) -> None:
    home.mkdir(mode=0o755)
    assert _mode(data_dir()) == 0o700
