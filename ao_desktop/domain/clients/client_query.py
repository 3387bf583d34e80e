"""What the directory asks for: search text, filters and sort order. Storage turns it
into SQL; nothing here knows about SQL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ao_desktop.domain.clients.enums import ClientStatus, LeadSource


class ClientSort(StrEnum):
    # Newest matches first, straight from the search index without sorting every hit:
    # the type-ahead default. Without search text it falls back to NAME.
    RELEVANCE = "relevance"
    NAME = "name"
    NIK = "nik"
    MOBILE = "mobile"
    CITY = "city"
    STATUS = "status"
    SOURCE = "source"
    OFFICER = "officer"
    INCOME = "income"
    UPDATED = "updated"


@dataclass(frozen=True)
class ClientQuery:
    text: str = ""
    statuses: frozenset[ClientStatus] = frozenset()
    sources: frozenset[LeadSource] = frozenset()
    officer_id: int | None = None
    tag: str = ""
    include_archived: bool = False
    archived_only: bool = False
    sort: ClientSort = ClientSort.RELEVANCE
    descending: bool = False
