"""Error cells of .xls and .ods sheets (#N/A, #DIV/0!, Err:502): calamine reads them as
empty, so the reader points them out at their real (row, col), 0-based, like xlsx's."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ao_desktop.documents.sheets import sheet_ods_errors
from ao_desktop.documents.sheets.sheet_reader import SheetReadError, read_sheet
from tests.documents.sheets.test_sheet_reader import cell, ods, xls
from tests.fixtures.error_cell_sheets import (
    XLS_ERRORS,
    ods_error,
    ods_row,
    ods_text,
    xls_bool,
    xls_error,
    xls_formula_error,
    xls_formula_number,
)

# --- .xls -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(XLS_ERRORS), ids=XLS_ERRORS.get)
def test_xls_error_cells_read_as_empty_are_reported(tmp_path: Path, code: int) -> None:
    cells = {(0, 0): "Nama", (0, 1): "NIK", (1, 0): "Ani", (1, 1): xls_error(1, 1, code),
             (2, 0): "Budi", (2, 2): xls_formula_error(2, 2, code)}  # fmt: skip
    data = read_sheet(xls(tmp_path / "galat.xls", [("Klien", False, cells)]))
    assert (cell(data.rows, 1, 0), cell(data.rows, 1, 1), cell(data.rows, 2, 2)) == (
        "Ani",
        None,
        None,
    )
    assert data.error_cells == frozenset({(1, 1), (2, 2)})


def test_xls_booleans_and_computed_formulas_are_not_errors(tmp_path: Path) -> None:
    cells = {(0, 0): "Nama", (1, 0): xls_bool(1, 0, True), (1, 1): xls_bool(1, 1, False),
             (1, 2): xls_formula_number(1, 2, 42.0)}  # fmt: skip
    data = read_sheet(xls(tmp_path / "benar.xls", [("Klien", False, cells)]))
    assert data.rows[1] == (True, False, 42)
    assert data.error_cells == frozenset()


def test_xls_error_cells_of_another_sheet_are_not_reported(tmp_path: Path) -> None:
    first = {(0, 0): "Nama", (3, 3): xls_error(3, 3)}
    second = {(0, 0): "Nama", (1, 0): "Ani", (1, 1): xls_error(1, 1, 0x07)}
    path = xls(tmp_path / "dua.xls", [("Rekap", False, first), ("Klien", False, second)])
    assert read_sheet(path, "Klien").error_cells == frozenset({(1, 1)})
    assert read_sheet(path, "Rekap").error_cells == frozenset({(3, 3)})


# --- .ods -----------------------------------------------------------------------------


def test_ods_error_cells_read_as_empty_are_reported(tmp_path: Path) -> None:
    table = (
        '<table:table table:name="Klien">'
        '<table:table-column table:number-columns-repeated="4"/>'
        + ods_row(ods_text("Nama"), ods_text("NIK"), ods_text("No HP"))
        + ods_row(ods_text("Ani"), ods_error("#N/A"), ods_text("0812"))
        + ods_row(
            '<table:table-cell table:number-columns-repeated="2"/>', ods_error("#DIV/0!", "of:=1/0")
        )
        + '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        + ods_row(ods_text("Budi"), ods_error("Err:502", "of:=FOO()"))
        + "</table:table>"
    )
    data = read_sheet(ods(tmp_path / "galat.ods", table))
    assert [cell(data.rows, 1, c) for c in range(3)] == ["Ani", None, "0812"]
    assert (cell(data.rows, 2, 2), cell(data.rows, 5, 0), cell(data.rows, 5, 1)) == (
        None,
        "Budi",
        None,
    )
    assert data.error_cells == frozenset({(1, 1), (2, 2), (5, 1)})


def test_ods_positions_count_repeats_covered_cells_and_row_groups(tmp_path: Path) -> None:
    table = (
        '<table:table table:name="Klien"><table:table-header-rows>'
        + ods_row(ods_text("Nama"), ods_text("NIK"), ods_text("No HP"), ods_text("Kota"))
        + "</table:table-header-rows>"
        '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
        "<table:table-row-group>"
        + ods_row(
            '<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Ani</text:p>'
            "</table:table-cell><table:covered-table-cell/>",
            ods_error(repeat=2),
        )
        + "</table:table-row-group>"
        + ods_row(ods_text("Budi"), ods_error("#VALUE!"), repeat=2)
        + "</table:table>"
    )
    data = read_sheet(ods(tmp_path / "ulang.ods", table))
    assert (cell(data.rows, 4, 0), cell(data.rows, 5, 0), cell(data.rows, 6, 0)) == (
        "Ani",
        "Budi",
        "Budi",
    )
    assert data.error_cells == frozenset({(4, 2), (4, 3), (5, 1), (6, 1)})


def test_ods_typed_error_text_and_other_tables_are_not_reported(tmp_path: Path) -> None:
    other = (
        '<table:table table:name="Rekap">' + ods_row(ods_error(), ods_error()) + "</table:table>"
    )
    klien = ('<table:table table:name="Klien">' + ods_row(ods_text("Nama"), ods_text("#N/A"))
             + "</table:table>")  # fmt: skip
    data = read_sheet(ods(tmp_path / "ketik.ods", other + klien), "Klien")
    assert data.rows == [("Nama", "#N/A")]
    assert data.error_cells == frozenset()
    assert read_sheet(tmp_path / "ketik.ods", "Rekap").error_cells == frozenset({(0, 0), (0, 1)})


def test_ods_error_cell_repeated_over_a_huge_area_is_refused(tmp_path: Path, monkeypatch) -> None:
    # A few bytes of XML standing for more error cells than the reader keeps track of.
    monkeypatch.setattr(sheet_ods_errors, "MAX_ERROR_CELLS", 100)
    table = ('<table:table table:name="Klien">' + ods_row(ods_text("Nama"), ods_text("NIK"))
             + ods_row(ods_text("Ani"), ods_error(repeat=10), repeat=11) + "</table:table>")  # fmt: skip
    path = ods(tmp_path / "banyak.ods", table)
    with pytest.raises(SheetReadError) as caught:
        read_sheet(path)
    assert "banyak.ods" in str(caught.value) and "galat" in str(caught.value)
    monkeypatch.setattr(sheet_ods_errors, "MAX_ERROR_CELLS", 110)
    assert len(read_sheet(path).error_cells) == 110


def test_ods_error_scan_refuses_an_entity(tmp_path: Path) -> None:
    # check_ods_cells refuses a DOCTYPE first; the scan refuses it too, on its own.
    zf_path = ods(
        tmp_path / "dtd.ods",
        '<table:table table:name="K">' + ods_row(ods_error()) + "</table:table>",
    )
    with zipfile.ZipFile(zf_path) as zf:
        content = zf.read("content.xml").replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "#N/A">]>', 1)
    with zipfile.ZipFile(tmp_path / "rebuilt.ods", "w") as out:
        out.writestr("content.xml", content)
    with zipfile.ZipFile(tmp_path / "rebuilt.ods") as zf, pytest.raises(SheetReadError):
        sheet_ods_errors.ods_error_cells("dtd.ods", zf, "K", 1, 1)
