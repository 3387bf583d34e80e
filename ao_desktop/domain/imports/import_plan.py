"""What an import will do with each row of a sheet, decided before anything is written.

A row is rejected (errors), or it is new, or it repeats a stored client or an earlier row
of the same file. For repeats the user chooses: skip the row, merge it into the client it
repeats, or import it as a new client anyway; one choice for all, and optionally another
for single rows. The plan is pure: the preview shows its counts, a dry run stops at it,
and the commit carries it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.duplicates import duplicate_reasons
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.client_import import ParsedRow
from ao_desktop.domain.imports.import_duplicates import NameFilter


class DuplicatePolicy(StrEnum):
    SKIP = "skip"
    MERGE = "merge"
    NEW = "new"


def policy_label(policy: DuplicatePolicy) -> str:
    return {
        DuplicatePolicy.SKIP: _("Lewati (jangan impor)"),
        DuplicatePolicy.MERGE: _("Gabungkan ke data yang ada"),
        DuplicatePolicy.NEW: _("Impor sebagai nasabah baru"),
    }[policy]


class RowAction(StrEnum):
    REJECT = "reject"
    INSERT = "insert"
    MERGE = "merge"
    SKIP = "skip"


@dataclass(frozen=True)
class DuplicateOf:
    """A row that looks like a stored client (`existing`) or an earlier row (`first_row`)."""

    row: int
    reasons: tuple[str, ...]
    existing: Client | None = None
    first_row: int | None = None

    def describe(self) -> str:
        why = ", ".join(self.reasons)
        if self.existing is not None:
            who = self.existing.full_name
            if self.existing.nik:
                who += f" (NIK {self.existing.nik})"
            return _("sama dengan nasabah tersimpan {who}: {why}").format(who=who, why=why)
        return _("sama dengan baris {r} di berkas ini: {why}").format(r=self.first_row, why=why)


class PlannedRow(NamedTuple):
    # A NamedTuple, not a frozen dataclass: a plan holds one per row (100,000s), and it is
    # made again whenever the user changes the duplicate choice (3x cheaper to create).
    row: ParsedRow
    action: RowAction
    duplicate: DuplicateOf | None = None
    # MERGE: the stored client's id, or the sheet row of the new client it joins.
    target_id: int | None = None
    target_row: int | None = None


@dataclass(frozen=True)
class ImportCounts:
    rows: int  # rows read below the header, blank rows not counted: the sum of the four below
    accepted: int  # rows that will be written: inserted or merged
    inserted: int
    merged: int
    skipped: int  # duplicates skipped by choice, and note or total lines
    rejected: int
    flagged: int  # accepted rows with a warning
    duplicates: int  # rows that repeat a stored client or an earlier row


def stored_duplicates(rows: Sequence[ParsedRow], stored: Sequence[Client]) -> dict[int, DuplicateOf]:
    """Rows (by sheet row) that look like one of the `stored` candidates; the first match."""
    by_nik: dict[str, list[Client]] = {}
    by_mobile: dict[str, list[Client]] = {}
    by_birth: dict[object, list[Client]] = {}
    for client in stored:
        if client.nik:
            by_nik.setdefault(client.nik, []).append(client)
        if client.mobile:
            by_mobile.setdefault(client.mobile, []).append(client)
        if client.birth_date:
            by_birth.setdefault(client.birth_date, []).append(client)
    names = NameFilter()
    found: dict[int, DuplicateOf] = {}
    for parsed in rows:
        client = parsed.client
        if client is None:
            continue
        candidates = [*by_nik.get(client.nik, ()), *by_mobile.get(client.mobile, ())]
        if client.birth_date is not None:
            # Same birth date alone is no match: only names that may be similar are
            # compared in full (a sheet of 100k rows meets ~6 stored people per date).
            candidates += [c for c in by_birth.get(client.birth_date, ())
                           if names.may_match(client.full_name, c.full_name)]  # fmt: skip
        for existing in candidates:
            reasons = duplicate_reasons(client, existing)
            if reasons:
                found[parsed.row] = DuplicateOf(parsed.row, reasons, existing=existing)
                break
    return found


def plan_import(
    rows: Sequence[ParsedRow],
    stored: Mapping[int, DuplicateOf],
    in_file: Mapping[int, DuplicateOf],
    policy: DuplicatePolicy,
    overrides: Mapping[int, DuplicatePolicy] | None = None,
) -> list[PlannedRow]:
    """One PlannedRow per data row, in sheet order. A stored match wins over a match with
    an earlier row; merging into an earlier row that itself merges into (or is skipped
    for) a stored client follows that client."""
    overrides = overrides or {}
    planned: dict[int, PlannedRow] = {}
    for parsed in rows:
        if parsed.note:
            planned[parsed.row] = PlannedRow(parsed, RowAction.SKIP)
            continue
        if parsed.client is None:
            planned[parsed.row] = PlannedRow(parsed, RowAction.REJECT)
            continue
        duplicate = stored.get(parsed.row) or in_file.get(parsed.row)
        if duplicate is None:
            planned[parsed.row] = PlannedRow(parsed, RowAction.INSERT)
            continue
        choice = overrides.get(parsed.row, policy)
        if choice is DuplicatePolicy.NEW:
            planned[parsed.row] = PlannedRow(parsed, RowAction.INSERT, duplicate)
        elif choice is DuplicatePolicy.SKIP:
            planned[parsed.row] = PlannedRow(parsed, RowAction.SKIP, duplicate)
        elif duplicate.existing is not None:
            planned[parsed.row] = PlannedRow(
                parsed, RowAction.MERGE, duplicate, target_id=duplicate.existing.id
            )
        else:
            first = planned.get(duplicate.first_row or 0)
            if first is not None and first.action is RowAction.MERGE:
                target = PlannedRow(parsed, RowAction.MERGE, duplicate, first.target_id, first.target_row)
            elif first is not None and first.action is RowAction.INSERT:
                target = PlannedRow(parsed, RowAction.MERGE, duplicate, target_row=first.row.row)
            else:  # the earlier row is skipped (or rejected): nothing to merge into
                target = PlannedRow(parsed, RowAction.SKIP, duplicate)
            planned[parsed.row] = target
    return list(planned.values())


def count_plan(plan: Sequence[PlannedRow]) -> ImportCounts:
    actions = [p.action for p in plan]
    written = [p for p in plan if p.action in (RowAction.INSERT, RowAction.MERGE)]
    return ImportCounts(
        rows=len(plan),
        accepted=len(written),
        inserted=actions.count(RowAction.INSERT),
        merged=actions.count(RowAction.MERGE),
        skipped=actions.count(RowAction.SKIP),
        rejected=actions.count(RowAction.REJECT),
        flagged=sum(1 for p in written if p.row.flagged),
        duplicates=sum(1 for p in plan if p.duplicate is not None),
    )
