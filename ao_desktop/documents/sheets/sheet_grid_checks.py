"""Checks that a sheet's cells fit in memory before calamine builds its grid of them.

Responsible for: the cell limit, bounding an xlsx worksheet part by a streamed scan of
its cell references, and checking an ODS content.xml (well-formed XML, repeated rows and
columns expanded) for cells that lie so far apart that calamine would allocate gigabytes
for its dense grid (its out-of-memory is an abort that kills the app, so it must be
prevented, not caught). Also the `AB`-style column letters these refusals name.
Every refusal is a `SheetReadError` whose message names the file (and sheet).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from xml.parsers import expat

from ao_desktop.documents.sheets.sheet_safety import SheetReadError, corrupt, fail
from ao_desktop.domain.common.i18n import _

MAX_CELLS = 10_000_000  # calamine keeps a dense grid of 32-byte cells: 320 MB at most
CHUNK = 16 * 1024**2


_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData[\s>/]")
# Cell refs that reach past column Z or row 99,999, except in self-closing tags (calamine
# skips cells without a value, such as styled empty ones). calamine takes any quotes,
# spaces around "=", lower case and any number of letters, so these do too; the
# look-ahead is bounded so that a crafted tag with no end cannot make the scan quadratic.
_FAR_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z](?:[A-Za-z]+\d+|\d{6,}))["'](?![^>]{0,64}/>)""")
_ANY_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+)(\d+)["'](?![^>]{0,64}/>)""")


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


def bound_xlsx_sheet(
    name: str, zf: zipfile.ZipFile, part: str, look: Callable[[bytes, bytes], None] | None = None
) -> tuple[int, int]:
    """(rows, cols) bounding the cells of a worksheet part, read in one streamed pass.

    `look(piece, prefix)`, when given, sees every piece of that pass (whole cells only)
    and the namespace prefix of the cell tags, so the reader needs no second pass.
    """
    try:
        with zf.open(part) as f:
            prefix_match = _SHEET_DATA.search(f.read(65_536))
        prefix = (prefix_match.group(1) or b"") if prefix_match else b""
        cell_open = b"<" + prefix + b"c "
        max_row, max_col = 99_999, 26  # as far as the refs that _FAR_REF skips can reach
        for buf in _chunks(zf, part, cell_open):
            for ref in _FAR_REF.findall(buf):
                letters = ref.rstrip(b"0123456789")  # digits follow letters
                max_col = max(max_col, column_index(letters))
                max_row = max(max_row, int(ref[len(letters) :]))
            if look is not None:
                look(buf, prefix)
        if is_oversized(max_row, max_col):  # the quick bound is loose: measure exactly
            max_row, max_col = 0, 0
            for buf in _chunks(zf, part, cell_open):
                for col, row in _ANY_REF.findall(buf):
                    max_col = max(max_col, column_index(col))
                    max_row = max(max_row, int(row))
    except Exception:  # BadZipFile (CRC), zlib.error, a row number with 5,000 digits
        corrupt(name)
    return max_row, max_col


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
