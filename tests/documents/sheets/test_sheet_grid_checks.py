"""The xlsx sheet bound: the quick byte scan decides only when it is conclusive, and then
its bound is never smaller than the exact expat placing; otherwise the exact pass runs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ao_desktop.documents.sheets import sheet_grid_checks
from ao_desktop.documents.sheets.sheet_grid_checks import bound_xlsx_sheet
from tests.fixtures.hostile_sheets import xlsx_with_rows

PART = "xl/worksheets/sheet1.xml"


def _exact(zf: zipfile.ZipFile) -> tuple[int, int]:
    extent = sheet_grid_checks._SheetExtent()
    xml = sheet_grid_checks._sheet_parser(extent)
    data = zf.read(PART)
    extent.feed(data, 0)
    xml.Parse(data, True)
    return extent.rows, extent.cols


def _bound(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[int, int], bool, tuple[int, int]]:
    """(bound, whether the exact pass ran, the exact placing)."""
    made: list[object] = []
    real = sheet_grid_checks._SheetExtent

    def spy() -> object:
        made.append(1)
        return real()

    monkeypatch.setattr(sheet_grid_checks, "_SheetExtent", spy)
    with zipfile.ZipFile(path) as zf:
        bound = bound_xlsx_sheet(path.name, zf, PART)
    monkeypatch.setattr(sheet_grid_checks, "_SheetExtent", real)
    with zipfile.ZipFile(path) as zf:
        exact = _exact(zf)
    return bound, bool(made), exact


@pytest.mark.parametrize(
    "rows",
    [
        b"",
        b'<row r="7"><c r="C7" t="s"><v>0</v></c><c r="AB9"><v>2</v></c></row>',
        b'<row r="3"><c r="D3"><f>1+1</f><v>2</v></c></row><!-- <c r="B2"> -->',
        b'<row r="4"><c\tr="E4"><v>1</v></c></row>',
        b'<cols><col min="1" max="3" width="9"/></cols>',
    ],
)
def test_a_plain_sheet_is_bounded_by_the_quick_scan_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: bytes
) -> None:
    bound, exact_ran, exact = _bound(xlsx_with_rows(tmp_path / "a.xlsx", rows), monkeypatch)
    assert not exact_ran
    assert bound == exact


def test_a_valueless_cell_counts_in_the_quick_bound_so_it_is_never_smaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx_with_rows(tmp_path / "a.xlsx", b'<row r="9"><c r="F9" s="1"/></row>')
    bound, exact_ran, exact = _bound(path, monkeypatch)
    assert not exact_ran and bound == (9, 6) and exact == (2, 2)


@pytest.mark.parametrize(
    "rows",
    [
        b'<row r="50"><c><v>1</v></c><c><v>1</v></c></row>',  # no r: placed by neighbours
        b'<row r="5"><c s="1" r="B5"><v>1</v></c></row>',  # r not first
        b'<row r="5"><c r="b5"><v>1</v></c></row>',  # lower-case letters
        b"<row r=\"5\"><c r='B5'><v>1</v></c></row>",  # single quotes
        b'<row r="5"><c r="ABCD5"><v>1</v></c></row>',  # longer than any real column
        b'<row r="5"><c r="A123456789"><v>1</v></c></row>',  # longer than any real row
        b'<row r="6"><x:c xmlns:x="urn:x" r="C6"><x:v>1</x:v></x:c></row>',  # a prefixed cell
        b'<row r="1048576"><c r="XFD1048576" s="1" x="a>"/></row>',  # far: oversized quick bound
    ],
)
def test_an_inconclusive_scan_leaves_the_bound_to_the_exact_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: bytes
) -> None:
    bound, exact_ran, exact = _bound(xlsx_with_rows(tmp_path / "a.xlsx", rows), monkeypatch)
    assert exact_ran
    assert bound == exact


def test_a_utf16_sheet_is_never_concluded_from_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx_with_rows(tmp_path / "a.xlsx", b'<row r="8"><c r="H8"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as zf:
        text = zf.read(PART).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
        others = {n: zf.read(n) for n in zf.namelist() if n != PART}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in others.items():
            zf.writestr(name, data)
        zf.writestr(PART, text.encode("utf-16"))
    bound, exact_ran, exact = _bound(path, monkeypatch)
    assert exact_ran and bound == exact == (8, 8)
