"""Sign-in against a real SQLite file: the PIN, the lockout held in the database (also
across two processes), the role-tamper refusal, and the audit of every attempt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ao_desktop.domain.access.audit import AuditQuery
from ao_desktop.domain.access.sign_in import Refusal, SignInRefused
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.access.sign_in import choose_first_pin, reset_pin, sign_in, unlock_officer
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

ADMIN = Actor("Admin", OfficerRole.ADMIN, 1)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "signin.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        tx.officers.add(Officer("Admin", "+6281200000001", OfficerRole.ADMIN))  # test PIN 123456
        tx.officers.add(Officer("Rina", "+6281200000002", OfficerRole.AO))
    db.close()
    return path


def _uow(path: Path) -> SqlUnitOfWork:
    return SqlUnitOfWork(open_database(path))


def test_the_right_pin_signs_in_and_the_audit_says_who(db_file: Path) -> None:
    uow = _uow(db_file)
    actor = sign_in(uow, 2, "123456")
    assert actor == Actor("Rina", OfficerRole.AO, 2)
    entries = [e for e in uow.read().__enter__().audit.search(AuditQuery(officer_id=None)) if e.table == "sign_in"]
    assert entries[0].action == "signed_in" and entries[0].row_id == 2


@pytest.mark.parametrize("pin, reason", [("", Refusal.EMPTY), ("654321", Refusal.WRONG)])
def test_an_empty_or_wrong_pin_is_refused(db_file: Path, pin: str, reason: Refusal) -> None:
    with pytest.raises(SignInRefused) as refused:
        sign_in(_uow(db_file), 2, pin)
    assert refused.value.reason is reason and str(refused.value)


def test_five_wrong_pins_lock_then_an_admin_unlocks(db_file: Path) -> None:
    uow = _uow(db_file)
    for _ in range(4):
        with pytest.raises(SignInRefused, match="PIN salah"):
            sign_in(uow, 2, "000000x")
    with pytest.raises(SignInRefused, match="dikunci") as refused:
        sign_in(uow, 2, "000000x")
    assert refused.value.reason is Refusal.LOCKED
    with pytest.raises(SignInRefused, match="dikunci"):
        sign_in(uow, 2, "123456")  # even the right PIN, while locked
    unlock_officer(uow, 2, ADMIN)
    assert sign_in(uow, 2, "123456").officer_id == 2


def test_the_lock_holds_in_another_process(db_file: Path) -> None:
    uow = _uow(db_file)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(uow, 2, "salah99")
    script = ("import sys; from ao_desktop.cli.main import main; "
              f"sys.exit(main(['officers', '--db', r'{db_file}', '--as', '2', '--json']))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "dikunci" in result.stderr and result.stdout == ""


def test_a_role_changed_outside_the_app_is_refused(db_file: Path) -> None:
    import sqlite3

    con = sqlite3.connect(db_file)
    con.execute("UPDATE officers SET role = 'admin' WHERE id = 2")
    con.commit()
    con.close()
    with pytest.raises(SignInRefused, match="di luar aplikasi") as refused:
        sign_in(_uow(db_file), 2, "123456")
    assert refused.value.reason is Refusal.TAMPERED


def test_the_audit_is_append_only(db_file: Path) -> None:
    import sqlite3

    con = sqlite3.connect(db_file)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit_log SET actor = 'x'")
    con.close()


def test_an_officer_without_a_pin_chooses_one_once(db_file: Path) -> None:
    uow = _uow(db_file)
    with uow.write() as tx:
        tx.officers.set_pin_hash(2, None)
    with pytest.raises(SignInRefused) as refused:
        sign_in(uow, 2, "123456")
    assert refused.value.reason is Refusal.NO_PIN
    assert choose_first_pin(uow, 2, "rahasia9", "rahasia9").officer_id == 2
    with pytest.raises(SignInRefused):
        choose_first_pin(uow, 2, "lainnya9", "lainnya9")
    assert sign_in(uow, 2, "rahasia9").name == "Rina"


def test_only_an_admin_resets_a_pin(db_file: Path) -> None:
    from ao_desktop.domain.common.errors import PermissionDenied

    uow = _uow(db_file)
    with pytest.raises(PermissionDenied):
        reset_pin(uow, 1, "baru1234", Actor("Rina", OfficerRole.AO, 2))
    reset_pin(uow, 2, "baru1234", ADMIN)
    assert sign_in(uow, 2, "baru1234").officer_id == 2
