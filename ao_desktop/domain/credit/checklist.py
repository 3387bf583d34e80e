"""The document checklist of an application, built from the product's required documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class DocumentItem:
    name: str
    received_on: date | None = None  # None: still missing

    @property
    def received(self) -> bool:
        return self.received_on is not None


def checklist_for(required: Sequence[str], existing: Sequence[DocumentItem] = ()) -> tuple[DocumentItem, ...]:
    """One line per required document, keeping what was already ticked; documents the
    AO added by hand stay at the end (the catalog may have changed since)."""
    known = {d.name.casefold(): d for d in existing}
    lines = [known.pop(name.casefold(), DocumentItem(name)) for name in dict.fromkeys(required)]
    return tuple(lines) + tuple(known.values())


def mark(items: Sequence[DocumentItem], name: str, received_on: date | None) -> tuple[DocumentItem, ...]:
    return tuple(replace(d, received_on=received_on) if d.name == name else d for d in items)


def missing(items: Sequence[DocumentItem]) -> tuple[str, ...]:
    return tuple(d.name for d in items if not d.received)
