"""ProblemQuery: what a problem list shows (filters) and in which order; storage turns it
into SQL so paging and sorting happen in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ao_desktop.domain.problems.enums import ProblemCategory, ProblemStatus


class ProblemSort(StrEnum):
    URGENCY = "urgency"  # open ones first, then by deadline
    DEADLINE = "deadline"
    RECEIVED = "received"
    CLIENT = "client"
    CATEGORY = "category"
    CHANNEL = "channel"
    STATUS = "status"
    OFFICER = "officer"
    ID = "id"


@dataclass(frozen=True)
class ProblemQuery:
    today: date  # what "overdue" is measured against
    officer_id: int | None = None
    status: ProblemStatus | None = None
    category: ProblemCategory | None = None
    client_id: int | None = None
    overdue_only: bool = False
    open_only: bool = False
    sort: ProblemSort = ProblemSort.URGENCY
    descending: bool = False
