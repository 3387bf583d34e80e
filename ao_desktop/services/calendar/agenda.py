"""Read use cases of the calendar: a range for the month/week views, one day's agenda,
the Today panel, a client's timeline and a day's visit route. Each reads in one
transaction so what is shown is one consistent snapshot."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from ao_desktop.domain.calendar.activity import ActivityItem, UncontactedClient
from ao_desktop.domain.calendar.agenda import (
    DEFAULT_DAYS_WITHOUT_CONTACT,
    PROMISE_LOOKAHEAD_DAYS,
    PROMISE_LOOKBACK_DAYS,
    AgendaDay,
    TodaySummary,
    visit_route,
)
from ao_desktop.domain.calendar.working_days import is_working_day
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.calendar.holiday_calendar import holiday_calendar
from ao_desktop.services.ports import UnitOfWork

DAYS_WITHOUT_CONTACT_KEY = "calendar.days_without_contact"
MAX_RANGE_DAYS = 400


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def activities_between(uow: UnitOfWork, first: date, last: date,
                       officer_id: int | None) -> list[ActivityItem]:
    """Every activity from `first` to `last` (both included), in time order."""
    if last < first:
        raise ValidationFailed([FieldIssue("to", _("Tanggal akhir sebelum tanggal awal."), True)])
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValidationFailed([FieldIssue("to", _("Rentang paling panjang {n} hari.")
                                           .format(n=MAX_RANGE_DAYS), True)])
    with uow.read() as tx:
        return tx.activities.between(_start(first), _start(last + timedelta(days=1)), officer_id)


def day_agenda(uow: UnitOfWork, day: date, officer_id: int | None) -> AgendaDay:
    holidays = holiday_calendar(uow, day, day)
    with uow.read() as tx:
        items = tx.activities.between(_start(day), _start(day + timedelta(days=1)), officer_id)
        overdue = tx.activities.overdue(_start(day), officer_id)
    return AgendaDay(day, holidays.get(day), is_working_day(day, holidays), items, overdue)


def days_without_contact(uow: UnitOfWork) -> int:
    with uow.read() as tx:
        raw = tx.settings.get(DAYS_WITHOUT_CONTACT_KEY, "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_DAYS_WITHOUT_CONTACT
    return value if 1 <= value <= 3650 else DEFAULT_DAYS_WITHOUT_CONTACT


def set_days_without_contact(uow: UnitOfWork, days: int, actor: Actor) -> None:
    """The branch's "not contacted for N days" threshold of the Today panel (audited)."""
    if not 1 <= days <= 3650:
        raise ValidationFailed([FieldIssue("days", _("Isi antara 1 dan 3650 hari."), True)])
    with uow.write() as tx:
        tx.settings.change({DAYS_WITHOUT_CONTACT_KEY: str(days)}, actor.name, datetime.now().replace(microsecond=0))


def today_summary(uow: UnitOfWork, today: date, officer_id: int | None,
                  limit: int = 50, *, with_uncontacted: bool = True) -> TodaySummary:
    """What the Today panel shows: today's agenda, overdue follow-ups (the oldest
    `limit` and their count), clients not contacted for the set number of days, and
    promises to pay from a week ago to three days ahead. Without `with_uncontacted` the
    slowest part (it reads every client of the officer) is left empty for
    `uncontacted_clients` to fill on a worker thread."""
    holidays = holiday_calendar(uow, today, today)
    days = days_without_contact(uow)
    with uow.read() as tx:
        items = tx.activities.between(_start(today), _start(today + timedelta(days=1)), officer_id)
        overdue = tx.activities.overdue(_start(today), officer_id, limit)
        count = tx.activities.count_overdue(_start(today), officer_id) if len(overdue) >= limit else len(overdue)
        uncontacted = (tx.activities.uncontacted(officer_id, _start(today - timedelta(days=days)), limit)
                       if with_uncontacted else [])
        promises = tx.activities.promises_due(today - timedelta(days=PROMISE_LOOKBACK_DAYS),
                                              today + timedelta(days=PROMISE_LOOKAHEAD_DAYS),
                                              officer_id, limit)
    agenda = AgendaDay(today, holidays.get(today), is_working_day(today, holidays), items, overdue)
    return TodaySummary(agenda, count, uncontacted, days, promises)


def uncontacted_clients(uow: UnitOfWork, today: date, officer_id: int | None,
                        limit: int = 50) -> list[UncontactedClient]:
    """The officer's clients without a completed contact for the set number of days,
    longest-neglected first."""
    days = days_without_contact(uow)
    with uow.read() as tx:
        return tx.activities.uncontacted(officer_id, _start(today - timedelta(days=days)), limit)


def client_timeline(uow: UnitOfWork, client_id: int) -> list[ActivityItem]:
    with uow.read() as tx:
        return tx.activities.timeline(client_id)


def visit_list(uow: UnitOfWork, day: date, officer_id: int | None) -> list[ActivityItem]:
    """The day's visits in the order an AO rides them (kecamatan, kelurahan, time)."""
    with uow.read() as tx:
        items = tx.activities.between(_start(day), _start(day + timedelta(days=1)), officer_id)
    return visit_route(items)


def holiday_warning(uow: UnitOfWork, day: date) -> str | None:
    """A sentence when `day` is a holiday or weekend (a warning, never a block)."""
    holidays = holiday_calendar(uow, day, day)
    if day in holidays:
        return _("{d} adalah hari libur: {n}. Kegiatan tetap dapat dijadwalkan.").format(
            d=day.strftime("%d/%m/%Y"), n=holidays[day])
    if day.weekday() >= 5:
        return _("{d} jatuh pada akhir pekan. Kegiatan tetap dapat dijadwalkan.").format(
            d=day.strftime("%d/%m/%Y"))
    return None


def write_visit_list_pdf(uow: UnitOfWork, path: Path, day: date, officer_id: int | None) -> int:
    """The day's visits in route order as a one-page PDF; returns how many visits."""
    from ao_desktop.documents.calendar.visit_list_pdf import VisitListData, write_visit_list
    from ao_desktop.domain.common.phone import PhoneError, normalize_phone

    visits = visit_list(uow, day, officer_id)
    with uow.read() as tx:
        officer = tx.officers.get(officer_id) if officer_id is not None else None
        bank = tx.settings.get("bank.name", "").strip()
        branch = tx.settings.get("bank.branch", "").strip()
    phones: dict[int, str] = {}
    for item in visits:
        number = item.mobile or item.landline
        try:
            phones[item.id] = normalize_phone(number).display if number else ""
        except PhoneError:
            phones[item.id] = number
    holidays = holiday_calendar(uow, day, day)
    write_visit_list(Path(path), VisitListData(
        day, officer.name if officer else _("semua AO"), bank, branch, holidays.get(day), visits, phones))
    return len(visits)
