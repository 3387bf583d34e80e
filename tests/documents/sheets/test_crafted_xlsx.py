"""Crafted .xlsx files that claim a grid of 1,048,576 x 16,384 cells in a few KB. Before
the sheet XML was parsed as XML they got past the size guard and calamine aborted the
whole process (SIGABRT), so each is read in a child process: a crash fails the test
instead of killing the test run."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ao_desktop.documents.sheets.sheet_reader import SheetReadError, list_sheets, read_sheet
from tests.fixtures.hostile_sheets import cells_without_refs, self_closing_lookalike, xlsx_with_rows
from tests.fixtures.officers import database_with_admin

CRAFTED: list[Callable[[Path], Path]] = [cells_without_refs, self_closing_lookalike]
ROOT = Path(__file__).resolve().parents[3]


def _child(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AO_DESKTOP_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env
    )


@pytest.mark.parametrize("craft", CRAFTED, ids=lambda c: c.__name__)
def test_the_reader_refuses_a_crafted_grid_in_a_child_process(tmp_path: Path, craft) -> None:
    path = craft(tmp_path / "kecil.xlsx")
    assert path.stat().st_size < 8 * 1024
    code = (
        "import sys\nfrom ao_desktop.documents.sheets.sheet_reader import read_sheet, list_sheets\n"
        "try:\n    read_sheet(sys.argv[1])\nexcept Exception as e:\n    print(e)\n"
        "print(list_sheets(sys.argv[1])[0].rows)"
    )
    child = _child(tmp_path, "-c", code, str(path))
    assert child.returncode == 0, child.stderr[-2000:]
    message, rows = child.stdout.strip().splitlines()
    assert "terlalu besar" in message and "1.048.576" in message and "XFD" in message
    assert rows == "1048576"  # listed, so the user can pick another sheet


@pytest.mark.parametrize("craft", CRAFTED, ids=lambda c: c.__name__)
def test_the_command_line_import_says_one_sentence_and_exits_1(tmp_path: Path, craft) -> None:
    path = craft(tmp_path / "kecil.xlsx")
    db = database_with_admin(tmp_path / "cabang.sqlite")  # the import signs in as its admin
    child = _child(tmp_path, "-m", "ao_desktop", "import-clients", str(path), "--db", str(db))
    assert child.returncode == 1, child.stderr[-2000:]
    err = child.stderr.strip()
    assert "Traceback" not in err and "\n" not in err
    assert "terlalu besar" in err and path.name in err


def test_cells_without_refs_are_placed_as_calamine_places_them(tmp_path: Path) -> None:
    # Three cells without `r` in row 50 land in A50:C50; the guard measures the same.
    data = read_sheet(cells_without_refs(tmp_path / "r.xlsx", row=50, cells=3))
    assert len(data.rows) == 50 and data.rows[49] == (1, 1, 1)


def test_a_self_closing_cell_far_away_still_reads(tmp_path: Path) -> None:
    # calamine leaves a cell without a value out of its grid: a styled empty cell.
    far = b'<row r="1048576"><c r="XFD1048576" s="1" x="a>"/><c x="/>" s="1" /></row>'
    assert read_sheet(xlsx_with_rows(tmp_path / "k.xlsx", far)).rows == [("Nama", "NIK"), ("Ani", None)]


def test_sheet_xml_that_is_not_well_formed_is_refused_as_damaged(tmp_path: Path) -> None:
    broken = b'<row r="3"><c r="A3"><v>1</v></row>'  # the cell is never closed
    with pytest.raises(SheetReadError, match="rusak"):
        read_sheet(xlsx_with_rows(tmp_path / "rusak.xlsx", broken))
    with pytest.raises(SheetReadError, match="rusak"):
        list_sheets(tmp_path / "rusak.xlsx")


@pytest.mark.parametrize(
    "formula",
    [
        b'<c r="B2" t="str"><f>A2&amp;""</f><v></v></c>',
        b'<c r="B2" t="str"><f>A2&amp;""</f><v/></c>',
        b'<c r="B2"><f>1+1</f><v xml:space="preserve"></v></c>',
        b'<c r="B2"><f>1+1</f><v xml:space="preserve"/></c>',
    ],
)
def test_a_formula_with_an_empty_stored_value_is_reported(tmp_path: Path, formula: bytes) -> None:
    rows = b'<row r="3">' + formula.replace(b'r="B2"', b'r="B3"') + b"</row>"
    data = read_sheet(xlsx_with_rows(tmp_path / "f.xlsx", rows))
    assert data.formula_blanks == frozenset({(2, 1)})
