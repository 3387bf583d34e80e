"""An .ods or .xls client sheet whose NIK cell holds a spreadsheet error (#N/A, #DIV/0!):
calamine reads it as empty, so without the reader's error cells the row would import
with a blank NIK. The row is rejected, named in the error report, and not written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.imports.import_plan import DuplicatePolicy
from ao_desktop.services.clients.directory import search_clients
from ao_desktop.services.imports.client_import import (
    commit_import,
    preview_import,
    write_error_report,
)
from tests.fixtures.error_cell_sheets import (
    ods_client_sheet,
    ods_error,
    xls_client_sheet,
    xls_error,
    xls_formula_error,
)

ACTOR = Actor("Rina Wulandari")
TODAY = date(2026, 11, 27)

SHEETS: dict[str, Callable[[Path], Path]] = {
    "ods #N/A": lambda d: ods_client_sheet(d / "klien.ods", ods_error("#N/A")),
    "ods Err:502": lambda d: ods_client_sheet(d / "klien.ods", ods_error("Err:502", "of:=FOO()")),
    "xls #N/A": lambda d: xls_client_sheet(d / "klien.xls", xls_error(1, 1, 0x2A)),
    "xls =1/0": lambda d: xls_client_sheet(d / "klien.xls", xls_formula_error(1, 1, 0x07)),
}


@pytest.mark.parametrize("build", SHEETS.values(), ids=SHEETS.keys())
def test_an_error_in_the_nik_column_rejects_the_row(uow, tmp_path: Path, build) -> None:
    preview = preview_import(uow, build(tmp_path), ACTOR, today=TODAY)
    rows = {p.row: p for p in preview.rows}
    ani, budi = rows[2], rows[3]
    assert ani.rejected and ani.client is None
    issue = next(i for i in ani.issues if i.is_error)
    assert (issue.field, issue.column, issue.row) == ("nik", "NIK", 2)
    assert "galat" in issue.message
    assert not budi.rejected and budi.client is not None

    report = tmp_path / "ditolak.xlsx"
    assert write_error_report(preview, report) == 1
    reported = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))[1:]
    assert [r[1] for r in reported] == [2] and "galat" in str(reported[0][0])

    commit_import(uow, preview, DuplicatePolicy.SKIP, ACTOR)
    stored = {c.full_name: c.nik for c in search_clients(uow, ClientQuery())}
    assert stored == {"Budi Santoso": "3201011207900003"}  # Ani is not stored without a NIK
