"""Reading extract rows: messy headers under titles, required columns, a reason per row
and column for bad values, duplicate account numbers, the as-of date rules."""

from __future__ import annotations

from datetime import date

import pytest

from ao_desktop.domain.portfolio.extract_columns import find_extract_header, mapping_problems
from ao_desktop.domain.portfolio.extract_rows import (
    ExtractParser,
    as_of_problem,
    duplicate_accounts,
)

NIK = "3201014101900001"


def test_header_found_under_title_rows_with_the_core_systems_words() -> None:
    rows = [("LAPORAN OUTSTANDING KREDIT", None), (None,), ("Posisi: 30/11/2026",),
            ("NO.", "No. Rek", "Nama Nasabah", "No KTP", "OS", "Tgk Pokok", "Tgk Bunga", "DPD", "Kd AO"),
            (1, "001", "Siti", NIK, 1000, 0, 0, 0, "AO1")]
    guess = find_extract_header(rows)
    assert guess is not None and guess.row == 3
    assert guess.mapping == {1: "account_no", 2: "borrower_name", 3: "nik", 4: "outstanding",
                             5: "arrears_principal", 6: "arrears_interest", 7: "days_past_due",
                             8: "officer_code"}
    assert mapping_problems(guess.mapping) == []


def test_missing_required_columns_are_named() -> None:
    problems = mapping_problems({0: "account_no", 1: "borrower_name"})
    text = " ".join(problems)
    assert "Baki Debet" in text and "Hari Tunggakan" in text and "NIK atau CIF" in text


MAPPING = {0: "account_no", 1: "nik", 2: "outstanding", 3: "days_past_due", 4: "arrears_principal"}
HEADERS = ("No Rekening", "NIK", "Baki Debet", "Hari Tunggakan", "Tunggakan Pokok")


@pytest.mark.parametrize(("values", "column", "words"), [
    (("A1", NIK, -5_000_000.0, 0, 0), "kolom C (Baki Debet)", "negatif"),
    (("A1", NIK, "-5.000.000", 0, 0), "kolom C (Baki Debet)", ""),
    (("A1", NIK, 5_000_000, "tiga bulan", 0), "kolom D (Hari Tunggakan)", "harus angka"),
    (("A1", NIK, 5_000_000, 12.5, 0), "kolom D (Hari Tunggakan)", "bulat"),
    (("A1", NIK, None, 3, 0), "kolom C (Baki Debet)", "wajib"),
    (("A1", NIK, 5_000_000, None, 0), "kolom D (Hari Tunggakan)", "wajib"),
    ((None, NIK, 5_000_000, 3, 0), "No Rekening", "wajib"),
    (("A1", None, 5_000_000, 3, 0), "NIK/CIF", "wajib"),
    (("A1", 3201014101900001.0, 5_000_000, 3, 0), "kolom B (NIK)", "teks"),
])
def test_bad_values_reject_the_row_with_a_reason_per_column(values, column: str, words: str) -> None:
    parsed, issues = ExtractParser(MAPPING, HEADERS).parse(7, values)
    assert parsed is None
    errors = [i for i in issues if i.is_error]
    assert errors and errors[0].row == 7 and errors[0].column == column
    assert words in errors[0].message


def test_good_row_reads_money_text_and_number_cells() -> None:
    parsed, issues = ExtractParser(MAPPING, HEADERS).parse(5, ("00123", NIK, "Rp 6.000.000", "45", 250000.0))
    assert issues == []
    assert parsed is not None
    assert (parsed.account_no, parsed.outstanding, parsed.days_past_due, parsed.arrears_principal) == (
        "00123", 6_000_000, 45, 250_000)


def test_a_short_nik_is_a_warning_and_matching_falls_to_cif() -> None:
    mapping = {**MAPPING, 5: "cif"}
    parsed, issues = ExtractParser(mapping, (*HEADERS, "CIF")).parse(5, ("A", "12345", 1000, 0, 0, "C9"))
    assert parsed is not None and parsed.nik == "" and parsed.cif == "C9"
    assert [i.is_error for i in issues] == [False]


def test_duplicate_account_numbers_reject_every_row_holding_them() -> None:
    parser = ExtractParser(MAPPING, HEADERS)
    rows = [parser.parse(r, (no, NIK, 1000, 0, 0))[0] for r, no in ((5, "A"), (6, "B"), (7, "a"))]
    dupes = duplicate_accounts([r for r in rows if r])
    assert set(dupes) == {5, 7}
    assert "baris 7" in dupes[5] and "baris 5" in dupes[7]


def test_as_of_rules() -> None:
    today = date(2026, 12, 4)
    assert "masa depan" in as_of_problem(date(2026, 12, 5), today, None, False)
    assert as_of_problem(date(2026, 12, 4), today, None, False) is None
    assert as_of_problem(date(2026, 11, 30), today, date(2026, 11, 30), False) is None  # same date
    assert "lebih lama" in as_of_problem(date(2026, 10, 31), today, date(2026, 11, 30), False)
    assert as_of_problem(date(2026, 10, 31), today, date(2026, 11, 30), True) is None
    assert "masa depan" in as_of_problem(date(2027, 1, 1), today, None, True)
