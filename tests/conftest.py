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
# Commands that open a database run as a signed-in officer (cli/signin.py): the suite's
# databases give their officers the demo PIN, and subprocesses inherit it from here.
# Tests of a missing or wrong PIN change or remove it themselves.
TEST_PIN = "123456"
os.environ["AO_DESKTOP_PIN"] = TEST_PIN

# The documented test hook (domain/access/pin.py): PIN hashes made in this process use a
# cheap scrypt cost, so the many sign-ins of the suite stay fast; checking reads the cost
# from each hash, so the same code runs as in production.
from ao_desktop.domain.access import pin as _pin  # noqa: E402

_pin.use_test_cost()
TEST_PIN_HASH = _pin.hash_pin(TEST_PIN)


@pytest.fixture(autouse=True)
def officers_have_the_test_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Officers the tests add through the repository get the test PIN unless a test
    gives one (the app itself adds officers with a PIN or none, as the issue says)."""
    from ao_desktop.storage.officer_repository import SqlOfficerRepository

    original = SqlOfficerRepository.add

    def add(self, officer, actor="", pin_hash=None):  # type: ignore[no-untyped-def]
        return original(self, officer, actor, pin_hash if pin_hash is not None else TEST_PIN_HASH)

    monkeypatch.setattr(SqlOfficerRepository, "add", add)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's data folder goes when the run ends: no ao-desktop-test-home-* left in /tmp."""
    shutil.rmtree(TEST_HOME, ignore_errors=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own (backups, logs, the default database)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder
