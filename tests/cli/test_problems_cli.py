"""`ao-desktop problems`: the JSON keys and values, the filters (officer, status,
overdue), the plain listing, and one-sentence mistakes."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel
from ao_desktop.domain.problems.problem import ClientProblem
from ao_desktop.domain.problems.status_flow import ProblemAction
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.problems.handling import act_on_problem, record_problem
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

pytestmark = pytest.mark.usefixtures("home")
KEYS = ["id", "client", "client_id", "category", "channel", "received_at", "deadline", "extended",
        "status", "overdue", "officer_id"]
ADMIN = Actor("admin", OfficerRole.ADMIN)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        dedi = tx.officers.add(Officer("Dedi Kurniawan"))
    siti = add_client(uow, Client(full_name="Siti Aminah", officer_id=rina.id), actor="t", allow_duplicates=True)
    budi = add_client(uow, Client(full_name="Budi Santoso", officer_id=dedi.id), actor="t", allow_duplicates=True)
    now = datetime.now().replace(microsecond=0)
    record_problem(uow, ClientProblem(siti.id, rina.id, ProblemCategory.PAYMENT, ProblemChannel.WHATSAPP,
                                      now - timedelta(days=40), "Angsuran terdebet dua kali bulan lalu."), ADMIN)
    fresh = record_problem(uow, ClientProblem(budi.id, dedi.id, ProblemCategory.SERVICE, ProblemChannel.WALK_IN,
                                              now, "Kartu ATM tertelan di mesin depan pasar."), ADMIN)
    act_on_problem(uow, fresh.id, fresh.version, ProblemAction.EXTEND, "Menunggu vendor ATM.", ADMIN)
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["problems", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_every_problem_with_its_keys(db_path: Path, capsys) -> None:
    rows = _json(capsys, "--db", str(db_path))
    assert [list(r) for r in rows] == [KEYS, KEYS]
    old, fresh = rows  # the overdue one first
    assert (old["client"], old["category"], old["channel"], old["status"]) == (
        "Siti Aminah", "pembayaran", "whatsapp", "baru")
    assert old["overdue"] is True and old["extended"] is False
    assert date.fromisoformat(old["deadline"]) < date.today()
    assert fresh["overdue"] is False and fresh["extended"] is True and fresh["channel"] == "datang"
    assert datetime.fromisoformat(fresh["received_at"]).date() == date.today()


def test_filters(db_path: Path, capsys) -> None:
    assert [r["client"] for r in _json(capsys, "--db", str(db_path), "--overdue")] == ["Siti Aminah"]
    assert [r["officer_id"] for r in _json(capsys, "--db", str(db_path), "--officer", "2")] == [2]
    assert _json(capsys, "--db", str(db_path), "--status", "selesai") == []


def test_plain_listing_marks_overdue_and_extended(db_path: Path, capsys) -> None:
    assert main(["problems", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "TERLAMBAT" in lines[0] and "Siti Aminah" in lines[0]
    assert "diperpanjang" in lines[1]


@pytest.mark.parametrize(("args", "message"), [
    (["--officer", "9"], "AO dengan id 9 tidak ditemukan"),
    (["--status", "hilang"], "Perintah tidak valid"),
])
def test_mistakes_are_one_sentence(db_path: Path, capsys, args: list[str], message: str) -> None:
    assert main(["problems", "--db", str(db_path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
