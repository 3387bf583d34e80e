"""Use case: an officer's schedule exported as an .ics file for the phone's calendar."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ao_desktop.documents.calendar.ics_export import IcsEvent, build_calendar, write_ics
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.services.ports import UnitOfWork

DATABASE_UID_KEY = "calendar.database_uid"
MAX_EXPORT_DAYS = 400


def database_uid(uow: UnitOfWork) -> str:
    """This database's own id for event UIDs (created once, then kept): ids alone would
    collide between two branches' databases on one phone."""
    with uow.read() as tx:
        found = tx.settings.get(DATABASE_UID_KEY, "")
    if found:
        return found
    with uow.write() as tx:
        found = tx.settings.get(DATABASE_UID_KEY, "")
        if not found:
            found = uuid.uuid4().hex[:16]
            tx.settings.set(DATABASE_UID_KEY, found)
    return found


def export_calendar(uow: UnitOfWork, path: Path, first: date, last: date,
                    officer_id: int | None) -> int:
    """Write the activities from `first` to `last` (both included) to `path`; returns
    how many. An empty range writes a valid calendar without events."""
    if last < first:
        raise ValidationFailed([FieldIssue("to", _("Tanggal akhir ({b}) sebelum tanggal awal ({a}).")
                                           .format(a=first.isoformat(), b=last.isoformat()), True)])
    if (last - first).days > MAX_EXPORT_DAYS:
        raise ValidationFailed([FieldIssue("to", _("Rentang ekspor paling panjang {n} hari.")
                                           .format(n=MAX_EXPORT_DAYS), True)])
    uid = database_uid(uow)
    with uow.read() as tx:
        items = tx.activities.between(datetime.combine(first, time.min),
                                      datetime.combine(last + timedelta(days=1), time.min),
                                      officer_id, limit=1_000_000)
        officer = tx.officers.get(officer_id) if officer_id is not None else None
    now = datetime.now().replace(microsecond=0)
    events = [IcsEvent(i, i.updated_at or now) for i in items]
    name = _("Jadwal AO {n}").format(n=officer.name) if officer else _("Jadwal AO")
    write_ics(Path(path), build_calendar(events, name, uid, now))
    return len(items)
