"""Activity use cases on a real SQLite file: scheduling, stale reschedules, completing
with a next step in one transaction, permissions, the audit record, the Today panel."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from ao_desktop.domain.calendar.activity import Activity, NextStep, Outcome
from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.calendar import activities as svc
from ao_desktop.services.calendar import agenda
from ao_desktop.services.calendar.holiday_calendar import (
    add_working_days_from,
    holiday_calendar,
    remove_holiday_override,
    set_holiday_override,
)
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

MONDAY = datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def setup(uow: SqlUnitOfWork) -> tuple[Actor, Actor, Client]:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "+6281211112222"))
        dedi = tx.officers.add(Officer("Dedi Kurniawan", "+6281233334444"))
    client = add_client(uow, Client(
        full_name="Siti Aminah", mobile="+6281298765432", officer_id=rina.id, consent_contact=True,
        status=ClientStatus.ACTIVE,
        address=Address(street="Jl. Melati 4", kelurahan="Ketabang", kecamatan="Genteng",
                        city="Surabaya")), actor="t", allow_duplicates=True)
    return Actor("Rina Marlina", OfficerRole.AO, rina.id), Actor("Dedi Kurniawan", OfficerRole.AO, dedi.id), client


def _visit(actor: Actor, client: Client, at: datetime = MONDAY, **fields: object) -> Activity:
    assert client.id is not None and actor.officer_id is not None
    return Activity(client_id=client.id, officer_id=actor.officer_id, type=ActivityType.VISIT,
                    purpose=ActivityPurpose.PRODUCT_INTRO, starts_at=at, **fields)  # type: ignore[arg-type]


def test_schedule_defaults_the_location_to_the_clients_address(uow, setup) -> None:
    rina, _dedi, client = setup
    saved = svc.schedule_activity(uow, _visit(rina, client), rina)
    assert saved.id is not None and saved.version == 1
    assert saved.location == "Jl. Melati 4, Ketabang, Genteng, Surabaya"
    call = svc.schedule_activity(uow, replace(_visit(rina, client), type=ActivityType.PHONE), rina)
    assert call.location == ""  # a call goes nowhere


@pytest.mark.parametrize(("fields", "field"), [
    ({"client_id": 999}, "client_id"),
    ({"officer_id": 999}, "officer_id"),
    ({"duration_minutes": -15}, "duration_minutes"),
])
def test_bad_input_is_refused_and_nothing_written(uow, setup, fields, field) -> None:
    rina, _dedi, client = setup
    admin = Actor("admin", OfficerRole.ADMIN)
    with pytest.raises(ValidationFailed) as info:
        svc.schedule_activity(uow, replace(_visit(rina, client), **fields), admin)
    assert field in {i.field for i in info.value.issues}
    with uow.read() as tx:
        assert tx.session.execute(text("SELECT count(*) FROM activities")).scalar() == 0


def test_an_ao_plans_only_their_own_activities(uow, setup) -> None:
    rina, dedi, client = setup
    with pytest.raises(PermissionDenied):
        svc.schedule_activity(uow, _visit(rina, client), dedi)
    supervisor = Actor("Pak Kepala", OfficerRole.SUPERVISOR)
    assert svc.schedule_activity(uow, _visit(rina, client), supervisor).officer_id == rina.officer_id


def test_reschedule_on_a_stale_copy_is_refused_with_what_changed(uow, setup) -> None:
    rina, _dedi, client = setup
    mine = svc.schedule_activity(uow, _visit(rina, client), rina)
    supervisor = Actor("Pak Kepala", OfficerRole.SUPERVISOR)
    svc.update_activity(uow, mine, replace(mine, location="Kantor cabang"), supervisor)
    with pytest.raises(StaleEdit) as info:
        svc.reschedule_activity(uow, mine, MONDAY + timedelta(days=1), rina)
    assert [c.field for c in info.value.changes] == ["location"]
    assert "Pak Kepala" in str(info.value) and "Lokasi" in str(info.value)
    assert svc.get_activity(uow, mine.id).starts_at == MONDAY  # type: ignore[arg-type]


def test_reschedule_moves_and_audits(uow, setup) -> None:
    rina, _dedi, client = setup
    mine = svc.schedule_activity(uow, _visit(rina, client), rina)
    moved = svc.reschedule_activity(uow, mine, MONDAY + timedelta(days=2, hours=1), rina)
    assert (moved.starts_at, moved.version) == (MONDAY + timedelta(days=2, hours=1), 2)
    with uow.read() as tx:
        rows = tx.session.execute(text(
            "SELECT action, actor, details FROM audit_log WHERE table_name = 'activities' "
            "ORDER BY id")).all()
    assert [(r.action, r.actor) for r in rows] == [("create", "Rina Marlina"), ("update", "Rina Marlina")]
    assert set(json.loads(rows[1].details)) == {"starts_at"}


def test_complete_with_a_promise_and_a_next_step_in_one_action(uow, setup) -> None:
    rina, _dedi, client = setup
    mine = svc.schedule_activity(uow, replace(_visit(rina, client), purpose=ActivityPurpose.COLLECTION), rina)
    outcome = Outcome(outcome="Bersedia bayar tunggakan", result=ActivityResult.PROMISE_TO_PAY,
                      promise_date=date(2026, 12, 10), promise_amount=1_500_000)
    step = NextStep(ActivityType.WHATSAPP, ActivityPurpose.COLLECTION, datetime(2026, 12, 9, 10))
    done, follow = svc.complete_activity(uow, mine, outcome, rina, step)
    assert done.status is ActivityStatus.DONE and done.promise_amount == 1_500_000
    assert follow is not None and follow.follow_up_of == mine.id and follow.status is ActivityStatus.PLANNED
    today = agenda.today_summary(uow, date(2026, 12, 9), rina.officer_id)
    assert [i.id for i in today.agenda.items] == [follow.id]
    assert [i.id for i in today.promises_due] == [done.id]


def test_a_bad_next_step_leaves_the_activity_untouched(uow, setup) -> None:
    rina, _dedi, client = setup
    mine = svc.schedule_activity(uow, _visit(rina, client), rina)
    step = NextStep(ActivityType.PHONE, ActivityPurpose.FOLLOW_UP, MONDAY - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        svc.complete_activity(uow, mine, Outcome(result=ActivityResult.INTERESTED), rina, step)
    assert svc.get_activity(uow, mine.id).status is ActivityStatus.PLANNED  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed) as info:
        svc.complete_activity(uow, mine, Outcome(result=ActivityResult.PROMISE_TO_PAY), rina)
    assert {i.field for i in info.value.issues} == {"promise_date", "promise_amount"}


def test_today_lists_overdue_and_uncontacted(uow, setup) -> None:
    rina, _dedi, client = setup
    with uow.write() as tx:  # the client has been on the books for a year
        tx.session.execute(text("UPDATE clients SET created_at = '2025-12-01 08:00:00.000000'"))
    late = svc.schedule_activity(uow, _visit(rina, client, MONDAY - timedelta(days=3)), rina)
    summary = agenda.today_summary(uow, MONDAY.date(), rina.officer_id)
    assert [i.id for i in summary.agenda.overdue] == [late.id] and summary.overdue_count == 1
    assert [u.client_id for u in summary.uncontacted] == [client.id]
    svc.complete_activity(uow, late, Outcome(outcome="ok"), rina)
    summary = agenda.today_summary(uow, MONDAY.date(), rina.officer_id)
    assert summary.agenda.overdue == [] and summary.uncontacted == []


def test_log_contact_is_a_planned_five_minute_activity(uow, setup) -> None:
    rina, _dedi, client = setup
    logged = svc.log_contact(uow, client.id, rina.officer_id, ActivityType.WHATSAPP, rina,  # type: ignore[arg-type]
                             at=MONDAY)
    assert (logged.type, logged.status, logged.duration_minutes) == (
        ActivityType.WHATSAPP, ActivityStatus.PLANNED, 5)
    assert [i.id for i in agenda.client_timeline(uow, client.id)] == [logged.id]  # type: ignore[arg-type]


def test_holiday_calendar_knows_lebaran_2026_and_admin_overrides(uow, setup) -> None:
    rina, _dedi, _client = setup
    cal = holiday_calendar(uow, date(2026, 3, 1), date(2026, 3, 31))
    assert cal[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert cal[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert add_working_days_from(uow, date(2026, 3, 17), 1) == date(2026, 3, 25)
    with pytest.raises(PermissionDenied):
        set_holiday_override(uow, HolidayOverride(date(2026, 3, 25), "Libur daerah"), rina)
    admin = Actor("admin", OfficerRole.ADMIN)
    set_holiday_override(uow, HolidayOverride(date(2026, 3, 25), "Libur daerah"), admin)
    assert add_working_days_from(uow, date(2026, 3, 17), 1) == date(2026, 3, 26)
    assert "Libur daerah" in (agenda.holiday_warning(uow, date(2026, 3, 25)) or "")
    assert remove_holiday_override(uow, date(2026, 3, 25), admin)
    assert add_working_days_from(uow, date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert agenda.holiday_warning(uow, date(2026, 3, 25)) is None
