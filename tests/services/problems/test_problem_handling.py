"""Client problems on a real SQLite file and the real holiday calendar (the `holidays`
package plus the admin's overrides): the working-day deadline across Idul Fitri's
cuti bersama, the one extension, escalation, resolution, permissions, stale edits,
and bad input that writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import text

from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel, ProblemStatus
from ao_desktop.domain.problems.problem import ClientProblem
from ao_desktop.domain.problems.query import ProblemQuery
from ao_desktop.domain.problems.status_flow import ProblemAction as A
from ao_desktop.services.calendar.holiday_calendar import set_holiday_override
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.problems.handling import act_on_problem, record_problem, update_problem
from ao_desktop.services.problems.listing import (
    client_problems,
    count_problems,
    get_problem,
    list_problems,
    problems_needing_attention,
)
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.usefixtures("home")  # the holidays cache goes to the test's folder
# Wednesday 11 March 2026, a week before Nyepi (18-19 Mar) and Idul Fitri's leave (20-24 Mar).
BEFORE_LEBARAN = datetime(2026, 3, 11, 14, 5)
NOW = datetime(2026, 3, 12, 9, 0)


@pytest.fixture
def people(uow: SqlUnitOfWork) -> dict[str, object]:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        dedi = tx.officers.add(Officer("Dedi Kurniawan"))
        boss = tx.officers.add(Officer("Bu Supervisor", role=OfficerRole.SUPERVISOR))
    siti = add_client(uow, Client(full_name="Siti Aminah", officer_id=rina.id), actor="t", allow_duplicates=True)
    return {"rina": Actor("Rina Marlina", OfficerRole.AO, rina.id), "rina_id": rina.id,
            "dedi": Actor("Dedi Kurniawan", OfficerRole.AO, dedi.id), "boss_id": boss.id,
            "boss": Actor("Bu Supervisor", OfficerRole.SUPERVISOR, boss.id),
            "admin": Actor("admin", OfficerRole.ADMIN), "siti": siti}


def _problem(people: dict, **fields: object) -> ClientProblem:
    base: dict[str, object] = dict(client_id=people["siti"].id, officer_id=people["rina_id"],
                                   category=ProblemCategory.PAYMENT, channel=ProblemChannel.WHATSAPP,
                                   received_at=BEFORE_LEBARAN,
                                   description="Angsuran Maret terdebet dua kali dari tabungan.")
    base.update(fields)
    return ClientProblem(**base)  # type: ignore[arg-type]


def _rows(uow: SqlUnitOfWork) -> int:
    with uow.read() as tx:
        return tx.session.execute(text("SELECT count(*) FROM client_problems")).scalar_one()  # type: ignore[attr-defined]


def test_the_deadline_skips_nyepi_and_idul_fitri_cuti_bersama(uow, people) -> None:
    problem = record_problem(uow, _problem(people), people["rina"], now=NOW)
    # 12, 13, 16, 17 Mar; 18-24 Mar are Nyepi, Idul Fitri and their cuti bersama (and a
    # weekend); then 25, 26, 27, 30, 31 Mar and 1 Apr: the 10th working day.
    assert problem.deadline == problem.original_deadline == date(2026, 4, 1)
    assert problem.status is ProblemStatus.NEW and not problem.extended


def test_the_extension_adds_ten_working_days_after_good_friday(uow, people) -> None:
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    p = act_on_problem(uow, p.id, p.version, A.EXTEND, "Menunggu jawaban kantor pusat; nasabah sudah diberi tahu.",
                       people["rina"], now=datetime(2026, 3, 30, 10, 0))
    # From 1 Apr: 2 Apr, (3 Apr Wafat Yesus Kristus), 6-10 Apr, 13-16 Apr -> 16 Apr.
    assert (p.original_deadline, p.deadline, p.extended) == (date(2026, 4, 1), date(2026, 4, 16), True)
    with pytest.raises(ValidationFailed, match="hanya boleh satu kali"):
        act_on_problem(uow, p.id, p.version, A.EXTEND, "sekali lagi", people["rina"],
                       now=datetime(2026, 4, 2, 10, 0))
    assert get_problem(uow, p.id).problem.deadline == date(2026, 4, 16)


def test_the_admins_holiday_overrides_move_the_deadline(uow, people) -> None:
    admin = people["admin"]
    set_holiday_override(uow, HolidayOverride(date(2026, 3, 31), "Hari jadi Kota Medan"), admin)
    assert record_problem(uow, _problem(people), people["rina"], now=NOW).deadline == date(2026, 4, 2)
    # A cuti bersama the branch works after all makes the deadline come a day earlier.
    set_holiday_override(uow, HolidayOverride(date(2026, 3, 20), "", is_holiday=False), admin)
    assert record_problem(uow, _problem(people), people["rina"], now=NOW).deadline == date(2026, 4, 1)


def test_the_deadline_across_idul_fitri_2027(uow, people) -> None:
    # Friday 5 Mar 2027: Nyepi 8 Mar, Idul Fitri leave 9-12 and 15 Mar.
    p = record_problem(uow, _problem(people, received_at=datetime(2027, 3, 5, 16, 0)), people["rina"],
                       now=datetime(2027, 3, 5, 16, 30))
    # 16, 17, 18, 19, 22, 23, 24 Mar; 25 (cuti bersama) and 26 (Wafat) skipped; 29, 30, 31 Mar.
    assert p.deadline == date(2027, 3, 31)


@pytest.mark.parametrize(("fields", "message"), [
    ({"description": "  "}, "Isi uraian permasalahan."),
    ({"client_id": 9999}, "Nasabah dengan id 9999 tidak ditemukan."),
    ({"received_at": datetime(2026, 3, 14, 9, 0)}, "masa depan"),
])
def test_bad_input_gets_a_sentence_and_nothing_is_written(uow, people, fields, message) -> None:
    with pytest.raises(ValidationFailed, match=message):
        record_problem(uow, _problem(people, **fields), people["rina"], now=NOW)
    assert _rows(uow) == 0


def test_an_ao_handles_only_their_own_clients_problems(uow, people) -> None:
    with pytest.raises(PermissionDenied):
        record_problem(uow, _problem(people), people["dedi"], now=NOW)
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    with pytest.raises(PermissionDenied):
        act_on_problem(uow, p.id, p.version, A.START, "", people["dedi"], now=NOW)
    query = ProblemQuery(NOW.date())
    assert list_problems(uow, query, actor=people["dedi"]) == []
    assert count_problems(uow, query, actor=people["boss"]) == 1


def test_escalation_goes_to_a_supervisor_who_hands_it_back(uow, people) -> None:
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    with pytest.raises(ValidationFailed, match="bukan supervisor"):
        act_on_problem(uow, p.id, p.version, A.ESCALATE, "Perlu keputusan", people["rina"],
                       supervisor_id=people["rina_id"], now=NOW)
    p = act_on_problem(uow, p.id, p.version, A.ESCALATE, "Perlu keputusan pengembalian dana",
                       people["rina"], supervisor_id=people["boss_id"], now=NOW)
    assert (p.status, p.escalated_to) == (ProblemStatus.ESCALATED, people["boss_id"])
    with pytest.raises(PermissionDenied):
        act_on_problem(uow, p.id, p.version, A.RETURN, "Silakan proses", people["rina"], now=NOW)
    p = act_on_problem(uow, p.id, p.version, A.RETURN, "Disetujui, kembalikan dananya", people["boss"], now=NOW)
    assert p.status is ProblemStatus.IN_PROGRESS
    detail = get_problem(uow, p.id)
    assert detail.supervisor_name == "Bu Supervisor"
    assert [(e.action, e.by) for e in detail.history] == [
        ("dicatat", "Rina Marlina"), ("dieskalasi", "Rina Marlina"), ("dikembalikan", "Bu Supervisor")]


def test_resolve_then_close_and_nothing_after(uow, people) -> None:
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    with pytest.raises(ValidationFailed, match="Isi penyelesaian"):
        act_on_problem(uow, p.id, p.version, A.RESOLVE, "", people["rina"], now=NOW)
    p = act_on_problem(uow, p.id, p.version, A.RESOLVE, "Debet ganda dikembalikan ke tabungan 13/03.",
                       people["rina"], now=NOW)
    assert (p.status, p.resolved_at) == (ProblemStatus.RESOLVED, NOW)
    p = act_on_problem(uow, p.id, p.version, A.CLOSE, "Nasabah mengonfirmasi dana sudah masuk.",
                       people["rina"], now=NOW)
    assert p.status is ProblemStatus.CLOSED
    with pytest.raises(ValidationFailed, match="sudah ditutup"):
        act_on_problem(uow, p.id, p.version, A.REOPEN, "belum puas", people["rina"], now=NOW)
    with pytest.raises(ValidationFailed, match="tidak dapat diubah"):
        update_problem(uow, replace(p, description="Diubah setelah ditutup."), people["rina"], now=NOW)


def test_a_stale_edit_is_refused_and_names_who(uow, people) -> None:
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    act_on_problem(uow, p.id, p.version, A.START, "", people["boss"], now=NOW)
    with pytest.raises(StaleEdit, match="Bu Supervisor"):
        update_problem(uow, replace(p, category=ProblemCategory.DATA), people["rina"], now=NOW)


def test_editing_the_day_received_moves_the_deadline(uow, people) -> None:
    p = record_problem(uow, _problem(people), people["rina"], now=NOW)
    p = update_problem(uow, replace(p, received_at=datetime(2026, 3, 2, 8, 0)), people["rina"], now=NOW)
    assert p.deadline == date(2026, 3, 16)
    with uow.read() as tx:
        audit = tx.session.execute(text(  # type: ignore[attr-defined]
            "SELECT action FROM audit_log WHERE table_name='client_problems' ORDER BY id")).scalars().all()
    assert audit == ["create", "diubah"]


def test_the_today_panel_gets_overdue_then_due_today(uow, people) -> None:
    old = record_problem(uow, _problem(people, received_at=datetime(2026, 3, 2, 8, 0)), people["rina"], now=NOW)
    record_problem(uow, _problem(people), people["rina"], now=NOW)  # due 1 Apr
    done = record_problem(uow, _problem(people, received_at=datetime(2026, 3, 2, 9, 0)), people["rina"], now=NOW)
    act_on_problem(uow, done.id, done.version, A.RESOLVE, "Sudah dijawab lewat telepon.", people["rina"], now=NOW)
    # 16 Mar: the first is due; 1 Apr: the first is overdue and the second due.
    first = problems_needing_attention(uow, date(2026, 3, 16), people["rina_id"])
    assert (first.open_count, first.overdue_count, first.due_today_count) == (2, 0, 1)
    later = problems_needing_attention(uow, date(2026, 4, 1), None)
    assert (later.overdue_count, later.due_today_count) == (1, 1)
    assert [i.problem.id for i in later.items][0] == old.id
    assert len(client_problems(uow, people["siti"].id, date(2026, 4, 1))) == 3
    overdue = ProblemQuery(date(2026, 4, 1), overdue_only=True)
    assert [i.problem.id for i in list_problems(uow, overdue)] == [old.id]
