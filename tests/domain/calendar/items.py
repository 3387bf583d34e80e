"""A builder of ActivityItems for tests."""

from __future__ import annotations

from datetime import datetime

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityStatus, ActivityType


def item(id_: int, starts_at: datetime, **fields: object) -> ActivityItem:
    base: dict[str, object] = dict(
        id=id_, version=1, client_id=id_, officer_id=1, type=ActivityType.VISIT,
        purpose=ActivityPurpose.FOLLOW_UP, status=ActivityStatus.PLANNED, starts_at=starts_at,
        duration_minutes=30, location="", client_name=f"Nasabah {id_}")
    base.update(fields)
    return ActivityItem(**base)  # type: ignore[arg-type]
