"""The row check on the second core: a helper process checks the last part of a big
sheet's rows. Its rows must be exactly the single-process rows, progress must go on,
a cancel must end the helper, and without a helper this process checks every row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ao_desktop.documents.sheets.sheet_reader import read_sheet
from ao_desktop.domain.common.errors import OperationCancelled
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.imports.import_duplicates import FileDuplicateFinder, find_file_duplicates
from ao_desktop.domain.imports.sheet_header import find_header
from ao_desktop.domain.imports.sheet_rows import check_rows
from ao_desktop.services.imports import row_worker
from ao_desktop.services.imports.client_import import preview_import
from ao_desktop.services.imports.row_worker import ParserSettings, check_rows_in_parallel
from tests.services.imports.conftest import no_helper_left

TODAY = date(2026, 11, 27)



def _sheet(path: Path, copies: int = 1):  # type: ignore[no-untyped-def]
    """(settings, body, first, blanks, errors) of the fixture sheet, its rows below the
    header repeated `copies` times (the formula blanks and error cells only in the first)."""
    data = read_sheet(path)
    guess = find_header(data.rows)
    assert guess is not None
    first = guess.row + 1
    body = data.rows[first:] * copies
    blanks: dict[int, set[int]] = {}
    for r, c in data.formula_blanks:
        blanks.setdefault(r, set()).add(c)
    errors: dict[int, set[int]] = {}
    for r, c in data.error_cells:
        errors.setdefault(r, set()).add(c)
    settings = ParserSettings(dict(guess.mapping), tuple(guess.headers), TODAY,
                              {"Rina Wulandari": 1}, 1)  # fmt: skip
    return settings, body, first, blanks, errors


@pytest.fixture
def answers(monkeypatch) -> list[int]:  # noqa: ANN001
    """How many rows each helper answer brought (a fallback to this process brings none)."""
    got: list[int] = []
    rebuild = row_worker.rebuild

    def spy(answer, rows, first):  # noqa: ANN001, ANN202
        got.append(len(answer))
        return rebuild(answer, rows, first)

    monkeypatch.setattr(row_worker, "rebuild", spy)
    return got



def test_the_helper_gives_exactly_the_rows_of_one_process(fixture_file, answers) -> None:
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=40)
    one = check_rows(settings.parser(), body, first, blanks, errors)
    two = check_rows_in_parallel(settings, body, first, blanks, errors, min_rows=2)
    assert two == one
    assert answers and answers[0] > 0  # the helper did answer
    assert [p.row for p in two[0]] == [p.row for p in one[0]]
    # every kind of row took the trip: rejected, flagged, notes, clients with an address
    parsed = two[0]
    assert any(p.rejected for p in parsed) and any(p.flagged for p in parsed)
    assert any(p.note for p in parsed) and two[1] > 0
    assert any(p.client and p.client.address.city for p in parsed[len(parsed) // 2 :])
    assert no_helper_left()


def test_rows_handed_on_in_pieces_find_the_same_duplicates_across_both_parts(
    fixture_file, monkeypatch, answers
) -> None:
    monkeypatch.setattr(row_worker, "CHUNK", 7)
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=30)
    one, _skipped = check_rows(settings.parser(), body, first, blanks, errors)
    finder = FileDuplicateFinder()
    pieces: list[list[int]] = []

    def consume(parsed) -> None:  # noqa: ANN001
        pieces.append([p.row for p in parsed])
        finder.add(parsed)

    two, _ = check_rows_in_parallel(settings, body, first, blanks, errors, None, consume, min_rows=2)
    assert len(answers) > 1  # the helper sent several pieces
    assert [r for piece in pieces for r in piece] == [p.row for p in one]  # in sheet order
    expected = find_file_duplicates(one)
    assert finder.found == expected
    # every copy after the first repeats the first copy: rows in the helper's part point
    # back into this process's part
    assert any(d.first_row < two[len(two) // 2].row < d.row for d in expected.values())


def test_the_formula_blanks_and_error_cells_of_the_helpers_rows_are_named(
    fixture_file, monkeypatch, answers
) -> None:
    settings, body, first, blanks, errors = _sheet(fixture_file)
    assert blanks and errors
    monkeypatch.setattr(row_worker, "HELPER_SHARE", 0.99)  # the helper gets the marked rows
    one = check_rows(settings.parser(), body, first, blanks, errors)
    two = check_rows_in_parallel(settings, body, first, blanks, errors, min_rows=2)
    assert two == one and answers
    marked = {r + 1 for r in (*blanks, *errors)}
    helper_rows = {p.row for p in two[0][len(two[0]) - answers[0] :]}
    assert marked <= helper_rows


def test_progress_counts_both_processes_rows_and_never_goes_back(fixture_file, monkeypatch) -> None:
    monkeypatch.setattr("ao_desktop.domain.imports.sheet_rows.CHECK_EVERY", 50)
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=100)
    seen: list[int] = []
    check_rows_in_parallel(settings, body, first, blanks, errors, seen.append, min_rows=2)
    assert seen and seen == sorted(seen)
    assert max(seen) <= len(body)


def test_a_cancel_while_the_helper_works_ends_it(fixture_file) -> None:
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=400)
    calls = 0

    def tick(_done: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OperationCancelled("batal")

    with pytest.raises(OperationCancelled):
        check_rows_in_parallel(settings, body, first, blanks, errors, tick, min_rows=2)
    assert no_helper_left()


def test_without_a_helper_this_process_checks_every_row(fixture_file, monkeypatch) -> None:
    def no_process(*_args: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(row_worker._Helper, "__init__", no_process)
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=5)
    one = check_rows(settings.parser(), body, first, blanks, errors)
    assert check_rows_in_parallel(settings, body, first, blanks, errors, min_rows=2) == one


def test_a_preview_through_the_helper_is_the_single_process_preview(
    uow, fixture_file, monkeypatch, answers
) -> None:
    actor = Actor("Rina Wulandari")
    single = preview_import(uow, fixture_file, actor, today=TODAY)
    monkeypatch.setattr(row_worker, "PARALLEL_MIN_ROWS", 2)
    parallel = preview_import(uow, fixture_file, actor, today=TODAY)
    assert answers  # the helper checked part of it
    assert parallel.rows == single.rows
    assert parallel.skipped_rows == single.skipped_rows
    assert parallel.file_duplicates == single.file_duplicates
    assert parallel.stored_duplicates == single.stored_duplicates


@pytest.fixture
def parts(monkeypatch) -> list[object]:  # noqa: ANN001
    """What each job handed the helper as its rows: a list, or a _SheetPart to take from
    its own reading."""
    sent: list[object] = []
    send = row_worker._Helper.send

    def spy(self, job):  # noqa: ANN001, ANN202
        sent.append(job[1])
        return send(self, job)

    monkeypatch.setattr(row_worker._Helper, "send", spy)
    return sent


def test_a_helper_reading_the_file_itself_gives_the_single_process_preview(
    uow, fixture_file, monkeypatch, answers, parts
) -> None:
    actor = Actor("Rina Wulandari")
    single = preview_import(uow, fixture_file, actor, today=TODAY)
    monkeypatch.setattr(row_worker, "PARALLEL_MIN_ROWS", 2)
    monkeypatch.setattr(row_worker, "EARLY_HELPER_MIN_BYTES", 0)
    parallel = preview_import(uow, fixture_file, actor, today=TODAY)
    assert [type(p) for p in parts] == [row_worker._SheetPart]  # no rows pickled over
    assert answers  # and it checked its part of its own reading
    assert parallel.rows == single.rows
    assert parallel.skipped_rows == single.skipped_rows
    assert parallel.file_duplicates == single.file_duplicates
    assert no_helper_left()


def test_a_helper_that_read_another_file_checks_nothing(fixture_file, answers, parts) -> None:
    settings, body, first, blanks, errors = _sheet(fixture_file)
    one = check_rows(settings.parser(), body, first, blanks, errors)
    data = read_sheet(fixture_file)
    early = row_worker.ReadingHelper(row_worker._Helper(path=str(fixture_file)))
    # what this process read has another digest: the file changed in between
    early.checked(data.name, "another file")
    two = check_rows_in_parallel(settings, body, first, blanks, errors, min_rows=2, early=early,
                                 sheet=(data.name, "another file"))  # fmt: skip
    assert two == one
    assert [type(p) for p in parts] == [row_worker._SheetPart] and not answers
    assert no_helper_left()


def test_a_helper_not_told_of_the_sheet_gets_its_rows_sent(fixture_file, answers, parts) -> None:
    settings, body, first, blanks, errors = _sheet(fixture_file, copies=3)
    one = check_rows(settings.parser(), body, first, blanks, errors)
    early = row_worker.ReadingHelper(row_worker._Helper(path=str(fixture_file)))
    # a csv, xls or ods (no bound-checked xlsx sheet to tell it of): the rows go over
    two = check_rows_in_parallel(settings, body, first, blanks, errors, min_rows=2, early=early,
                                 sheet=("Prospek", read_sheet(fixture_file).digest))  # fmt: skip
    assert two == one
    assert [type(p) for p in parts] == [list] and answers
    assert no_helper_left()


def test_an_early_helper_is_ended_when_the_sheet_is_small_or_has_no_header(
    uow, fixture_file, tmp_path, monkeypatch, parts
) -> None:
    monkeypatch.setattr(row_worker, "EARLY_HELPER_MIN_BYTES", 0)
    preview_import(uow, fixture_file, Actor("Rina Wulandari"), today=TODAY)
    assert not parts and no_helper_left()  # fewer rows than PARALLEL_MIN_ROWS
    headless = tmp_path / "catatan.csv"
    headless.write_text("hanya catatan\nbaris kedua\n", encoding="utf-8")
    assert preview_import(uow, headless, Actor("Rina Wulandari"), today=TODAY).problems
    assert no_helper_left()
