"""Reading the AO's spreadsheet files (.xlsx/.xlsm, .xls, .ods, .csv) into plain rows.

Responsible for: listing a workbook's sheets, choosing the default one, and returning one
sheet's values at their real positions (rows[0] is Excel's row 1, column A is index 0)
as plain Python values, with xlsx formula cells that have no stored value pointed out.
The checks on hostile or broken files live in `sheet_safety`; every failure here is a
`SheetReadError` with a message that names the file (and sheet).
"""

from __future__ import annotations

import csv
import gc
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import python_calamine as calamine

from ao_desktop.documents.sheet_safety import (
    SheetFormat,
    SheetReadError,
    bound_xlsx_sheet,
    check_ods_cells,
    check_xls,
    column_index,
    corrupt,
    detect_format,
    fail,
    is_oversized,
    load_bytes,
    open_zip,
    password_protected,
    refuse_oversized,
)
from ao_desktop.domain.i18n import _

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "SheetData",
    "SheetInfo",
    "SheetReadError",
    "default_sheet",
    "list_sheets",
    "read_sheet",
]

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000  # data rows per sheet (rows below the first filled one)
CSV_DELIMITERS = (";", ",", "\t")


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
    stored value (the program that wrote the file did not compute formulas).
    """

    name: str
    rows: list[tuple[Any, ...]]
    formula_blanks: frozenset[tuple[int, int]]
    hidden: bool
    # Every worksheet of the file, for the sheet picker, without reading the others
    # (their `rows` is -1: loading a sheet to count it costs as much as reading it).
    sheets: tuple[SheetInfo, ...] = ()


def default_sheet(sheets: list[SheetInfo]) -> str | None:
    """The first visible sheet that has data; None when there is none."""
    return next((s.name for s in sheets if not s.hidden and s.rows > 0), None)


def list_sheets(path: str | Path) -> list[SheetInfo]:
    """The worksheets of the file in workbook order (chart sheets left out)."""
    path = Path(path)
    data = load_bytes(path, MAX_FILE_BYTES)
    fmt = detect_format(path, data)
    if fmt is SheetFormat.CSV:
        text, _delimiter = _csv_text(path.name, data)
        rows = sum(1 for line in text.splitlines() if line.strip(" \t;,"))
        return [SheetInfo(path.stem, False, rows)]
    infos = []
    with _Workbook(path.name, data, fmt) as book:
        for name, hidden in book.sheets:
            bound = book.bound(name)
            if bound and is_oversized(*bound):
                infos.append(SheetInfo(name, hidden, bound[0]))  # refused when read
                continue
            with _calamine_errors(path.name):
                infos.append(SheetInfo(name, hidden, book.book.get_sheet_by_name(name).height))
    return infos


def read_sheet(
    path: str | Path, sheet: str | None = None, *, max_rows: int = MAX_ROWS
) -> SheetData:
    """One sheet's values; `sheet` None takes the first visible sheet that has data."""
    path = Path(path)
    data = load_bytes(path, MAX_FILE_BYTES)
    fmt = detect_format(path, data)
    if fmt is SheetFormat.CSV:
        result = _read_csv(path, data, max_rows)
        return replace(result, sheets=(SheetInfo(result.name, False, len(result.rows)),))
    with _Workbook(path.name, data, fmt) as book:
        result = _read_named(path, book, sheet, max_rows)
        sheets = tuple(SheetInfo(n, h, len(result.rows) if n == result.name else -1)
                       for n, h in book.sheets)  # fmt: skip
        return replace(result, sheets=sheets)


def _read_named(path: Path, book: _Workbook, sheet: str | None, max_rows: int) -> SheetData:
    if sheet is None:
        return _read_first_visible(book, max_rows)
    hidden = dict(book.sheets)
    if sheet not in hidden:
        fail(
            _('Lembar "{sheet}" tidak ada di berkas "{name}". Lembar yang ada: {names}.').format(
                sheet=sheet, name=path.name, names=", ".join(f'"{n}"' for n in hidden) or "-"
            )
        )
    return book.read(sheet, hidden[sheet], max_rows)


def _read_first_visible(book: _Workbook, max_rows: int) -> SheetData:
    for name, hidden in book.sheets:
        if not hidden:
            result = book.read(name, hidden, max_rows, skip_empty=True)
            if result is not None:
                return result
    hint = ""
    if any(hidden for _name, hidden in book.sheets):
        hint = " " + _("Jika datanya ada di lembar tersembunyi, pilih lembar itu secara langsung.")
    fail(
        _('Berkas "{name}" tidak berisi data: semua lembar yang terlihat kosong.').format(
            name=book.name
        )
        + hint
    )


@contextmanager
def _calamine_errors(name: str) -> Iterator[None]:
    """Turn whatever calamine raises into a SheetReadError."""
    try:
        yield
    except SheetReadError:
        raise
    except calamine.PasswordError:
        password_protected(name)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # CalamineError and its kin; a Rust panic is a BaseException
        corrupt(name)


class _Workbook:
    """A workbook opened with calamine, plus the zip for the pre-checks of xlsx and ods."""

    def __init__(self, name: str, data: bytes, fmt: SheetFormat) -> None:
        self.name = name
        self.zip = open_zip(data) if fmt in (SheetFormat.XLSX, SheetFormat.ODS) else None
        try:
            self._open(data, fmt)
        except BaseException:
            if self.zip is not None:
                self.zip.close()
            raise

    def _open(self, data: bytes, fmt: SheetFormat) -> None:
        name = self.name
        self.parts = xlsx_sheet_parts(name, self.zip) if fmt is SheetFormat.XLSX else None
        if fmt is SheetFormat.ODS and self.zip is not None:
            check_ods_cells(name, self.zip)
        if fmt is SheetFormat.XLS:
            check_xls(name, data)
        with _calamine_errors(name):
            self.book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            # (name, hidden) of worksheets; chart and macro sheets hold no cells to import
            self.sheets = [
                (m.name, m.visible != calamine.SheetVisibleEnum.Visible)
                for m in self.book.sheets_metadata
                if m.typ == calamine.SheetTypeEnum.WorkSheet
            ]

    def __enter__(self) -> _Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        with suppress(Exception):
            self.book.close()
        if self.zip is not None:
            self.zip.close()

    def bound(
        self, sheet: str, blanks: set[tuple[int, int]] | None = None
    ) -> tuple[int, int] | None:
        """The xlsx pre-scan of one sheet (None for other formats); fills `blanks`."""
        if self.parts is None or self.zip is None:
            return None
        parts = self.parts.get(sheet)
        if not parts:  # calamine would not find the sheet's part either
            corrupt(self.name)
        look = (
            None
            if blanks is None
            else lambda buf, prefix: blanks.update(_formula_blanks(buf, prefix))
        )
        bounds = [bound_xlsx_sheet(self.name, self.zip, part, look) for part in parts]
        return max(r for r, _c in bounds), max(c for _r, c in bounds)

    def read(
        self, sheet: str, hidden: bool, max_rows: int, skip_empty: bool = False
    ) -> SheetData | None:
        blanks: set[tuple[int, int]] = set()
        bound = self.bound(sheet, blanks)
        if bound is not None:
            refuse_oversized(self.name, sheet, *bound)
        with _calamine_errors(self.name):
            cal = self.book.get_sheet_by_name(sheet)
            if skip_empty and cal.height == 0:
                return None
            if cal.height - 1 > max_rows:
                _too_many_rows(self.name, sheet, max_rows)
            end = cal.end or (-1, -1)
            refuse_oversized(self.name, sheet, end[0] + 1, end[1] + 1)
            with _gc_paused():
                rows = _clean_rows(cal.to_python(skip_empty_area=False))
        return SheetData(sheet, rows, frozenset(blanks), hidden)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of new cells, none in a cycle: the cyclic collector only slows them down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_ODD_TYPES = frozenset((datetime, timedelta))


def _clean_rows(raw: list[list[Any]]) -> list[tuple[Any, ...]]:
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


def _too_many_rows(name: str, sheet: str, limit: int) -> NoReturn:
    fail(
        _(
            'Lembar "{sheet}" di berkas "{name}" berisi lebih dari {limit} baris data. Bagi '
            "datanya menjadi beberapa berkas (masing-masing paling banyak {limit} baris), lalu "
            "impor satu per satu."
        ).format(sheet=sheet, name=name, limit=_grouped(limit))
    )


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _csv_text(name: str, data: bytes) -> tuple[str, str | None]:
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


def _read_csv(path: Path, data: bytes, max_rows: int) -> SheetData:
    text, delimiter = _csv_text(path.name, data)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter or _sniff_delimiter(text[:65_536])
    )
    rows: list[tuple[Any, ...]] = []
    first = -1  # index of the first row that has a value
    try:
        with _gc_paused():
            for record in reader:
                row = tuple([v or None for v in record])
                if first < 0 and any(row):
                    first = len(rows)
                elif first >= 0 and len(rows) - first > max_rows and any(row):
                    _too_many_rows(path.name, path.stem, max_rows)
                rows.append(row)
    except csv.Error:
        fail(
            _(
                'Berkas "{name}" bukan CSV yang benar di sekitar baris {row} (misalnya tanda kutip '
                "yang tidak ditutup atau isian terlalu panjang). Periksa baris itu, lalu impor lagi."
            ).format(name=path.name, row=reader.line_num)
        )
    return SheetData(path.stem, rows, frozenset(), False)


_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _tags(xml: bytes, local: bytes) -> Iterator[list[tuple[bytes, bytes]]]:
    """The raw (name, value) attributes of each `local` element, in document order."""
    pattern = rb"<(?:[\w.-]+:)?" + local + rb"(\s[^>]*)?>"
    for tag in re.finditer(pattern, _COMMENT.sub(b"", xml)):
        attributes = _ATTRIBUTE.findall(tag.group(1) or b"")
        yield [(key, double or single) for key, double, single in attributes]


def _unescape(raw: bytes) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] != "#":
            return _NAMED[code]
        return chr(int(code[2:], 16) if code[1] == "x" else int(code[1:]))

    return _ENTITY.sub(one, raw.decode("utf-8", "replace"))


def xlsx_sheet_parts(name: str, zf: zipfile.ZipFile) -> dict[str, list[str]]:
    """Sheet name -> every zip member calamine may load for it.

    Mirrors calamine rather than the standard, or calamine would read a part this module
    never bounded: the last relationship with an Id wins, its Target is taken raw, `r:id`
    goes by its literal prefix, a repeated sheet name means the first sheet, and members
    are matched ignoring ASCII case and backslashes. calamine 0.37 puts "xl/" before any
    Target without a leading "/"; its newer source keeps an "xl/" Target as it is: both
    readings are bounded.
    """
    try:
        book, rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
    except Exception:
        corrupt(name)
    targets: dict[bytes, str] = {}
    for attributes in _tags(rels, b"Relationship"):
        found = dict(attributes)
        targets[found.get(b"Id", b"")] = found.get(b"Target", b"").decode("utf-8", "replace")
    members: dict[str, set[str]] = {}
    for info in zf.infolist():
        for key in (info.filename, _fold(info.filename.replace("\\", "/"))):
            members.setdefault(key, set()).add(info.filename)
    parts: dict[str, list[str]] = {}
    for attributes in _tags(book, b"sheet"):
        sheet, target = "", None
        for key, value in attributes:
            if key == b"name":
                sheet = _unescape(value)
            elif key in (b"r:id", b"relationships:id"):
                target = targets.get(value)
        if target is None or sheet in parts:
            continue
        paths = {target[1:] if target.startswith("/") else f"xl/{target}"}
        if target.startswith("xl/"):
            paths.add(target)
        found = set().union(*(members.get(p, set()) | members.get(_fold(p), set()) for p in paths))
        parts[sheet] = sorted(found)
    return parts


def _fold(text: str) -> str:
    """Lower case for ASCII letters only, as Rust's eq_ignore_ascii_case compares."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


_REF_ATTR = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]+)(\d+)["']""")
_TYPE_ATTR = re.compile(rb"""\st\s*=\s*["'](\w+)["']""")


@lru_cache(maxsize=8)
def _blank_formula_patterns(prefix: bytes) -> tuple[re.Pattern[bytes], ...]:
    """A formula's end, then at most an empty value, then the cell's end: no stored value.

    One pattern per way a formula ends (`</f>`, or `<f .../>` for a shared formula), each
    starting with a literal so the scan runs at memory speed.
    """
    p = re.escape(prefix)
    tail = (
        rb"\s{0,64}(<" + p + rb"v\s{0,8}/>|<" + p + rb"v></" + p + rb"v>)?\s{0,64}</" + p + rb"c>"
    )
    return (
        re.compile(rb"</" + p + rb"f>" + tail),
        re.compile(rb"<" + p + rb"f(?:\s[^>]{0,256})?/>" + tail),
    )


def _formula_blanks(buf: bytes, prefix: bytes) -> Iterator[tuple[int, int]]:
    """(row, col), 0-based, of formula cells in `buf` that carry no stored value."""
    if b"<" + prefix + b"f" not in buf:
        return
    c_open = b"<" + prefix + b"c "
    for pattern in _blank_formula_patterns(prefix):
        done = 0  # cells do not nest: each search looks back only to the previous match
        for m in pattern.finditer(buf):
            start, done = buf.rfind(c_open, done, m.start()), m.end()
            tag = buf[start : buf.find(b">", start, m.start())] if start >= 0 else b""
            ref, typ = _REF_ATTR.search(tag), _TYPE_ATTR.search(tag)
            if ref and not (m.group(1) and typ and typ.group(1) == b"str"):  # "" is a value
                yield int(ref.group(2)) - 1, column_index(ref.group(1)) - 1
