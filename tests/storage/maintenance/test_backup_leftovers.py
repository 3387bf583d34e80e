"""A backup that is killed or fails leaves no copy of the personal data behind (issue #11
item 13): its partial file and journal are removed on failure, and the next backup
sweeps what a killed one left in the folder it writes to."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.backup import backup_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder


def _database(path: Path, clients: int) -> Path:
    db = open_database(path, create=True)
    with SqlUnitOfWork(db).write() as tx:
        for i in range(clients):
            tx.clients.add(Client(full_name=f"Nasabah Nomor {i}", notes="catatan " * 40),
                           "t", datetime(2026, 11, 27, 9, 30))
    db.close()
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# Runs in a child: a backup that stops (as if killed) once the first pages are written.
_STOPS_MIDWAY = """
import sys, time
from pathlib import Path
from ao_desktop.storage.maintenance import sqlite_copy
from ao_desktop.storage.maintenance.backup import backup_database
sqlite_copy.STEP_PAGES = 4
marker = Path(sys.argv[3])
def progress(done, total):
    if done > 0 and not marker.exists():
        marker.write_text("copying")
        sys.stdin.read()  # until the test kills this process
backup_database(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress)
"""

# Runs in a child whose files may not grow beyond 100 KB: a disk that is full.
_DISK_FULL = """
import resource, signal, sys
from pathlib import Path
from ao_desktop.domain.common.errors import BackupFailed
from ao_desktop.storage.maintenance.backup import backup_database
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (100 * 1024, 100 * 1024))
try:
    backup_database(Path(sys.argv[1]), Path(sys.argv[2]))
except BackupFailed as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL and RLIMIT_FSIZE are POSIX")
def test_the_next_backup_sweeps_what_a_killed_one_left(tmp_path: Path) -> None:
    db = _database(tmp_path / "ao.sqlite", 400)
    out = tmp_path / "usb"
    out.mkdir()
    marker = tmp_path / "copying"
    child = subprocess.Popen(
        [sys.executable, "-c", _STOPS_MIDWAY, str(db), str(out / "salinan.sqlite"), str(marker)],
        stdin=subprocess.PIPE,
    )
    try:
        while not marker.exists():
            assert child.poll() is None, "the backup ended before it was killed"
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.05)  # returns early if the child ends
        assert any(n.endswith(".part") for n in _leftovers(out))  # a killed backup's copy
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    backup_database(db, out / "salinan-2.sqlite")

    assert _leftovers(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["salinan-2.sqlite"]


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_on_a_full_disk_leaves_neither_part_nor_journal(tmp_path: Path) -> None:
    db = _database(tmp_path / "ao.sqlite", 400)
    assert db.stat().st_size > 4 * 100 * 1024
    out = tmp_path / "usb"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _DISK_FULL, str(db), str(out / "salinan.sqlite")],
        capture_output=True, text=True,
    )
    assert done.returncode == 3, done.stderr
    assert list(out.iterdir()) == []
