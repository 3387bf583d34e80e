"""Checks on a spreadsheet file's raw bytes before any parser sees them.

Responsible for: loading the file within a size limit, telling the format by its content
(magic bytes), refusing what is not a workbook (PDF, image, Word, text named .xlsx),
password-protected files, corrupt zips, zip bombs, XML with a DOCTYPE, and sheets whose
cells lie so far apart that calamine would allocate gigabytes for its dense grid (its
out-of-memory is an abort that kills the app, so it must be prevented, not caught).
Every refusal is a `SheetReadError` whose message names the file (and sheet).
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from enum import Enum
from io import BytesIO
from pathlib import Path
from typing import NoReturn
from xml.parsers import expat

from ao_desktop.domain.errors import DomainError
from ao_desktop.domain.i18n import _

MAX_UNZIPPED_BYTES = 1024**3
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM = 50 * 1024**2
MAX_DIRECTORY_BYTES = 16 * 1024**2  # a zip's list of members; real workbooks need kilobytes
MAX_CELLS = 10_000_000  # calamine keeps a dense grid of 32-byte cells: 320 MB at most
CHUNK = 16 * 1024**2

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARKERS = tuple(n.encode("utf-16-le") for n in ("EncryptedPackage", "EncryptionInfo"))
_DTD_MARKERS = tuple(
    m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)


class SheetReadError(DomainError):
    """A spreadsheet that cannot be read; the message names the file (and sheet)."""


class SheetFormat(Enum):
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


def fail(message: str) -> NoReturn:
    raise SheetReadError(message)


def _size(n: int) -> str:
    """Bytes as Indonesian readers write them: `150 MB`, `1.024 KB` (dot groups)."""
    value, unit = (n / 1024**2, "MB") if n >= 1024**2 else (n / 1024, "KB")
    return f"{value:,.0f} {unit}".replace(",", ".")


def corrupt(name: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" rusak atau tidak lengkap sehingga tidak dapat dibaca. '
            "Buka berkas itu di Excel, simpan ulang, lalu impor lagi."
        ).format(name=name)
    )


def password_protected(name: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" dilindungi kata sandi. Buka berkas itu di Excel, simpan tanpa '
            "kata sandi, lalu impor lagi."
        ).format(name=name)
    )


def _suspicious(name: str) -> NoReturn:
    fail(
        _(
            'Berkas mencurigakan: isi "{name}" terlalu besar setelah dibuka, jauh melebihi '
            "ukuran buku kerja biasa. Berkas tidak diimpor demi keamanan."
        ).format(name=name)
    )


def _not_a_sheet(name: str, kind: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" adalah {kind}, bukan lembar kerja. Pilih berkas Excel '
            "(.xlsx, .xls), OpenDocument (.ods) atau CSV."
        ).format(name=name, kind=kind)
    )


def _save_as_xlsx(name: str, kind: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" berformat {kind} yang tidak dapat dibaca di sini. Buka di Excel, '
            "simpan sebagai Buku Kerja Excel (.xlsx), lalu impor lagi."
        ).format(name=name, kind=kind)
    )


def _other_kinds() -> tuple[tuple[bytes, str], ...]:
    return (
        (b"%PDF", _("dokumen PDF")),
        (b"\x89PNG", _("gambar PNG")),
        (b"\xff\xd8\xff", _("gambar JPEG")),
        (b"Rar!", _("arsip RAR")),
    )


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, after the checks that need no parsing (exists, size)."""
    name, data = path.name or str(path), b""
    try:
        if path.is_dir():
            fail(
                _('"{name}" adalah folder, bukan berkas. Pilih berkas Excel atau CSV.').format(
                    name=name
                )
            )
        size = path.stat().st_size
        if size <= max_bytes:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)  # the file may grow between stat and read
            size = len(data)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the path
        fail(
            _(
                'Berkas "{name}" tidak ditemukan. Mungkin sudah dipindah, diganti nama atau dihapus.'
            ).format(name=name)
        )
    except OSError:
        fail(
            _(
                'Berkas "{name}" tidak dapat dibuka. Mungkin berkas itu sedang dibuka di program '
                "lain (tutup dulu di Excel) atau Anda tidak punya izin untuk membacanya."
            ).format(name=name)
        )
    if size > max_bytes:
        fail(
            _(
                'Berkas "{name}" terlalu besar ({size}; batasnya {limit}). Bagi datanya menjadi '
                "beberapa berkas, lalu impor satu per satu."
            ).format(name=name, size=_size(size), limit=_size(max_bytes))
        )
    if not size:
        fail(_('Berkas "{name}" kosong (0 byte). Pilih berkas yang berisi data.').format(name=name))
    return data


def detect_format(path: Path, data: bytes) -> SheetFormat:
    """The format of `data` by content; the extension only separates CSV from other text."""
    name = path.name
    if data.startswith(CFB_MAGIC):
        if any(marker in data for marker in _ENCRYPTED_MARKERS):
            password_protected(name)
        return SheetFormat.XLS
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_format(name, data)
    for magic, kind in _other_kinds():
        if data.startswith(magic):
            _not_a_sheet(name, kind)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in head[:512]:
        _save_as_xlsx(name, _("halaman web (HTML)"))  # what many bank systems export as .xls
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        _save_as_xlsx(name, _("XML Spreadsheet 2003"))
    looks_like_text = data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in data[:65536]
    if looks_like_text and path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return SheetFormat.CSV
    if looks_like_text:
        fail(
            _(
                'Berkas "{name}" berisi teks biasa, bukan buku kerja Excel. Jika isinya data CSV, '
                "ubah akhiran namanya menjadi .csv lalu impor lagi."
            ).format(name=name)
        )
    _not_a_sheet(name, _("berkas yang tidak dikenal"))


def _zip_format(name: str, data: bytes) -> SheetFormat:
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0:
        directory_size = int.from_bytes(data[eocd + 12 : eocd + 16], "little")
        if MAX_DIRECTORY_BYTES < directory_size < 0xFFFFFFFF:
            _suspicious(name)
    names, mimetype = _zip_members(name, data)
    if "xl/workbook.xml" in names:
        return SheetFormat.XLSX
    if "xl/workbook.bin" in names:
        _save_as_xlsx(name, _("Excel Binary (.xlsb)"))
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return SheetFormat.ODS
    if any(n.startswith("word/") for n in names):
        _not_a_sheet(name, _("dokumen Word"))
    if any(n.startswith("ppt/") for n in names):
        _not_a_sheet(name, _("presentasi PowerPoint"))
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        _not_a_sheet(name, _("dokumen OpenDocument selain lembar kerja"))
    if any(n.startswith("xl/") for n in names):
        corrupt(name)  # an Excel package that lost its workbook part
    _not_a_sheet(name, _("arsip ZIP"))


def _zip_members(name: str, data: bytes) -> tuple[set[str], bytes]:
    """Member names and the ODF mimetype, after refusing corrupt zips, bombs, DTDs."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES or any(
                i.file_size > RATIO_CHECKED_FROM
                and i.file_size > MAX_MEMBER_RATIO * max(i.compress_size, 1)
                for i in infos
            ):
                _suspicious(name)
            for info in infos:
                if info.flag_bits & 0x1:
                    password_protected(name)
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and info.file_size:
                    with zf.open(info) as f:
                        head = f.read(65_536)
                    if any(marker in head for marker in _DTD_MARKERS):
                        fail(
                            _(
                                'Berkas mencurigakan: "{name}" berisi definisi XML (DOCTYPE/ENTITY) '
                                "yang tidak pernah dibuat oleh Excel. Berkas tidak diimpor demi "
                                "keamanan."
                            ).format(name=name)
                        )
            names = {i.filename for i in infos}
            if "mimetype" not in names:
                return names, b""
            with zf.open("mimetype") as f:
                return names, f.read(200)
    except SheetReadError:
        raise
    except Exception:  # BadZipFile, zlib.error, unsupported compression, bad headers
        corrupt(name)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip that `detect_format` already accepted."""
    return zipfile.ZipFile(BytesIO(data))


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


_RESERVED, _END_OF_CHAIN, _DIFAT_SECTOR = 0xFFFFFFFA, 0xFFFFFFFE, 0xFFFFFFFC
_U32, _RECORD = struct.Struct("<I"), struct.Struct("<HH")
# BIFF records that put a value at (row u16, col u16): Number, Label, BoolErr, RK,
# LabelSst, Formula, MulRk (whose last column sits at its end).
_CELL_RECORDS = frozenset((0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x00BD))


def _words(raw: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))


def _ole_workbook(data: bytes) -> bytes:
    """The Workbook stream, read the way calamine reads it.

    calamine trusts the container: a loop in a sector chain makes it read until memory
    runs out, and stated sizes become allocations. Each raises ValueError here instead.
    """
    size = {9: 512, 12: 4096}[struct.unpack_from("<H", data, 30)[0]]
    count = -(-(len(data) - size) // size)  # sectors in the file; the last may be short
    dir_len, fat_len, dir_start = struct.unpack_from("<3I", data, 40)
    mini_fat_start, mini_fat_len, difat_next = struct.unpack_from("<3I", data, 60)
    if max(dir_len, fat_len, mini_fat_len) > count or _U32.unpack_from(data, 62)[0] > 1 << 24:
        raise ValueError("sizes beyond the file")  # the last: a capacity calamine reads

    def sector(i: int) -> bytes:
        if i >= count:  # calamine would grow its buffer to reach it
            raise ValueError("sector beyond the file")
        return data[(i + 1) * size : (i + 2) * size]

    def chain(start: int, table: list[int], read: Callable[[int], bytes], length: int) -> bytes:
        if length > len(data):
            raise ValueError("stream larger than the file")
        ids: list[int] = []
        while start != _END_OF_CHAIN:
            if start >= len(table) or len(ids) >= len(table):  # past the table, or a loop
                raise ValueError("broken chain")
            ids.append(start)
            start = table[start]
        raw = b"".join(read(i) for i in ids)
        return raw[:length] if length else raw

    difat, seen = _words(data[76:512]), set()
    while difat_next < _RESERVED:
        if difat_next in seen:
            raise ValueError("DIFAT loop")
        seen.add(difat_next)
        difat += _words(sector(difat_next))
        difat_next = difat.pop()
    fat = [w for i in difat if i < _DIFAT_SECTOR for w in _words(sector(i))]
    directory = chain(dir_start, fat, sector, dir_len * size)
    entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
    names = [e[:64].decode("utf-16-le", "replace").split("\0")[0] for e in entries]
    lengths = [struct.unpack_from("<I" if size == 512 else "<Q", e, 120)[0] for e in entries]
    mini, mini_fat = b"", []
    if mini_fat_len and entries:
        mini = chain(_U32.unpack_from(entries[0], 116)[0], fat, sector, lengths[0])
        mini_fat = _words(chain(mini_fat_start, fat, sector, mini_fat_len * size))

    def mini_sector(i: int) -> bytes:
        if (i + 1) * 64 > len(mini):
            raise ValueError("mini sector beyond the mini stream")
        return mini[i * 64 : i * 64 + 64]

    found = next((k for want in ("Workbook", "Book") for k, n in enumerate(names) if n == want), -1)
    if found < 0:
        raise ValueError("no Workbook stream")
    start, length = _U32.unpack_from(entries[found], 116)[0], lengths[found]
    small = length < 4096
    return chain(start, mini_fat if small else fat, mini_sector if small else sector, length)


def check_xls(name: str, data: bytes) -> None:
    """Refuse an .xls that would make calamine exhaust memory or read forever.

    calamine parses every sheet at open: it reserves each DIMENSIONS record's cells, then
    builds a dense grid up to the farthest cell (row and column are 16-bit: 4 billion
    cells). Both are measured here first, for all sheets together.
    """
    try:
        stream = _ole_workbook(data)
        sheets, total, pos, n = [], 0, 0, len(stream)
        while pos + 4 <= n:  # the globals, up to their EOF
            kind, length = _RECORD.unpack_from(stream, pos)
            body = stream[pos + 4 : pos + 4 + length]
            if kind == 0x0085 and length >= 8:
                sheets.append((_U32.unpack_from(body)[0], _short_string(body[6:])))
            elif kind == 0x000A:
                break
            pos += 4 + length
        for pos, sheet in sheets:
            cells, rows, cols = _sheet_extent(stream, pos)
            total += max(cells, rows * cols)
            if total > MAX_CELLS:
                refuse_oversized(name, sheet, rows, cols, force=True)
    except SheetReadError:
        raise
    except (ValueError, KeyError, IndexError, struct.error):
        corrupt(name)


def _sheet_extent(stream: bytes, pos: int) -> tuple[int, int, int]:
    """(cells calamine reserves, rows, cols) of the sheet substream at `pos`: one pass."""
    unpack, end = _RECORD.unpack_from, len(stream)
    cells = rows = cols = 0
    while pos + 4 <= end:
        kind, length = unpack(stream, pos)
        if kind in _CELL_RECORDS:
            if length >= 6:
                row, col = unpack(stream, pos + 4)
                if kind == 0x00BD:  # MulRk: first column, values, last column
                    col = max(col + (length - 6) // 6, unpack(stream, pos + length)[1])
                if row >= rows:
                    rows = row + 1
                if col >= cols:
                    cols = col + 1
        elif kind == 0x000A:  # EOF
            break
        elif kind == 0x0200 and length in (10, 14):  # Dimensions: calamine reserves them
            fields = "<HHHH" if length == 10 else "<IIHH"
            first_row, row_end, first_col, col_end = struct.unpack_from(fields, stream, pos + 4)
            if row_end and col_end:  # calamine's u32 arithmetic wraps
                cells += ((row_end - first_row) % 2**32) * ((col_end - first_col) % 2**32)
        pos += 4 + length
    return cells, rows, cols


def _short_string(raw: bytes) -> str:
    """A BIFF8 sheet name: length, a flag (bit 0: UTF-16), then the characters."""
    if len(raw) < 2:
        return ""
    count, wide = raw[0], raw[1] & 1
    text = raw[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "cp1252", "replace")
