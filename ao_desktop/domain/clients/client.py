"""The client (nasabah): an individual or a business, with contact, address and pipeline.

Entities are frozen dataclasses; storage maps them to rows and never hands ORM objects
out. `id is None` means not stored yet; `version` is the optimistic-locking counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ao_desktop.domain.clients.enums import (
    ALL_CHANNELS,
    ClientKind,
    ClientStatus,
    ConsentChannel,
    ConsentPurpose,
    LeadSource,
    Sex,
)


@dataclass(frozen=True)
class Address:
    street: str = ""
    kelurahan: str = ""
    kecamatan: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""

    def one_line(self) -> str:
        parts = [self.street, self.kelurahan, self.kecamatan, self.city, self.province]
        text = ", ".join(p for p in parts if p)
        return f"{text} {self.postal_code}".strip() if self.postal_code else text


@dataclass(frozen=True)
class Client:
    """A client or prospect as the AO knows them. Money is whole Rupiah (int)."""

    full_name: str
    kind: ClientKind = ClientKind.INDIVIDUAL
    business_name: str = ""
    nik: str = ""
    nib: str = ""
    npwp: str = ""
    birth_date: date | None = None
    sex: Sex | None = None
    mobile: str = ""  # E.164, e.g. +6281234567890; the only number usable for WhatsApp
    landline: str = ""  # E.164
    address: Address = field(default_factory=Address)
    occupation: str = ""
    monthly_income: int = 0
    monthly_obligations: int = 0
    status: ClientStatus = ClientStatus.PROSPECT
    lead_source: LeadSource = LeadSource.OTHER
    referrer_id: int | None = None
    refusal_reason: str = ""
    officer_id: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    consent_contact: bool = False  # consent to be contacted is valid now; history below
    consent_given_on: date | None = None
    consent_purpose: ConsentPurpose = ConsentPurpose.SERVICE
    consent_channels: tuple[ConsentChannel, ...] = ALL_CHANNELS
    consent_withdrawn_on: date | None = None
    consent_withdrawal_reason: str = ""
    archived: bool = False
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def display_name(self) -> str:
        if self.kind is ClientKind.BUSINESS and self.business_name:
            return (
                f"{self.business_name} ({self.full_name})" if self.full_name else self.business_name
            )
        return self.full_name


# Fields the user edits; used to diff a stale edit and to copy a draft onto a stored client.
EDITABLE_FIELDS: tuple[str, ...] = (
    "kind",
    "full_name",
    "business_name",
    "nik",
    "nib",
    "npwp",
    "birth_date",
    "sex",
    "mobile",
    "landline",
    "address",
    "occupation",
    "monthly_income",
    "monthly_obligations",
    "lead_source",
    "referrer_id",
    "refusal_reason",
    "officer_id",
    "tags",
    "notes",
    "consent_contact",
    "consent_given_on",
    "consent_purpose",
    "consent_channels",
    "consent_withdrawn_on",
    "consent_withdrawal_reason",
)


@dataclass(frozen=True)
class StatusChange:
    """One step in a client's pipeline history; monthly reports count these."""

    status: ClientStatus
    changed_at: datetime
    changed_by: str
    note: str = ""


@dataclass(frozen=True)
class ClientNote:
    text: str
    created_at: datetime
    author: str
    id: int | None = None


@dataclass(frozen=True)
class ClientListItem:
    """One row of the directory table: only what the table shows."""

    id: int
    full_name: str
    business_name: str
    nik: str
    mobile: str
    city: str
    status: ClientStatus
    lead_source: LeadSource
    officer_name: str
    monthly_income: int
    updated_at: datetime | None
    archived: bool


@dataclass(frozen=True)
class ClientProfile:
    """Everything the client 360 panel shows for one client."""

    client: Client
    officer_name: str
    referrer: ClientListItem | None
    referrals: list[ClientListItem]
    history: list[StatusChange]
    notes: list[ClientNote]


def normalize_tags(raw: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags are lowercase, trimmed, unique, sorted; commas separate them in text."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return tuple(sorted({t.strip().lower() for t in items if t.strip()}))


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
