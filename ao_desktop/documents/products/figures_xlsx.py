"""A table of figures (a loan schedule, a deposit projection) as an Excel workbook.

A title and a few lines saying what the figures are (product, amount, rate, tenor), then
the table with a formatted header, numbers as numbers with the Rupiah or date format, and
a totals row when given; frozen below the header, printable on A4. The header is not in
row 1 here: a schedule handed to a client starts with what it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path

from ao_desktop.documents.imports.workbook_parts import replacing, sheet_text, workbook_styles
from ao_desktop.domain.common.i18n import _


class FigureKind(StrEnum):
    NUMBER = "number"  # a sequence number
    DATE = "date"
    MONEY = "money"  # whole Rupiah


_WIDTH = {FigureKind.NUMBER: 6, FigureKind.DATE: 13, FigureKind.MONEY: 18}
MAX_SHEET_NAME = 31  # Excel's limit


def write_figures(
    path: str | Path,
    *,
    sheet_title: str,
    title: str,
    notes: Sequence[str],
    headers: Sequence[str],
    kinds: Sequence[FigureKind],
    rows: Sequence[Sequence[int | date]],
    totals: Sequence[int | None] | None = None,
) -> int:
    """Write the table; returns the number of rows. The file appears only when complete."""
    with replacing(path) as workbook:
        styles = workbook_styles(workbook)
        bold = workbook.add_format({"bold": True, "font_size": 13})
        total_money = workbook.add_format({"bold": True, "num_format": '"Rp"#,##0', "top": 1})
        total_label = workbook.add_format({"bold": True, "top": 1})
        # Names Excel refuses in a sheet title: []:*?/\ and more than 31 characters.
        safe = "".join("-" if ch in "[]:*?/\\" else ch for ch in sheet_text(sheet_title))
        sheet = workbook.add_worksheet(safe[:MAX_SHEET_NAME].strip() or "Tabel")
        sheet.write_string(0, 0, sheet_text(title), bold)
        for offset, note in enumerate(notes, start=1):
            sheet.write_string(offset, 0, sheet_text(note))
        header_row = len(notes) + 2
        for col, (header, kind) in enumerate(zip(headers, kinds, strict=True)):
            sheet.set_column(col, col, max(_WIDTH[kind], len(header) + 2))
            sheet.write_string(header_row, col, sheet_text(header), styles.header)
        formats = {FigureKind.NUMBER: None, FigureKind.DATE: styles.date, FigureKind.MONEY: styles.money}
        for index, values in enumerate(rows, start=header_row + 1):
            for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                if kind is FigureKind.DATE and isinstance(value, date):
                    sheet.write_datetime(index, col, value, styles.date)
                else:
                    sheet.write_number(index, col, int(value), formats[kind])  # type: ignore[arg-type]
        last = header_row + len(rows)
        if totals is not None:
            sheet.write_string(last + 1, 0, _("Jumlah"), total_label)
            for col, value in enumerate(totals):
                if value is not None and col > 0:
                    sheet.write_number(last + 1, col, value, total_money)
        sheet.freeze_panes(header_row + 1, 0)
        sheet.set_paper(9)
        sheet.repeat_rows(header_row)
        sheet.fit_to_pages(1, 0)  # a few columns: one page wide stays readable
    return len(rows)
