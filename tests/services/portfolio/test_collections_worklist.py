"""The collections worklist on a real database: riskiest first, the WhatsApp reminder from
the calendar's template (logged as a collection contact), a collection visit in the
calendar, and a promise to pay judged by the next extract."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

import pytest

from ao_desktop.domain.calendar.activity import Activity, Outcome
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityResult, ActivityType
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.portfolio.collections import PromiseState
from ao_desktop.services.calendar.activities import complete_activity, schedule_activity
from ao_desktop.services.portfolio.collections import (
    client_promises,
    reminder_text,
    schedule_collection_visit,
    send_reminder,
    worklist,
)
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_extract

ADMIN = Actor("admin", OfficerRole.ADMIN)
NIK_SITI, NIK_BUDI = "3201014101900001", "3201010202850002"


@pytest.fixture
def branch(uow: SqlUnitOfWork, tmp_path: Path):  # type: ignore[no-untyped-def]
    now = datetime(2026, 10, 1)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "081234567890"))
        siti = tx.clients.add(Client(full_name="Siti Aminah", nik=NIK_SITI, sex=Sex.FEMALE, officer_id=rina.id,
                                     mobile="+6281311112222", consent_contact=True), "t", now)
        budi = tx.clients.add(Client(full_name="Budi Santoso", nik=NIK_BUDI, officer_id=rina.id), "t", now)
        tx.settings.set("bank.name", "PT BPR Sejahtera")
        tx.settings.set("bank.branch", "KCP Sleman")
    path = write_extract(tmp_path / "sep.xlsx", [
        account("S-1", nik=NIK_SITI, os=9_000_000, tp=800_000, tb=200_000, dpd=40, ao="Rina Marlina", due="05/10/2026"),
        account("B-1", nik=NIK_BUDI, os=20_000_000, tp=2_000_000, tb=500_000, dpd=60, ao="Rina Marlina")])
    commit_extract(uow, preview_extract(uow, path, date(2026, 9, 30), today=date(2026, 10, 1)), ADMIN,
                   today=date(2026, 10, 1))
    return uow, rina, siti, budi, tmp_path


def test_worklist_order_reminder_and_visit(branch) -> None:  # type: ignore[no-untyped-def]
    uow, rina, siti, _budi, _tmp = branch
    items = worklist(uow, today=date(2026, 10, 2))
    assert [i.account_no for i in items] == ["B-1", "S-1"]
    s1 = items[1]
    text = reminder_text(uow, s1.account_id, ADMIN)
    assert "Ibu Siti Aminah" in text and "Rp1.000.000" in text and "05/10/2026" in text and "Rina Marlina" in text
    started = send_reminder(uow, s1.account_id, ADMIN)
    assert started.url.startswith("https://wa.me/6281311112222?text=")
    assert "Rp1.000.000" in unquote(started.url)
    assert started.activity.purpose is ActivityPurpose.COLLECTION
    visit = schedule_collection_visit(uow, s1.account_id, datetime(2026, 10, 5, 10, 0), ADMIN)
    assert visit.type is ActivityType.VISIT and visit.client_id == siti.id and visit.officer_id == rina.id
    assert "S-1" in visit.outcome


def test_promise_kept_then_broken_by_later_extracts(branch) -> None:  # type: ignore[no-untyped-def]
    uow, rina, siti, budi, tmp = branch
    for client, amount in ((siti, 1_000_000), (budi, 2_500_000)):
        planned = schedule_activity(uow, Activity(client.id, rina.id, ActivityType.VISIT, ActivityPurpose.COLLECTION,
                                                  datetime(2026, 10, 6, 10, 0)), ADMIN)
        complete_activity(uow, planned, Outcome(result=ActivityResult.PROMISE_TO_PAY,
                                                promise_date=date(2026, 10, 20), promise_amount=amount), ADMIN)
    assert [p.state for p in client_promises(uow, siti.id)] == [PromiseState.OPEN]
    path = write_extract(tmp / "oct.xlsx", [
        account("S-1", nik=NIK_SITI, os=8_500_000, dpd=0, ao="Rina Marlina"),  # paid up: kept
        account("B-1", nik=NIK_BUDI, os=20_000_000, tp=2_500_000, tb=600_000, dpd=90, ao="Rina Marlina")])
    commit_extract(uow, preview_extract(uow, path, date(2026, 10, 31), today=date(2026, 11, 2)), ADMIN,
                   today=date(2026, 11, 2))
    assert [p.state for p in client_promises(uow, siti.id)] == [PromiseState.KEPT]
    assert [p.state for p in client_promises(uow, budi.id)] == [PromiseState.BROKEN]
    items = worklist(uow, today=date(2026, 11, 3))
    assert [(i.account_no, i.broken_promises) for i in items] == [("B-1", 1)]
