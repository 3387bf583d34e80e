"""A permission refusal writes its own audit entry and nothing else: who asked, which use
case, about which client (services/access/refusals.py), on a real SQLite file."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ao_desktop.domain.access.audit import AuditQuery
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.access.privacy import hand_over_portfolio
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.clients.directory import add_client_note, get_client_profile
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

ANI, BUDI = 1, 2
ANI_AO = Actor("Ani Lestari", OfficerRole.AO, ANI)


@pytest.fixture
def uow(tmp_path: Path) -> SqlUnitOfWork:
    uow = SqlUnitOfWork(open_database(tmp_path / "r.sqlite", create=True))
    with uow.write() as tx:
        tx.officers.add(Officer("Ani Lestari", role=OfficerRole.AO))
        tx.officers.add(Officer("Budi Santoso", role=OfficerRole.AO))
        tx.clients.add(Client("Citra Ayu", officer_id=BUDI), "Budi Santoso", datetime(2026, 12, 1, 9))
    uow.act_as(ANI)
    return uow


def _entries(uow: SqlUnitOfWork) -> list[Any]:
    with uow.read() as tx:
        return tx.audit.search(AuditQuery(), 0, 100)


def _count(uow: SqlUnitOfWork, sql: str) -> int:
    con = sqlite3.connect(uow.db.path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_an_ao_reading_a_colleagues_client_leaves_only_the_refusals_entry(uow: SqlUnitOfWork) -> None:
    before = len(_entries(uow))
    with pytest.raises(PermissionDenied, match="sendiri"):
        get_client_profile(uow, 1, ANI_AO)
    new = _entries(uow)[: len(_entries(uow)) - before]
    assert [(e.table, e.action, e.officer_id, e.client_id, e.actor) for e in new] == [
        ("permissions", "refused", ANI, 1, "Ani Lestari")]
    assert new[0].details["use_case"] == "get_client_profile" and new[0].details["role"] == "ao"
    assert "sendiri" in new[0].details["reason"]


def test_a_refused_note_is_not_written_and_the_refusal_is(uow: SqlUnitOfWork) -> None:
    with pytest.raises(PermissionDenied):
        add_client_note(uow, 1, "Minta dihubungi sore", ANI_AO)
    assert _count(uow, "SELECT count(*) FROM client_notes") == 0
    refusals = [e for e in _entries(uow) if e.action == "refused"]
    assert [(e.client_id, e.details["use_case"]) for e in refusals] == [(1, "add_client_note")]


def test_a_refusal_without_a_client_names_the_ids_asked_for(uow: SqlUnitOfWork) -> None:
    with pytest.raises(PermissionDenied):
        hand_over_portfolio(uow, BUDI, ANI, ANI_AO)
    refusal = next(e for e in _entries(uow) if e.action == "refused")
    assert refusal.client_id is None
    assert refusal.details["use_case"] == "hand_over_portfolio"
    assert (refusal.details["from_officer_id"], refusal.details["to_officer_id"]) == (BUDI, ANI)


def test_a_use_case_inside_another_is_recorded_once_as_the_outer_one(uow: SqlUnitOfWork) -> None:
    @records_refusal
    def outer(uow: SqlUnitOfWork, client_id: int, actor: Actor) -> None:
        get_client_profile(uow, client_id, actor)

    with pytest.raises(PermissionDenied):
        outer(uow, 1, ANI_AO)
    assert [e.details["use_case"] for e in _entries(uow) if e.action == "refused"] == ["outer"]


class _BrokenUow:
    """A unit of work whose every transaction fails (a read-only copy)."""

    @contextmanager
    def write(self):  # type: ignore[no-untyped-def]
        raise OSError("read-only")
        yield


def test_the_refusal_reaches_the_user_even_when_it_cannot_be_recorded() -> None:
    @records_refusal
    def refused(uow: Any, actor: Actor) -> None:
        raise PermissionDenied("Ditolak.")

    with pytest.raises(PermissionDenied, match="Ditolak"):
        refused(_BrokenUow(), ANI_AO)


def test_a_refusal_asked_by_application_id_names_the_applications_client(uow: SqlUnitOfWork) -> None:
    from ao_desktop.domain.credit.enums import ApplicationStatus
    from ao_desktop.domain.credit.status_flow import StatusChange
    from ao_desktop.services.credit.applications import change_status
    from ao_desktop.storage.models import CreditApplicationRow

    with uow.db.write_engine.begin() as conn:
        conn.execute(CreditApplicationRow.__table__.insert().values(
            id=7, client_id=1, officer_id=BUDI, product_code="KMK", amount=10_000_000, tenor_months=12,
            purpose="modal_kerja", status="diajukan", created_at=datetime(2026, 12, 1), updated_at=datetime(2026, 12, 1)))
    with pytest.raises(PermissionDenied):
        change_status(uow, 7, 1, StatusChange(ApplicationStatus.DRAFT), ANI_AO)
    refusal = next(e for e in _entries(uow) if e.action == "refused")
    assert (refusal.client_id, refusal.details["application_id"], refusal.details["use_case"]) == (
        1, 7, "change_status")
    assert _count(uow, "SELECT count(*) FROM credit_applications WHERE status = 'diajukan'") == 1
