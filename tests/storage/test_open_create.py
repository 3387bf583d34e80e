"""Only the callers that create a database may create one (issue #11 item 5): a missing,
0-byte or empty SQLite file is refused by everything else and left byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.storage.engine import APPLICATION_ID, open_database
from ao_desktop.storage.sqlite_file import inspect_file


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _empty_sqlite(path: Path, user_version: int = 0) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {user_version}")
    con.close()


def test_zero_byte_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kosong.sqlite"
    path.touch()
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="bukan database AO Desktop"):
        open_database(path)
    assert path.stat().st_size == 0 and _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong.sqlite"]


def test_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "baru.sqlite"
    with pytest.raises(DatabaseRefused, match="tidak ditemukan"):
        open_database(path)
    assert list(tmp_path.iterdir()) == []


def test_empty_sqlite_file_without_our_stamp_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lain.sqlite"
    _empty_sqlite(path, user_version=7)
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="bukan database AO Desktop"):
        open_database(path)
    assert _digest(path) == before


def test_no_tables_and_a_high_user_version_is_not_called_newer(tmp_path: Path) -> None:
    path = tmp_path / "lain.sqlite"
    _empty_sqlite(path, user_version=99)
    with pytest.raises(DatabaseRefused) as caught:
        inspect_file(path)
    assert "lebih baru" not in str(caught.value)
    assert "bukan database AO Desktop" in str(caught.value)


@pytest.mark.parametrize("zero_byte", [False, True])
def test_create_makes_a_new_database(tmp_path: Path, zero_byte: bool) -> None:
    path = tmp_path / "baru.sqlite"
    if zero_byte:
        path.touch()
    open_database(path, create=True).close()
    assert inspect_file(path).application_id == APPLICATION_ID
    open_database(path).close()  # from now on an ordinary open finds it
