"""Backup and restore by hand through the maintenance services: an admin's, whatever the
menu shows (services/maintenance.py), on a real database and its backup folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services.maintenance import back_up_now, list_backups, restore_backup
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.sql_maintenance import SqlMaintenance

pytestmark = pytest.mark.usefixtures("home")  # backups go to this test's own folder

ADMIN = Actor("Admin Cabang", OfficerRole.ADMIN, 1)


@pytest.fixture
def port(tmp_path: Path) -> SqlMaintenance:
    path = tmp_path / "cabang.sqlite"
    open_database(path, create=True).close()
    return SqlMaintenance(path)


def _marker(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("role", [OfficerRole.AO, OfficerRole.SUPERVISOR, OfficerRole.MARKETING])
def test_only_an_admin_backs_up_lists_or_restores(port: SqlMaintenance, role: OfficerRole) -> None:
    other = Actor("x", role, 2)
    with pytest.raises(PermissionDenied, match="Hanya admin"):
        back_up_now(port, other)
    assert port.list_backups() == []  # nothing written
    info = back_up_now(port, ADMIN)
    assert info.path.is_file() and list_backups(port, ADMIN)[0].path == info.path
    with pytest.raises(PermissionDenied):
        list_backups(port, other)
    before = port.database_path.read_bytes()
    with pytest.raises(PermissionDenied):
        restore_backup(port, info.path, other)
    assert port.database_path.read_bytes() == before
    assert [p.name for p in port.database_path.parent.glob("*.sqlite")] == [port.database_path.name]


def test_a_call_without_a_signed_in_officer_is_refused(port: SqlMaintenance) -> None:
    with pytest.raises(PermissionDenied):
        back_up_now(port, None)  # type: ignore[arg-type]


def test_the_admin_restores_and_the_previous_database_is_kept(port: SqlMaintenance) -> None:
    info = back_up_now(port, ADMIN)
    aside = restore_backup(port, info.path, ADMIN)
    assert aside is not None and aside.is_file() and port.database_path.is_file()
    assert _marker(port.database_path) == _marker(aside)
