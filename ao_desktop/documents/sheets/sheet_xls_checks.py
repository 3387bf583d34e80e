"""Checks on a legacy Excel (.xls) file before calamine parses it.

Responsible for: reading the Workbook stream out of the OLE compound-file container the
way calamine does, but refusing sector chains that loop or sizes beyond the file, and
measuring the BIFF sheet records (DIMENSIONS and cell records) so that a sheet whose
grid would exhaust memory is refused, and finding on that same pass the cells that hold
an Excel error (calamine reads them as empty). Every refusal is a `SheetReadError` whose
message names the file (and sheet).
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from ao_desktop.documents.sheets.sheet_grid_checks import MAX_CELLS, refuse_oversized
from ao_desktop.documents.sheets.sheet_safety import SheetReadError, corrupt

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


def check_xls(name: str, data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Refuse an .xls that would make calamine exhaust memory or read forever; return
    sheet name -> (row, col), 0-based, of its error cells (#N/A, #DIV/0!, ...).

    calamine parses every sheet at open: it reserves each DIMENSIONS record's cells, then
    builds a dense grid up to the farthest cell (row and column are 16-bit: 4 billion
    cells). Both are measured here first, for all sheets together.
    """
    errors: dict[str, set[tuple[int, int]]] = {}
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
            cells, rows, cols = _sheet_extent(stream, pos, errors.setdefault(sheet, set()))
            total += max(cells, rows * cols)
            if total > MAX_CELLS:
                refuse_oversized(name, sheet, rows, cols, force=True)
    except SheetReadError:
        raise
    except (ValueError, KeyError, IndexError, struct.error):
        corrupt(name)
    return errors


def _sheet_extent(stream: bytes, pos: int, errors: set[tuple[int, int]]) -> tuple[int, int, int]:
    """(cells calamine reserves, rows, cols) of the sheet substream at `pos`: one pass,
    which also adds the error cells to `errors`."""
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
                # An error: BoolErr with fError set, or a Formula whose cached result
                # is one (its last two bytes 0xFFFF, its first 2); calamine reads both
                # as empty, which would import the field blank.
                if (kind == 0x0205 and length >= 8 and stream[pos + 11] == 1) or (
                    kind == 0x0006
                    and length >= 14
                    and stream[pos + 10] == 2
                    and stream[pos + 16 : pos + 18] == b"\xff\xff"
                ):
                    errors.add((row, col))
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
