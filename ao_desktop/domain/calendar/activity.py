"""An activity (kegiatan): a visit, call, message or meeting with one client.

Entities are frozen dataclasses; storage maps them to rows. `id is None` means not
stored yet; `version` is the optimistic-locking counter. Money is whole rupiah (int).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)

DEFAULT_DURATION = 30  # minutes; a visit usually takes longer, a call less


@dataclass(frozen=True)
class Activity:
    client_id: int
    officer_id: int
    type: ActivityType
    purpose: ActivityPurpose
    starts_at: datetime
    duration_minutes: int = DEFAULT_DURATION
    location: str = ""
    status: ActivityStatus = ActivityStatus.PLANNED
    outcome: str = ""  # what was said and agreed, in the AO's words
    products: tuple[str, ...] = ()  # product codes from the catalog
    result: ActivityResult | None = None
    result_reason: str = ""  # why the client is not interested
    promise_date: date | None = None  # janji bayar: when
    promise_amount: int = 0  # janji bayar: how much (rupiah)
    follow_up_of: int | None = None  # the activity whose next step this is
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


# Fields the user edits; used to diff a stale edit and for the audit record.
EDITABLE_FIELDS: tuple[str, ...] = (
    "client_id", "officer_id", "type", "purpose", "starts_at", "duration_minutes", "location",
    "status", "outcome", "products", "result", "result_reason", "promise_date", "promise_amount",
)  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """What the AO records when an activity is done (or the client was not met)."""

    status: ActivityStatus = ActivityStatus.DONE
    outcome: str = ""
    products: tuple[str, ...] = ()
    result: ActivityResult | None = None
    result_reason: str = ""
    promise_date: date | None = None
    promise_amount: int = 0


@dataclass(frozen=True)
class NextStep:
    """The follow-up scheduled in the same action that completes an activity."""

    type: ActivityType
    purpose: ActivityPurpose
    starts_at: datetime
    duration_minutes: int = DEFAULT_DURATION
    notes: str = ""


@dataclass(frozen=True)
class ActivityItem:
    """One line of a calendar, agenda or list: the activity with what is shown of its
    client, read in one query."""

    id: int
    version: int
    client_id: int
    officer_id: int
    type: ActivityType
    purpose: ActivityPurpose
    status: ActivityStatus
    starts_at: datetime
    duration_minutes: int
    location: str
    client_name: str
    mobile: str = ""  # E.164
    landline: str = ""
    kelurahan: str = ""
    kecamatan: str = ""
    consent_contact: bool = False
    outcome: str = ""
    result: ActivityResult | None = None
    promise_date: date | None = None
    promise_amount: int = 0
    updated_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class UncontactedClient:
    """A client of the officer with no completed contact for a while."""

    client_id: int
    client_name: str
    mobile: str
    last_contact: datetime | None  # None: never contacted
    consent_contact: bool = False


def visit_order_key(item: ActivityItem) -> tuple[str, str, datetime]:
    """A day's visits ordered by area (kecamatan, then kelurahan), then by time: the
    route an AO rides, not the order the visits were booked."""
    return (item.kecamatan.casefold(), item.kelurahan.casefold(), item.starts_at)
