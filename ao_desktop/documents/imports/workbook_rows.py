"""The two ways a sheet's data rows are written from a cell plan (for each column: its
index, how to get the value from a row object, its format), both returning an `emit`
callable that writes one row:

- `public_rows`: cell by cell through XlsxWriter's public write_* methods. Always works,
  but XlsxWriter spends ~5 us per cell, and a 100k-client export has ~2 million cells.
- `raw_rows`: each row's XML (the same markup XlsxWriter writes in constant_memory mode:
  inline strings, styles by xf index) straight into the sheet's scratch file, five times
  faster. The price is that it relies on a few internals of XlsxWriter 3.x (the scratch
  file handle, `_write_single_row`, `_check_dimensions`, `Format._get_xf_index`), so the
  caller uses it only when `raw_rows_supported` finds XlsxWriter 3 and the sheet set up
  as expected, falls back to `public_rows` otherwise, and must report the data's extent
  with `_check_dimensions` afterwards. The tests compare its output with the public
  path's.

Both write text cells cleaned by `sheet_text`, skip empty cells and write non-text
values as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ao_desktop.documents.imports.workbook_parts import sheet_text

R = TypeVar("R")  # the row object a plan reads its cell values from
# Column, value getter (None or "" for an empty cell, a str for a text cell, a number
# otherwise), format.
Cell = tuple[int, Callable[[R], Any], Format | None]
Emit = Callable[[int, R], None]  # writes one row: (0-based sheet row index, row object)


def public_rows(sheet: Worksheet, plan: list[Cell[R]]) -> Emit[R]:
    """Rows written cell by cell through XlsxWriter's public write_* methods."""
    string, number = sheet.write_string, sheet.write_number

    def emit(row_index: int, row: R) -> None:
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


# Anything that needs work before it goes into XML: what sheet_text drops or folds, the
# XML specials and Excel's own _xHHHH_ escape. Most cells have none, so one search a cell.
_ATTENTION = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff&<>]|_x[0-9a-fA-F]{4}_"
)
_EXCEL_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")
_CELL_LIMIT = 32767  # UTF-16 code units, Excel's limit for a cell's text


def raw_rows_supported(sheet: Worksheet) -> bool:
    """Whether the sheet has the XlsxWriter 3.x internals `raw_rows` relies on."""
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


def raw_rows(sheet: Worksheet, plan: list[Cell[R]]) -> Emit[R]:
    """Rows written as XML into the sheet's constant_memory scratch file."""
    sheet._write_single_row(1)  # flush the header row: data rows must follow it
    write, search = sheet.fh.write, _ATTENTION.search
    cells = [
        (xl_col_to_name(col), get, f' s="{fmt._get_xf_index()}"' if fmt else "")
        for col, get, fmt in plan
    ]

    def emit(row_index: int, row: R) -> None:
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
