"""Client workbooks written with XlsxWriter: the directory export, the blank import template
and the report of rows an import refused.

All three share one look (a bold white-on-blue header that wraps, a frozen top row, an
autofilter, widths from `SHEET_COLUMNS`) and one safety net:
- every piece of user text is written as a text cell; the workbook options stop XlsxWriter
  from turning "=HYPERLINK(...)", "+62812..." or "-5" into formulas or numbers
  (spreadsheet injection), and NIK, NPWP and phone numbers are text cells formatted "@"
  so Excel never drops a leading 0 or rounds a 16-digit NIK;
- the file is written under a temporary name in the target folder and moved over the
  target in one step, so a cancel or an error never leaves a half-written workbook.

The export's headers are exactly `SheetColumn.label`, so an exported file imports again
without mapping. The template's instructions and drop-down lists live in
`client_template`.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ao_desktop.documents import client_template
from ao_desktop.domain.client import Client
from ao_desktop.domain.client_sheet import (
    IMPORT_COLUMNS,
    REASON_HEADER,
    ROW_HEADER,
    SHEET_COLUMNS,
    CellKind,
    field_for_header,
)
from ao_desktop.domain.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.errors import DomainError, OperationCancelled
from ao_desktop.domain.formatting import format_date_numeric
from ao_desktop.domain.i18n import _
from ao_desktop.domain.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.phone import PhoneError, normalize_phone

CLIENT_SHEET = "Nasabah"
INFO_SHEET = "Keterangan"
REJECTED_SHEET = "Ditolak"
HEADER_BLUE = "#1F4E78"
TEXT_FORMAT = "@"
RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
CHECK_EVERY = 1000  # rows between progress reports and cancel checks
MAX_DATA_ROWS = 1_048_575  # Excel's last row is 1,048,576; row 1 is the header
REASON_WIDTH = 60
LIST_SEPARATOR = ", "  # tags
REASON_SEPARATOR = "; "

WORKBOOK_OPTIONS: dict[str, Any] = {
    # User text stays text whatever it starts with (= + - @ tab): never a formula, a
    # number or a link. Every cell is written with an explicit write_* call as well.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    # Rows go straight to a scratch file: memory stays flat for 100k clients. Rows must be
    # written top to bottom, which all three writers do.
    "constant_memory": True,
}

# Fields whose cells hold digits that must stay text (leading 0, 16-digit NIK).
TEXT_FIELDS = frozenset({"nik", "nib", "npwp", "phone", "landline", "postal_code"})

# XML 1.0 cannot hold C0 control characters other than tab, LF and CR, nor U+FFFE/U+FFFF
# or lone surrogates (they cannot even be encoded). XlsxWriter escapes C0 controls the
# Excel way (_x0001_), but not every reader unescapes them, so a stray control character
# pasted into a name would read back as "_x0001_" garbage. None of them means anything in
# a name, an address or a note, so they are dropped. CR is folded into LF: Excel's line
# break inside a cell is LF, and a CR would come back as "_x000D_" from some readers.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A stored mobile in this exact shape is what normalize_phone() accepts as a mobile, and
# its national form is "0" + the digits after +62; the regex skips the full parser (4 us a
# number) for the common case. Anything else goes through normalize_phone.
_PLAIN_MOBILE = re.compile(r"\+628[1-9]\d{7,10}")
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SAFE_DATE = date(1900, 3, 1)  # Excel's serials are off by one before (1900 leap bug)


@dataclass(frozen=True)
class ExportRow:
    """One client to export and the name of the AO who handles them."""

    client: Client
    officer_name: str


def sheet_text(text: str) -> str:
    """The text as it is stored in a cell: characters XML cannot hold dropped, CR and CRLF
    turned into LF. Everything else (leading =, +, -, @, tabs, spaces) is kept as is.
    Text beyond Excel's 32,767-character cell limit is cut by XlsxWriter."""
    if not _UNSAFE.search(text):
        return text
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def national_phone(stored: str) -> str:
    """A stored E.164 number in national form ("081234567890"), or the stored text when it
    does not parse (so nothing the AO typed is lost)."""
    if _PLAIN_MOBILE.fullmatch(stored):
        return "0" + stored[3:]
    try:
        return normalize_phone(stored).national
    except PhoneError:
        return stored


def excel_serial(value: date) -> float | None:
    """Excel's day number for a date or naive date-time (local time), or None for dates
    before 1 March 1900, which Excel cannot show correctly."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        day = value.date()
        if day < _FIRST_SAFE_DATE:
            return None
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return (day - _EXCEL_EPOCH).days + seconds / 86400
    if value < _FIRST_SAFE_DATE:
        return None
    return float((value - _EXCEL_EPOCH).days)


def _serial_or_text(value: date) -> float | str:
    """A date as Excel's day number, or as "dd/mm/yyyy" text when Excel cannot hold it."""
    serial = excel_serial(value)
    return format_date_numeric(value) if serial is None else serial


# --- shared layout -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Styles:
    header: Format
    text: Format  # "@": digits stay text, also in cells the AO types later
    money: Format
    date: Format
    datetime: Format
    wrap: Format


def _styles(workbook: Workbook) -> _Styles:
    return _Styles(
        header=workbook.add_format(
            {
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": HEADER_BLUE,
                "text_wrap": True,
                "valign": "vcenter",
                "border": 1,
                "border_color": "#D9D9D9",
            }
        ),
        text=workbook.add_format({"num_format": TEXT_FORMAT}),
        money=workbook.add_format({"num_format": RUPIAH_FORMAT}),
        date=workbook.add_format({"num_format": DATE_FORMAT}),
        datetime=workbook.add_format({"num_format": DATETIME_FORMAT}),
        wrap=workbook.add_format({"text_wrap": True, "valign": "top"}),
    )


def _kind_format(kind: CellKind, styles: _Styles) -> Format | None:
    return {
        CellKind.ID_NUMBER: styles.text,
        CellKind.PHONE: styles.text,
        CellKind.MONEY: styles.money,
        CellKind.DATE: styles.date,
        CellKind.DATETIME: styles.datetime,
    }.get(kind)


def _write_header(
    sheet: Worksheet,
    labels: Sequence[str],
    widths: Sequence[float],
    formats: Sequence[Format | None],
    styles: _Styles,
) -> None:
    """Header row 1 and the column widths and default formats; freezes the top row.
    A column's format also applies to the cells the AO fills in later."""
    for col, (width, fmt) in enumerate(zip(widths, formats, strict=True)):
        sheet.set_column(col, col, width, fmt)
    sheet.set_row(0, 32)
    for col, label in enumerate(labels):
        sheet.write_string(0, col, sheet_text(label), styles.header)
    sheet.freeze_panes(1, 0)
    # Printed from Excel: A4 landscape with the header on every page (a supervisor prints
    # the list for a meeting). Not shrunk to one page wide: 27 columns would be unreadable.
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(0)
    # Excel marks every NIK or phone held as text with a green triangle whose first offer
    # is "Convert to Number", which would destroy the digits; the marks are switched off.
    text_columns = [col for col, fmt in enumerate(formats) if fmt is styles.text]
    if text_columns:
        ranges = " ".join(f"{xl_col_to_name(c)}2:{xl_col_to_name(c)}1048576" for c in text_columns)
        sheet.ignore_errors({"number_stored_as_text": ranges})


@contextmanager
def _replacing(path: str | Path) -> Iterator[Workbook]:
    """A workbook written to a temporary file beside `path` and moved over it on success;
    on any error or cancel the temporary file is deleted and `path` is left untouched."""
    target = Path(path)
    temp = target.parent / f".ao-{secrets.token_hex(6)}.xlsx"
    # os.open rather than mkstemp: mkstemp makes the file private (0600), and the export
    # should get the usual permissions, e.g. on a shared drive.
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    # XlsxWriter's own scratch files (the rows of each sheet) go to a folder we remove.
    scratch = tempfile.TemporaryDirectory(prefix="ao-xlsx-", ignore_cleanup_errors=True)
    workbook = xlsxwriter.Workbook(str(temp), {**WORKBOOK_OPTIONS, "tmpdir": scratch.name})
    try:
        yield workbook
        workbook.close()
        os.replace(temp, target)
    except BaseException:
        _abandon(workbook)
        temp.unlink(missing_ok=True)
        raise
    finally:
        scratch.cleanup()


def _abandon(workbook: Workbook) -> None:
    # Until close() each constant_memory sheet keeps its scratch file open; Windows cannot
    # delete an open file, so the handles are closed here instead of packing a zip nobody
    # wants. fileclosed stops a later close() from writing one.
    workbook.fileclosed = True
    for sheet in workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()


# --- the export ----------------------------------------------------------------------------
_Getter = Callable[[ExportRow], Any]
_Cell = tuple[int, _Getter, Format | None]  # column, value getter, format
_Emit = Callable[[int, ExportRow], None]


def _client_cells(styles: _Styles) -> list[_Cell]:
    """For each column: its index, how to get the cell value from an ExportRow (None or ""
    for an empty cell, a str for a text cell, a number otherwise) and its format. Text is
    cleaned by the emitters. Labels are looked up now, once, in the current language."""
    labels: dict[str, dict[Any, str]] = {
        "status": {s: status_label(s) for s in ClientStatus},
        "lead_source": {s: source_label(s) for s in LeadSource},
        "kind": {k: kind_label(k) for k in ClientKind},
        "sex": {s: sex_label(s) for s in Sex},
    }
    yes_no = {True: _("Ya"), False: _("Tidak")}

    def choice(path: str, names: dict[Any, str]) -> _Getter:
        get = attrgetter(path)
        return lambda row: names.get(get(row))

    def phone(path: str) -> _Getter:
        get = attrgetter(path)
        return lambda row: national_phone(v) if (v := get(row)) else ""

    def day(path: str) -> _Getter:
        get = attrgetter(path)
        return lambda row: None if (v := get(row)) is None else _serial_or_text(v)

    special: dict[str, _Getter] = {
        "officer": attrgetter("officer_name"),
        "phone": phone("client.mobile"),
        "landline": phone("client.landline"),
        "tags": lambda row: LIST_SEPARATOR.join(row.client.tags),
        "consent_contact": lambda row: yes_no[bool(row.client.consent_contact)],
        "updated_at": day("client.updated_at"),
    }
    address_fields = {"street", "kelurahan", "kecamatan", "city", "province", "postal_code"}
    plan: list[_Cell] = []
    for col, column in enumerate(SHEET_COLUMNS):
        owner = "client.address" if column.field in address_fields else "client"
        path = f"{owner}.{column.field}"
        kind = column.kind
        if column.field in special:
            get = special[column.field]
        elif kind is CellKind.CHOICE:
            get = choice(path, labels[column.field])
        elif kind in (CellKind.DATE, CellKind.DATETIME):
            get = day(path)
        else:  # text and money: the stored value as it is
            get = attrgetter(path)
        plan.append((col, get, _kind_format(kind, styles)))
    return plan


def _public_rows(sheet: Worksheet, plan: list[_Cell]) -> _Emit:
    """Rows written cell by cell through XlsxWriter's public write_* methods."""
    string, number = sheet.write_string, sheet.write_number

    def emit(row_index: int, row: ExportRow) -> None:
        for col, get, fmt in plan:
            value = get(row)
            if value is None:
                continue
            if type(value) is str:
                if value := sheet_text(value):
                    string(row_index, col, value, fmt)
            else:
                number(row_index, col, value, fmt)

    return emit


# XlsxWriter spends ~5 us per cell; a 100k-client export has ~2 million cells. The fast
# path writes each row's XML (the same markup XlsxWriter writes in constant_memory mode:
# inline strings, styles by xf index) straight into the sheet's scratch file, five times
# faster. It relies on a few internals of XlsxWriter 3.x, checked before use; the tests
# compare its output with the public path's.
RAW_ROWS = True
# Anything that needs work before it goes into XML: what sheet_text drops or folds, the
# XML specials and Excel's own _xHHHH_ escape. Most cells have none, so one search a cell.
_ATTENTION = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff&<>]|_x[0-9a-fA-F]{4}_"
)
_EXCEL_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")
_CELL_LIMIT = 32767  # UTF-16 code units, Excel's limit for a cell's text


def _raw_rows_supported(sheet: Worksheet) -> bool:
    return (
        xlsxwriter.__version__.split(".")[0] == "3"
        and bool(sheet.constant_memory)
        and getattr(sheet, "row_data_fh", None) is not None
        and sheet.fh is sheet.row_data_fh
        and all(hasattr(sheet, n) for n in ("_write_single_row", "_check_dimensions"))
    )


def _xml_text(text: str) -> str:
    """Cell text as XlsxWriter writes it, after sheet_text: cut to Excel's limit, XML
    escaped, a literal "_x0041_" escaped as "_x005F_x0041_" so Excel does not read it as
    a character. Empty when nothing is left."""
    text = sheet_text(text)
    if len(text) > _CELL_LIMIT // 2 and len(text.encode("utf-16-le")) > 2 * _CELL_LIMIT:
        text = text.encode("utf-16-le")[: 2 * _CELL_LIMIT].decode("utf-16-le", "ignore")
    text = _EXCEL_ESCAPE.sub(r"_x005F\g<0>", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _raw_rows(sheet: Worksheet, plan: list[_Cell]) -> _Emit:
    """Rows written as XML into the sheet's constant_memory scratch file."""
    sheet._write_single_row(1)  # flush the header row: data rows must follow it
    write, search = sheet.fh.write, _ATTENTION.search
    cells = [
        (xl_col_to_name(col), get, f' s="{fmt._get_xf_index()}"' if fmt else "")
        for col, get, fmt in plan
    ]

    def emit(row_index: int, row: ExportRow) -> None:
        ref = str(row_index + 1)
        parts = [f'<row r="{ref}">']
        for letter, get, style in cells:
            value = get(row)
            if value is None:
                continue
            if type(value) is not str:
                parts.append(f'<c r="{letter}{ref}"{style}><v>{value:.16G}</v></c>')
                continue
            if len(value) > _CELL_LIMIT // 2 or search(value):
                value = _xml_text(value)
            if not value:
                continue
            space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
            parts.append(
                f'<c r="{letter}{ref}"{style} t="inlineStr"><is><t{space}>{value}</t></is></c>'
            )
        parts.append("</row>")
        write("".join(parts))

    return emit


def write_client_sheet(
    path: str | Path,
    rows: Iterable[ExportRow],
    *,
    description: str = "",
    exported_by: str = "",
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the clients to a workbook (sheet "Nasabah", one row per client, plus a sheet
    "Keterangan" saying what was exported, when and by whom). Returns the number of
    clients written. `progress` gets the count so far every CHECK_EVERY rows; when
    `cancelled()` turns true the file is not written and OperationCancelled is raised."""
    count = 0
    with _replacing(path) as workbook:
        styles = _styles(workbook)
        sheet = workbook.add_worksheet(CLIENT_SHEET)
        _write_header(
            sheet,
            [c.label for c in SHEET_COLUMNS],
            [c.width for c in SHEET_COLUMNS],
            [_kind_format(c.kind, styles) for c in SHEET_COLUMNS],
            styles,
        )
        plan = _client_cells(styles)
        raw = RAW_ROWS and _raw_rows_supported(sheet)
        emit = _raw_rows(sheet, plan) if raw else _public_rows(sheet, plan)
        for count, row in enumerate(rows, start=1):
            if count > MAX_DATA_ROWS:
                raise DomainError(
                    _("Terlalu banyak nasabah untuk satu lembar Excel (maksimal {n}).").format(
                        n=f"{MAX_DATA_ROWS:,}".replace(",", ".")
                    )
                )
            emit(count, row)
            if count % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise OperationCancelled(_("Ekspor dibatalkan; berkas tidak dibuat."))
                if progress is not None:
                    progress(count)
        if raw and count:
            # The rows went around XlsxWriter: tell it how far the data reaches.
            sheet._check_dimensions(count, len(SHEET_COLUMNS) - 1)
        sheet.autofilter(0, 0, count, len(SHEET_COLUMNS) - 1)
        _write_info(workbook, styles, count, description, exported_by)
        sheet.activate()
    if progress is not None and (count == 0 or count % CHECK_EVERY):
        progress(count)
    return count


def _write_info(
    workbook: Workbook, styles: _Styles, count: int, description: str, exported_by: str
) -> None:
    sheet = workbook.add_worksheet(INFO_SHEET)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 70)
    title = workbook.add_format({"bold": True, "font_size": 14, "font_color": HEADER_BLUE})
    label = workbook.add_format({"bold": True, "valign": "top"})
    sheet.set_row(0, 24)
    sheet.write_string(0, 0, _("Daftar Nasabah"), title)
    lines: list[tuple[str, Any, Format | None]] = [
        (_("Diekspor pada"), excel_serial(datetime.now().replace(microsecond=0)), styles.datetime),
        (_("Diekspor oleh"), sheet_text(exported_by), styles.wrap),
        (_("Filter"), sheet_text(description) or _("Semua nasabah"), styles.wrap),
        (_("Jumlah nasabah"), count, None),
        (
            _("Catatan"),
            _(
                "Berkas ini dapat diimpor kembali tanpa mengubah judul kolom. NIK, NPWP, kode "
                "pos dan nomor telepon disimpan sebagai teks agar angka 0 di depan tidak hilang."
            ),
            styles.wrap,
        ),
    ]
    for row, (name, value, fmt) in enumerate(lines, start=2):
        sheet.write_string(row, 0, name, label)
        if isinstance(value, str):
            if value:
                sheet.write_string(row, 1, value, fmt)
        else:
            sheet.write_number(row, 1, value, fmt)


# --- the blank import template -------------------------------------------------------------
def write_import_template(path: str | Path, officer_names: Sequence[str] = ()) -> None:
    """A blank workbook to fill in and import: sheet "Nasabah" with the importable columns,
    text/date/Rupiah formats and drop-down lists (kept on the hidden sheet "Pilihan"),
    and a sheet "Petunjuk" explaining every column."""
    with _replacing(path) as workbook:
        styles = _styles(workbook)
        sheet = workbook.add_worksheet(CLIENT_SHEET)
        guide = workbook.add_worksheet(client_template.GUIDE_SHEET)
        lists = workbook.add_worksheet(client_template.LISTS_SHEET)
        columns = IMPORT_COLUMNS
        _write_header(
            sheet,
            [c.label for c in columns],
            [c.width for c in columns],
            [_kind_format(c.kind, styles) for c in columns],
            styles,
        )
        sheet.autofilter(0, 0, 0, len(columns) - 1)
        names = [sheet_text(n).strip() for n in officer_names]
        client_template.add_drop_downs(sheet, lists, columns, [n for n in names if n])
        client_template.write_guide(workbook, guide, columns, styles.header)
        sheet.activate()


# --- the report of refused rows ------------------------------------------------------------
def _width_for(header: str) -> float:
    field = field_for_header(header)
    for column in SHEET_COLUMNS:
        if column.field == field:
            return column.width
    return max(10, min(40, len(header) + 2))


def _write_raw(
    sheet: Worksheet, row: int, col: int, value: Any, styles: _Styles, fmt: Format | None
) -> None:
    """One original cell, by type: text stays text, numbers numbers, dates dates."""
    if value is None:
        return
    if isinstance(value, str):
        if value:
            sheet.write_string(row, col, sheet_text(value), fmt)
    elif isinstance(value, bool):
        sheet.write_string(row, col, _("Ya") if value else _("Tidak"), fmt)
    elif isinstance(value, int | float) and abs(value) < 1e307:  # also refuses nan and inf
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, date):
        cell = _serial_or_text(value)
        with_time = isinstance(value, datetime) and value.time() != datetime.min.time()
        if isinstance(cell, str):
            sheet.write_string(row, col, cell, fmt)
        else:
            sheet.write_number(row, col, cell, styles.datetime if with_time else styles.date)
    else:
        sheet.write_string(row, col, sheet_text(str(value)), fmt)


def write_error_report(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[tuple[int, Sequence[Any], Sequence[str]]],
) -> int:
    """The rows an import refused, as the AO typed them, with the reasons in front
    (sheet "Ditolak"), so they can be corrected and imported again. `rows` holds
    (row number in the original sheet, the original cell values, the reasons).
    Returns the number of rows written."""
    texts = ["" if h is None else str(h) for h in headers]
    count = 0
    with _replacing(path) as workbook:
        styles = _styles(workbook)
        sheet = workbook.add_worksheet(REJECTED_SHEET)
        formats = [styles.text if field_for_header(h) in TEXT_FIELDS else None for h in texts]
        _write_header(
            sheet,
            [REASON_HEADER, ROW_HEADER, *texts],
            [REASON_WIDTH, 10, *(_width_for(h) for h in texts)],
            [styles.wrap, None, *formats],
            styles,
        )
        widest = len(texts)
        for count, (source_row, values, reasons) in enumerate(rows, start=1):
            sheet.write_string(count, 0, sheet_text(REASON_SEPARATOR.join(reasons)), styles.wrap)
            sheet.write_number(count, 1, source_row)
            for index, value in enumerate(values):
                fmt = formats[index] if index < len(formats) else None
                _write_raw(sheet, count, index + 2, value, styles, fmt)
            widest = max(widest, len(values))
        sheet.autofilter(0, 0, count, widest + 1)
    return count
