"""Rules an activity and its outcome must pass before they are stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ao_desktop.domain.calendar.activity import Activity, NextStep, Outcome, visit_order_key
from ao_desktop.domain.calendar.activity_rules import (
    clean_activity,
    clean_outcome,
    next_step_issues,
    outcome_issues,
)
from ao_desktop.domain.calendar.agenda import visit_route
from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.calendar.message_templates import (
    default_templates,
    fill_template,
    template_issues,
)
from ao_desktop.domain.common.errors import ValidationFailed
from tests.domain.calendar.items import item

START = datetime(2026, 12, 7, 9, 0)


def _activity(**fields: object) -> Activity:
    base: dict[str, object] = dict(client_id=1, officer_id=1, type=ActivityType.VISIT,
                                   purpose=ActivityPurpose.FOLLOW_UP, starts_at=START)
    base.update(fields)
    return Activity(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "field"), [
    ({"duration_minutes": 0}, "duration_minutes"),  # the end is not after the start
    ({"duration_minutes": -30}, "duration_minutes"),
    ({"duration_minutes": 13 * 60}, "duration_minutes"),
    ({"starts_at": datetime(1999, 12, 31, 9)}, "starts_at"),
    ({"result": ActivityResult.INTERESTED}, "result"),  # a planned activity has no result yet
    ({"status": ActivityStatus.DONE, "result": ActivityResult.PROMISE_TO_PAY,
      "promise_amount": 500_000}, "promise_date"),
])
def test_bad_activity_is_refused_naming_the_field(fields: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        clean_activity(_activity(**fields))
    assert field in {i.field for i in info.value.issues}


def test_clean_activity_trims_and_drops_seconds() -> None:
    cleaned = clean_activity(_activity(location="  Jl. Merdeka 1 ", starts_at=START.replace(second=42)))
    assert cleaned.location == "Jl. Merdeka 1"
    assert cleaned.starts_at == START


@pytest.mark.parametrize(("outcome", "fields"), [
    (Outcome(result=ActivityResult.NOT_INTERESTED), {"result_reason"}),
    (Outcome(result=ActivityResult.PROMISE_TO_PAY), {"promise_date", "promise_amount"}),
    (Outcome(result=ActivityResult.PROMISE_TO_PAY, promise_date=date(2026, 12, 1),
             promise_amount=100), {"promise_date"}),  # before the visit
    (Outcome(result=ActivityResult.PROMISE_TO_PAY, promise_date=date(2028, 1, 1),
             promise_amount=100), {"promise_date"}),  # a typo in the year
    (Outcome(status=ActivityStatus.NOT_MET, result=ActivityResult.INTERESTED), {"result"}),
    (Outcome(status=ActivityStatus.PLANNED), {"status"}),
])
def test_outcome_needs_what_its_result_needs(outcome: Outcome, fields: set[str]) -> None:
    assert {i.field for i in outcome_issues(outcome, START.date())} == fields


def test_promise_amount_must_be_int_rupiah() -> None:
    with pytest.raises(TypeError):
        outcome_issues(Outcome(result=ActivityResult.PROMISE_TO_PAY, promise_date=START.date(),
                               promise_amount=1.5), START.date())  # type: ignore[arg-type]


def test_clean_outcome_keeps_only_what_belongs_to_the_result() -> None:
    cleaned = clean_outcome(Outcome(result=ActivityResult.INTERESTED, result_reason="x",
                                    promise_amount=5, products=("kur-mikro", " KUR-MIKRO", "")),
                            START.date())
    assert (cleaned.result_reason, cleaned.promise_amount, cleaned.products) == ("", 0, ("KUR-MIKRO",))


def test_next_step_must_come_after_the_activity() -> None:
    step = NextStep(ActivityType.PHONE, ActivityPurpose.FOLLOW_UP, datetime(2026, 12, 6, 9))
    assert {i.field for i in next_step_issues(step, START)} == {"next_starts_at"}
    assert next_step_issues(NextStep(ActivityType.PHONE, ActivityPurpose.FOLLOW_UP,
                                     datetime(2026, 12, 8, 9)), START) == []


def test_visit_route_orders_by_kecamatan_then_kelurahan_and_leaves_out_calls() -> None:
    items = [
        item(1, START.replace(hour=8), kecamatan="Tegalsari", kelurahan="Wonorejo"),
        item(2, START.replace(hour=9), kecamatan="Genteng", kelurahan="Ketabang"),
        item(3, START.replace(hour=10), kecamatan="Tegalsari", kelurahan="Dr. Soetomo"),
        item(4, START.replace(hour=11), type=ActivityType.PHONE, kecamatan="Genteng"),
        item(5, START.replace(hour=12), status=ActivityStatus.CANCELLED, kecamatan="A"),
    ]
    assert [i.id for i in visit_route(items)] == [2, 3, 1]
    assert visit_order_key(items[0])[0] == "tegalsari"


def test_templates_fill_known_placeholders_and_keep_unknown_ones() -> None:
    text = fill_template("Yth. {sapaan} {nama}, {jumlah} pada {tanggal}. {lain}",
                         {"sapaan": "Ibu", "nama": "Siti", "jumlah": "Rp500.000",
                          "tanggal": "10 Des 2026"})
    assert text == "Yth. Ibu Siti, Rp500.000 pada 10 Des 2026. {lain}"
    assert all(template_issues(t.text) == [] for t in default_templates())
    assert {i.field for i in template_issues("Halo {namaa}")} == {"text"}
    assert template_issues("   ")
