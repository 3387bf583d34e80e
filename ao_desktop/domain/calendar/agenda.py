"""What a day looks like to an AO: the agenda of one day and the Today panel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ao_desktop.domain.calendar.activity import ActivityItem, UncontactedClient, visit_order_key
from ao_desktop.domain.calendar.enums import REMOTE_TYPES, ActivityStatus

DEFAULT_DAYS_WITHOUT_CONTACT = 30
PROMISE_LOOKBACK_DAYS = 7  # a promise broken last week is still on the AO's list
PROMISE_LOOKAHEAD_DAYS = 3  # remind the client before the day


@dataclass(frozen=True)
class AgendaDay:
    day: date
    holiday: str | None
    working_day: bool
    items: list[ActivityItem] = field(default_factory=list)
    overdue: list[ActivityItem] = field(default_factory=list)


@dataclass(frozen=True)
class TodaySummary:
    agenda: AgendaDay
    overdue_count: int
    uncontacted: list[UncontactedClient]
    days_without_contact: int
    promises_due: list[ActivityItem]


def visit_route(items: list[ActivityItem]) -> list[ActivityItem]:
    """A day's trips (visits, not calls or messages; not cancelled), in area order."""
    trips = [i for i in items if i.type not in REMOTE_TYPES and i.status is not ActivityStatus.CANCELLED]
    return sorted(trips, key=visit_order_key)
