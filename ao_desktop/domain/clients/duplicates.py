"""Duplicate rules for a client being added: same NIK, same mobile, or a very similar
name with the same birth date. Storage narrows the candidates; this decides."""

from __future__ import annotations

from dataclasses import dataclass

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.names import SIMILAR_NAME_THRESHOLD, name_similarity
from ao_desktop.domain.common.i18n import _


@dataclass(frozen=True)
class DuplicateMatch:
    existing: Client
    reasons: tuple[str, ...]


def duplicate_reasons(candidate: Client, existing: Client) -> tuple[str, ...]:
    """Why `existing` looks like the same person or business as `candidate` (empty: not)."""
    if candidate.id is not None and candidate.id == existing.id:
        return ()
    reasons: list[str] = []
    if candidate.nik and candidate.nik == existing.nik:
        reasons.append(_("NIK sama"))
    if candidate.mobile and candidate.mobile == existing.mobile:
        reasons.append(_("No. HP sama"))
    if (
        candidate.birth_date is not None
        and candidate.birth_date == existing.birth_date
        and name_similarity(candidate.full_name, existing.full_name) >= SIMILAR_NAME_THRESHOLD
    ):
        reasons.append(_("Nama mirip dan tanggal lahir sama"))
    return tuple(reasons)


def find_duplicates(candidate: Client, candidates: list[Client]) -> list[DuplicateMatch]:
    matches = []
    for existing in candidates:
        reasons = duplicate_reasons(candidate, existing)
        if reasons:
            matches.append(DuplicateMatch(existing, reasons))
    return matches
