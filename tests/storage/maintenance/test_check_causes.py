"""A healthy database on a full disk, or in a folder that cannot be written, is not
called damaged (issue #11 item 11): the start-up check and `check` name the real cause."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.startup.start_checks import check_before_open
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.db_check import check_database

# In a child whose files may not grow at all: the disk is full when the WAL's -shm is due.
_FULL_DISK = """
import resource, signal, sys
from ao_desktop.cli.main import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def db_path(tmp_path: Path, home: Path) -> Path:
    path = tmp_path / "ao.sqlite"
    open_database(path, create=True).close()  # WAL: a reader needs to create the -shm
    assert not Path(f"{path}-shm").exists()
    return path


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("command", ["check", "search"])
def test_a_full_disk_is_named_not_called_damage(db_path: Path, home: Path, command: str) -> None:
    argv = [command, "--db", str(db_path)] + (["siti"] if command == "search" else [])
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, *argv],
        capture_output=True, text=True, env={**os.environ, "AO_DESKTOP_HOME": str(home)},
    )
    assert done.returncode == 1
    assert "ao-desktop restore" not in done.stderr  # no restore advised for a healthy file
    assert "Disk" in done.stderr and "bukan tanda database rusak" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def read_only_folder(db_path: Path) -> Iterator[Path]:
    if os.name == "nt" or os.geteuid() == 0:
        pytest.skip("needs POSIX permissions that apply (not root)")
    folder = db_path.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield folder
    folder.chmod(stat.S_IRWXU)


def test_a_read_only_folder_is_named_not_called_damage(
    db_path: Path, read_only_folder: Path
) -> None:
    with pytest.raises(DatabaseRefused) as caught:
        check_before_open(db_path)
    assert "rusak" not in str(caught.value).replace("tidak rusak", "")
    with pytest.raises(DatabaseRefused):
        check_database(db_path)
