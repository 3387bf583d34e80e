"""Finding the header row of a client sheet and checking a column mapping.

Real sheets have title rows, merged titles and blank rows above the header, numbering
columns ("No") and columns the app does not know; the header is found by counting the
cells that name a known column (client_sheet.HEADER_INDEX).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.client_sheet import (
    COLUMN_BY_FIELD,
    HEADER_INDEX,
    IGNORED_HEADERS,
    IMPORT_COLUMNS,
    normalise_header,
)
from ao_desktop.domain.imports.import_values import read_text

NAME_FIELD = "full_name"
IMPORT_FIELDS: frozenset[str] = frozenset(c.field for c in IMPORT_COLUMNS)


@dataclass(frozen=True)
class HeaderGuess:
    """The row taken as the header and the columns recognised in it."""

    row: int  # 0-based index into the rows given (sheet row = row + 1)
    headers: tuple[str, ...]  # text of every cell of the header row ('' for empty)
    mapping: dict[int, str]  # column index -> field key, recognised columns only


def header_text(value: Any) -> str:
    """A header cell as text; never raises."""
    try:
        return read_text(value)
    except ValueError:
        return ""


def recognise(headers: Sequence[Any]) -> dict[int, str]:
    """Column index -> field key for the header cells that name a known column. A field
    named twice keeps its first column; numbering and report columns are never mapped."""
    mapping: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(headers):
        key = normalise_header(header_text(cell))
        if not key or key in IGNORED_HEADERS:
            continue
        field = HEADER_INDEX.get(key)
        if field is not None and field not in seen:
            seen.add(field)
            mapping[index] = field
    return mapping


def find_header(rows: Sequence[Sequence[Any]], scan: int = 30) -> HeaderGuess | None:
    """The header among the first `scan` rows: the row with the most recognised columns
    that has a name column and at least one other; the first such row on a tie. None when
    no row qualifies (the user maps the columns by hand)."""
    best: HeaderGuess | None = None
    for index, row in enumerate(rows[:scan]):
        mapping = recognise(row)
        if len(mapping) < 2 or NAME_FIELD not in mapping.values():
            continue
        if best is None or len(mapping) > len(best.mapping):
            best = HeaderGuess(index, tuple(header_text(c) for c in row), mapping)
    return best


def layout_key(headers: Sequence[str]) -> str:
    """A short stable key of a sheet layout (the normalised non-empty header texts with
    their column positions), to remember the mapping a user chose for sheets laid out the
    same way. Positions count: the remembered mapping is by column index, so a sheet with
    an extra blank column in front is another layout."""
    keys = (f"{i}:{normalise_header(header_text(h))}" for i, h in enumerate(headers))
    text = "\x1f".join(k for k in keys if not k.endswith(":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def mapping_problems(mapping: Mapping[int, str]) -> list[str]:
    """What stops an import with this mapping, in Bahasa Indonesia; empty when none."""
    problems: list[str] = []
    if NAME_FIELD not in mapping.values():
        problems.append(
            _("Belum ada kolom nama; pilih kolom yang berisi {label}.").format(
                label=COLUMN_BY_FIELD[NAME_FIELD].label
            )
        )
    columns: dict[str, list[int]] = {}
    for index, field in sorted(mapping.items()):
        columns.setdefault(field, []).append(index)
    for field, indexes in columns.items():
        if field not in IMPORT_FIELDS:
            problems.append(
                _("Kolom {cols} dipetakan ke isian yang tidak dikenal ({field}).").format(
                    cols=", ".join(column_letter(i) for i in indexes), field=field
                )
            )
        elif len(indexes) > 1:
            problems.append(
                _("{label} dipilih untuk lebih dari satu kolom ({cols}); pilih satu saja.").format(
                    label=COLUMN_BY_FIELD[field].label,
                    cols=", ".join(column_letter(i) for i in indexes),
                )
            )
    return problems
