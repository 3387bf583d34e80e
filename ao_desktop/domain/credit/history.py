"""What is read back about applications: their status history and list lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus


@dataclass(frozen=True)
class StatusEntry:
    status: ApplicationStatus
    changed_at: datetime
    changed_by: str
    note: str = ""  # the refusal reason or the disbursement date


@dataclass(frozen=True)
class ApplicationListItem:
    application: CreditApplication
    client_name: str
