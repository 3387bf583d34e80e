"""Handover of a portfolio, and retention: listing and anonymising clients past the
period, on a real SQLite file (storage/access/privacy_repository.py's SQL)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from ao_desktop.domain.access.privacy import retention_cutoff
from ao_desktop.domain.common.errors import PermissionDenied, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.access.privacy import (
    anonymise_client,
    clients_past_retention,
    hand_over_portfolio,
    handover_preview,
)
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.models import (
    ActivityRow,
    ClientRow,
    ClientStatusRow,
    CreditApplicationRow,
    LoanAccountRow,
)
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 5)
ANI, BUDI, SARI, ADMIN, MAYA = 1, 2, 3, 4, 5
SUPERVISOR = Actor("Sari Dewi", OfficerRole.SUPERVISOR, SARI)
ADMIN_ACTOR = Actor("Admin Cabang", OfficerRole.ADMIN, ADMIN)


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def uow(tmp_path: Path) -> SqlUnitOfWork:
    db = open_database(tmp_path / "p.sqlite", create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        for name, role in (("Ani Lestari", OfficerRole.AO), ("Budi Santoso", OfficerRole.AO),
                           ("Sari Dewi", OfficerRole.SUPERVISOR), ("Admin Cabang", OfficerRole.ADMIN),
                           ("Maya Putri", OfficerRole.MARKETING)):
            tx.officers.add(Officer(name, role=role))
    clients = (  # id, name, officer, status, status changed at, income
        (1, "Citra Ayu", ANI, "aktif", "2026-01-10 09:00", 5_000_000),
        (2, "Dedi Kurnia", ANI, "tidak_aktif", "2014-03-01 09:00", 7_000_000),  # past 10 years
        (3, "Eka Putra", ANI, "tidak_aktif", "2014-03-01 09:00", 0),  # past, but a loan still open
        (4, "Fajar Hadi", BUDI, "ditolak", "2015-06-01 09:00", 0),  # past, but an application in progress
        (5, "Gita Sari", BUDI, "tidak_aktif", "2020-06-01 09:00", 0),  # within the period
    )
    with db.write_engine.begin() as conn:
        conn.execute(insert(ClientRow), [
            {"id": i, "full_name": n, "name_key": n.lower(), "officer_id": o, "status": s, "nik": f"32750124107500{i:02d}",
             "mobile": f"+62812000000{i:02d}", "street": "Jl. Melati 4", "monthly_income": income,
             "created_at": _dt("2013-01-01 09:00"), "updated_at": _dt(at)}
            for i, n, o, s, at, income in clients])
        conn.execute(insert(ClientStatusRow), [
            {"client_id": i, "status": s, "changed_at": _dt(at)} for i, _n, _o, s, at, _inc in clients])
        conn.execute(insert(LoanAccountRow), [
            {"id": 1, "account_no": "1001", "client_id": 1, "officer_id": ANI, "borrower_name": "Citra Ayu",
             "outstanding": 9_000_000, "created_at": _dt("2026-01-01 09:00"), "updated_at": _dt("2026-01-01 09:00")},
            {"id": 2, "account_no": "1002", "client_id": 3, "officer_id": ANI, "borrower_name": "Eka Putra",
             "outstanding": 1_000_000, "created_at": _dt("2014-01-01 09:00"), "updated_at": _dt("2014-01-01 09:00")}])
        conn.execute(insert(LoanAccountRow), [  # paid off (one statement per key set)
            {"id": 3, "account_no": "1003", "client_id": 2, "officer_id": ANI, "borrower_name": "Dedi Kurnia",
             "nik": "3275012410750002", "outstanding": 0, "plafond": 20_000_000,
             "created_at": _dt("2013-01-01 09:00"), "updated_at": _dt("2014-01-01 09:00")}])
        conn.execute(insert(CreditApplicationRow), [
            {"id": 1, "client_id": 4, "officer_id": BUDI, "product_code": "KMK", "amount": 10_000_000,
             "tenor_months": 12, "purpose": "modal_kerja", "status": "diajukan",
             "created_at": _dt("2015-01-01 09:00"), "updated_at": _dt("2015-01-01 09:00")}])
        conn.execute(insert(ActivityRow), [
            {"id": i, "client_id": 1, "officer_id": ANI, "type": "kunjungan", "purpose": "follow_up", "status": s,
             "starts_at": _dt(at), "products": "[]", "created_at": _dt(at), "updated_at": _dt(at)}
            for i, s, at in ((1, "rencana", "2026-12-10 10:00"), (2, "selesai", "2026-11-10 10:00"))])
    return uow


def _officer_of(uow: SqlUnitOfWork, client_id: int) -> int | None:
    with uow.read() as tx:
        client = tx.clients.get(client_id)
        assert client is not None
        return client.officer_id


def test_a_supervisor_hands_an_aos_portfolio_over_in_one_recorded_action(uow: SqlUnitOfWork) -> None:
    handover = hand_over_portfolio(uow, ANI, BUDI, SUPERVISOR)
    assert (handover.clients, handover.loans, handover.activities) == ((1, 2, 3), (1, 2, 3), (1,))
    assert all(_officer_of(uow, c) == BUDI for c in (1, 2, 3))
    assert _sql(uow, "SELECT id, officer_id FROM activities ORDER BY id") == [(1, BUDI), (2, ANI)]  # done: Ani's
    assert _sql(uow, "SELECT id, officer_id FROM loan_accounts ORDER BY id") == [(1, BUDI), (2, BUDI), (3, BUDI)]
    with uow.read() as tx:
        entries = [e for e in tx.audit.search(_query(), 0, 50) if e.action == "handover"]
    assert len(entries) == 1 and entries[0].details["clients"] == 3 and entries[0].details["activities"] == 1
    assert entries[0].details["client_ids"] == [1, 2, 3] and entries[0].details["officer_id"] == [ANI, BUDI]


def _sql(uow: SqlUnitOfWork, sql: str) -> list[tuple]:
    con = sqlite3.connect(uow.db.path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _query():  # type: ignore[no-untyped-def]
    from ao_desktop.domain.access.audit import AuditQuery

    return AuditQuery()


@pytest.mark.parametrize("role", [OfficerRole.AO, OfficerRole.MARKETING])
def test_only_supervisors_and_admins_hand_over(uow: SqlUnitOfWork, role: OfficerRole) -> None:
    with pytest.raises(PermissionDenied):
        hand_over_portfolio(uow, ANI, BUDI, Actor("x", role, BUDI))
    assert _officer_of(uow, 1) == ANI


@pytest.mark.parametrize(("target", "message"), [(ANI, "berbeda"), (MAYA, "tidak dapat menerima")])
def test_a_handover_to_oneself_or_to_marketing_is_refused(uow: SqlUnitOfWork, target: int, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        hand_over_portfolio(uow, ANI, target, ADMIN_ACTOR)
    assert _officer_of(uow, 1) == ANI


def test_retention_lists_only_ended_relationships_past_the_period_without_open_business(uow: SqlUnitOfWork) -> None:
    assert retention_cutoff(TODAY, 10) == datetime(2016, 12, 5)
    listed = clients_past_retention(uow, ADMIN_ACTOR, TODAY)
    assert [c.client_id for c in listed] == [2]  # 3: open loan, 4: application, 5: within 10 years
    with pytest.raises(PermissionDenied):
        clients_past_retention(uow, SUPERVISOR, TODAY)


def test_anonymising_blanks_the_personal_data_and_keeps_the_figures(uow: SqlUnitOfWork) -> None:
    fields = anonymise_client(uow, 2, ADMIN_ACTOR, TODAY)
    assert {"full_name", "nik", "mobile", "street"} <= set(fields)
    with uow.read() as tx:
        client = tx.clients.get(2)
        entry = [e for e in tx.audit.search(_query(), 0, 50) if e.action == "anonymise"][0]
    assert client is not None
    assert (client.full_name, client.nik, client.mobile, client.address.street) == ("Nasabah dianonimkan #2", "", "", "")
    assert client.monthly_income == 7_000_000 and client.status.value == "tidak_aktif"
    assert "Dedi" not in str(entry.details) and "3275012410750002" not in str(entry.details)
    assert _sql(uow, "SELECT borrower_name, nik, plafond FROM loan_accounts WHERE id = 3") == [
        ("Nasabah dianonimkan #2", "", 20_000_000)]
    assert clients_past_retention(uow, ADMIN_ACTOR, TODAY) == []  # done once


@pytest.mark.parametrize("client_id", [1, 3, 4, 5])
def test_a_client_not_on_the_list_is_never_anonymised(uow: SqlUnitOfWork, client_id: int) -> None:
    with pytest.raises(ValidationFailed, match="belum dapat dianonimkan"):
        anonymise_client(uow, client_id, ADMIN_ACTOR, TODAY)
    with uow.read() as tx:
        client = tx.clients.get(client_id)
    assert client is not None and client.nik.endswith(f"{client_id:02d}")


def test_only_an_admin_anonymises(uow: SqlUnitOfWork) -> None:
    with pytest.raises(PermissionDenied):
        anonymise_client(uow, 2, SUPERVISOR, TODAY)


def test_the_preview_counts_what_a_handover_would_move_and_moves_nothing(uow: SqlUnitOfWork) -> None:
    assert handover_preview(uow, ANI, SUPERVISOR) == {"clients": 3, "loans": 3, "activities": 1,
                                                      "applications": 0, "problems": 0}
    assert handover_preview(uow, BUDI, SUPERVISOR)["applications"] == 1
    assert set(handover_preview(uow, MAYA, ADMIN_ACTOR).values()) == {0}
    assert _officer_of(uow, 1) == ANI
    with pytest.raises(PermissionDenied):
        handover_preview(uow, ANI, Actor("Budi Santoso", OfficerRole.AO, BUDI))


def test_an_application_in_progress_moves_with_the_portfolio(uow: SqlUnitOfWork) -> None:
    handover = hand_over_portfolio(uow, BUDI, ANI, ADMIN_ACTOR)
    assert (handover.clients, handover.applications, handover.problems) == ((4, 5), (1,), ())
    assert _sql(uow, "SELECT officer_id, version FROM credit_applications WHERE id = 1") == [(ANI, 2)]
    with uow.read() as tx:
        entry = next(e for e in tx.audit.search(_query(), 0, 50) if e.action == "handover")
    assert entry.details["application_ids"] == [1] and entry.details["applications"] == 1
