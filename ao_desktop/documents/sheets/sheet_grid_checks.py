"""Checks that a sheet's cells fit in memory before calamine builds its grid of them.

Responsible for: the cell limit, bounding an xlsx worksheet part by a streamed XML parse of
its cells, and checking an ODS content.xml (well-formed XML, repeated rows and
columns expanded) for cells that lie so far apart that calamine would allocate gigabytes
for its dense grid (its out-of-memory is an abort that kills the app, so it must be
prevented, not caught). Also the `AB`-style column letters these refusals name.
Every refusal is a `SheetReadError` whose message names the file (and sheet).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from operator import itemgetter
from xml.parsers import expat

from ao_desktop.documents.sheets.sheet_safety import SheetReadError, corrupt, fail
from ao_desktop.domain.common.i18n import _

MAX_CELLS = 10_000_000  # calamine keeps a dense grid of 32-byte cells: 320 MB at most
CHUNK = 16 * 1024**2


_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData[\s>/]")
# A start tag of XML that expat accepted: attribute values may hold ">" and "/>".
_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")


def column_letters(n: int) -> str:
    """`AB`-style letters of 1-based column `n`."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """1-based column number of `AB`-style letters."""
    n = 0
    for ch in (letters.encode() if isinstance(letters, str) else letters).upper():
        n = n * 26 + ch - 64
    return n


def _chunks(zf: zipfile.ZipFile, part: str, tag_open: bytes) -> Iterator[bytes]:
    """The part's text in pieces cut just before a `tag_open`, so those elements stay whole."""
    carry = b""
    with zf.open(part) as f:
        while block := f.read(CHUNK):
            buf = carry + block
            cut = buf.rfind(tag_open)
            if cut <= 0:  # none in 16 MB (not a sheet anyone typed): cut before some tag
                floor = max(len(buf) - 4096, 0)
                cut = max(buf.rfind(b"<", floor), floor)
            carry = buf[cut:]
            yield buf[:cut]
    yield carry


class _SheetExtent:
    """The extent of the cells calamine puts in its grid, placed the way calamine places
    them, fed by expat's start tags (one callback per element; end and text callbacks
    would double the cost on a 100,000-row sheet).

    A cell's `r` gives its row and column; a cell without one goes one column right of
    the cell before it, in the current row; a row's `r` sets the row, a row without one
    is the next. A self-closing cell holds no value and calamine leaves it out of its
    grid. Where calamine's placing is not certain the guess is the larger one, so the
    bound is never too small.
    """

    __slots__ = ("rows", "cols", "xml", "_kinds", "_columns", "_tag_row", "_row", "_col", "_buf",
                 "_base")  # fmt: skip

    def __init__(self) -> None:
        self.rows = self.cols = 0  # 1-based extent of the counted cells
        self.xml: expat.XMLParserType | None = None
        self._kinds: dict[str, int] = {}  # tag name -> 0 cell, 1 row, 2 other
        self._columns: dict[str, int] = {}  # "AB" -> 0-based column
        self._tag_row = self._row = -1  # 0-based: the row tags' row, the cells' row
        self._col = 0  # 0-based column of the next cell without `r`
        self._buf, self._base = b"", 0  # the piece being parsed and its offset in the part

    def feed(self, buf: bytes, base: int) -> None:
        self._buf, self._base = buf, base

    def _kind(self, name: str) -> int:
        local = name.rpartition(":")[2]  # any prefix: calamine matches local names
        kind = self._kinds[name] = 0 if local == "c" else 1 if local == "row" else 2
        return kind

    def _column(self, letters: str) -> int:
        if not (letters.isascii() and letters.isalpha()):
            raise ValueError(letters)  # calamine cannot place it either: a damaged file
        col = self._columns[letters] = column_index(letters) - 1
        return col

    def start(self, name: str, attrs: list[str]) -> None:
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kind(name)
        if kind == 2:
            return
        # ordered_attributes: [name, value, ...], cheaper to make than a dict; r comes first
        # in what Excel and the usual libraries write.
        ref = attrs[1] if attrs and attrs[0] == "r" else _attribute(attrs, "r")
        if kind == 1:
            self._tag_row = int(ref) - 1 if ref is not None else max(self._tag_row, self._row) + 1
            self._row, self._col = self._tag_row, 0
            return
        if ref is None:
            row, col = max(self._tag_row, self._row, 0), self._col
        else:
            # Split by hand, the letters looked up: a regex and column_index per cell cost
            # more than the XML parse itself.
            letters = ref.rstrip("0123456789")
            col = self._columns.get(letters)
            if col is None:
                col = self._column(letters)
            digits = ref[len(letters) :]
            if not digits.isdigit():
                raise ValueError(ref)  # calamine cannot place it either: a damaged file
            row = self._row = int(digits) - 1
        self._col = col + 1
        # Only a cell past the bound so far needs its tag read (about one per row).
        if (row >= self.rows or col >= self.cols) and not self._self_closing():
            self.rows, self.cols = max(self.rows, row + 1), max(self.cols, col + 1)

    def _self_closing(self) -> bool:
        """Whether the start tag being reported ends in `/>` (read from the piece: expat
        does not say); when the tag is not found there, the answer is the safe False."""
        assert self.xml is not None
        pos = self.xml.CurrentByteIndex - self._base
        found = _START_TAG.match(self._buf, pos) if pos >= 0 else None
        return found is not None and found.group(1) == b"/"


def _attribute(attrs: list[str], name: str) -> str | None:
    for i in range(0, len(attrs), 2):
        if attrs[i] == name:
            return attrs[i + 1]
    return None


def _refuse_entity(*_args: object) -> None:
    raise ValueError("ENTITY")


def _sheet_parser(extent: _SheetExtent | None) -> expat.XMLParserType:
    """expat for a worksheet part: start tags only (none without an `extent`: then it
    only checks the XML at C speed), no DTD and no entity of any kind (as defusedxml sets
    it up), so hostile XML can neither expand nor fetch anything."""
    xml = expat.ParserCreate()
    xml.ordered_attributes = True
    xml.StartDoctypeDeclHandler = _no_doctype
    xml.EntityDeclHandler = _refuse_entity
    xml.UnparsedEntityDeclHandler = _refuse_entity
    xml.ExternalEntityRefHandler = _refuse_entity
    xml.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if extent is not None:
        xml.StartElementHandler = extent.start
        extent.xml = xml
    return xml


def bound_xlsx_sheet(
    name: str, zf: zipfile.ZipFile, part: str, look: Callable[[bytes, bytes], None] | None = None
) -> tuple[int, int]:
    """(rows, cols) bounding the cells calamine will place for a worksheet part. A
    tag-matching scan was fooled by cells without `r` and by `/>` inside an attribute
    value, and calamine's out-of-memory on the grid they claimed aborts the process, so
    the bound rests on XML: expat checks the whole part is well-formed (calamine's own
    parser is lenient; what is not well-formed is refused as damaged), and the cells are
    placed by the quick scan below when it is conclusive, else by a second, exact pass
    of expat over every start tag (`_SheetExtent`, ~2.5 s on a 100,000-row sheet
    against ~0.5 s for the quick one).

    `look(piece, prefix)`, when given, sees every piece of the first pass (whole cells
    only) and the namespace prefix of the cell tags, so the reader needs no other pass.
    """
    try:
        with zf.open(part) as f:
            prefix_match = _SHEET_DATA.search(f.read(65_536))
        prefix = (prefix_match.group(1) or b"") if prefix_match else b""
        cell_open = b"<" + prefix + b"c "
        quick = _QuickExtent()
        xml = _sheet_parser(None)
        for buf in _chunks(zf, part, cell_open):
            xml.Parse(buf, False)
            quick.feed(buf)
            if look is not None:
                look(buf, prefix)
        xml.Parse(b"", True)
        if quick.conclusive and not is_oversized(quick.rows, quick.cols):
            return quick.rows, quick.cols
        # Inconclusive, or so large that the exact placing may differ (a valueless cell
        # far away is left out of calamine's grid): the exact pass decides.
        extent = _SheetExtent()
        xml = _sheet_parser(extent)
        base = 0
        for buf in _chunks(zf, part, cell_open):
            extent.feed(buf, base)
            xml.Parse(buf, False)
            base += len(buf)
        xml.Parse(b"", True)
    except Exception:  # BadZipFile (CRC), zlib.error, not well-formed, a 5,000-digit row
        corrupt(name)
    return extent.rows, extent.cols


# Any start tag of an unprefixed cell, with the letters and digits of its `r` when `r`
# is its first attribute and a plain quoted reference (as Excel and the usual libraries
# write it); otherwise both groups are empty. The closing quote is part of it, so a
# reference longer than these bounds is not cut short but left out (empty groups).
_CELL_START = re.compile(rb'<c[\s/>](?:r="([A-Z]{1,3})([0-9]{1,7})")?')


class _QuickExtent:
    """A bound of the cells' extent from C-speed operations on the bytes (a regex
    findall, sets, max), conclusive only when every cell start tag gives its row and
    column in a plain `r`: then the cells' places do not depend on rows or neighbours.

    Why this is a bound in a well-formed part (expat checks that in the same pass): a
    `<` outside comments, CDATA and processing instructions always starts markup, so
    every unprefixed cell start tag is a `<c` followed by white space, `/` or `>`, and
    `_CELL_START` meets it; the text inside comments or CDATA can only add matches,
    which makes the bound larger or the scan inconclusive, never smaller. A prefixed
    cell (`<x:c`) holds `:c`, and any `:c` at all makes the scan inconclusive. Valueless
    (self-closing) cells count too, so the bound may only be larger than calamine's.
    """

    __slots__ = ("rows", "cols", "conclusive", "_started")

    def __init__(self) -> None:
        self.rows = self.cols = 0
        self.conclusive = True
        self._started = False

    def feed(self, buf: bytes) -> None:
        if not self.conclusive:
            return
        if not self._started:
            self._started = True
            # UTF-16 or UTF-32 (NUL bytes between ASCII characters) hides every `<c` from
            # a byte scan: only an ASCII-compatible encoding can be concluded from bytes.
            if b"\x00" in buf[:64]:
                self.conclusive = False
                return
        if b":c" in buf:
            self.conclusive = False
            return
        refs = _CELL_START.findall(buf)
        if not refs:
            return
        letters = set(map(itemgetter(0), refs))
        if b"" in letters:  # a cell without a plain first `r`
            self.conclusive = False
            return
        self.rows = max(self.rows, max(map(int, set(map(itemgetter(1), refs)))))
        self.cols = max(self.cols, max(map(column_index, letters)))


def is_oversized(rows: int, cols: int) -> bool:
    return rows * cols > MAX_CELLS


def refuse_oversized(name: str, sheet: str, rows: int, cols: int, force: bool = False) -> None:
    """Refuse a grid of `rows` x `cols` cells that would not fit in memory (or `force`)."""
    if force or is_oversized(rows, cols):
        fail(
            _(
                'Lembar "{sheet}" di berkas "{name}" terlalu besar untuk dibaca: ada isian sampai '
                "baris {row} kolom {col}. Mungkin ada isian tersasar jauh di bawah atau di kanan "
                "tabel; hapus baris dan kolom di luar tabel di Excel, simpan, lalu impor lagi."
            ).format(
                sheet=sheet, name=name, row=f"{rows:,}".replace(",", "."), col=column_letters(cols)
            )
        )


_ODS_TOKEN = re.compile(rb"<table:table(\s[^>]{0,4096})?>|<table:table-row(\s[^>]{0,4096}?)?(/?)>")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_CELL_ENDS = (b"</table:table-cell>", b"</table:covered-table-cell>")


def _no_doctype(*_args: object) -> None:
    raise ValueError("DOCTYPE")  # refused before expat could expand an entity


def check_ods_cells(name: str, zf: zipfile.ZipFile) -> None:
    """Refuse an ODS that is not well-formed XML or whose repeated rows/columns would
    expand past MAX_CELLS.

    calamine parses every table at open and expands `number-*-repeated` into a dense grid
    (trailing empty repeats, which LibreOffice writes by the million, do not count); and
    it loops forever on a table whose end tag is broken, so expat checks the XML first.
    """
    total, table = 0, ""
    rows_seen = rows_used = width = 0
    xml = expat.ParserCreate()
    xml.StartDoctypeDeclHandler = _no_doctype
    try:
        for buf in _chunks(zf, "content.xml", b"<table:table-row"):
            xml.Parse(buf, False)
            pos = 0
            while m := _ODS_TOKEN.search(buf, pos):
                pos = m.end()
                if not m.group(0).startswith(b"<table:table-row"):  # a new table starts
                    total += rows_used * width
                    found = _ODS_NAME.search(m.group(1) or b"")
                    table = found.group(1).decode("utf-8", "replace") if found else ""
                    rows_seen = rows_used = width = 0
                    continue
                repeated = _ROWS_REPEATED.search(m.group(2) or b"")
                rows_seen += int(repeated.group(1)) if repeated else 1
                if m.group(3):
                    continue
                end = buf.find(b"</table:table-row>", pos)
                end = end if end >= 0 else len(buf)
                body, pos = buf[pos:end], end
                last = max(body.rfind(e) for e in _ODS_CELL_ENDS)
                if last < 0:
                    continue
                used = body[:last]
                rows_used = rows_seen
                cells = used.count(b"<table:table-cell") + used.count(b"<table:covered-table-cell")
                width = max(width, cells + sum(int(n) - 1 for n in _COLS_REPEATED.findall(used)))
                if total + rows_used * width > MAX_CELLS:
                    refuse_oversized(name, table, rows_used, width, force=True)
        xml.Parse(b"", True)
    except SheetReadError:
        raise
    except Exception:
        corrupt(name)
