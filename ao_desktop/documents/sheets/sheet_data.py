"""What reading a sheet returns, and the turning of parsed cells into those values.

Responsible for: `SheetInfo` and `SheetData`, cleaning calamine's values into the plain
values `SheetData` promises, pausing the cyclic garbage collector while rows are built,
and refusing a sheet with more data rows than the reader's limit.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, NoReturn

from ao_desktop.documents.sheets.sheet_safety import fail
from ao_desktop.domain.common.i18n import _


@dataclass(frozen=True)
class SheetInfo:
    """One worksheet as the sheet picker lists it."""

    name: str
    hidden: bool  # hidden or very hidden sheet
    rows: int  # rows from the first to the last filled one, for the sheet picker


@dataclass(frozen=True)
class SheetData:
    """One sheet: rows[i] is sheet row i+1 and rows[i][j] is column j (A=0).

    Values are None (empty), str, int (whole numbers), float, bool, date, datetime or
    time. `formula_blanks` holds (row, col), 0-based, of xlsx formula cells that have no
    stored value (the program that wrote the file did not compute formulas);
    `error_cells` those (of xlsx, xls or ods) holding an error such as #N/A or Err:502
    (read as empty in `rows`).
    """

    name: str
    rows: list[tuple[Any, ...]]
    formula_blanks: frozenset[tuple[int, int]]
    hidden: bool
    # Every worksheet of the file, for the sheet picker, without reading the others
    # (their `rows` is -1: loading a sheet to count it costs as much as reading it).
    sheets: tuple[SheetInfo, ...] = ()
    error_cells: frozenset[tuple[int, int]] = frozenset()
    # A digest of the file's bytes as read: another process reading the same path can
    # tell whether it read the same file (the import's helper reads it for itself).
    digest: str = ""


@dataclass(frozen=True)
class SheetBound:
    """What read_sheet's pre-scan of an xlsx sheet found, made by another process (the
    import's helper, while this one starts up): the extent of its cells (passed the
    size limit), its formula cells without a stored value and its error cells, for the
    file's bytes with `digest`. read_sheet takes it in place of scanning them itself."""

    sheet: str
    digest: str
    rows: int
    cols: int
    formula_blanks: frozenset[tuple[int, int]]
    error_cells: frozenset[tuple[int, int]]


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while 100,000s of objects are made and kept (cells,
    parsed rows, clients): each full collection walks all of them again, about a fifth of
    an import's time. None of them is in a cycle; collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_ODD_TYPES = frozenset((datetime, timedelta))


def clean_rows(raw: list[list[Any]]) -> list[tuple[Any, ...]]:
    """calamine's values as SheetData promises them: one pass, strings tested first."""
    return [
        tuple(
            [
                (v or None)
                if type(v) is str
                else (int(v) if v.is_integer() else v)
                if type(v) is float
                else _odd_value(v)
                if type(v) in _ODD_TYPES
                else v
                for v in row
            ]
        )
        for row in raw
    ]


def _odd_value(v: datetime | timedelta) -> Any:
    if isinstance(v, datetime):
        return v.date() if v.time() == time(0) else v
    # A duration format ([h]:mm): a time of day when under 24 hours, else Excel's days.
    if timedelta(0) <= v < timedelta(days=1):
        return (datetime.min + v).time()
    return v / timedelta(days=1)


def too_many_rows(name: str, sheet: str, limit: int) -> NoReturn:
    fail(
        _(
            'Lembar "{sheet}" di berkas "{name}" berisi lebih dari {limit} baris data. Bagi '
            "datanya menjadi beberapa berkas (masing-masing paling banyak {limit} baris), lalu "
            "impor satu per satu."
        ).format(sheet=sheet, name=name, limit=_grouped(limit))
    )


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")
