"""The import plan: stored duplicates, and what skip / merge / new do with each row."""

from __future__ import annotations

from datetime import date

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.imports.client_import import ParsedRow
from ao_desktop.domain.imports.import_plan import (
    DuplicateOf,
    DuplicatePolicy,
    RowAction,
    count_plan,
    plan_import,
    stored_duplicates,
)

BORN = date(1990, 7, 12)


def _row(row: int, name: str, **fields: object) -> ParsedRow:
    client = Client(full_name=name, **fields) if name else None  # type: ignore[arg-type]
    return ParsedRow(row, (), client, (), "")


@pytest.mark.parametrize("name, born, found", [
    ("Muhamad Yusuf", BORN, True),  # a spelling variant, same birth date
    ("Yusuf Muhammad", BORN, True),  # swapped order
    ("Muhammad Yusuf", date(1991, 7, 12), False),  # same name, another birth date
    ("Budi Santoso", BORN, False),  # same birth date, another person
])
def test_stored_duplicates_by_similar_name_and_birth_date(name, born, found) -> None:
    stored = [Client(full_name="Muhammad Yusuf", birth_date=BORN, id=7)]
    result = stored_duplicates([_row(5, name, birth_date=born)], stored)
    assert (5 in result) is found
    if found:
        assert result[5].existing.id == 7 and "Nama mirip" in result[5].reasons[0]


def test_stored_duplicates_by_nik_or_mobile() -> None:
    stored = [Client(full_name="Siti", nik="3174055207900001", id=1),
              Client(full_name="Ani", mobile="+6281234567890", id=2)]
    rows = [_row(2, "Siti N", nik="3174055207900001"), _row(3, "Ani W", mobile="+6281234567890"),
            _row(4, "Lain", nik="3174055207900002")]
    assert {r: d.existing.id for r, d in stored_duplicates(rows, stored).items()} == {2: 1, 3: 2}


def test_plan_follows_the_policy_and_the_row_choices() -> None:
    rows = [_row(2, "A"), _row(3, "B"), _row(4, "B again"), _row(5, ""), _row(6, "C")]
    stored = {6: DuplicateOf(6, ("NIK sama",), existing=Client(full_name="C", id=9))}
    in_file = {4: DuplicateOf(4, ("NIK sama",), first_row=3)}

    def actions(policy, overrides=None):
        return [(p.row.row, p.action, p.target_id, p.target_row)
                for p in plan_import(rows, stored, in_file, policy, overrides)]

    assert actions(DuplicatePolicy.SKIP) == [
        (2, RowAction.INSERT, None, None), (3, RowAction.INSERT, None, None),
        (4, RowAction.SKIP, None, None), (5, RowAction.REJECT, None, None),
        (6, RowAction.SKIP, None, None)]
    assert actions(DuplicatePolicy.MERGE)[2:] == [
        (4, RowAction.MERGE, None, 3), (5, RowAction.REJECT, None, None),
        (6, RowAction.MERGE, 9, None)]
    assert [a for _r, a, _i, _t in actions(DuplicatePolicy.NEW)] == [
        RowAction.INSERT, RowAction.INSERT, RowAction.INSERT, RowAction.REJECT, RowAction.INSERT]
    assert actions(DuplicatePolicy.SKIP, {6: DuplicatePolicy.MERGE})[4] == (6, RowAction.MERGE, 9, None)
    counts = count_plan(plan_import(rows, stored, in_file, DuplicatePolicy.MERGE))
    assert (counts.rows, counts.accepted, counts.inserted, counts.merged, counts.rejected,
            counts.duplicates) == (5, 4, 2, 2, 1, 2)


def test_a_row_merging_into_a_skipped_row_is_skipped_too() -> None:
    rows = [_row(2, "A"), _row(3, "A again")]
    stored = {2: DuplicateOf(2, ("NIK sama",), existing=Client(full_name="A", id=1))}
    in_file = {3: DuplicateOf(3, ("NIK sama",), first_row=2)}
    plan = plan_import(rows, stored, in_file, DuplicatePolicy.SKIP, {3: DuplicatePolicy.MERGE})
    assert [p.action for p in plan] == [RowAction.SKIP, RowAction.SKIP]
    merged = plan_import(rows, stored, in_file, DuplicatePolicy.MERGE)
    assert [(p.action, p.target_id) for p in merged] == [(RowAction.MERGE, 1), (RowAction.MERGE, 1)]
