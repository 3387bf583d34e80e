"""Reading the AO's spreadsheet files (.xlsx/.xlsm, .xls, .ods, .csv) into plain rows.

Responsible for: listing a workbook's sheets, choosing the default one, and returning one
sheet's values at their real positions (rows[0] is Excel's row 1, column A is index 0)
as plain Python values, with xlsx formula cells that have no stored value and the
error cells (#N/A, ...) of xlsx, xls and ods pointed out. The result types live in
`sheet_data`, CSV reading in `sheet_csv`, the xlsx part lookup in `sheet_xlsx_parts`,
the ods error cells in `sheet_ods_errors`; the checks on hostile or broken files live
in `sheet_safety`, `sheet_grid_checks` and `sheet_xls_checks`. Every failure here is a `SheetReadError`
with a message that names the file (and sheet).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ao_desktop.documents.sheets.sheet_csv import csv_text, read_csv
from ao_desktop.documents.sheets.sheet_data import (
    SheetBound,
    SheetData,
    SheetInfo,
    clean_rows,
    gc_paused,
    too_many_rows,
)
from ao_desktop.documents.sheets.sheet_grid_checks import (
    bound_xlsx_sheet,
    check_ods_cells,
    is_oversized,
    refuse_oversized,
)
from ao_desktop.documents.sheets.sheet_ods_errors import ods_error_cells
from ao_desktop.documents.sheets.sheet_safety import (
    SheetFormat,
    SheetReadError,
    corrupt,
    detect_format,
    fail,
    load_bytes,
    open_zip,
    password_protected,
)
from ao_desktop.documents.sheets.sheet_xls_checks import check_xls
from ao_desktop.documents.sheets.sheet_xlsx_parts import (
    error_cells,
    formula_blanks,
    xlsx_sheet_parts,
)
from ao_desktop.domain.common.i18n import _

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "SheetData",
    "SheetInfo",
    "SheetReadError",
    "default_sheet",
    "list_sheets",
    "read_sheet",
]

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000  # data rows per sheet (rows below the first filled one)


def default_sheet(sheets: list[SheetInfo]) -> str | None:
    """The first visible sheet that has data; None when there is none."""
    return next((s.name for s in sheets if not s.hidden and s.rows > 0), None)


def list_sheets(path: str | Path) -> list[SheetInfo]:
    """The worksheets of the file in workbook order (chart sheets left out)."""
    path = Path(path)
    data = load_bytes(path, MAX_FILE_BYTES)
    fmt = detect_format(path, data)
    if fmt is SheetFormat.CSV:
        text, _delimiter = csv_text(path.name, data)
        rows = sum(1 for line in text.splitlines() if line.strip(" \t;,"))
        return [SheetInfo(path.stem, False, rows)]
    infos = []
    with _Workbook(path.name, data, fmt) as book:
        for name, hidden in book.sheets:
            bound = book.bound(name)
            if bound and is_oversized(*bound):
                infos.append(SheetInfo(name, hidden, bound[0]))  # refused when read
                continue
            with _calamine_errors(path.name):
                infos.append(SheetInfo(name, hidden, book.book.get_sheet_by_name(name).height))
    return infos


def read_sheet(
    path: str | Path,
    sheet: str | None = None,
    *,
    max_rows: int = MAX_ROWS,
    checked: Callable[[str, str], None] | None = None,
    bounds: Callable[[str, str], SheetBound | None] | None = None,
) -> SheetData:
    """One sheet's values; `sheet` None takes the first visible sheet that has data.

    `checked(sheet, digest)` is told of each xlsx sheet whose cells passed the bound,
    before calamine parses it (the import's helper then parses the same bytes too).
    `bounds(sheet, digest)` may give the pre-scan of an xlsx sheet made elsewhere from
    bytes with that digest (`bound_sheet` in the import's helper); None: it is made here."""
    path = Path(path)
    data = load_bytes(path, MAX_FILE_BYTES)
    digest = file_digest(data)  # ~10 ms for 8 MB
    fmt = detect_format(path, data)
    if fmt is SheetFormat.CSV:
        result = read_csv(path, data, max_rows)
        return replace(result, sheets=(SheetInfo(result.name, False, len(result.rows)),),
                       digest=digest)  # fmt: skip
    with _Workbook(path.name, data, fmt) as book:
        if checked is not None:
            book.checked = lambda name: checked(name, digest)
        if bounds is not None:
            book.bounds = lambda name: bounds(name, digest)
        result = _read_named(path, book, sheet, max_rows)
        sheets = tuple(SheetInfo(n, h, len(result.rows) if n == result.name else -1)
                       for n, h in book.sheets)  # fmt: skip
        return replace(result, sheets=sheets, digest=digest)


def _read_named(path: Path, book: _Workbook, sheet: str | None, max_rows: int) -> SheetData:
    if sheet is None:
        return _read_first_visible(book, max_rows)
    hidden = dict(book.sheets)
    if sheet not in hidden:
        fail(
            _('Lembar "{sheet}" tidak ada di berkas "{name}". Lembar yang ada: {names}.').format(
                sheet=sheet, name=path.name, names=", ".join(f'"{n}"' for n in hidden) or "-"
            )
        )
    return book.read(sheet, hidden[sheet], max_rows)


def _read_first_visible(book: _Workbook, max_rows: int) -> SheetData:
    for name, hidden in book.sheets:
        if not hidden:
            result = book.read(name, hidden, max_rows, skip_empty=True)
            if result is not None:
                return result
    hint = ""
    if any(hidden for _name, hidden in book.sheets):
        hint = " " + _("Jika datanya ada di lembar tersembunyi, pilih lembar itu secara langsung.")
    fail(
        _('Berkas "{name}" tidak berisi data: semua lembar yang terlihat kosong.').format(
            name=book.name
        )
        + hint
    )


@contextmanager
def _calamine_errors(name: str) -> Iterator[None]:
    """Turn whatever calamine raises into a SheetReadError."""
    try:
        yield
    except SheetReadError:
        raise
    except calamine.PasswordError:
        password_protected(name)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # CalamineError and its kin; a Rust panic is a BaseException
        corrupt(name)


class _Workbook:
    """A workbook opened with calamine, plus the zip for the pre-checks of xlsx and ods."""

    def __init__(self, name: str, data: bytes, fmt: SheetFormat) -> None:
        self.name = name
        self.checked: Callable[[str], None] | None = None  # see read_sheet
        self.bounds: Callable[[str], SheetBound | None] | None = None  # see read_sheet
        self.zip = open_zip(data) if fmt in (SheetFormat.XLSX, SheetFormat.ODS) else None
        try:
            self._open(data, fmt)
        except BaseException:
            if self.zip is not None:
                self.zip.close()
            raise

    def _open(self, data: bytes, fmt: SheetFormat) -> None:
        name = self.name
        self.parts = xlsx_sheet_parts(name, self.zip) if fmt is SheetFormat.XLSX else None
        self.ods = fmt is SheetFormat.ODS
        if self.ods and self.zip is not None:
            check_ods_cells(name, self.zip)
        # sheet -> its error cells: calamine reads them as empty (xlsx's come from bound())
        self.xls_errors = check_xls(name, data) if fmt is SheetFormat.XLS else {}
        with _calamine_errors(name):
            self.book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            # (name, hidden) of worksheets; chart and macro sheets hold no cells to import
            self.sheets = [
                (m.name, m.visible != calamine.SheetVisibleEnum.Visible)
                for m in self.book.sheets_metadata
                if m.typ == calamine.SheetTypeEnum.WorkSheet
            ]

    def __enter__(self) -> _Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        with suppress(Exception):
            self.book.close()
        if self.zip is not None:
            self.zip.close()

    def bound(
        self,
        sheet: str,
        blanks: set[tuple[int, int]] | None = None,
        errors: set[tuple[int, int]] | None = None,
    ) -> tuple[int, int] | None:
        """The xlsx pre-scan of one sheet (None for other formats); fills `blanks` (formulas
        without a stored value) and `errors` (cells holding an Excel error)."""
        if self.parts is None or self.zip is None:
            return None
        parts = self.parts.get(sheet)
        if not parts:  # calamine would not find the sheet's part either
            corrupt(self.name)

        def look(buf: bytes, prefix: bytes) -> None:
            if blanks is not None:
                blanks.update(formula_blanks(buf, prefix))
            if errors is not None:
                errors.update(error_cells(buf, prefix))

        scan = look if blanks is not None or errors is not None else None
        bounds = [bound_xlsx_sheet(self.name, self.zip, part, scan) for part in parts]
        return max(r for r, _c in bounds), max(c for _r, c in bounds)

    def read(
        self, sheet: str, hidden: bool, max_rows: int, skip_empty: bool = False
    ) -> SheetData | None:
        blanks: set[tuple[int, int]] = set()
        errors: set[tuple[int, int]] = set()
        given = self.bounds(sheet) if self.bounds is not None and self.parts is not None else None
        if given is not None and given.sheet == sheet:
            bound: tuple[int, int] | None = (given.rows, given.cols)
            blanks.update(given.formula_blanks)
            errors.update(given.error_cells)
        else:
            bound = self.bound(sheet, blanks, errors)
        if bound is not None:
            refuse_oversized(self.name, sheet, *bound)
            if self.checked is not None:
                self.checked(sheet)
        with _calamine_errors(self.name):
            cal = self.book.get_sheet_by_name(sheet)
            if skip_empty and cal.height == 0:
                return None
            if cal.height - 1 > max_rows:
                too_many_rows(self.name, sheet, max_rows)
            end = cal.end or (-1, -1)
            refuse_oversized(self.name, sheet, end[0] + 1, end[1] + 1)
            with gc_paused():
                rows = clean_rows(cal.to_python(skip_empty_area=False))
        errors.update(self.xls_errors.get(sheet, ()))
        if self.ods and self.zip is not None:
            errors.update(ods_error_cells(self.name, self.zip, sheet, len(rows), end[1] + 1))
        return SheetData(sheet, rows, frozenset(blanks), hidden, error_cells=frozenset(errors))


def bound_sheet(path: str | Path, data: bytes, sheet: str | None) -> SheetBound | None:
    """read_sheet's pre-scan of `sheet` (None: the first visible one) of the xlsx `data`
    read from `path`, made ahead of read_sheet by another process: the import's helper,
    while the importing process starts up. None for any other format, a sheet that is
    not there, and any file read_sheet would refuse (it then scans and says why)."""
    path = Path(path)
    try:
        if detect_format(path, data) is not SheetFormat.XLSX:
            return None
        with _Workbook(path.name, data, SheetFormat.XLSX) as book:
            names = dict(book.sheets)
            if sheet is None:
                sheet = next((n for n, hidden in book.sheets if not hidden), None)
            if sheet is None or sheet not in names:
                return None
            blanks: set[tuple[int, int]] = set()
            errors: set[tuple[int, int]] = set()
            bound = book.bound(sheet, blanks, errors)
    except SheetReadError:
        return None
    if bound is None or is_oversized(*bound):
        return None
    return SheetBound(sheet, file_digest(data), bound[0], bound[1], frozenset(blanks), frozenset(errors))


def file_digest(data: bytes) -> str:
    """The digest read_sheet gives a file's bytes (SheetData.digest)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_checked_xlsx_rows(data: bytes, sheet: str) -> list[tuple[Any, ...]]:
    """The rows read_sheet gives for `sheet` of the xlsx `data`, without its checks: only
    for bytes whose digest read_sheet reported to `checked` with this sheet (their
    cells passed the bound in that reading). The import's helper process reads with it."""
    with _calamine_errors(sheet):
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            with gc_paused():
                return clean_rows(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
        finally:
            with suppress(Exception):
                book.close()
