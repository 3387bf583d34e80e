"""An officer's schedule as an iCalendar file (.ics) a phone's calendar opens.

Each activity is one VEVENT whose UID is built from the activity id and the database's
own id, so importing a newer export updates the events instead of adding copies;
SEQUENCE is the activity's version, so the phone takes the newer one. A cancelled
activity stays in the file as STATUS:CANCELLED, which removes it from the phone's view.
Times are floating local times: the branch and the AO's phone share a time zone, and a
fixed zone would be wrong for WITA and WIT branches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from icalendar import Calendar, Event

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.enums import ActivityStatus
from ao_desktop.domain.calendar.labels import purpose_label, status_label, type_label
from ao_desktop.domain.common.i18n import _

PRODID = "-//AO Desktop//Kalender AO//ID"
_STATUS = {
    ActivityStatus.PLANNED: "CONFIRMED",
    ActivityStatus.DONE: "CONFIRMED",
    ActivityStatus.NOT_MET: "CONFIRMED",
    ActivityStatus.CANCELLED: "CANCELLED",
}


@dataclass(frozen=True)
class IcsEvent:
    """An activity with the stamps the export needs (version and last change)."""

    item: ActivityItem
    updated_at: datetime


def activity_uid(activity_id: int, database_uid: str) -> str:
    return f"activity-{activity_id}-{database_uid}@ao-desktop"


def build_calendar(events: Iterable[IcsEvent], calendar_name: str, database_uid: str,
                   stamp: datetime) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    for event in events:
        cal.add_component(_event(event, database_uid, stamp))
    return cal


def _event(event: IcsEvent, database_uid: str, stamp: datetime) -> Event:
    item = event.item
    vevent = Event()
    vevent.add("uid", activity_uid(item.id, database_uid))
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", max(item.version - 1, 0))
    vevent.add("dtstart", item.starts_at)
    vevent.add("dtend", item.ends_at)
    vevent.add("summary", f"{type_label(item.type)}: {item.client_name}")
    if item.location:
        vevent.add("location", item.location)
    lines = [
        _("Tujuan: {p}").format(p=purpose_label(item.purpose)),
        _("Status: {s}").format(s=status_label(item.status)),
    ]
    if item.mobile:
        lines.append(_("HP: {n}").format(n=item.mobile))
    if item.outcome:
        lines.append(item.outcome)
    vevent.add("description", "\n".join(lines))
    vevent.add("status", _STATUS[item.status])
    vevent.add("categories", [type_label(item.type)])
    return vevent


def write_ics(path: Path, calendar: Calendar) -> None:
    """Write to a temporary file beside `path` and rename it over: a failed write never
    leaves half a calendar where the phone would read it."""
    temp = path.with_name(f".{path.name}.tmp")
    try:
        temp.write_bytes(calendar.to_ical())
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
