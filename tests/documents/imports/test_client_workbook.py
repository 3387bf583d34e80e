"""Client workbooks: the export reads back value by value (openpyxl and python-calamine),
ids and phones stay text, text that looks like a formula stays text, the template's
drop-downs and instructions, the error report, and cancel/failure never leave a file."""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from ao_desktop.documents.imports import client_workbook
from ao_desktop.documents.imports.client_workbook import (
    ExportRow,
    national_phone,
    sheet_text,
    write_client_sheet,
    write_error_report,
    write_import_template,
)
from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import (
    ClientKind,
    ClientStatus,
    ConsentChannel,
    LeadSource,
    Sex,
)
from ao_desktop.domain.clients.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.common.errors import DomainError, OperationCancelled
from ao_desktop.domain.common.phone import normalize_phone
from ao_desktop.domain.imports.client_sheet import (
    IMPORT_COLUMNS,
    REASON_HEADER,
    ROW_HEADER,
    SHEET_COLUMNS,
    CellKind,
)

LABELS = [c.label for c in SHEET_COLUMNS]
LAST = get_column_letter(len(SHEET_COLUMNS))
RUPIAH = '"Rp"#,##0'
INJECTIONS = [
    '=HYPERLINK("http://x","klik")',
    "+62812",
    "-5",
    "@SUM(A1)",
    "\t=1+1",
    "=cmd|' /C calc'!A0",
    " leading and trailing ",
    "a & b < c > d",
    "0812",
]
NOTES = "Baris satu\nBaris dua: janji temu 27/11/2026\n\n" + "Catatan panjang. " * 200

FULL = Client(
    full_name="Ni Luh Putu Ayu",
    kind=ClientKind.INDIVIDUAL,
    nik="3201234567890123",
    npwp="092542943407000",
    birth_date=date(1990, 7, 12),
    sex=Sex.FEMALE,
    mobile="+6281234567890",
    landline="+62215551234",
    address=Address(
        "Jl. Melati No. 5 RT 02/RW 03",
        "Sukamaju",
        "Cibeunying Kaler",
        "Kota Bandung",
        "Jawa Barat",
        "40123",
    ),
    occupation="Pedagang",
    monthly_income=6_000_000,
    monthly_obligations=1_500_000,
    status=ClientStatus.ACTIVE,
    lead_source=LeadSource.REFERRAL,
    tags=("pasar", "umkm"),
    notes=NOTES,
    consent_contact=True,
    consent_given_on=date(2026, 11, 3),
    consent_channels=(ConsentChannel.WHATSAPP, ConsentChannel.PHONE),
    updated_at=datetime(2026, 11, 27, 14, 5),
)
BUSINESS = Client(
    full_name="Ñ",
    kind=ClientKind.BUSINESS,
    business_name="CV Ñandú Jaya",
    nib="9120001234567",
    mobile="+628129876543",
    monthly_income=250_000_000,
    status=ClientStatus.DECLINED,
    lead_source=LeadSource.EVENT,
    refusal_reason="Bunga terlalu tinggi",
    updated_at=datetime(2026, 1, 2, 3, 4),
)
MINIMAL = Client(full_name="Budi")
ODD_PHONE = Client(full_name="Nomor lama", mobile="12345", landline="+62 abc")

EXPECTED_FULL: dict[str, Any] = {
    "Nama Lengkap": "Ni Luh Putu Ayu",
    "Jenis Nasabah": "Perorangan",
    "Nama Usaha": None,
    "NIK": "3201234567890123",
    "NIB": None,
    "NPWP": "092542943407000",
    "Tanggal Lahir": date(1990, 7, 12),
    "Jenis Kelamin": "Perempuan",
    "No. HP / WhatsApp": "081234567890",
    "Telepon Rumah/Kantor": "0215551234",
    "Alamat": "Jl. Melati No. 5 RT 02/RW 03",
    "Kelurahan/Desa": "Sukamaju",
    "Kecamatan": "Cibeunying Kaler",
    "Kota/Kabupaten": "Kota Bandung",
    "Provinsi": "Jawa Barat",
    "Kode Pos": "40123",
    "Pekerjaan": "Pedagang",
    "Penghasilan per Bulan": 6_000_000,
    "Angsuran Lain per Bulan": 1_500_000,
    "Status": "Nasabah aktif",
    "Sumber": "Referensi",
    "Alasan Menolak": None,
    "AO": "Sari Dewi",
    "Tag": "pasar, umkm",
    "Keterangan": NOTES,
    "Bersedia Dihubungi": "Ya",
    "Tanggal Persetujuan": date(2026, 11, 3),
    "Saluran Disetujui": "telepon, WhatsApp",
    "Persetujuan Dicabut": None,
    "Terakhir Diubah": datetime(2026, 11, 27, 14, 5),
}


@pytest.fixture(params=["raw", "public"])
def path_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every export test runs on the fast path (row XML) and on XlsxWriter's public API."""
    monkeypatch.setattr(client_workbook, "RAW_ROWS", request.param == "raw")
    return request.param


def export(path: Path, *clients: Client, officer: str = "Sari Dewi", **kwargs: Any) -> int:
    return write_client_sheet(path, [ExportRow(c, officer) for c in clients], **kwargs)


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def cell_value(cell: Any) -> Any:
    """openpyxl's value, with date-only cells as dates."""
    value = cell.value
    if isinstance(value, datetime) and cell.number_format == "dd/mm/yyyy":
        return value.date()
    return value


def column_widths(ws: Any) -> dict[int, float]:
    """Width of every column (openpyxl groups neighbours with equal settings)."""
    widths = {}
    for dim in ws.column_dimensions.values():
        for index in range(dim.min, dim.max + 1):
            widths[index] = dim.width
    return widths


def column_formats(ws: Any) -> dict[int, str]:
    formats = {}
    for dim in ws.column_dimensions.values():
        for index in range(dim.min, dim.max + 1):
            formats[index] = dim.number_format
    return formats


def sheet_xml(path: Path, index: int = 1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


# --- the export ----------------------------------------------------------------------------
def test_export_reads_back_value_by_value(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    count = export(path, FULL, BUSINESS, MINIMAL, description="Status: aktif", exported_by="Sari")
    assert count == 3

    wb = load_workbook(path)
    assert wb.sheetnames == ["Nasabah", "Keterangan"]
    assert wb.active.title == "Nasabah"
    ws = wb["Nasabah"]
    assert [c.value for c in ws[1]] == LABELS
    got = {label: cell_value(cell) for label, cell in zip(LABELS, ws[2], strict=True)}
    assert got == EXPECTED_FULL

    calamine = calamine_rows(path, "Nasabah")
    assert calamine[0] == LABELS
    assert len(calamine) == 4
    got_calamine = dict(zip(LABELS, calamine[1], strict=True))
    assert got_calamine == {k: "" if v is None else v for k, v in EXPECTED_FULL.items()}


def test_business_and_minimal_clients(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, BUSINESS, MINIMAL, ODD_PHONE, officer="")
    rows = [dict(zip(LABELS, r, strict=True)) for r in calamine_rows(path, "Nasabah")[1:]]
    business, minimal, odd = rows
    assert business["Jenis Nasabah"] == kind_label(ClientKind.BUSINESS)
    assert business["Nama Lengkap"] == "Ñ"
    assert business["Nama Usaha"] == "CV Ñandú Jaya"
    assert business["NIB"] == "9120001234567"
    assert business["Tanggal Lahir"] == ""  # no birth date: an empty cell
    assert business["Jenis Kelamin"] == ""
    assert business["Status"] == status_label(ClientStatus.DECLINED)
    assert business["Sumber"] == source_label(LeadSource.EVENT)
    assert business["Alasan Menolak"] == "Bunga terlalu tinggi"
    assert business["Bersedia Dihubungi"] == "Tidak"
    assert business["Saluran Disetujui"] == ""  # channels only while consent is valid
    assert business["Penghasilan per Bulan"] == 250_000_000
    assert minimal["Nama Lengkap"] == "Budi"
    assert minimal["Terakhir Diubah"] == ""
    assert minimal["AO"] == ""
    assert minimal["Tag"] == ""
    assert minimal["Status"] == status_label(ClientStatus.PROSPECT)
    # A stored number that no longer parses is exported as stored, never dropped.
    assert odd["No. HP / WhatsApp"] == "12345"
    assert odd["Telepon Rumah/Kantor"] == "+62 abc"
    # Empty means no cell at all, not "None" or "".
    ws = load_workbook(path)["Nasabah"]
    assert ws.cell(3, LABELS.index("Nama Usaha") + 1).value is None
    assert "None" not in sheet_xml(path)


def test_dates_excel_cannot_hold_and_aware_times(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    aware = datetime(2026, 11, 27, 7, 5, tzinfo=UTC)
    export(path, Client(full_name="Tua", birth_date=date(1899, 12, 31), updated_at=aware))
    row = dict(zip(LABELS, calamine_rows(path, "Nasabah")[1], strict=True))
    assert row["Tanggal Lahir"] == "31/12/1899"  # kept as text rather than dropped
    assert row["Terakhir Diubah"] == aware.astimezone().replace(tzinfo=None)  # local time


def test_ids_and_phones_are_text_money_and_dates_are_numbers(
    tmp_path: Path, path_kind: str
) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, FULL)
    ws = load_workbook(path)["Nasabah"]
    cells = dict(zip(LABELS, ws[2], strict=True))
    for label in ("NIK", "NPWP", "No. HP / WhatsApp", "Telepon Rumah/Kantor", "Kode Pos"):
        assert cells[label].data_type == "s", label
        assert cells[label].number_format == "@", label
    assert cells["NIK"].value == "3201234567890123"
    assert len(cells["NIK"].value) == 16
    assert cells["No. HP / WhatsApp"].value == "081234567890"
    for label in ("Penghasilan per Bulan", "Angsuran Lain per Bulan"):
        assert cells[label].data_type == "n"
        assert isinstance(cells[label].value, int)
        assert cells[label].number_format == RUPIAH
    assert cells["Tanggal Lahir"].is_date
    assert cells["Tanggal Lahir"].number_format == "dd/mm/yyyy"
    assert cells["Terakhir Diubah"].is_date
    assert cells["Terakhir Diubah"].number_format == "dd/mm/yyyy hh:mm"


def test_layout_header_frozen_row_filter_and_widths(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, FULL, BUSINESS, MINIMAL)
    ws = load_workbook(path)["Nasabah"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{LAST}4"
    header = ws["A1"]
    assert header.font.b
    assert header.font.color.rgb == "FFFFFFFF"
    assert header.fill.fill_type == "solid"
    assert header.fill.fgColor.rgb == "FF1F4E78"
    assert header.alignment.wrap_text
    widths = column_widths(ws)
    for index, column in enumerate(SHEET_COLUMNS, start=1):
        assert column.width <= widths[index] < column.width + 1, column.label
    # No "number stored as text" marks (whose fix would turn a NIK into a number).
    assert 'numberStoredAsText="1"' in sheet_xml(path)
    assert "D2:D1048576" in sheet_xml(path)
    # Empty cells typed later in an id or phone column are text as well.
    formats = column_formats(ws)
    for index, column in enumerate(SHEET_COLUMNS, start=1):
        if column.kind in (CellKind.ID_NUMBER, CellKind.PHONE):
            assert formats[index] == "@", column.label


def test_empty_export_has_header_and_filter(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "kosong.xlsx"
    assert export(path) == 0
    ws = load_workbook(path)["Nasabah"]
    assert [c.value for c in ws[1]] == LABELS
    assert ws.max_row == 1
    assert ws.auto_filter.ref == f"A1:{LAST}1"


def test_info_sheet(tmp_path: Path) -> None:
    path = tmp_path / "nasabah.xlsx"
    before = datetime.now().replace(microsecond=0)
    export(path, FULL, MINIMAL, description="Kota: Bandung; Status: aktif", exported_by="Sari Dewi")
    rows = {r[0]: r[1] for r in load_workbook(path)["Keterangan"].iter_rows(values_only=True)}
    assert rows["Daftar Nasabah"] is None
    assert rows["Diekspor oleh"] == "Sari Dewi"
    assert rows["Filter"] == "Kota: Bandung; Status: aktif"
    assert rows["Jumlah nasabah"] == 2
    assert before <= rows["Diekspor pada"] <= datetime.now()


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_stays_text(tmp_path: Path, path_kind: str, text: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    client = Client(full_name=text, notes=text, business_name=text, tags=(text.strip(),))
    export(path, client, officer=text)
    ws = load_workbook(path)["Nasabah"]
    for label in ("Nama Lengkap", "Nama Usaha", "Keterangan", "AO"):
        cell = ws.cell(2, LABELS.index(label) + 1)
        assert cell.value == text, label
        assert cell.data_type == "s", label
    row = dict(zip(LABELS, calamine_rows(path, "Nasabah")[1], strict=True))
    assert row["Nama Lengkap"] == row["Keterangan"] == row["AO"] == text
    assert "<f>" not in sheet_xml(path)


def test_text_cleaning() -> None:
    # XML cannot hold these characters; CR is folded into LF; tabs and newlines stay.
    assert sheet_text("a\x00b\x1fc\r\nd\re\uffff\ud800f\tg\nh") == "abc\nd\nef\tg\nh"
    assert sheet_text("=1+1") == "=1+1"


def test_control_characters_and_escapes_read_back(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, Client(full_name="Ni\x07 Luh\r\nAyu", notes="kode _x0041_ tetap"))
    row = dict(zip(LABELS, calamine_rows(path, "Nasabah")[1], strict=True))
    assert row["Nama Lengkap"] == "Ni Luh\nAyu"
    # "_x0041_" is Excel's escape for "A"; written escaped, it reads back literally in
    # Excel and calamine (openpyxl does not unescape inline strings, so it is not asked).
    assert row["Keterangan"] == "kode _x0041_ tetap"
    assert "_x005F_x0041_" in sheet_xml(path)


def test_text_beyond_the_cell_limit_is_cut(tmp_path: Path, path_kind: str) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, Client(full_name="x" * 40_000, notes="\U0001f600" * 20_000))
    row = dict(zip(LABELS, calamine_rows(path, "Nasabah")[1], strict=True))
    assert row["Nama Lengkap"] == "x" * 32_767
    assert row["Keterangan"] == "\U0001f600" * 16_383  # never half a surrogate pair


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(), raw=st.booleans())
def test_any_text_reads_back_as_cleaned(tmp_path: Path, name: str, raw: bool) -> None:
    # openpyxl leaves "_xHHHH_" escapes in inline strings as they are; Excel and calamine
    # read them; such text is covered by the test above.
    assume(not re.search(r"_x[0-9a-fA-F]{4}_", name))
    path = tmp_path / "acak.xlsx"  # the same file each time: also exercises replacing
    saved = client_workbook.RAW_ROWS
    client_workbook.RAW_ROWS = raw
    try:
        export(path, Client(full_name=name))
    finally:
        client_workbook.RAW_ROWS = saved
    expected = sheet_text(name)
    cell = load_workbook(path)["Nasabah"]["A2"]
    assert (cell.value or "") == expected
    assert cell.value is None or cell.data_type == "s"
    assert calamine_rows(path, "Nasabah")[1][0] == expected


@settings(max_examples=200)
@given(st.from_regex(r"\+628[1-9][0-9]{7,10}", fullmatch=True))
def test_fast_national_form_matches_the_parser(number: str) -> None:
    assert national_phone(number) == normalize_phone(number).national


def test_progress_and_cancel_checks_every_thousand_rows(tmp_path: Path) -> None:
    seen: list[int] = []
    asked: list[int] = []
    rows = (ExportRow(Client(full_name=f"Nasabah {i}"), "") for i in range(2000))
    count = write_client_sheet(
        tmp_path / "n.xlsx", rows, progress=seen.append, cancelled=lambda: asked.append(1) or False
    )
    assert count == 2000
    assert seen == [1000, 2000]  # the last count once, not twice
    assert len(asked) == 2
    assert len(calamine_rows(tmp_path / "n.xlsx", "Nasabah")) == 2001
    seen.clear()
    write_client_sheet(tmp_path / "n.xlsx", [ExportRow(MINIMAL, "")] * 1001, progress=seen.append)
    assert seen == [1000, 1001]


def test_too_many_rows_for_excel_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_workbook, "MAX_DATA_ROWS", 3)
    rows = [ExportRow(Client(full_name=f"Nasabah {i}"), "") for i in range(4)]
    with pytest.raises(DomainError, match="maksimal 3"):
        write_client_sheet(tmp_path / "n.xlsx", rows)
    assert list(tmp_path.iterdir()) == []


def scratch_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("ao-xlsx-*")}


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "nasabah.xlsx"
    target.write_bytes(b"previous export")
    before = scratch_dirs()
    rows = (ExportRow(Client(full_name=f"Nasabah {i}"), "") for i in range(5000))
    with pytest.raises(OperationCancelled):
        write_client_sheet(target, rows, cancelled=lambda: True)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nasabah.xlsx"]
    assert scratch_dirs() <= before


def test_an_error_midway_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "nasabah.xlsx"

    def rows():
        yield ExportRow(FULL, "Sari")
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError, match="database gone"):
        write_client_sheet(target, rows())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "nasabah.xlsx"
    export(path, MINIMAL)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


# --- the template --------------------------------------------------------------------------
def validations(ws: Any) -> dict[str, Any]:
    """Data validations by the header of the column they cover."""
    by_header = {}
    for dv in ws.data_validations.dataValidation:
        first = str(dv.sqref).split(":")[0]
        by_header[ws[re.sub(r"\d+", "1", first)].value] = dv
    return by_header


def list_values(wb: Any, formula: str) -> list[str]:
    sheet, cells = formula.lstrip("=").split("!")
    return [c.value for row in wb[sheet][cells.replace("$", "")] for c in row]


def test_template_sheets_header_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_import_template(path, ["Sari Dewi", "Budi Santoso"])
    wb = load_workbook(path)
    assert wb.sheetnames == ["Nasabah", "Petunjuk", "Pilihan"]
    assert wb.active.title == "Nasabah"
    assert wb["Pilihan"].sheet_state == "hidden"
    ws = wb["Nasabah"]
    labels = [c.label for c in IMPORT_COLUMNS]
    assert [c.value for c in ws[1]] == labels
    assert "Terakhir Diubah" not in labels
    assert ws.max_row == 1
    assert ws.freeze_panes == "A2"
    formats = column_formats(ws)
    widths = column_widths(ws)
    expected = {
        CellKind.ID_NUMBER: "@",
        CellKind.PHONE: "@",
        CellKind.DATE: "dd/mm/yyyy",
        CellKind.MONEY: RUPIAH,
    }
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        assert formats[index] == expected.get(column.kind, "General"), column.label
        assert column.width <= widths[index] < column.width + 1
    assert calamine_rows(path, "Nasabah")[0] == labels


def test_template_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_import_template(path, ["Sari Dewi", "=Budi"])
    wb = load_workbook(path)
    found = validations(wb["Nasabah"])
    expected = {
        "Status": [status_label(s) for s in ClientStatus],
        "Sumber": [source_label(s) for s in LeadSource],
        "Jenis Nasabah": [kind_label(k) for k in ClientKind],
        "Jenis Kelamin": [sex_label(s) for s in Sex],
        "Bersedia Dihubungi": ["Ya", "Tidak"],
        "AO": ["Sari Dewi", "=Budi"],
    }
    assert set(found) == set(expected)
    for header, values in expected.items():
        dv = found[header]
        assert dv.type == "list"
        assert list_values(wb, dv.formula1) == values, header
        assert re.fullmatch(r"[A-Z]+2:[A-Z]+5001", str(dv.sqref))
        assert dv.showErrorMessage
        assert dv.errorStyle in (None, "stop")
        assert header in dv.error
    assert wb["Pilihan"]["E3"].data_type == "s"  # an AO called "=Budi" is text


def test_template_without_officers_has_no_ao_list(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_import_template(path)
    assert "AO" not in validations(load_workbook(path)["Nasabah"])


def test_template_instructions(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_import_template(path)
    rows = [r for r in load_workbook(path)["Petunjuk"].iter_rows(values_only=True)]
    text = "\n".join(str(v) for r in rows for v in r if v)
    start = rows.index(("Kolom", "Wajib?", "Cara mengisi", "Contoh"))
    table = rows[start + 1 :]
    assert [r[0] for r in table] == [c.label for c in IMPORT_COLUMNS]
    assert all(r[2] and r[3] for r in table)
    assert dict((r[0], r[1]) for r in table)["Nama Lengkap"] == "Ya"
    for phrase in (
        "Satu nasabah per baris",
        "baris judul",
        "16 digit",
        "08xx",
        "+62",
        "27/11/2026",
        "12 Juli 1990",
        "Rp 6.000.000",
        "6 jt",
        "Baris kosong",
        "lewati, gabungkan, atau impor sebagai nasabah baru",
    ):
        assert phrase in text, phrase


# --- the error report ----------------------------------------------------------------------
HEADERS = ["Nama", "No KTP", "HP", "Tgl Lahir", "Gaji", "Aktif", "Catatan"]


def test_error_report_layout_and_values(tmp_path: Path) -> None:
    path = tmp_path / "ditolak.xlsx"
    rows = [
        (
            5,
            [
                "=cmd|' /C calc'!A0",
                "3201234567890123",
                81234567890,
                datetime(1990, 7, 12),
                6_000_000.5,
                True,
                None,
            ],
            ["NIK tidak valid", "Nomor HP terlalu pendek"],
        ),
        (9, ["Budi", 3.2e15, "0812", date(1899, 1, 1), -5, False, "x", "lebih"], ["Nama mirip"]),
    ]
    assert write_error_report(path, HEADERS, rows) == 2
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ditolak"]
    ws = wb["Ditolak"]
    assert [c.value for c in ws[1]] == [REASON_HEADER, ROW_HEADER, *HEADERS, None]
    first = list(ws[2])
    assert first[0].value == "NIK tidak valid; Nomor HP terlalu pendek"
    assert first[0].alignment.wrap_text
    assert first[1].value == 5 and first[1].data_type == "n"
    assert first[2].value == "=cmd|' /C calc'!A0" and first[2].data_type == "s"
    assert first[3].value == "3201234567890123" and first[3].number_format == "@"
    assert first[4].value == 81234567890 and first[4].data_type == "n"
    assert first[5].value == datetime(1990, 7, 12) and first[5].number_format == "dd/mm/yyyy"
    assert first[6].value == 6_000_000.5
    assert first[7].value == "Ya"
    assert first[8].value is None
    second = [c.value for c in ws[3]]
    assert second == [
        "Nama mirip",
        9,
        "Budi",
        3.2e15,
        "0812",
        "01/01/1899",
        -5,
        "Tidak",
        "x",
        "lebih",
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J3"
    widths = column_widths(ws)
    assert 60 <= widths[1] < 61
    formats = column_formats(ws)
    assert formats[4] == "@" and formats[5] == "@"  # No KTP -> nik, HP -> phone
    assert formats[3] == "General"
    assert "<f>" not in sheet_xml(path)
    calamine = calamine_rows(path, "Ditolak")
    assert calamine[1][:4] == [
        "NIK tidak valid; Nomor HP terlalu pendek",
        5,
        "=cmd|' /C calc'!A0",
        "3201234567890123",
    ]
    assert calamine[1][5] == date(1990, 7, 12)


def test_error_report_datetime_keeps_its_time(tmp_path: Path) -> None:
    path = tmp_path / "ditolak.xlsx"
    write_error_report(path, ["Waktu"], [(2, [datetime(2026, 11, 27, 9, 30)], ["x"])])
    cell = load_workbook(path)["Ditolak"]["C2"]
    assert cell.value == datetime(2026, 11, 27, 9, 30)
    assert cell.number_format == "dd/mm/yyyy hh:mm"


def test_error_report_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "ditolak.xlsx"
    target.write_bytes(b"old")

    def rows():
        yield (2, ["a"], ["x"])
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_error_report(target, ["Nama"], rows())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ditolak.xlsx"]
