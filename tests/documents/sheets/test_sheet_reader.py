"""The spreadsheet reader: values at their real positions, sheet choice, CSV dialects, and
every kind of bad or hostile file refused with a SheetReadError that names the file."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import python_calamine
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ao_desktop.documents.sheets import sheet_reader, sheet_safety
from ao_desktop.documents.sheets.sheet_reader import (
    SheetInfo,
    SheetReadError,
    default_sheet,
    list_sheets,
    read_sheet,
)
from ao_desktop.domain.common.errors import DomainError

SHEET_XML = "xl/worksheets/sheet1.xml"
FAR = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def xlsx(path: Path, cells: dict[str, object], title: str = "Data") -> Path:
    """An openpyxl workbook with one sheet holding `cells` ({"B2": value})."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return path


def rezip(src: Path, dst: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of zip `src` with members replaced or added (bytes) or dropped (None)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        names = [i.filename for i in zin.infolist()]
        for member in names + [n for n in changes if n not in names]:
            data = changes.get(member, zin.read(member) if member in names else None)
            if data is not None:
                zout.writestr(member, data)
    return dst


def with_sheet_xml(tmp_path: Path, edit: Callable[[bytes], bytes]) -> Path:
    """A one-sheet xlsx whose sheet XML went through `edit` (bytes -> bytes)."""
    base = xlsx(tmp_path / "base.xlsx", {"A1": "Nama", "A2": "Ani"})
    with zipfile.ZipFile(base) as z:
        sheet = z.read(SHEET_XML)
    return rezip(base, tmp_path / "edited.xlsx", {SHEET_XML: edit(sheet)})


def cell(rows: list[tuple[object, ...]], row: int, col: int) -> object:
    """The value at 0-based (row, col); rows may be ragged, so a missing cell is None."""
    return rows[row][col] if row < len(rows) and col < len(rows[row]) else None


def refused(path: Path, *words: str, **kwargs: Any) -> str:
    with pytest.raises(SheetReadError) as caught:
        read_sheet(path, **kwargs)
    message = str(caught.value)
    for word in (path.name, *words):
        assert word in message
    return message


def biff_record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def biff8(
    sheets: list[tuple[str, bool, dict[tuple[int, int], object]]],
    globals_extra: bytes = b"",
    sheet_extra: bytes = b"",
) -> bytes:
    """A BIFF8 workbook stream: (name, hidden, {(row, col): str | number | bytes}) per
    sheet; bytes are a whole cell record written as they are (an error cell, a formula).

    `globals_extra` and `sheet_extra` are raw records added to the globals / each sheet.
    """
    bof = [
        biff_record(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0xDBB, 0x7CC, 0, 6))
        for dt in (5, 16)
    ]
    eof = biff_record(0x000A, b"")
    bodies = []
    for _name, _hidden, cells in sheets:
        rows, cols = max(r for r, _c in cells) + 1, max(c for _r, c in cells) + 1
        body = [
            bof[1],
            biff_record(0x0200, struct.pack("<IIHHH", 0, rows, 0, cols, 0)),
            sheet_extra,
        ]
        for (r, c), v in sorted(cells.items()):
            if isinstance(v, bytes):
                body.append(v)
            elif isinstance(v, str):
                raw = v.encode("latin-1")
                body.append(biff_record(0x0204, struct.pack("<HHHHB", r, c, 0, len(raw), 0) + raw))
            else:
                body.append(biff_record(0x0203, struct.pack("<HHHd", r, c, 0, float(v))))
        bodies.append(b"".join(body) + eof)
    names = [(n.encode("latin-1"), hidden) for n, hidden, _cells in sheets]
    offset = len(bof[0]) + len(globals_extra) + sum(12 + len(n) for n, _h in names) + len(eof)
    records = [bof[0], globals_extra]
    for (raw, hidden), body in zip(names, bodies, strict=True):
        records.append(
            biff_record(0x0085, struct.pack("<IBBBB", offset, hidden, 0, len(raw), 0) + raw)
        )
        offset += len(body)
    return b"".join(records) + eof + b"".join(bodies)


def cfb(stream: bytes, name: str = "Workbook", storages: tuple[str, ...] = ()) -> bytes:
    """An OLE2 container with one stream (and up to two empty `storages`): in the mini
    stream under 4096 bytes, and with DIFAT sectors when the FAT outgrows the header."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    mini = len(stream) < 4096
    body = stream.ljust(-(-len(stream) // 64) * 64, b"\0") if mini else stream
    body = body.ljust(-(-len(body) // 512) * 512, b"\0")
    n = len(body) // 512  # sectors: body, directory, mini FAT (when mini), FAT, DIFAT
    n_fat, n_difat = 1, 0
    while n + 1 + mini + n_fat + n_difat > n_fat * 128:
        n_fat += 1
        n_difat = max(0, -(-(n_fat - 109) // 127))
    fat_at = n + 1 + mini
    difat_at = fat_at + n_fat
    fat = [*range(1, n), end, end] + [end] * mini + [0xFFFFFFFD] * n_fat + [0xFFFFFFFC] * n_difat
    fat += [free] * (n_fat * 128 - len(fat))
    fat_sectors = list(range(fat_at, difat_at))
    listed = fat_sectors[:109] + [free] * (109 - len(fat_sectors[:109]))
    mini_fat_at, difat_start = (n + 1 if mini else end), (difat_at if n_difat else end)
    header = struct.pack(
        "<8s16sHHHHH6s", sheet_safety.CFB_MAGIC, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6)
    )
    header += struct.pack("<9I", 0, n_fat, n, 0, 4096, mini_fat_at, int(mini), difat_start, n_difat)
    header += struct.pack("<109I", *listed)

    def entry(entry_name: str, kind: int, start: int, size: int) -> bytes:
        raw = (entry_name + "\0").encode("utf-16-le")
        head = struct.pack(
            "<64sHBBIII", raw, len(raw), kind, 1, free, free, 1 if kind == 5 else free
        )
        return head + bytes(36) + struct.pack("<IQ", start, size)

    root = entry("Root Entry", 5, 0 if mini else end, len(body) if mini else 0)
    entries = [root, entry(name, 2, 0, len(stream))] + [entry(s, 1, 0, 0) for s in storages]
    sectors = [b"".join(entries).ljust(512, b"\0")]
    if mini:
        chain = [*range(1, -(-len(stream) // 64)), end]
        sectors.append(struct.pack("<128I", *chain, *[free] * (128 - len(chain))))
    sectors += [struct.pack("<128I", *fat[i * 128 : i * 128 + 128]) for i in range(n_fat)]
    for k in range(n_difat):
        more = fat_sectors[109 + 127 * k : 109 + 127 * (k + 1)]
        following = difat_at + k + 1 if k + 1 < n_difat else end
        sectors.append(struct.pack("<128I", *more, *[free] * (127 - len(more)), following))
    return header + body + b"".join(sectors)


def xls(
    path: Path, sheets: list[tuple[str, bool, dict[tuple[int, int], object]]], **extra: Any
) -> Path:
    """A real .xls (BIFF8 in OLE2); `extra` goes to `biff8`."""
    path.write_bytes(cfb(biff8(sheets, **extra).ljust(4096, b"\0")))
    return path


def ods(path: Path, tables: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">'
        '<office:automatic-styles><style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat}">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


# --- values and positions -------------------------------------------------------------


def test_sheet_read_error_is_a_domain_error() -> None:
    assert issubclass(SheetReadError, DomainError)


def test_rows_keep_excel_positions_below_a_merged_title(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.merge_cells("B2:E2")
    ws["B2"] = "Daftar Klien"
    ws["B4"], ws["C4"], ws["B5"], ws["C5"] = "Nama", "NIK", "Ani", "3201"
    wb.save(tmp_path / "klien.xlsx")
    data = read_sheet(tmp_path / "klien.xlsx")
    assert data.rows[1][1:3] == ("Daftar Klien", None)
    assert data.rows[3][1:3] == ("Nama", "NIK")
    assert data.rows[4][1:3] == ("Ani", "3201")
    assert set(data.rows[0]) <= {None}


def test_whole_numbers_come_back_as_int(tmp_path: Path) -> None:
    data = read_sheet(xlsx(tmp_path / "n.xlsx", {"A1": 81234567890, "B1": 1.5, "C1": 3.0}))
    assert data.rows[0] == (81234567890, 1.5, 3)
    assert type(data.rows[0][0]) is int and type(data.rows[0][2]) is int


def test_date_cells_come_back_as_dates(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "d.xlsx",
        {"A1": date(2024, 1, 2), "B1": datetime(2024, 1, 2, 13, 5), "C1": datetime(2024, 5, 6)},
    )
    assert read_sheet(path).rows[0] == (
        date(2024, 1, 2),
        datetime(2024, 1, 2, 13, 5),
        date(2024, 5, 6),
    )


def test_times_and_booleans_keep_their_types(tmp_path: Path) -> None:
    data = read_sheet(xlsx(tmp_path / "t.xlsx", {"A1": time(10, 30), "B1": True, "C1": False}))
    assert data.rows[0] == (time(10, 30), True, False)


def test_empty_cells_are_none(tmp_path: Path) -> None:
    data = read_sheet(xlsx(tmp_path / "e.xlsx", {"A1": "x", "C1": "y", "A2": ""}))
    assert data.rows[0] == ("x", None, "y")


def test_formula_without_stored_value_is_reported(tmp_path: Path) -> None:
    data = read_sheet(xlsx(tmp_path / "f.xlsx", {"A1": "Nama", "A2": "Ani", "B2": "=1+1"}))
    assert data.formula_blanks == frozenset({(1, 1)})
    assert (cell(data.rows, 1, 0), cell(data.rows, 1, 1)) == ("Ani", None)


def test_excel_error_cells_are_reported(tmp_path: Path) -> None:
    # openpyxl writes "#N/A" and "#DIV/0!" as error cells (t="e"); calamine reads them as empty.
    data = read_sheet(xlsx(tmp_path / "e.xlsx", {"A1": "Nama", "A2": "Ani", "B2": "#N/A", "C3": "#DIV/0!"}))
    assert data.error_cells == frozenset({(1, 1), (2, 2)})
    assert cell(data.rows, 1, 1) is None


def test_a_sheet_without_error_cells_reports_none(tmp_path: Path) -> None:
    data = read_sheet(xlsx(tmp_path / "n.xlsx", {"A1": "Nama", "A2": "e", "B2": "'e'"}))
    assert data.error_cells == frozenset()


def test_formula_with_stored_value_gives_the_value(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(tmp_path / "fv.xlsx")
    ws = wb.add_worksheet("Data")
    ws.write_string(0, 0, "Ani")
    ws.write_formula(0, 1, "=1+1", None, 2)
    wb.close()
    data = read_sheet(tmp_path / "fv.xlsx")
    assert data.rows[0] == ("Ani", 2)
    assert data.formula_blanks == frozenset()


def test_formula_blanks_are_found_with_a_namespace_prefix(tmp_path: Path) -> None:
    def prefixed(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
        for tag in (b"worksheet", b"sheetData", b"row", b"c", b"is", b"t"):
            xml = xml.replace(b"<" + tag + b">", b"<x:" + tag + b">")
            xml = xml.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
            xml = xml.replace(b"</" + tag + b">", b"</x:" + tag + b">")
        return xml.replace(
            b"</x:row></x:sheetData>", b'<x:c r="C2"><x:f>1+1</x:f></x:c></x:row></x:sheetData>'
        )

    data = read_sheet(with_sheet_xml(tmp_path, prefixed))
    assert data.rows[1][0] == "Ani"
    assert data.formula_blanks == frozenset({(1, 2)})


def test_a_real_xlsx_with_another_extension_still_reads(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "klien.xlsx", {"A1": "Nama"})
    renamed = path.rename(tmp_path / "klien.xls")
    assert read_sheet(renamed).rows == [("Nama",)]


def test_ods_values_are_read(tmp_path: Path) -> None:
    path = ods(
        tmp_path / "k.ods",
        '<table:table table:name="Klien"><table:table-row><table:table-cell/>'
        + ods_cell("Ani")
        + '<table:table-cell office:value-type="float" office:value="81234567890">'
        "<text:p>81234567890</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>',
    )
    data = read_sheet(path)
    assert (data.name, data.rows) == ("Klien", [(None, "Ani", 81234567890)])


# --- sheets ---------------------------------------------------------------------------


def hidden_first(path: Path) -> Path:
    wb = Workbook()
    wb.active.title = "Rahasia"
    wb.active["A1"] = "tersembunyi"
    wb.active.sheet_state = "hidden"
    wb.create_sheet("Klien")["A1"] = "Nama"
    very = wb.create_sheet("Sangat")
    very["A1"] = 1
    very.sheet_state = "veryHidden"
    wb.active = 1
    wb.save(path)
    return path


def test_read_sheet_lists_every_sheet_without_reading_the_others(tmp_path: Path) -> None:
    data = read_sheet(hidden_first(tmp_path / "h.xlsx"))
    assert data.name == "Klien"
    assert data.sheets == (
        SheetInfo("Rahasia", True, -1), SheetInfo("Klien", False, 1), SheetInfo("Sangat", True, -1)
    )


def test_list_sheets_marks_hidden_sheets(tmp_path: Path) -> None:
    assert list_sheets(hidden_first(tmp_path / "h.xlsx")) == [
        SheetInfo("Rahasia", True, 1),
        SheetInfo("Klien", False, 1),
        SheetInfo("Sangat", True, 1),
    ]


def test_default_read_skips_a_hidden_first_sheet(tmp_path: Path) -> None:
    data = read_sheet(hidden_first(tmp_path / "h.xlsx"))
    assert (data.name, data.rows, data.hidden) == ("Klien", [("Nama",)], False)


def test_a_hidden_sheet_is_read_when_named(tmp_path: Path) -> None:
    data = read_sheet(hidden_first(tmp_path / "h.xlsx"), "Rahasia")
    assert (data.rows, data.hidden) == ([("tersembunyi",)], True)


def test_default_read_skips_an_empty_visible_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Kosong"
    wb.create_sheet("Isi")["B3"] = "Nama"
    wb.save(tmp_path / "e.xlsx")
    assert read_sheet(tmp_path / "e.xlsx").name == "Isi"


def test_default_sheet_is_the_first_visible_one_with_rows() -> None:
    sheets = [SheetInfo("A", True, 5), SheetInfo("B", False, 0), SheetInfo("C", False, 3)]
    assert default_sheet(sheets) == "C"
    assert default_sheet([SheetInfo("A", True, 5)]) is None


def test_chart_sheets_are_not_listed(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(tmp_path / "c.xlsx")
    wb.add_worksheet("Data").write_column(0, 0, [1, 2])
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=Data!$A$1:$A$2"})
    wb.add_chartsheet("Grafik").set_chart(chart)
    wb.close()
    assert [s.name for s in list_sheets(tmp_path / "c.xlsx")] == ["Data"]


def test_unknown_sheet_name_lists_the_sheets(tmp_path: Path) -> None:
    message = refused(
        hidden_first(tmp_path / "h.xlsx"), "Lembar", '"Klien"', '"Rahasia"', sheet="Nasabah"
    )
    assert "Nasabah" in message


def test_workbook_without_visible_data_is_refused(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "x"
    wb.active.sheet_state = "hidden"
    wb.create_sheet("Kosong")
    wb.active = 1
    wb.save(tmp_path / "k.xlsx")
    refused(tmp_path / "k.xlsx", "tidak berisi data", "tersembunyi")


def test_ods_hidden_table_is_marked(tmp_path: Path) -> None:
    path = ods(
        tmp_path / "h.ods",
        '<table:table table:name="Rahasia" table:style-name="ta1"><table:table-row>'
        + ods_cell("r")
        + '</table:table-row></table:table><table:table table:name="Klien"><table:table-row>'
        + ods_cell("k")
        + "</table:table-row></table:table>",
    )
    assert [(s.name, s.hidden) for s in list_sheets(path)] == [("Rahasia", True), ("Klien", False)]
    assert read_sheet(path).name == "Klien"


def test_xls_values_and_hidden_sheets(tmp_path: Path) -> None:
    path = xls(
        tmp_path / "lama.xls",
        [("Rahasia", True, {(0, 0): "x"}), ("Klien", False, {(0, 0): "Nama", (2, 1): 81234567890})],
    )
    assert list_sheets(path) == [SheetInfo("Rahasia", True, 1), SheetInfo("Klien", False, 3)]
    assert read_sheet(path).rows == [("Nama", None), (None, None), (None, 81234567890)]


def test_small_xls_stream_in_the_mini_stream_reads(tmp_path: Path) -> None:
    stream = biff8([("Klien", False, {(0, 0): "Nama", (1, 0): "Ani"})])
    assert len(stream) < 4096
    (tmp_path / "kecil.xls").write_bytes(cfb(stream))
    assert read_sheet(tmp_path / "kecil.xls").rows == [("Nama",), ("Ani",)]


def test_large_xls_with_difat_sectors_reads(tmp_path: Path) -> None:
    stream = biff8([("Klien", False, {(0, 0): "Nama", (1, 0): "Ani"})])
    (tmp_path / "besar.xls").write_bytes(cfb(stream.ljust(7_500_000, b"\0")))  # > 109 FAT sectors
    assert read_sheet(tmp_path / "besar.xls").rows == [("Nama",), ("Ani",)]


def test_xls_with_wrapped_dimensions_is_refused(tmp_path: Path) -> None:
    dims = biff_record(0x0200, struct.pack("<IIHHH", 10, 5, 0, 3, 0))  # last row before first
    path = xls(tmp_path / "dim.xls", [("Klien", False, {(0, 0): "Nama"})], sheet_extra=dims)
    refused(path, "terlalu besar", "Klien")


def test_xls_with_a_loop_in_a_sector_chain_is_refused(tmp_path: Path) -> None:
    data = bytearray(xls(tmp_path / "ok.xls", [("Klien", False, {(0, 0): "Nama"})]).read_bytes())
    fat_at = (struct.unpack_from("<I", data, 76)[0] + 1) * 512
    directory = struct.unpack_from("<I", data, 48)[0]
    struct.pack_into("<I", data, fat_at + 4 * directory, directory)  # calamine: 4 GB, abort
    (tmp_path / "putar.xls").write_bytes(bytes(data))
    refused(tmp_path / "putar.xls", "rusak")


def test_xls_with_a_stray_cell_far_away_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = {(0, 0): "Nama", (65535, 255): "x"}
    path = xls(tmp_path / "jauh.xls", [("Klien", False, cells)])

    def parse(*_args: object) -> None:  # calamine would build 512 MB grids at open
        raise AssertionError("parsed before the size check")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", parse)
    refused(path, "terlalu besar", "Klien", "65.536", "IV")


def test_ole_file_without_a_workbook_stream(tmp_path: Path) -> None:
    (tmp_path / "lain.xls").write_bytes(cfb(b"isi lain".ljust(4096, b"\0"), "WordDocument"))
    refused(tmp_path / "lain.xls", "rusak")


# --- row limits -----------------------------------------------------------------------


def test_too_many_rows_asks_to_split_the_file(tmp_path: Path) -> None:
    cells = {f"A{i}": f"x{i}" for i in range(1, 8)}  # a header and 6 data rows
    refused(xlsx(tmp_path / "r.xlsx", cells), "lebih dari 5 baris", "Bagi", max_rows=5)


def test_rows_up_to_the_limit_are_read(tmp_path: Path) -> None:
    cells = {f"A{i}": f"x{i}" for i in range(1, 7)}
    assert len(read_sheet(xlsx(tmp_path / "r.xlsx", cells), max_rows=5).rows) == 6


def test_stray_cell_far_away_is_refused_without_crashing(tmp_path: Path) -> None:
    path = with_sheet_xml(tmp_path, lambda xml: xml.replace(b"</sheetData>", FAR + b"</sheetData>"))
    refused(path, "terlalu besar", "1.048.576", "XFD")
    assert list_sheets(path)[0].rows == 1_048_576  # listed, so the user can pick another


# calamine reads all of these as positions; any that slipped past the scan would make it
# abort the whole process while allocating its grid.
@pytest.mark.parametrize(
    "ref", [b"r='XFD1048576'", b'r = "XFD1048576"', b'r="xfd1048576"', b'r="ZZZZ1000"']
)
def test_far_cell_refs_in_any_spelling_are_refused(tmp_path: Path, ref: bytes) -> None:
    def stray(xml: bytes) -> bytes:
        far = b"<row><c " + ref + b' t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    refused(with_sheet_xml(tmp_path, stray), "terlalu besar")


def test_wide_sheet_is_measured_exactly_and_read(tmp_path: Path) -> None:
    wb = Workbook()
    for col in range(1, 151):  # 150 columns: the quick bound (99,999 rows x EU) is too loose
        wb.active.cell(row=2, column=col, value=col)
    wb.save(tmp_path / "lebar.xlsx")
    assert read_sheet(tmp_path / "lebar.xlsx").rows[1][149] == 150


def test_sheet_part_found_the_way_calamine_finds_it_is_bounded(tmp_path: Path) -> None:
    base = with_sheet_xml(tmp_path, lambda xml: xml.replace(b"</sheetData>", FAR + b"</sheetData>"))
    with zipfile.ZipFile(base) as z:
        rels, sheet = z.read("xl/_rels/workbook.xml.rels"), z.read(SHEET_XML)
    changes: dict[str, bytes | None] = {
        "xl/_rels/workbook.xml.rels": rels.replace(b"/xl/worksheets/", b"worksheets/"),
        SHEET_XML: None,
        "XL\\WORKSHEETS\\SHEET1.XML": sheet,  # calamine ignores case and backslashes
    }
    refused(rezip(base, tmp_path / "lain.xlsx", changes), "terlalu besar")


def test_a_repeated_sheet_name_is_bounded_as_calamine_reads_it(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "x"
    wb.create_sheet("Kedua")["A1"] = "y"
    wb.save(tmp_path / "base.xlsx")
    with zipfile.ZipFile(tmp_path / "base.xlsx") as z:
        book, sheet = z.read("xl/workbook.xml"), z.read(SHEET_XML)
    changes = {
        "xl/workbook.xml": book.replace(b'name="Kedua"', b'name="Data"'),
        SHEET_XML: sheet.replace(b"</sheetData>", FAR + b"</sheetData>"),
    }
    refused(rezip(tmp_path / "base.xlsx", tmp_path / "ganda.xlsx", changes), "terlalu besar")


def test_styled_empty_cell_far_away_is_harmless(tmp_path: Path) -> None:
    def styled(xml: bytes) -> bytes:
        far = b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    assert read_sheet(with_sheet_xml(tmp_path, styled)).rows == [("Nama",), ("Ani",)]


def test_ods_with_huge_repeated_cells_is_refused(tmp_path: Path) -> None:
    path = ods(
        tmp_path / "b.ods",
        '<table:table table:name="Bom"><table:table-row table:number-rows-repeated="100000">'
        + ods_cell("x", 16384)
        + "</table:table-row></table:table>",
    )
    refused(path, "terlalu besar", "Bom")


# --- CSV ------------------------------------------------------------------------------


def test_csv_with_semicolons_from_indonesian_excel(tmp_path: Path) -> None:
    path = tmp_path / "klien.csv"
    path.write_bytes("Nama;Plafon;Catatan\r\nAni;1.500.000,50;\r\n".encode("utf-8-sig"))
    data = read_sheet(path)
    assert data.rows == [("Nama", "Plafon", "Catatan"), ("Ani", "1.500.000,50", None)]
    assert (data.name, data.formula_blanks, data.hidden) == ("klien", frozenset(), False)


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "k.csv"
    path.write_text(f'Nama{delimiter}Kota\n"Budi, S.E."{delimiter}Bandung\n', encoding="utf-8")
    assert read_sheet(path).rows == [("Nama", "Kota"), ("Budi, S.E.", "Bandung")]


def test_csv_in_cp1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes("Nama;Kota\nJosé;Bogor\n".encode("cp1252"))
    assert read_sheet(path).rows[1] == ("José", "Bogor")


def test_csv_in_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "k.txt"
    path.write_bytes("Nama\tKota\r\nSiti\tMedan\r\n".encode("utf-16"))
    assert read_sheet(path).rows == [("Nama", "Kota"), ("Siti", "Medan")]


def test_csv_sep_line_sets_the_delimiter_and_is_not_a_row(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("sep=,\nNama,Kota;Provinsi\n", encoding="utf-8")
    assert read_sheet(path).rows == [("Nama", "Kota;Provinsi")]


def test_csv_with_too_many_rows_asks_to_split(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Nama\n" + "".join(f"x{i}\n" for i in range(6)), encoding="utf-8")
    refused(path, "lebih dari 5 baris", "Bagi", max_rows=5)


def test_csv_with_unknown_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes(b"Nama;Kota\n\x81\x8d\x8f;x\n")
    refused(path, "pengodean", "CSV UTF-8")


def test_csv_with_a_broken_field_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Nama;Kota\nAni;" + "x" * 200_000 + "\n", encoding="utf-8")
    refused(path, "baris 2")


def test_csv_is_listed_as_one_sheet(tmp_path: Path) -> None:
    path = tmp_path / "klien.csv"
    path.write_text("Nama;Kota\nAni;Bogor\n\n", encoding="utf-8")
    assert list_sheets(path) == [SheetInfo("klien", False, 2)]


# --- files that are not there or not readable -----------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "hilang.xlsx", "tidak ditemukan")


def test_path_with_a_nul_character(tmp_path: Path) -> None:
    with pytest.raises(SheetReadError, match="tidak ditemukan"):
        read_sheet(tmp_path / "a\x00b.xlsx")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "data.xlsx").mkdir()
    refused(tmp_path / "data.xlsx", "folder")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx(tmp_path / "kunci.xlsx", {"A1": 1})

    def locked(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sheet_safety, "open", locked, raising=False)
    refused(path, "tidak dapat dibuka", "Excel")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    refused(tmp_path / "kosong.xlsx", "kosong")


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx(tmp_path / "besar.xlsx", {"A1": "x" * 1000})
    monkeypatch.setattr(sheet_reader, "MAX_FILE_BYTES", 1024)
    refused(path, "terlalu besar", "batasnya 1 KB", "Bagi")
    with pytest.raises(SheetReadError):
        list_sheets(path)


# --- not a spreadsheet ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"%PDF-1.7\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "gambar"),
        (bytes(range(256)) * 4, "bukan lembar kerja"),
        (b"Nama;Kota\nAni;Bogor\n", "teks biasa"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
    ],
)
def test_not_a_spreadsheet(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(content)
    refused(path, word)


def test_word_document_is_not_a_spreadsheet(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "surat.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    refused(tmp_path / "surat.xlsx", "dokumen Word")


def test_binary_with_csv_name_is_not_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_bytes(b"\x00\x01\x02" * 100)
    refused(tmp_path / "data.csv", "bukan lembar kerja")


# --- password, corruption, bombs ------------------------------------------------------


def test_password_protected_xlsx(tmp_path: Path) -> None:
    fake = sheet_safety.CFB_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    (tmp_path / "rahasia.xlsx").write_bytes(fake)
    refused(tmp_path / "rahasia.xlsx", "kata sandi", "simpan tanpa kata sandi")


def test_password_error_from_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx(tmp_path / "rahasia.xls", {"A1": 1})

    def protected(*_args: object) -> None:
        raise python_calamine.PasswordError("Workbook is password protected")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", protected)
    refused(path, "kata sandi")


def test_ole_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "lama.xls").write_bytes(sheet_safety.CFB_MAGIC + bytes(1024))
    refused(tmp_path / "lama.xls", "rusak")


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = xlsx(tmp_path / "full.xlsx", {"A1": "x"}).read_bytes()
    (tmp_path / "potong.xlsx").write_bytes(data[: len(data) // 2])
    refused(tmp_path / "potong.xlsx", "rusak")


def test_garbage_after_zip_header(tmp_path: Path) -> None:
    (tmp_path / "sampah.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    refused(tmp_path / "sampah.xlsx", "rusak")


def test_xlsx_without_workbook_part(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", {"A1": "x"})
    refused(rezip(base, tmp_path / "tanpa.xlsx", {"xl/workbook.xml": None}), "rusak")


def test_damaged_sheet_data_inside_the_zip(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", {f"A{i}": f"nilai {i}" for i in range(1, 300)})
    data = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as z:
        info = z.getinfo(SHEET_XML)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 7):
        data[offset] ^= 0x55
    (tmp_path / "rusak.xlsx").write_bytes(bytes(data))
    refused(tmp_path / "rusak.xlsx", "rusak")


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    base = xlsx(tmp_path / "base.xlsx", {"A1": "x"})
    with (
        zipfile.ZipFile(base) as zin,
        zipfile.ZipFile(tmp_path / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename), zipfile.ZIP_DEFLATED)
        with zout.open("xl/media/pad.xml", "w") as member:
            chunk = b" " * (8 * 1024 * 1024)
            for _ in range(25):  # 200 MB of spaces, about 200 KB compressed
                member.write(chunk)
    refused(tmp_path / "bom.xlsx", "mencurigakan", "terlalu besar setelah dibuka")


def test_total_unzipped_size_is_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx(tmp_path / "besar.xlsx", {"A1": "x"})
    monkeypatch.setattr(sheet_safety, "MAX_UNZIPPED_BYTES", 1000)
    refused(path, "mencurigakan", "terlalu besar setelah dibuka")


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def test_entity_expansion_in_sheet_xml_is_refused(tmp_path: Path) -> None:
    path = with_sheet_xml(tmp_path, lambda xml: LAUGHS + xml.replace(b">Ani<", b">&lol9;<"))
    refused(path, "mencurigakan", "DOCTYPE")


def test_entity_expansion_in_shared_strings_is_refused(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(tmp_path / "ss.xlsx")
    wb.add_worksheet("Data").write_string(0, 0, "Ani")
    wb.close()
    with zipfile.ZipFile(tmp_path / "ss.xlsx") as z:
        shared = z.read("xl/sharedStrings.xml")
    shared = LAUGHS + shared.split(b"?>", 1)[1].replace(b">Ani<", b">&lol9;<")
    path = rezip(tmp_path / "ss.xlsx", tmp_path / "bom.xlsx", {"xl/sharedStrings.xml": shared})
    refused(path, "mencurigakan")


def test_doctype_hidden_behind_a_long_prolog_is_still_refused(tmp_path: Path) -> None:
    padding = b"<!--" + b" " * 100_000 + b"-->"
    path = with_sheet_xml(
        tmp_path, lambda xml: padding + LAUGHS + xml.replace(b">Ani<", b">&lol9;<")
    )
    refused(path, "rusak")


def claim_size(data: bytearray, member: str, size: int) -> None:
    """Overwrite the uncompressed size of `member` in its local and central headers."""
    for signature, name_len_at, name_at, size_at in (
        (b"PK\x03\x04", 26, 30, 22),
        (b"PK\x01\x02", 28, 46, 24),
    ):
        pos = data.find(signature)
        while pos >= 0:
            name_len = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if data[pos + name_at : pos + name_at + name_len] == member.encode():
                struct.pack_into("<I", data, pos + size_at, size)
            pos = data.find(signature, pos + 4)


def test_zip_member_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    path = with_sheet_xml(tmp_path, lambda xml: xml + b" " * (5 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    claim_size(data, SHEET_XML, 100)
    (tmp_path / "bohong.xlsx").write_bytes(bytes(data))
    refused(tmp_path / "bohong.xlsx", "rusak")


# --- scans that must stay linear -----------------------------------------------------


def test_unclosed_tags_full_of_far_refs_do_not_stall_the_scan(tmp_path: Path) -> None:
    storm = b'<row r="1"><c' + b' r="AA1"' * 500_000
    path = with_sheet_xml(tmp_path, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + storm))
    refused(path, "rusak")


def test_formula_ends_without_cells_do_not_stall_the_scan(tmp_path: Path) -> None:
    storm = b"<f>1</f></c>" * 500_000
    path = with_sheet_xml(tmp_path, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + storm))
    with pytest.raises(SheetReadError):
        read_sheet(path)


def test_ods_with_a_broken_end_tag_is_refused_not_parsed_forever(tmp_path: Path) -> None:
    path = ods(tmp_path / "putus.ods", '<table:table table:name="K"><table:table-row/></table:tab>')
    # calamine loops forever (holding the GIL) on this file: read it in a child process.
    code = "import sys; from ao_desktop.documents.sheets.sheet_reader import read_sheet as r\n"
    code += "try:\n    r(sys.argv[1])\nexcept Exception as e:\n    print(e)"
    child = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert "rusak" in child.stdout


def test_ods_rows_without_ends_do_not_stall_the_scan(tmp_path: Path) -> None:
    path = ods(tmp_path / "s.ods", '<table:table table:name="S">' + "<table:table-row>" * 500_000)
    refused(path, "rusak")


# --- fuzzing -------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(min_size=1, max_size=2000))
def test_random_bytes_give_only_sheet_read_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "acak.xlsx"
    path.write_bytes(content)
    with pytest.raises(SheetReadError):
        read_sheet(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255)), min_size=1, max_size=8))
def test_damaged_xlsx_bytes_give_data_or_sheet_read_errors(
    tmp_path: Path, flips: list[tuple[int, int]]
) -> None:
    base = tmp_path / "base.xlsx"
    if not base.exists():
        xlsx(base, {"A1": "Nama", "B2": 12, "C3": date(2024, 1, 2), "D4": "=1+1"})
    data = bytearray(base.read_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    path = tmp_path / "acak.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_sheet(path)
        list_sheets(path)
    except SheetReadError:
        pass
