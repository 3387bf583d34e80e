"""The holiday calendar the working-day rules run on: Indonesia's public holidays and
cuti bersama from the `holidays` package (read through the unit of work, as storage's
PackageHolidays), corrected by the admin's overrides stored in the database (a decree the package does not know yet, a regional holiday, a listed day
that is worked after all). The domain gets a plain {date: name} mapping.
"""

from __future__ import annotations

from datetime import date, datetime

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.calendar.working_days import (
    HolidayCalendar,
    HolidayOverride,
    add_working_days,
    merge_overrides,
)
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import UnitOfWork

MAX_NAME = 120


def holiday_calendar(uow: UnitOfWork, first: date, last: date) -> dict[date, str]:
    """{date: name} of every non-working holiday in [first, last] (weekends excluded)."""
    with uow.read() as tx:
        overrides = tx.holiday_overrides.list(first, last)
        known = tx.public_holidays.between(first, last)
    return merge_overrides(known, overrides)


def working_calendar(uow: UnitOfWork, around: date, years: int = 2) -> HolidayCalendar:
    """A calendar wide enough for deadlines from `around` (a year back, `years` ahead)."""
    return holiday_calendar(uow, date(around.year - 1, 1, 1), date(around.year + years, 12, 31))


def add_working_days_from(uow: UnitOfWork, start: date, n: int) -> date:
    """`n` working days after `start` on this database's calendar (later issues'
    deadlines: a complaint answered within 10 working days)."""
    return add_working_days(start, n, working_calendar(uow, start, years=max(2, n // 200 + 2)))


def list_overrides(uow: UnitOfWork) -> list[HolidayOverride]:
    with uow.read() as tx:
        return tx.holiday_overrides.list()


def set_holiday_override(uow: UnitOfWork, item: HolidayOverride, actor: Actor) -> None:
    """Admin only: add or replace the override of one day."""
    _require_admin(actor)
    name = item.name.strip()
    if item.is_holiday and not name:
        raise ValidationFailed([FieldIssue("name", _("Isi nama hari libur."), True)])
    if len(name) > MAX_NAME:
        raise ValidationFailed([FieldIssue("name", _("Nama hari libur terlalu panjang."), True)])
    if not date(2000, 1, 1) <= item.day <= date(2100, 12, 31):
        raise ValidationFailed([FieldIssue("day", _("Tanggal harus antara tahun 2000 dan 2100."), True)])
    with uow.write() as tx:
        tx.holiday_overrides.put(HolidayOverride(item.day, name, item.is_holiday), actor.name, _now())


def remove_holiday_override(uow: UnitOfWork, day: date, actor: Actor) -> bool:
    _require_admin(actor)
    with uow.write() as tx:
        return tx.holiday_overrides.remove(day, actor.name, _now())


def _require_admin(actor: Actor) -> None:
    require(actor, Action.MANAGE_HOLIDAYS)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
