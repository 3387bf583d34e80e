"""Rows <-> activities: the one place that knows how an activity is laid out in SQL."""

from __future__ import annotations

import json
from typing import Any

from ao_desktop.domain.calendar.activity import Activity, ActivityItem
from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)


def activity_values(activity: Activity) -> dict[str, Any]:
    """The editable columns of `activity` (no id, version or stamps)."""
    return {
        "client_id": activity.client_id,
        "officer_id": activity.officer_id,
        "type": activity.type.value,
        "purpose": activity.purpose.value,
        "status": activity.status.value,
        "starts_at": activity.starts_at,
        "duration_minutes": activity.duration_minutes,
        "location": activity.location,
        "outcome": activity.outcome,
        "products": json.dumps(list(activity.products)),
        "result": activity.result.value if activity.result else None,
        "result_reason": activity.result_reason,
        "promise_date": activity.promise_date,
        "promise_amount": activity.promise_amount,
        "follow_up_of": activity.follow_up_of,
    }


def row_to_activity(row: Any) -> Activity:
    return Activity(
        client_id=row.client_id, officer_id=row.officer_id, type=ActivityType(row.type),
        purpose=ActivityPurpose(row.purpose), starts_at=row.starts_at,
        duration_minutes=row.duration_minutes, location=row.location,
        status=ActivityStatus(row.status), outcome=row.outcome,
        products=tuple(json.loads(row.products or "[]")),
        result=ActivityResult(row.result) if row.result else None,
        result_reason=row.result_reason, promise_date=row.promise_date,
        promise_amount=row.promise_amount, follow_up_of=row.follow_up_of, id=row.id,
        version=row.version, created_at=row.created_at, updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def client_display_name(kind: str, full_name: str, business_name: str) -> str:
    # Same rule as Client.display_name, without loading the whole client.
    if kind == "business" and business_name:
        return f"{business_name} ({full_name})" if full_name else business_name
    return full_name


# Enum members by stored value: a dict lookup is several times cheaper than Enum(value),
# which counts when a month view maps a few thousand rows.
_TYPE = {e.value: e for e in ActivityType}
_PURPOSE = {e.value: e for e in ActivityPurpose}
_STATUS = {e.value: e for e in ActivityStatus}
_RESULT = {e.value: e for e in ActivityResult}


def tuple_to_item(r: Any) -> ActivityItem:
    """A row of the repository's _ITEM_COLUMNS, unpacked by position (attribute access
    by name costs more than the rest of the mapping together)."""
    (id_, version, client_id, officer_id, type_, purpose, status, starts_at, duration, location,
     outcome, result, promise_date, promise_amount, updated_at, kind, full_name, business_name,
     mobile, landline, kelurahan, kecamatan, consent) = r
    return ActivityItem(
        id_, version, client_id, officer_id, _TYPE[type_], _PURPOSE[purpose], _STATUS[status],
        starts_at, duration, location, client_display_name(kind, full_name, business_name),
        mobile, landline, kelurahan, kecamatan, bool(consent), outcome,
        _RESULT[result] if result else None, promise_date, promise_amount, updated_at,
    )
