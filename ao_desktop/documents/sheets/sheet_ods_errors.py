"""Finding the error cells of one table of an ODS file (#N/A, #DIV/0!, Err:502).

Responsible for: the (row, col), 0-based, of cells whose formula result is an error, at
the positions calamine gives them. LibreOffice writes such a cell with an empty string
value (`office:string-value=""`, `calcext:value-type="error"`), which calamine reads as
empty, so a client row would import with that field blank; older writers leave out the
calcext type and put only the error's text in the formula cell.
"""

from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

from ao_desktop.documents.sheets.sheet_safety import corrupt, fail
from ao_desktop.domain.common.i18n import _

_CHUNK = 16 * 1024**2
# Any of these in content.xml may be an error cell; most files hold none, and then the
# scan costs one decompression and a few byte searches, never an XML parse.
_MARKS = (b'value-type="error"', b"value-type='error'", b">#N/A<", b">#DIV/0!<",
          b">#VALUE!<", b">#REF!<", b">#NAME?<", b">#NUM!<", b">#NULL!<", b">Err:")  # fmt: skip
_ERROR_TEXT = re.compile(r"#(?:N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)|Err:\d{3}")
_CELLS = ("table:table-cell", "table:covered-table-cell")
# One repeated error cell can stand for millions (a few bytes of XML for 10,000,000
# grid cells); a whole 200,000-row column of #N/A stays well below this.
MAX_ERROR_CELLS = 1_000_000


class _TooMany(Exception):
    pass


class _TableRead(Exception):
    """The wanted table ended: the rest of content.xml need not be parsed."""


def _may_hold_errors(zf: zipfile.ZipFile) -> bool:
    carry = b""
    with zf.open("content.xml") as f:
        while block := f.read(_CHUNK):
            buf = carry + block
            if any(mark in buf for mark in _MARKS):
                return True
            carry = buf[-32:]  # a mark cut in two by the chunk boundary
    return False


class _ErrorScan:
    """expat callbacks placing cells as calamine does: a row's `number-rows-repeated`
    and a cell's `number-columns-repeated` repeat it, a covered cell takes its place,
    row groups and header rows only wrap rows. Repeats are clipped to the grid read."""

    def __init__(self, sheet: str, rows: int, cols: int) -> None:
        self.sheet, self.rows, self.cols = sheet, rows, cols
        self.found: set[tuple[int, int]] = set()
        self._depth = 0  # table:table nesting inside the wanted table; 0 outside it
        self._row = self._col = 0
        self._row_repeat = 1
        self._pending: tuple[int, int, int] | None = None  # (row, col, repeat) of a formula
        self._text: list[str] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "table:table":
            if self._depth or attrs.get("table:name") == self.sheet:
                self._depth += 1
            return
        if self._depth != 1:
            return
        if name == "table:table-row":
            self._row_repeat = int(attrs.get("table:number-rows-repeated", "1"))
            self._col = 0
        elif name in _CELLS:
            repeat = int(attrs.get("table:number-columns-repeated", "1"))
            if attrs.get("calcext:value-type") == "error":
                self._add(self._row, self._col, repeat)
            elif "table:formula" in attrs and attrs.get("office:value-type", "string") == "string":
                self._pending, self._text = (self._row, self._col, repeat), []
            self._col += repeat

    def end(self, name: str) -> None:
        if name == "table:table":
            if self._depth:
                self._depth -= 1
                if not self._depth:
                    raise _TableRead
        elif self._depth != 1:
            return
        elif name == "table:table-row":
            self._row += self._row_repeat
        elif name in _CELLS and self._pending is not None:
            if _ERROR_TEXT.fullmatch("".join(self._text).strip()):
                self._add(*self._pending)
            self._pending = None

    def text(self, data: str) -> None:
        if self._pending is not None:
            self._text.append(data)

    def _add(self, row: int, col: int, repeat: int) -> None:
        row_end, col_end = min(row + self._row_repeat, self.rows), min(col + repeat, self.cols)
        if len(self.found) + max(row_end - row, 0) * max(col_end - col, 0) > MAX_ERROR_CELLS:
            raise _TooMany
        self.found.update((r, c) for r in range(row, row_end) for c in range(col, col_end))


def _refuse(*_args: object) -> None:
    raise ValueError("DOCTYPE or ENTITY")


def ods_error_cells(
    name: str, zf: zipfile.ZipFile, sheet: str, rows: int, cols: int
) -> set[tuple[int, int]]:
    """(row, col), 0-based, of the error cells of table `sheet` inside a grid of `rows`
    x `cols` (what calamine read); one streamed pass, and only when content.xml holds an
    error's mark at all."""
    try:
        if not _may_hold_errors(zf):
            return set()
        scan = _ErrorScan(sheet, rows, cols)
        xml = expat.ParserCreate()
        xml.StartDoctypeDeclHandler = _refuse  # as defusedxml: no DTD, no entity of any kind
        xml.EntityDeclHandler = _refuse
        xml.ExternalEntityRefHandler = _refuse
        xml.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        xml.StartElementHandler = scan.start
        xml.EndElementHandler = scan.end
        xml.CharacterDataHandler = scan.text
        with zf.open("content.xml") as f:
            while block := f.read(_CHUNK):
                xml.Parse(block, False)
        xml.Parse(b"", True)
    except _TableRead:  # the first table of that name, as calamine takes it
        pass
    except _TooMany:
        fail(
            _(
                'Lembar "{sheet}" di berkas "{name}" berisi lebih dari {limit} sel galat '
                "(misalnya #N/A atau #DIV/0!). Perbaiki rumusnya, simpan, lalu impor lagi."
            ).format(sheet=sheet, name=name, limit=f"{MAX_ERROR_CELLS:,}".replace(",", "."))
        )
    except Exception:  # not well-formed, a repeat that is not a number, a bad zip member
        corrupt(name)
    return scan.found
