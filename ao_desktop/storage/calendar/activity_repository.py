"""SqlActivityRepository: the activity log behind the calendar, the agenda and the
client's timeline.

Writes are version-checked UPDATEs (`WHERE id = ? AND version = ?`), as for clients: a
reschedule on a stale copy changes nothing and the caller explains what changed. Lists
are Core selects joined to the client's name, address and phone in one query, bounded
by a date range or a LIMIT so a month view never reads more than its month.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, false, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.calendar.activity import (
    EDITABLE_FIELDS,
    Activity,
    ActivityItem,
    UncontactedClient,
)
from ao_desktop.domain.calendar.enums import ActivityResult, ActivityStatus
from ao_desktop.storage import dialect
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.audit_values import jsonable
from ao_desktop.storage.calendar.activity_mapping import (
    activity_values,
    client_display_name,
    row_to_activity,
    tuple_to_item,
)
from ao_desktop.storage.models import ActivityRow, ClientRow

_EMPTY = (None, "", (), [])  # a new record's unset fields: left out of its audit entry

A = ActivityRow.__table__
C = ClientRow.__table__
_ITEM_COLUMNS = (
    A.c.id, A.c.version, A.c.client_id, A.c.officer_id, A.c.type, A.c.purpose, A.c.status,
    A.c.starts_at, A.c.duration_minutes, A.c.location, A.c.outcome, A.c.result,
    A.c.promise_date, A.c.promise_amount, A.c.updated_at, C.c.kind, C.c.full_name, C.c.business_name,
    C.c.mobile, C.c.landline, C.c.kelurahan, C.c.kecamatan, C.c.consent_contact,
)  # fmt: skip
# Clients an AO keeps in touch with: not the refused or the inactive ones.
_KEPT_STATUSES = ("prospek", "pengajuan", "aktif")


class SqlActivityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- one activity -------------------------------------------------------------------
    def get(self, activity_id: int) -> Activity | None:
        row = self.session.execute(select(A).where(A.c.id == activity_id)).first()
        return row_to_activity(row) if row else None

    def item(self, activity_id: int) -> ActivityItem | None:
        r = self.session.execute(self._items().where(A.c.id == activity_id)).first()
        return tuple_to_item(r) if r else None

    def last_change(self, activity_id: int) -> tuple[str, datetime] | None:
        r = self.session.execute(
            select(A.c.updated_by, A.c.updated_at).where(A.c.id == activity_id)).first()
        return (r.updated_by, r.updated_at) if r else None

    def _audit(self, row_id: int, action: str, actor: str, now: datetime,
               details: dict[str, Any]) -> None:
        client_id = self.session.scalar(select(ActivityRow.client_id).where(ActivityRow.id == row_id))
        audit_entry(self.session, "activities", row_id, action, actor, now, details, client_id)

    def add(self, activity: Activity, actor: str, now: datetime) -> Activity:
        values = activity_values(activity)
        new_id = self.session.execute(insert(A).values(
            **values, version=1, created_at=now, updated_at=now, updated_by=actor)).inserted_primary_key[0]
        self._audit(new_id, "create", actor, now,
                    {**{f: [None, jsonable(getattr(activity, f))] for f in EDITABLE_FIELDS
                        if getattr(activity, f) not in _EMPTY},
                     "client_id": activity.client_id, "starts_at": activity.starts_at.isoformat(),
                     "follow_up_of": activity.follow_up_of})
        return replace(activity, id=new_id, version=1, created_at=now, updated_at=now,
                       updated_by=actor)

    def update(self, activity: Activity, actor: str, now: datetime) -> Activity | None:
        """Save if the stored version still equals `activity.version`; None when not."""
        assert activity.id is not None
        before = self.get(activity.id)
        if before is None or before.version != activity.version:
            return None
        result = self.session.execute(
            update(A).where(A.c.id == activity.id, A.c.version == activity.version)
            .values(**activity_values(activity), version=A.c.version + 1, updated_at=now,
                    updated_by=actor))
        if result.rowcount != 1:
            return None
        changed = {f: [jsonable(getattr(before, f)), jsonable(getattr(activity, f))]
                   for f in EDITABLE_FIELDS if getattr(before, f) != getattr(activity, f)}
        self._audit(activity.id, "update", actor, now, changed)
        return self.get(activity.id)

    # --- lists --------------------------------------------------------------------------
    def _items(self) -> Select[Any]:
        return select(*_ITEM_COLUMNS).select_from(A.join(C, A.c.client_id == C.c.id))

    def between(self, start: datetime, end: datetime, officer_id: int | None,
                limit: int = 20_000) -> list[ActivityItem]:
        """Activities starting in [start, end), in time order (one officer or all)."""
        stmt = self._items().where(A.c.starts_at >= start, A.c.starts_at < end)
        if officer_id is not None:
            stmt = stmt.where(A.c.officer_id == officer_id)
        stmt = stmt.order_by(A.c.starts_at, A.c.id).limit(limit)
        return [tuple_to_item(r) for r in self.session.execute(stmt).all()]

    def overdue(self, before: datetime, officer_id: int | None, limit: int = 200) -> list[ActivityItem]:
        """Planned activities that should have happened before `before`, oldest first."""
        stmt = self._items().where(A.c.status == ActivityStatus.PLANNED.value,
                                   A.c.starts_at < before)
        if officer_id is not None:
            stmt = stmt.where(A.c.officer_id == officer_id)
        return [tuple_to_item(r) for r in
                self.session.execute(stmt.order_by(A.c.starts_at, A.c.id).limit(limit)).all()]

    def count_overdue(self, before: datetime, officer_id: int | None) -> int:
        stmt = select(func.count()).select_from(A).where(
            A.c.status == ActivityStatus.PLANNED.value, A.c.starts_at < before)
        if officer_id is not None:
            stmt = stmt.where(A.c.officer_id == officer_id)
        return int(self.session.execute(stmt).scalar_one())

    def promises_due(self, first: date, last: date, officer_id: int | None,
                     limit: int = 200) -> list[ActivityItem]:
        """Promises to pay whose date falls in [first, last], by date."""
        stmt = self._items().where(
            A.c.promise_date >= first, A.c.promise_date <= last,
            A.c.result == ActivityResult.PROMISE_TO_PAY.value)
        if officer_id is not None:
            stmt = stmt.where(A.c.officer_id == officer_id)
        stmt = stmt.order_by(A.c.promise_date, A.c.id).limit(limit)
        return [tuple_to_item(r) for r in self.session.execute(stmt).all()]

    def timeline(self, client_id: int, limit: int = 500) -> list[ActivityItem]:
        """The client's activities, newest first."""
        stmt = self._items().where(A.c.client_id == client_id).order_by(
            A.c.starts_at.desc(), A.c.id.desc()).limit(limit)
        return [tuple_to_item(r) for r in self.session.execute(stmt).all()]

    def uncontacted(self, officer_id: int | None, before: datetime,
                    limit: int = 50) -> list[UncontactedClient]:
        """The officer's clients with no completed activity since `before` (and on the
        books since before then), longest-neglected first."""
        done = A.alias("done")
        last = (select(func.max(done.c.starts_at))
                .where(done.c.client_id == C.c.id, done.c.status == ActivityStatus.DONE.value)
                .scalar_subquery())
        inner = select(C.c.id, C.c.kind, C.c.full_name, C.c.business_name, C.c.mobile,
                       C.c.consent_contact, C.c.created_at, last.label("last_contact"))
        # Unary + keeps SQLite on the officer's index instead of the status index.
        inner = inner.where(dialect.unindexed(self.session, C.c.archived) == false(),
                            dialect.unindexed(self.session, C.c.status).in_(_KEPT_STATUSES),
                            C.c.created_at < before)
        if officer_id is not None:
            inner = inner.where(C.c.officer_id == officer_id)
        sub = inner.subquery()
        since = func.coalesce(sub.c.last_contact, sub.c.created_at)
        stmt = (select(sub).where(or_(sub.c.last_contact.is_(None),
                                      and_(sub.c.last_contact < before)))
                .order_by(since, sub.c.id).limit(limit))
        return [UncontactedClient(r.id, client_display_name(r.kind, r.full_name, r.business_name),
                                  r.mobile, r.last_contact, bool(r.consent_contact))
                for r in self.session.execute(stmt)]
