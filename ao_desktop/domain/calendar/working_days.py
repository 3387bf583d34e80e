"""Working days over Indonesia's public holidays and cuti bersama.

The calendar is a plain mapping of date -> holiday name handed in by the caller (a
service builds it from the `holidays` package plus the admin's overrides), so the rules
here stay pure and testable. Saturdays and Sundays are never working days; the bank's
Saturday service, if any, is not an AO's deadline day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ao_desktop.domain.common.i18n import _

HolidayCalendar = Mapping[date, str]  # date -> name ("Hari Raya Idul Fitri", ...)
_MAX_STEPS = 3660  # ten years of days: a guard against a calendar with no working day


@dataclass(frozen=True)
class HolidayOverride:
    """An admin's correction to the package's list: a new decree (`is_holiday` True with
    its name), a regional holiday, or a day the package lists that is worked after all."""

    day: date
    name: str
    is_holiday: bool = True


def merge_overrides(base: Mapping[date, str], overrides: list[HolidayOverride]) -> dict[date, str]:
    """The package's holidays with the admin's overrides applied (an override wins)."""
    merged = dict(base)
    for item in overrides:
        if item.is_holiday:
            merged[item.day] = item.name or _("Hari libur")
        else:
            merged.pop(item.day, None)
    return merged


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date, calendar: HolidayCalendar) -> bool:
    """False on Saturday, Sunday, a public holiday or a cuti bersama day."""
    return not is_weekend(day) and day not in calendar


def holiday_name(day: date, calendar: HolidayCalendar) -> str | None:
    """The holiday's name on `day`, or None (weekends have no name)."""
    return calendar.get(day)


def add_working_days(start: date, n: int, calendar: HolidayCalendar) -> date:
    """The working day `n` working days after `start` (before it when n < 0); `start`
    itself never counts, so 10 working days from a Friday complaint lands two weeks on.
    With n == 0: `start` if it is a working day, else the next working day."""
    step = 1 if n >= 0 else -1
    day, left, steps = start, abs(n), 0
    if n == 0:
        while not is_working_day(day, calendar):
            day, steps = day + timedelta(days=1), steps + 1
            _guard(steps)
        return day
    while left:
        day, steps = day + timedelta(days=step), steps + 1
        _guard(steps)
        if is_working_day(day, calendar):
            left -= 1
    return day


def working_days_between(start: date, end: date, calendar: HolidayCalendar) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count


def _guard(steps: int) -> None:
    if steps > _MAX_STEPS:
        raise ValueError("no working day within ten years: the holiday calendar is wrong")
