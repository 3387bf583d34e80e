"""Reading a CSV file into one sheet of rows.

Responsible for: decoding the text (UTF-16 by its byte-order mark, else UTF-8 or
Windows-1252), honouring Excel's `sep=` first line, guessing the delimiter among
semicolon, comma and tab, and returning the rows as `SheetData`, refusing text that is
not CSV and files with more data rows than the limit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ao_desktop.documents.sheets.sheet_data import SheetData, gc_paused, too_many_rows
from ao_desktop.documents.sheets.sheet_safety import fail
from ao_desktop.domain.common.i18n import _

CSV_DELIMITERS = (";", ",", "\t")


def csv_text(name: str, data: bytes) -> tuple[str, str | None]:
    """The decoded text and the delimiter from an Excel `sep=;` first line, if any."""
    encodings = (
        ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    )
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        fail(
            _(
                'Berkas "{name}" tidak dapat dibaca sebagai teks CSV: pengodean hurufnya tidak '
                'dikenali. Simpan ulang dari Excel sebagai "CSV UTF-8", lalu impor lagi.'
            ).format(name=name)
        )
    if text[:4].lower() == "sep=":
        first_line, _nl, rest = text.partition("\n")
        delimiter = first_line[4:].strip("\r")
        if len(delimiter) == 1:
            return rest, delimiter  # Excel hides this line, so row numbers start after it
    return text, None


def _sniff_delimiter(sample: str) -> str:
    """The candidate that splits the first lines into the same number (>1) of columns."""
    lines = sample.splitlines()[:50]
    if len(sample) >= 65_536 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    best, best_score = ",", (0.0, 0)
    for delimiter in CSV_DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode) if mode > 1 else (0.0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, data: bytes, max_rows: int) -> SheetData:
    text, delimiter = csv_text(path.name, data)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter or _sniff_delimiter(text[:65_536])
    )
    rows: list[tuple[Any, ...]] = []
    first = -1  # index of the first row that has a value
    try:
        with gc_paused():
            for record in reader:
                row = tuple([v or None for v in record])
                if first < 0 and any(row):
                    first = len(rows)
                elif first >= 0 and len(rows) - first > max_rows and any(row):
                    too_many_rows(path.name, path.stem, max_rows)
                rows.append(row)
    except csv.Error:
        fail(
            _(
                'Berkas "{name}" bukan CSV yang benar di sekitar baris {row} (misalnya tanda kutip '
                "yang tidak ditutup atau isian terlalu panjang). Periksa baris itu, lalu impor lagi."
            ).format(name=path.name, row=reader.line_num)
        )
    return SheetData(path.stem, rows, frozenset(), False)
