"""Test-wide setup: Qt runs offscreen and nothing touches the real user data folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Set before any ao_desktop module asks for the data folder, so a test can never
# create or open the user's real database.
TEST_HOME = tempfile.mkdtemp(prefix="ao-desktop-test-home-")
os.environ["AO_DESKTOP_HOME"] = TEST_HOME


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's data folder goes when the run ends: no ao-desktop-test-home-* left in /tmp."""
    shutil.rmtree(TEST_HOME, ignore_errors=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own (backups, logs, the default database)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder
