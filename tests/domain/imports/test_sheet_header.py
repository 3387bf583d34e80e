"""Finding the header row of a client sheet, its layout key, and mapping problems."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.imports.client_sheet import REASON_HEADER, ROW_HEADER, SHEET_COLUMNS
from ao_desktop.domain.imports.sheet_header import (
    column_letter,
    find_header,
    layout_key,
    mapping_problems,
    recognise,
)

TEMPLATE = [c.label for c in SHEET_COLUMNS if c.importable]


def test_the_template_header_maps_every_column() -> None:
    guess = find_header([TEMPLATE])
    assert guess is not None
    assert guess.row == 0
    assert guess.mapping == {
        i: c.field for i, c in enumerate(c for c in SHEET_COLUMNS if c.importable)
    }
    assert guess.headers == tuple(TEMPLATE)


def test_title_rows_and_blank_rows_above_the_header_are_skipped() -> None:
    rows: list[list[Any]] = [
        ["DAFTAR PROSPEK KUR - CABANG BEKASI", None, None],
        ["Periode: November 2026"],
        [],
        [None, None, None],
        ["No", "Nama Nasabah", "No. KTP", "HP/WA", "Tgl Lahir", "Alamat", None, "Keterangan"],
        [1, "Budi", "3174051207900012", "081234567890", "12/07/1990", "Jl. Melati", None, ""],
    ]
    guess = find_header(rows)
    assert guess is not None
    assert guess.row == 4
    assert guess.headers == (
        "No", "Nama Nasabah", "No. KTP", "HP/WA", "Tgl Lahir", "Alamat", "", "Keterangan",
    )  # fmt: skip
    assert guess.mapping == {
        1: "full_name", 2: "nik", 3: "phone", 4: "birth_date", 5: "street", 7: "notes",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "expected_row"),
    [
        ([["Nama", "NIK"], ["Nama", "NIK", "Kota"]], 1),  # most recognised wins
        ([["Nama", "NIK"], ["Nama", "Kota"]], 0),  # a tie: the first
        ([["NIK", "HP", "Kota", "Alamat"], ["Nama", "HP"]], 1),  # a header needs a name column
        ([["Nama"], ["Nama", "Alamat"]], 1),  # and at least one other
    ],
)
def test_which_row_is_the_header(rows: list[list[Any]], expected_row: int) -> None:
    guess = find_header(rows)
    assert guess is not None
    assert guess.row == expected_row


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [[]],
        [["Nama"]],
        [["NIK", "HP", "Alamat"]],
        [["Laporan"], [None, 1, 2.5, True]],
    ],
)
def test_no_header_found(rows: list[list[Any]]) -> None:
    assert find_header(rows) is None


def test_only_the_first_rows_are_scanned() -> None:
    rows: list[list[Any]] = [[f"judul {i}"] for i in range(30)] + [["Nama", "NIK"]]
    assert find_header(rows) is None
    guess = find_header(rows, scan=31)
    assert guess is not None
    assert guess.row == 30


def test_a_field_named_twice_keeps_its_first_column() -> None:
    assert recognise(["Nama", "No HP", "Nama Nasabah", "Telepon"]) == {0: "full_name", 1: "phone"}


def test_numbering_and_report_columns_are_never_mapped() -> None:
    headers = [REASON_HEADER, ROW_HEADER, "No", "No.", "#", "Nama", "NIK"]
    assert recognise(headers) == {5: "full_name", 6: "nik"}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NAMA LENGKAP", "full_name"),
        ("  nama   nasabah ", "full_name"),
        ("No. HP / WA", "phone"),
        ("Tgl. Lahir", "birth_date"),
        ("Penghasilan/Bulan", "monthly_income"),
        ("Kab/Kota", "city"),
        ("Keterangan", "notes"),
        ("Catatan", "notes"),  # the header of exports before it was renamed Keterangan
    ],
)
def test_header_spellings(header: str, field: str) -> None:
    assert recognise([header]) == {0: field}


def test_layout_key_is_stable_and_ignores_case_spacing_and_trailing_blanks() -> None:
    key = layout_key(["Nama", "NIK", "No. HP"])
    assert key == layout_key(["NAMA ", "nik", "no hp", "", ""])
    # The remembered mapping is by column index: a moved column is another layout.
    assert key != layout_key(["Nama", "NIK", "", "No. HP"])
    assert len(key) == 16
    assert int(key, 16) >= 0


@pytest.mark.parametrize(
    "other",
    [["NIK", "Nama", "No. HP"], ["Nama", "NIK"], ["Nama", "NIK", "No. HP", "Kota"]],
)
def test_layout_key_differs_for_another_layout(other: list[str]) -> None:
    assert layout_key(other) != layout_key(["Nama", "NIK", "No. HP"])


@pytest.mark.parametrize(
    ("mapping", "fragments"),
    [
        ({0: "full_name", 1: "nik"}, []),
        ({0: "nik"}, ["Belum ada kolom nama"]),
        ({}, ["Belum ada kolom nama"]),
        ({0: "full_name", 1: "nik", 3: "nik"}, ["NIK dipilih untuk lebih dari satu kolom (B, D)"]),
        ({0: "full_name", 27: "nama_ibu"}, ["Kolom AB", "tidak dikenal", "nama_ibu"]),
        ({0: "full_name", 1: "updated_at"}, ["tidak dikenal"]),  # export only
        ({0: "nik", 1: "nik"}, ["Belum ada kolom nama", "lebih dari satu kolom"]),
    ],
)
def test_mapping_problems(mapping: dict[int, str], fragments: list[str]) -> None:
    text = " | ".join(mapping_problems(mapping))
    assert all(f in text for f in fragments)
    assert bool(text) == bool(fragments)


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter


CELL = (
    st.none()
    | st.text()
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.dates()
    | st.datetimes()
)


@given(st.lists(st.lists(CELL, max_size=8), max_size=12))
def test_find_header_never_raises(rows: list[list[Any]]) -> None:
    guess = find_header(rows)
    if guess is not None:
        assert "full_name" in guess.mapping.values()
        assert len(guess.mapping) >= 2
        assert len(set(guess.mapping.values())) == len(guess.mapping)
        assert len(guess.headers) == len(rows[guess.row])
        layout_key(guess.headers)
