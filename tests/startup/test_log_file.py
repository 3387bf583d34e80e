"""The log file names clients and paths: readable by the user only (issue #11 item 14)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.startup.logging_setup import private_log_handler

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows uses the profile ACL")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_log_folder_and_files_are_private_also_after_rotation(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "ao-desktop.log"
    handler = private_log_handler(path, max_bytes=200, backups=2)
    log = logging.getLogger("test_log_file")
    log.addHandler(handler)
    log.propagate = False
    try:
        for i in range(20):
            log.warning("nasabah %d: Siti Nurhaliza 3201234567890123", i)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(path.parent.iterdir())
    assert len(files) == 3  # rotated twice
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
