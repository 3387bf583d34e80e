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
`client_template`, the shared XlsxWriter plumbing (options, formats, header, the
replace-on-success file) in `workbook_parts`, and the export's two row writers (the fast
raw-XML one and its public-API fallback) in `workbook_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ao_desktop.documents.imports import client_template
from ao_desktop.documents.imports.workbook_parts import (
    HEADER_BLUE,
    Styles,
    excel_serial,
    kind_format,
    replacing,
    serial_or_text,
    sheet_text,
    workbook_styles,
    write_header,
)
from ao_desktop.documents.imports.workbook_rows import (
    Cell,
    public_rows,
    raw_rows,
    raw_rows_supported,
)
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.consent import channels_text
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.clients.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.common.errors import DomainError, OperationCancelled
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.domain.imports.client_sheet import (
    IMPORT_COLUMNS,
    REASON_HEADER,
    ROW_HEADER,
    SHEET_COLUMNS,
    CellKind,
    SheetColumn,
    field_for_header,
)

CLIENT_SHEET = "Nasabah"
INFO_SHEET = "Keterangan"
REJECTED_SHEET = "Ditolak"
CHECK_EVERY = 1000  # rows between progress reports and cancel checks
MAX_DATA_ROWS = 1_048_575  # Excel's last row is 1,048,576; row 1 is the header
REASON_WIDTH = 60
LIST_SEPARATOR = ", "  # tags
REASON_SEPARATOR = "; "
# Rows go through workbook_rows.raw_rows when XlsxWriter allows it; False forces the
# public-API path (the tests run the export both ways and compare).
RAW_ROWS = True

# Fields whose cells hold digits that must stay text (leading 0, 16-digit NIK).
TEXT_FIELDS = frozenset({"nik", "nib", "npwp", "phone", "landline", "postal_code"})
# A stored mobile in this exact shape is what normalize_phone() accepts as a mobile, and
# its national form is "0" + the digits after +62; the regex skips the full parser (4 us a
# number) for the common case. Anything else goes through normalize_phone.
_PLAIN_MOBILE = re.compile(r"\+628[1-9]\d{7,10}")


@dataclass(frozen=True)
class ExportRow:
    """One client to export and the name of the AO who handles them."""

    client: Client
    officer_name: str


def national_phone(stored: str) -> str:
    """A stored E.164 number in national form ("081234567890"), or the stored text when it
    does not parse (so nothing the AO typed is lost)."""
    if _PLAIN_MOBILE.fullmatch(stored):
        return "0" + stored[3:]
    try:
        return normalize_phone(stored).national
    except PhoneError:
        return stored


# --- the export ----------------------------------------------------------------------------
_Getter = Callable[[ExportRow], Any]
_Cell = Cell[ExportRow]  # column, value getter, format


def _client_cells(styles: Styles) -> list[_Cell]:
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
        return lambda row: None if (v := get(row)) is None else serial_or_text(v)

    special: dict[str, _Getter] = {
        "officer": attrgetter("officer_name"),
        "phone": phone("client.mobile"),
        "landline": phone("client.landline"),
        "tags": lambda row: LIST_SEPARATOR.join(row.client.tags),
        "consent_contact": lambda row: yes_no[bool(row.client.consent_contact)],
        "consent_channels": lambda row: (channels_text(row.client.consent_channels)
                                         if row.client.consent_contact else ""),
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
        plan.append((col, get, kind_format(kind, styles)))
    return plan


def _write_columns_header(
    sheet: Worksheet, columns: Sequence[SheetColumn], styles: Styles
) -> None:
    """Header row 1 of a client sheet: the columns' labels, widths and cell formats."""
    write_header(
        sheet,
        [c.label for c in columns],
        [c.width for c in columns],
        [kind_format(c.kind, styles) for c in columns],
        styles,
    )


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
    with replacing(path) as workbook:
        styles = workbook_styles(workbook)
        sheet = workbook.add_worksheet(CLIENT_SHEET)
        _write_columns_header(sheet, SHEET_COLUMNS, styles)
        plan = _client_cells(styles)
        raw = RAW_ROWS and raw_rows_supported(sheet)
        emit = raw_rows(sheet, plan) if raw else public_rows(sheet, plan)
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
    workbook: Workbook, styles: Styles, count: int, description: str, exported_by: str
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
    with replacing(path) as workbook:
        styles = workbook_styles(workbook)
        sheet = workbook.add_worksheet(CLIENT_SHEET)
        guide = workbook.add_worksheet(client_template.GUIDE_SHEET)
        lists = workbook.add_worksheet(client_template.LISTS_SHEET)
        columns = IMPORT_COLUMNS
        _write_columns_header(sheet, columns, styles)
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
    sheet: Worksheet, row: int, col: int, value: Any, styles: Styles, fmt: Format | None
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
        cell = serial_or_text(value)
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
    with replacing(path) as workbook:
        styles = workbook_styles(workbook)
        sheet = workbook.add_worksheet(REJECTED_SHEET)
        formats = [styles.text if field_for_header(h) in TEXT_FIELDS else None for h in texts]
        write_header(
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
