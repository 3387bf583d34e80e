"""The XlsxWriter plumbing every client workbook shares: the workbook options that keep
user text text, the cell formats (a bold white-on-blue header that wraps, "@" text,
Rupiah, date and date-time), the header row writer (widths, column formats, frozen top
row, A4 landscape printing), the context manager that writes a workbook under a temporary
name and moves it over the target only on success, and the text and date helpers
`sheet_text` and `excel_serial`.

The workbooks themselves are in `client_workbook` (the export and the report of refused
rows) and `client_template` (the import template's instructions and drop-down lists).
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ao_desktop.domain.common.formatting import format_date_numeric
from ao_desktop.domain.imports.client_sheet import CellKind

HEADER_BLUE = "#1F4E78"
TEXT_FORMAT = "@"
RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

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

# XML 1.0 cannot hold C0 control characters other than tab, LF and CR, nor U+FFFE/U+FFFF
# or lone surrogates (they cannot even be encoded). XlsxWriter escapes C0 controls the
# Excel way (_x0001_), but not every reader unescapes them, so a stray control character
# pasted into a name would read back as "_x0001_" garbage. None of them means anything in
# a name, an address or a note, so they are dropped. CR is folded into LF: Excel's line
# break inside a cell is LF, and a CR would come back as "_x000D_" from some readers.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SAFE_DATE = date(1900, 3, 1)  # Excel's serials are off by one before (1900 leap bug)


def sheet_text(text: str) -> str:
    """The text as it is stored in a cell: characters XML cannot hold dropped, CR and CRLF
    turned into LF. Everything else (leading =, +, -, @, tabs, spaces) is kept as is.
    Text beyond Excel's 32,767-character cell limit is cut by XlsxWriter."""
    if not _UNSAFE.search(text):
        return text
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


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


def serial_or_text(value: date) -> float | str:
    """A date as Excel's day number, or as "dd/mm/yyyy" text when Excel cannot hold it."""
    serial = excel_serial(value)
    return format_date_numeric(value) if serial is None else serial


@dataclass(frozen=True)
class Styles:
    """The cell formats of one workbook (XlsxWriter formats belong to a workbook)."""

    header: Format
    text: Format  # "@": digits stay text, also in cells the AO types later
    money: Format
    date: Format
    datetime: Format
    wrap: Format


def workbook_styles(workbook: Workbook) -> Styles:
    return Styles(
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


def kind_format(kind: CellKind, styles: Styles) -> Format | None:
    return {
        CellKind.ID_NUMBER: styles.text,
        CellKind.PHONE: styles.text,
        CellKind.MONEY: styles.money,
        CellKind.DATE: styles.date,
        CellKind.DATETIME: styles.datetime,
    }.get(kind)


def write_header(
    sheet: Worksheet,
    labels: Sequence[str],
    widths: Sequence[float],
    formats: Sequence[Format | None],
    styles: Styles,
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
def replacing(path: str | Path) -> Iterator[Workbook]:
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
