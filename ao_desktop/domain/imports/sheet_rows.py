"""Checking a run of sheet rows: the loop the preview runs over the rows below the header.

One function, so that the import's own process and its helper process (which checks part
of a big sheet on the second core) run exactly the same code and give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ao_desktop.domain.imports.client_import import ParsedRow, RowKind, RowParser

CHECK_EVERY = 2000  # rows between two calls of `tick` (progress and cancel)


def check_rows(
    parser: RowParser,
    rows: Sequence[Sequence[Any]],
    first: int,
    blanks: Mapping[int, Collection[int]],
    errors: Mapping[int, Collection[int]],
    tick: Callable[[int], None] | None = None,
) -> tuple[list[ParsedRow], int]:
    """(parsed rows, blank rows) of `rows`, whose first is sheet row index `first`
    (0-based). `blanks` / `errors`: row index -> columns holding a formula without a
    value / an Excel error. `tick(done)` runs before every CHECK_EVERY-th row; raising
    from it (a cancel) stops the check."""
    parsed: list[ParsedRow] = []
    skipped = 0
    append = parsed.append
    parse = parser.parse
    classify = parser.classify
    data = RowKind.DATA
    blank = RowKind.BLANK
    for offset, values in enumerate(rows):
        if tick is not None and offset % CHECK_EVERY == 0:
            tick(offset)
        row_index = first + offset
        kind = classify(values)
        if kind is data:
            append(parse(row_index + 1, values, blanks.get(row_index, ()), errors.get(row_index, ())))
        elif kind is blank:
            skipped += 1
        else:
            append(parser.note(row_index + 1, values))
    return parsed, skipped
