"""The start-up check on real files: the full quick_check after an unclean exit, after a
week, and the first time; a clean exit within a week skips it; damage is still caught
when the check runs, and a damaged file is never marked clean."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseDamaged
from ao_desktop.startup import start_checks
from ao_desktop.startup.start_checks import (
    check_before_open,
    check_state_file,
    mark_clean_exit,
    read_check_state,
)
from ao_desktop.storage.engine import open_database

MONDAY = datetime(2026, 11, 30, 8, 0)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    monkeypatch.setattr(start_checks, "_opened", set())  # what earlier tests opened stays theirs
    return folder


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths the full quick_check ran on (it still runs for real)."""
    from ao_desktop.storage.maintenance import db_check

    ran: list[Path] = []
    real = db_check.quick_check

    def counting(path: Path) -> bool:
        ran.append(path)
        return real(path)

    monkeypatch.setattr(db_check, "quick_check", counting)
    return ran


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    open_database(path, create=True).close()
    return path


def _damage(path: Path) -> None:
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (pages // 2))
        fh.write(b"\xa5" * 200)


def test_the_first_start_on_this_pc_runs_the_full_check_and_remembers_it(db: Path, full_checks) -> None:
    check_before_open(db, MONDAY)
    assert full_checks == [db]
    state = read_check_state(db)
    assert state is not None and state.last_full_check == MONDAY and state.open_since == MONDAY
    assert check_state_file(db).is_file()


def test_after_a_clean_exit_within_a_week_the_full_check_is_skipped(db: Path, full_checks) -> None:
    check_before_open(db, MONDAY)
    mark_clean_exit()
    check_before_open(db, MONDAY + timedelta(days=6, hours=23))
    assert full_checks == [db]  # only the first start


def test_after_an_unclean_exit_the_full_check_runs(db: Path, full_checks) -> None:
    check_before_open(db, MONDAY)  # ... and the app is killed: no mark_clean_exit()
    check_before_open(db, MONDAY + timedelta(hours=1))
    assert full_checks == [db, db]


def test_after_a_week_the_full_check_runs_again(db: Path, full_checks) -> None:
    check_before_open(db, MONDAY)
    mark_clean_exit()
    check_before_open(db, MONDAY + timedelta(days=7))
    assert full_checks == [db, db]
    assert read_check_state(db).last_full_check == MONDAY + timedelta(days=7)  # type: ignore[union-attr]


def test_an_unreadable_note_counts_as_an_unclean_exit(db: Path, full_checks) -> None:
    check_before_open(db, MONDAY)
    mark_clean_exit()
    check_state_file(db).write_text("{ kacau", encoding="utf-8")
    check_before_open(db, MONDAY + timedelta(hours=1))
    assert full_checks == [db, db]


def test_damage_is_caught_when_the_full_check_runs_and_the_file_is_never_marked_clean(
    db: Path, full_checks
) -> None:
    check_before_open(db, MONDAY)
    _damage(db)  # a crash while writing, say: the app did not exit cleanly
    with pytest.raises(DatabaseDamaged):
        check_before_open(db, MONDAY + timedelta(hours=1))
    mark_clean_exit()  # the user chose "Keluar": the event loop ends in order
    assert db not in start_checks._opened
    with pytest.raises(DatabaseDamaged):
        check_before_open(db, MONDAY + timedelta(hours=2))
    assert full_checks == [db, db, db]
