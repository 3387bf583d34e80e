"""Deadlines of client problems on this database's holiday calendar: the bank's rule
(settings `problems.deadline_days`, `problems.extension_days`; 10 and 10 by default)
and the calendar area's working days (public holidays, cuti bersama and the admin's
overrides). The domain gets the working-day function handed in."""

from __future__ import annotations

from datetime import date

from ao_desktop.domain.calendar.working_days import add_working_days
from ao_desktop.domain.problems.deadline import (
    DEFAULT_DEADLINE_DAYS,
    DEFAULT_EXTENSION_DAYS,
    MAX_RULE_DAYS,
    AddWorkingDays,
    DeadlineRules,
    deadlines,
    extended_deadline,
)
from ao_desktop.services.calendar.holiday_calendar import working_calendar
from ao_desktop.services.ports import Transaction, UnitOfWork

DEADLINE_DAYS_KEY = "problems.deadline_days"
EXTENSION_DAYS_KEY = "problems.extension_days"


def _days(raw: str, default: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if 1 <= value <= MAX_RULE_DAYS else default  # a damaged setting never blocks the AO


def read_rules(tx: Transaction) -> DeadlineRules:
    return DeadlineRules(_days(tx.settings.get(DEADLINE_DAYS_KEY, ""), DEFAULT_DEADLINE_DAYS),
                         _days(tx.settings.get(EXTENSION_DAYS_KEY, ""), DEFAULT_EXTENSION_DAYS))


def deadline_rules(uow: UnitOfWork) -> DeadlineRules:
    with uow.read() as tx:
        return read_rules(tx)


def working_days_from(uow: UnitOfWork, around: date) -> AddWorkingDays:
    """The calendar's working-day function on a calendar wide enough around `around`."""
    calendar = working_calendar(uow, around)
    return lambda start, n: add_working_days(start, n, calendar)


def deadlines_for(uow: UnitOfWork, received: date, extended: bool,
                  rules: DeadlineRules | None = None) -> tuple[date, date]:
    """(original deadline, current deadline) of a problem received on `received`."""
    rules = rules or deadline_rules(uow)
    return deadlines(received, extended, rules, working_days_from(uow, received))


def extension_of(uow: UnitOfWork, original: date, rules: DeadlineRules) -> date:
    return extended_deadline(original, rules, working_days_from(uow, original))
