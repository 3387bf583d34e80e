"""Field values as the audit table stores them in its JSON details: dates as ISO text,
tuples as lists. Shared by the repositories whose rows hold only such values (clients,
activities); products keep their own, richer conversion (Decimal, enums, rate rules)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
