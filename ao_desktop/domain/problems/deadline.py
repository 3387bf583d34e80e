"""The deadline of a client problem: answered within N working days of receipt (10 by
default, as OJK's complaint rule has it), extendable once by M more (10 by default).

Working days skip weekends, public holidays and cuti bersama. The calendar itself
belongs to the calendar area; the service hands in its working-day function, so this
module stays independent of it (`AddWorkingDays`). The day of receipt never counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ao_desktop.domain.problems.problem import ClientProblem

# (start, n) -> the working day n working days after start
AddWorkingDays = Callable[[date, int], date]
DEFAULT_DEADLINE_DAYS = 10
DEFAULT_EXTENSION_DAYS = 10
MAX_RULE_DAYS = 60


@dataclass(frozen=True)
class DeadlineRules:
    """The bank's rule (a setting): working days to answer, and of the one extension."""

    days: int = DEFAULT_DEADLINE_DAYS
    extension_days: int = DEFAULT_EXTENSION_DAYS


def first_deadline(received: date, rules: DeadlineRules, add: AddWorkingDays) -> date:
    return add(received, rules.days)


def extended_deadline(original: date, rules: DeadlineRules, add: AddWorkingDays) -> date:
    """The extension counts from the original deadline, not from the day it is asked."""
    return add(original, rules.extension_days)


def deadlines(received: date, extended: bool, rules: DeadlineRules,
              add: AddWorkingDays) -> tuple[date, date]:
    """(original deadline, current deadline)."""
    original = first_deadline(received, rules, add)
    return original, extended_deadline(original, rules, add) if extended else original


def is_overdue(problem: ClientProblem, today: date) -> bool:
    """Still open after its deadline day has passed."""
    return problem.is_open and problem.deadline is not None and problem.deadline < today


def is_due_today(problem: ClientProblem, today: date) -> bool:
    return problem.is_open and problem.deadline == today
