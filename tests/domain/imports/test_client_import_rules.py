"""Client import rules: which rows are data, one row to a Client with every problem named
by row and column, duplicates within a file, and merging into a stored client."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.imports.client_import import (
    ERROR_MESSAGE,
    FORMULA_MESSAGE,
    ParsedRow,
    RowKind,
    RowParser,
    classify_row,
    parse_row,
)
from ao_desktop.domain.imports.import_duplicates import find_file_duplicates, merge_into
from ao_desktop.domain.imports.sheet_header import recognise

TODAY = date(2026, 11, 27)
HEADERS = (
    "No", "Nama Nasabah", "No. KTP", "HP/WA", "Tgl Lahir", "L/P", "Alamat", "Kota",
    "Penghasilan", "Status", "Sumber", "AO", "Tag", "Keterangan",
)  # fmt: skip
MAPPING = recognise(HEADERS)
COL = {field: col for col, field in MAPPING.items()}
OFFICERS = {"Rina Wulandari": 7, "Andi": 8}
NIK = "3174051207900012"  # a man born 12/07/1990
NIK_2 = "3174054508850003"  # a woman born 05/08/1985


def cells(**values: Any) -> list[Any]:
    row: list[Any] = [None] * len(HEADERS)
    row[0] = 1
    for field, value in values.items():
        row[COL[field]] = value
    return row


def parse(row: list[Any], **kwargs: Any) -> ParsedRow:
    kwargs.setdefault("officers", OFFICERS)
    kwargs.setdefault("default_officer_id", 3)
    return parse_row(12, row, MAPPING, HEADERS, today=TODAY, **kwargs)


def messages(parsed: ParsedRow) -> list[tuple[str, str, bool]]:
    return [(i.column, i.message, i.is_error) for i in parsed.issues]


# --- classify_row -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ([], RowKind.BLANK),
        ([None, "", "   ", float("nan"), "-"], RowKind.BLANK),
        ([None, None, "dicetak 27/11/2026"], RowKind.NOTE),
        ([None, None, None, None, 5_000_000], RowKind.NOTE),  # a lone total under a column
        ([None, "TOTAL", None, None, None, None, None, None, 95_000_000], RowKind.NOTE),
        ([None, "Jumlah nasabah: 20"], RowKind.NOTE),
        (["Catatan: data per November", "x", "y"], RowKind.NOTE),
        (["Keterangan : L = laki-laki", "P = perempuan"], RowKind.NOTE),
        (["Sumber data: AO Bekasi", "2026"], RowKind.NOTE),
        ([None, "Dibuat oleh", None, "Mengetahui"], RowKind.NOTE),
        ([None, "Mengetahui,", "Kepala Cabang"], RowKind.NOTE),
        ([1, "Budi Santoso"], RowKind.DATA),
        ([None, "Budi"], RowKind.DATA),  # a lone name is a client
        ([2, None, "3174051207900012", "0812"], RowKind.DATA),  # no name: an error later
        ([1, "Totalia Siregar", "3174051207900012"], RowKind.DATA),  # not the word "total"
        ([1, "Budi", "Catatan: teman"], RowKind.DATA),  # a remark after the name
        # A client's name that starts like a note is a name (the export puts it first).
        ([None, "Total Jaya Motor", "3174051207900012"], RowKind.DATA),
        ([None, "Jumlah Rejeki", None, "081234567890"], RowKind.DATA),
        ([None, "Total: 120 nasabah"], RowKind.NOTE),
        ([None, "Total nasabah", None, None, 120], RowKind.NOTE),
    ],
)
def test_classify_row(row: list[Any], kind: RowKind) -> None:
    assert classify_row(row, MAPPING) is kind


# --- parse_row: values ----------------------------------------------------------------------
def test_a_typical_row() -> None:
    parsed = parse(
        cells(
            full_name="  Budi Santoso ",
            nik=NIK,
            phone="0812-3456-7890",
            birth_date="12/07/1990",
            sex="L",
            street="Jl. Melati No. 5",
            city="Jakarta Selatan",
            monthly_income="Rp 6.000.000",
            status="Nasabah Aktif",
            lead_source="Brosur",
            officer="rina  WULANDARI",
            tags="UMKM; kuliner, umkm",
            notes="Usaha warung\nsejak 2015",
        )
    )
    assert parsed.issues == ()
    assert not parsed.rejected and not parsed.flagged
    assert parsed.row == 12
    assert parsed.officer_name == "rina  WULANDARI"
    assert parsed.client == Client(
        full_name="Budi Santoso",
        nik=NIK,
        mobile="+6281234567890",
        birth_date=date(1990, 7, 12),
        sex=Sex.MALE,
        address=Address(street="Jl. Melati No. 5", city="Jakarta Selatan"),
        monthly_income=6_000_000,
        status=ClientStatus.ACTIVE,
        lead_source=LeadSource.FLYER,
        officer_id=7,
        tags=("kuliner", "umkm"),
        notes="Usaha warung\nsejak 2015",
    )
    assert parsed.filled_fields == {
        "full_name", "nik", "mobile", "birth_date", "sex", "street", "city", "monthly_income",
        "status", "lead_source", "officer_id", "tags", "notes",
    }  # fmt: skip


def test_blank_choices_take_the_defaults_and_the_importing_officer() -> None:
    parsed = parse(cells(full_name="Siti"))
    assert parsed.client is not None
    client = parsed.client
    assert (client.status, client.lead_source, client.kind) == (
        ClientStatus.PROSPECT,
        LeadSource.OTHER,
        ClientKind.INDIVIDUAL,
    )
    assert client.officer_id == 3
    assert parsed.filled_fields == {"full_name"}


def test_values_from_number_and_date_cells() -> None:
    parsed = parse(
        cells(
            full_name="Budi",
            phone=81234567890.0,  # Excel dropped the 0
            birth_date=datetime(1990, 7, 12),
            monthly_income=6_000_000.0,
        )
    )
    assert parsed.client is not None
    assert parsed.client.mobile == "+6281234567890"
    assert parsed.client.birth_date == date(1990, 7, 12)
    assert parsed.client.monthly_income == 6_000_000


def test_a_landline_in_the_phone_column_goes_to_the_landline() -> None:
    parsed = parse(cells(full_name="Budi", phone="(021) 5551234"))
    assert parsed.client is not None
    assert (parsed.client.mobile, parsed.client.landline) == ("", "+62215551234")
    assert "landline" in parsed.filled_fields and "mobile" not in parsed.filled_fields
    assert parsed.issues == ()


def test_a_landline_in_the_phone_column_when_the_landline_column_is_filled() -> None:
    headers = ("Nama", "No HP", "Telepon Rumah")
    mapping = recognise(headers)
    same = parse_row(2, ["Budi", "021-5551234", "(021) 5551234"], mapping, headers, today=TODAY)
    assert same.client is not None and same.client.landline == "+62215551234"
    other = parse_row(3, ["Budi", "021-5551234", "022-7654321"], mapping, headers, today=TODAY)
    assert other.rejected
    assert [(i.column, i.is_error) for i in other.issues] == [("No HP", True)]
    assert "bukan nomor HP" in other.issues[0].message


# --- parse_row: problems ------------------------------------------------------------------
def test_missing_name_is_an_error_on_the_name_column() -> None:
    parsed = parse(cells(nik=NIK, phone="081234567890"))
    assert parsed.rejected and parsed.client is None
    assert messages(parsed) == [("Nama Nasabah", "Nama lengkap wajib diisi.", True)]


def test_a_nik_typed_as_a_number_is_an_error() -> None:
    parsed = parse(cells(full_name="Budi", nik=3174051207900010))
    assert parsed.client is None
    assert messages(parsed) == [
        (
            "No. KTP",
            "NIK tersimpan sebagai angka sehingga digit terakhir hilang; ketik ulang sebagai teks",
            True,
        )
    ]


def test_a_nik_that_disagrees_with_birth_date_and_sex_is_a_warning() -> None:
    parsed = parse(cells(full_name="Budi", nik=NIK_2, birth_date="12/07/1990", sex="L"))
    assert parsed.flagged and not parsed.rejected
    assert parsed.client is not None
    assert [(c, e) for c, _m, e in messages(parsed)] == [("No. KTP", False), ("No. KTP", False)]
    assert "Tanggal lahir" in parsed.issues[0].message
    assert "Jenis kelamin" in parsed.issues[1].message


def test_every_problem_of_a_row_is_reported_at_once() -> None:
    parsed = parse(
        cells(
            full_name="Budi",
            nik="3174",
            phone="12345",
            birth_date="12/07/90",
            sex="X",
            monthly_income="lima juta",
            status="mungkin",
        )
    )
    assert parsed.client is None
    columns = [i.column for i in parsed.issues]
    assert sorted(columns) == sorted(
        ["HP/WA", "Tgl Lahir", "L/P", "Penghasilan", "Status", "No. KTP"]
    )
    assert all(i.row == 12 and i.is_error for i in parsed.issues)


def test_an_invalid_phone_is_an_error_on_the_phone_column() -> None:
    parsed = parse(cells(full_name="Budi", phone="0812"))
    assert [(i.column, i.field) for i in parsed.issues] == [("HP/WA", "phone")]
    assert parsed.rejected


def test_an_unknown_officer_is_a_warning_and_the_importer_gets_the_client() -> None:
    parsed = parse(cells(full_name="Budi", officer="Joko"))
    assert parsed.flagged
    assert parsed.client is not None and parsed.client.officer_id == 3
    assert messages(parsed) == [
        ("AO", "AO 'Joko' tidak dikenal; nasabah dimasukkan ke AO yang mengimpor", False)
    ]
    assert parsed.officer_name == "Joko"
    assert "officer_id" not in parsed.filled_fields  # a merge keeps the stored officer


def test_a_referral_without_referrer_is_not_flagged() -> None:
    parsed = parse(cells(full_name="Budi", lead_source="Referensi"))
    assert parsed.issues == ()
    assert parsed.client is not None and parsed.client.lead_source is LeadSource.REFERRAL


def test_a_warning_on_a_field_without_a_column_names_the_field() -> None:
    parsed = parse(cells(full_name="Budi", status="Ditolak"))
    assert parsed.flagged
    assert messages(parsed)[0][0] == "Alasan menolak"  # FIELD_LABELS: the sheet has no column


def test_a_business_needs_a_business_name() -> None:
    headers = ("Nama", "Jenis Nasabah", "Nama Usaha")
    mapping = recognise(headers)
    refused = parse_row(2, ["Budi", "PT", None], mapping, headers, today=TODAY)
    assert [(i.column, i.is_error) for i in refused.issues] == [("Nama Usaha", True)]
    accepted = parse_row(3, ["Budi", "CV", "CV Maju Jaya"], mapping, headers, today=TODAY)
    assert accepted.client is not None and accepted.client.kind is ClientKind.BUSINESS


def test_a_formula_without_a_stored_value_is_an_error() -> None:
    row = cells(full_name="Budi", monthly_income=None)
    parsed = parse(row, formula_blanks={COL["monthly_income"]})
    assert messages(parsed) == [("Penghasilan", FORMULA_MESSAGE, True)]


def test_an_excel_error_cell_is_an_error_not_an_empty_cell() -> None:
    row = cells(full_name="Budi", phone=None)
    parsed = parse(row, error_cells={COL["phone"]})
    assert messages(parsed) == [("HP/WA", ERROR_MESSAGE, True)] and parsed.client is None


def test_a_formula_blank_past_the_end_of_a_short_row_is_still_named() -> None:
    # calamine drops a formula cell without a value: a short row must still report it.
    parsed = parse([1, "Budi"], formula_blanks={COL["monthly_income"]})
    assert [(i.field, i.message) for i in parsed.issues] == [("monthly_income", FORMULA_MESSAGE)]


def test_a_short_row_reads_missing_cells_as_empty() -> None:
    parsed = parse_row(4, [1, "Budi"], MAPPING, HEADERS, today=TODAY)
    assert parsed.client is not None and parsed.client.full_name == "Budi"


def test_an_unnamed_column_mapped_by_hand_is_named_by_its_label() -> None:
    parsed = parse_row(4, ["Budi", "x"], {0: "full_name", 1: "sex"}, ("Nama", ""), today=TODAY)
    assert [i.column for i in parsed.issues] == ["Jenis Kelamin"]


def test_parse_row_does_not_reuse_a_parser_for_other_arguments() -> None:
    first = parse_row(2, ["Budi", "Joko"], {0: "full_name", 1: "officer"}, ("Nama", "AO"),
                      today=TODAY, officers={"Joko": 1})  # fmt: skip
    second = parse_row(2, ["Budi", "Joko"], {0: "full_name", 1: "officer"}, ("Nama", "AO"),
                       today=TODAY, officers={"Joko": 2})  # fmt: skip
    third = parse_row(2, ["Budi", "Joko"], {0: "full_name", 1: "notes"}, ("Nama", "AO"),
                      today=TODAY, officers={"Joko": 2})  # fmt: skip
    assert first.client is not None and first.client.officer_id == 1
    assert second.client is not None and second.client.officer_id == 2
    assert third.client is not None and third.client.notes == "Joko"


CELL = (
    st.none()
    | st.text()
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)


@settings(max_examples=300)
@given(st.lists(CELL, min_size=0, max_size=len(HEADERS) + 2), st.sets(st.integers(0, 15)))
def test_no_cell_value_makes_the_import_raise(row: list[Any], blanks: set[int]) -> None:
    kind = classify_row(row, MAPPING)
    assert isinstance(kind, RowKind)
    parsed = parse(row, formula_blanks=blanks)
    assert parsed.row == 12
    for issue in parsed.issues:
        assert issue.row == 12
        assert issue.column and issue.field and issue.message
    assert (parsed.client is None) == parsed.rejected


@given(st.sampled_from(sorted(COL)), CELL)
def test_any_value_in_any_column_is_read_or_named(field: str, value: Any) -> None:
    parsed = parse(cells(**{"full_name": "Budi", field: value}))
    assert all(i.column in HEADERS or i.column == "Alasan menolak" for i in parsed.issues)


# --- duplicates within the file -------------------------------------------------------------
def parsed_row(row: int, client: Client | None, *, error: bool = False) -> ParsedRow:
    from ao_desktop.domain.common.cell_values import RowIssue

    issues = (RowIssue(row, "nik", "NIK", "salah"),) if error else ()
    return ParsedRow(row, (), None if error else client, issues, "")


def test_file_duplicates_map_to_the_earliest_row() -> None:
    budi = Client(full_name="Budi Santoso", nik=NIK, birth_date=date(1990, 7, 12))
    rows = [
        parsed_row(2, budi),
        parsed_row(3, Client(full_name="Siti", mobile="+6281234567890")),
        parsed_row(4, Client(full_name="Budi S.", nik=NIK)),
        parsed_row(5, Client(full_name="Siti Aminah", mobile="+6281234567890")),
        parsed_row(6, Client(full_name="Santoso Budi", birth_date=date(1990, 7, 12))),
        parsed_row(7, Client(full_name="Budi Hartono", birth_date=date(1990, 7, 12))),
        parsed_row(8, Client(full_name="Budi", nik=NIK), error=True),
        parsed_row(9, Client(full_name="Ahmad")),
    ]
    found = find_file_duplicates(rows)
    assert {r: (d.first_row, d.reasons) for r, d in found.items()} == {
        4: (2, ("NIK sama",)),
        5: (3, ("No. HP sama",)),
        6: (2, ("Nama mirip dan tanggal lahir sama",)),
    }


def test_file_duplicates_of_a_placeholder_birth_date_stay_fast_and_exact_names_match() -> None:
    day = date(1970, 1, 1)
    rows = [
        parsed_row(i, Client(full_name=f"Nasabah {i:05d}", birth_date=day)) for i in range(2, 2002)
    ]
    rows.append(parsed_row(3000, Client(full_name="Nasabah 01500", birth_date=day)))
    found = find_file_duplicates(rows)
    assert found[3000].first_row == 1500


NAME_TOKENS = st.sampled_from(
    [
        "Muhammad", "Muhamad", "Mohammad", "Moh.", "Rizki", "Rizky", "Budi", "Boedi", "Santoso",
        "Santosa", "Siti", "Sitti", "Aminah", "Rina", "Wati", "Rinawati", "Yusuf", "Jusuf",
        "Hamzah", "Dewi", "Dewo", "H.", "Hj.", "S.E.", "PT", "CV", "Ir.", "Ma'ruf", "Maruf",
        "Agus", "Hartono", "Ahmad", "Achmad", "Nur", "Nurul", "Ni", "Putu", "Kadek", "Éva",
    ]
)  # fmt: skip
NAMES = st.lists(NAME_TOKENS, min_size=1, max_size=4).map(" ".join) | st.text(max_size=20)


def brute_force_duplicates(rows: list[ParsedRow]) -> dict[int, tuple[int, tuple[str, ...]]]:
    from ao_desktop.domain.clients.duplicates import duplicate_reasons

    kept = [r for r in rows if r.client is not None]
    found = {}
    for index, parsed in enumerate(kept):
        for earlier in kept[:index]:
            assert parsed.client is not None and earlier.client is not None
            reasons = duplicate_reasons(parsed.client, earlier.client)
            if reasons:
                found[parsed.row] = (earlier.row, reasons)
                break
    return found


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            NAMES,
            st.sampled_from(["", NIK, NIK_2]),
            st.sampled_from(["", "+6281234567890"]),
            st.sampled_from([None, date(1990, 7, 12), date(1985, 8, 5)]),
        ),
        max_size=25,
    )
)
def test_file_duplicates_are_those_of_comparing_every_pair(
    people: list[tuple[str, str, str, date | None]],
) -> None:
    rows = [
        parsed_row(i + 2, Client(full_name=name, nik=nik, mobile=mobile, birth_date=born))
        for i, (name, nik, mobile, born) in enumerate(people)
    ]
    found = find_file_duplicates(rows)
    assert {r: (d.first_row, d.reasons) for r, d in found.items()} == brute_force_duplicates(rows)


@settings(max_examples=100)
@given(st.lists(st.tuples(NAMES, st.sampled_from([None, date(1990, 7, 12), date(1985, 8, 5)])),
                max_size=25))
def test_rows_added_with_sketches_made_elsewhere_find_the_same_duplicates(
    people: list[tuple[str, date | None]],
) -> None:
    from ao_desktop.domain.imports.import_duplicates import FileDuplicateFinder, name_sketches

    rows = [parsed_row(i + 2, Client(full_name=name, birth_date=born))
            for i, (name, born) in enumerate(people)]  # fmt: skip
    half = len(rows) // 2
    finder = FileDuplicateFinder()
    finder.add(rows[:half])
    finder.add(rows[half:], name_sketches(rows[half:]))
    assert finder.found == find_file_duplicates(rows)


@settings(max_examples=1000)
@given(NAMES, NAMES)
def test_the_name_sketch_never_rules_out_a_similar_name(a: str, b: str) -> None:
    from ao_desktop.domain.clients.names import SIMILAR_NAME_THRESHOLD, name_similarity
    from ao_desktop.domain.imports.import_duplicates import _may_be_similar, _sketch

    if name_similarity(a, b) >= SIMILAR_NAME_THRESHOLD:
        assert _may_be_similar(_sketch(a, {}), _sketch(b, {}))


# --- merging into a stored client -----------------------------------------------------------
STORED = Client(
    full_name="Budi",
    nik=NIK,
    mobile="+6281234567890",
    address=Address(street="Jl. Melati 5", city="Bekasi", postal_code="17111"),
    monthly_income=4_000_000,
    status=ClientStatus.APPLICATION,
    officer_id=7,
    tags=("umkm",),
    notes="Kenal sejak 2020",
    consent_contact=True,
    id=41,
    version=6,
    created_at=datetime(2025, 1, 2, 9, 0),
    updated_by="rina",
)


def test_merge_replaces_only_the_fields_the_row_filled() -> None:
    incoming = Client(
        full_name="Budi Santoso",
        mobile="+6289876543210",
        address=Address(city="Jakarta Timur"),
        monthly_income=0,
        officer_id=3,
        tags=("kuliner",),
        notes="Minta dihubungi sore",
    )
    merged = merge_into(
        STORED, incoming, {"full_name", "mobile", "city", "monthly_income", "tags", "notes"}
    )
    assert merged == replace(
        STORED,
        full_name="Budi Santoso",
        mobile="+6289876543210",
        address=Address(street="Jl. Melati 5", city="Jakarta Timur", postal_code="17111"),
        monthly_income=0,
        tags=("kuliner", "umkm"),
        notes="Kenal sejak 2020\nMinta dihubungi sore",
    )


def test_merge_with_nothing_filled_keeps_the_stored_client() -> None:
    assert merge_into(STORED, Client(full_name=""), set()) is STORED


@pytest.mark.parametrize(
    ("stored", "incoming", "expected"),
    [
        ("", "baru", "baru"),
        ("lama", "lama", "lama"),
        ("lama\nbaru", "baru", "lama\nbaru"),  # imported twice: not appended again
        ("lama", "baru", "lama\nbaru"),
    ],
)
def test_merge_notes(stored: str, incoming: str, expected: str) -> None:
    merged = merge_into(
        replace(STORED, notes=stored), Client(full_name="", notes=incoming), {"notes"}
    )
    assert merged.notes == expected


def test_a_parsed_row_merges_without_losing_stored_values() -> None:
    parsed = parse(cells(full_name="Budi", status="Aktif", officer="Joko"))
    assert parsed.client is not None
    merged = merge_into(STORED, parsed.client, parsed.filled_fields)
    assert merged == replace(STORED, status=ClientStatus.ACTIVE)


def test_a_row_parser_built_once_reads_like_parse_row() -> None:
    parser = RowParser(MAPPING, HEADERS, today=TODAY, officers=OFFICERS, default_officer_id=3)
    rows = [cells(full_name="Budi", nik=NIK, officer="Andi"), cells(nik="x"), [None, "TOTAL", 5]]
    assert [parser.classify(r) for r in rows] == [classify_row(r, MAPPING) for r in rows]
    assert [parser.parse(12, r) for r in rows[:2]] == [parse(r) for r in rows[:2]]
