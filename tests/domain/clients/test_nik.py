"""Tests for NIK parsing, spreadsheet-number detection and cross-checks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.clients.nik import (
    PROVINCE_CODES,
    NikError,
    NikInfo,
    check_nik_against,
    nik_from_text,
    parse_nik,
)

TODAY = date(2026, 11, 27)
NUMBER_MESSAGE = (
    "NIK tersimpan sebagai angka sehingga digit terakhir hilang; ketik ulang sebagai teks"
)


def make_nik(
    birth: date,
    sex: Sex = Sex.MALE,
    province: str = "31",
    regency: str = "74",
    district: str = "05",
    serial: str = "0012",
) -> str:
    """Build a NIK the way Dukcapil does: women's day + 40."""
    day = birth.day + (40 if sex is Sex.FEMALE else 0)
    return f"{province}{regency}{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"


def test_parse_full_example() -> None:
    assert parse_nik("3174055207900012", today=TODAY) == NikInfo(
        nik="3174055207900012",
        province_code="31",
        regency_code="74",
        district_code="05",
        birth_date=date(1990, 7, 12),
        sex=Sex.FEMALE,
        serial="0012",
    )


@pytest.mark.parametrize(
    ("text", "birth", "sex"),
    [
        ("3174051207900012", date(1990, 7, 12), Sex.MALE),
        ("3174055207900012", date(1990, 7, 12), Sex.FEMALE),
        ("3174054101000001", date(2000, 1, 1), Sex.FEMALE),  # day 41 = 1st, female
        ("3174057112990001", date(1999, 12, 31), Sex.FEMALE),  # day 71 = 31st
        ("3174053112990001", date(1999, 12, 31), Sex.MALE),
        ("3174 0512 0790 0012", date(1990, 7, 12), Sex.MALE),  # spaces
        ("31.74.05.120790.0012", date(1990, 7, 12), Sex.MALE),  # dots
        ("317405-120790-0012", date(1990, 7, 12), Sex.MALE),  # dashes
        ("  3174051207900012\t", date(1990, 7, 12), Sex.MALE),
        ("3174052711260001", date(2026, 11, 27), Sex.MALE),  # born today -> 2026
        ("3174052811260001", date(1926, 11, 28), Sex.MALE),  # tomorrow in 2026 -> 1926
        ("3174050101050001", date(2005, 1, 1), Sex.MALE),
        ("3174050101300001", date(1930, 1, 1), Sex.MALE),
        ("3174052902000001", date(2000, 2, 29), Sex.MALE),  # 2000 is a leap year
        ("3174056902960001", date(1996, 2, 29), Sex.FEMALE),
        ("9101051207900012", date(1990, 7, 12), Sex.MALE),  # Papua
        ("9701051207900012", date(1990, 7, 12), Sex.MALE),  # newest Papua code
        ("1101051207900012", date(1990, 7, 12), Sex.MALE),  # Aceh
        ("6501051207900012", date(1990, 7, 12), Sex.MALE),  # Kalimantan Utara
    ],
)
def test_parse_valid(text: str, birth: date, sex: Sex) -> None:
    info = parse_nik(text, today=TODAY)
    assert info.birth_date == birth
    assert info.sex == sex
    assert info.nik.isdigit() and len(info.nik) == 16


def test_century_depends_on_today() -> None:
    nik = "3174050101100001"  # 1 Jan (20)10
    assert parse_nik(nik, today=date(2026, 1, 1)).birth_date == date(2010, 1, 1)
    assert parse_nik(nik, today=date(2009, 12, 31)).birth_date == date(1910, 1, 1)


def test_default_today_is_now() -> None:
    assert parse_nik("3174051207900012").birth_date == date(1990, 7, 12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "NIK belum diisi"),
        ("   ", "NIK belum diisi"),
        (" - . ", "NIK belum diisi"),
        ("31740512079000a2", "NIK hanya boleh berisi angka"),
        ("3174/0512/0790/0012", "NIK hanya boleh berisi angka"),
        ("３１７４０５１２０７９０００１２", "NIK hanya boleh berisi angka"),  # full-width
        ("3174 0512 0790 001", "NIK harus 16 digit, yang diisi 15 digit"),
        ("31740512079000123", "NIK harus 16 digit, yang diisi 17 digit"),
        ("1", "NIK harus 16 digit, yang diisi 1 digit"),
        ("3.17405e+15", NUMBER_MESSAGE),
        ("1074051207900012", "Kode provinsi 10 dalam NIK tidak dikenal"),
        ("2074051207900012", "Kode provinsi 20 dalam NIK tidak dikenal"),
        ("3774051207900012", "Kode provinsi 37 dalam NIK tidak dikenal"),
        ("8374051207900012", "Kode provinsi 83 dalam NIK tidak dikenal"),
        ("9874051207900012", "Kode provinsi 98 dalam NIK tidak dikenal"),
        ("0074051207900012", "Kode provinsi 00 dalam NIK tidak dikenal"),
        ("3100051207900012", "Kode kabupaten/kota dalam NIK tidak boleh 00"),
        ("3174001207900012", "Kode kecamatan dalam NIK tidak boleh 00"),
        ("3174050007900012", "Tanggal lahir dalam NIK tidak valid"),
        ("3174053207900012", "Tanggal lahir dalam NIK tidak valid"),
        ("3174054007900012", "Tanggal lahir dalam NIK tidak valid"),
        ("3174057207900012", "Tanggal lahir dalam NIK tidak valid"),
        ("3174051200900012", "Bulan lahir dalam NIK tidak valid"),
        ("3174051213900012", "Bulan lahir dalam NIK tidak valid"),
        ("3174053104900012", "Tanggal lahir dalam NIK tidak ada di kalender"),  # 31 Apr
        ("3174052902010012", "Tanggal lahir dalam NIK tidak ada di kalender"),  # 2001/1901
        ("3174057102900012", "Tanggal lahir dalam NIK tidak ada di kalender"),  # 31 Feb, F
        ("3174051207900000", "Nomor urut dalam NIK tidak boleh 0000"),
    ],
)
def test_parse_invalid(text: str, message: str) -> None:
    with pytest.raises(NikError) as excinfo:
        parse_nik(text, today=TODAY)
    assert str(excinfo.value) == message


def test_leap_day_2000_before_2000_has_no_1900_twin() -> None:
    # In 1999 the 2000 reading is in the future and 29 Feb 1900 does not exist.
    with pytest.raises(NikError):
        parse_nik("3174052902000001", today=date(1999, 6, 1))


def test_nik_error_is_value_error() -> None:
    assert issubclass(NikError, ValueError)


def test_province_codes() -> None:
    assert {"11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76", "81", "82"} <= (
        PROVINCE_CODES
    )
    assert {f"{c}" for c in range(91, 98)} <= PROVINCE_CODES
    assert not {"10", "20", "22", "30", "37", "50", "54", "60", "66", "77", "83", "90", "98"} & (
        PROVINCE_CODES
    )
    assert len(PROVINCE_CODES) == 9 + 1 + 6 + 3 + 5 + 6 + 2 + 7


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (float("nan"), ""),
        ("3174051207900012", "3174051207900012"),
        ("  3174 0512 0790 0012 ", "3174 0512 0790 0012"),
        (3174051207900012, "3174051207900012"),  # exact int: last digit not 0
        (317405120790001, "317405120790001"),  # wrong length is parse_nik's job
        ("abc", "abc"),
    ],
)
def test_nik_from_text_passes_through(value: object, expected: str) -> None:
    assert nik_from_text(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        3.17405e15,
        3174051207900012.0,
        Decimal("3174051207900012"),
        3174051207900010,  # what Excel's 15 significant digits leave behind
        -3174051207900012,
        pytest.param(10**5000, id="huge-int"),
        "3.17405e+15",
        "3,17405E+15",
        "3.17405123E+15",
        "3174051207900010.0",
        "3174051207900010.00",
    ],
)
def test_nik_from_text_detects_numbers(value: object) -> None:
    with pytest.raises(NikError) as excinfo:
        nik_from_text(value)
    assert str(excinfo.value) == NUMBER_MESSAGE


def _info(text: str = "3174051307900012") -> NikInfo:
    return parse_nik(text, today=TODAY)  # 13 Jul 1990, male


@pytest.mark.parametrize(
    ("birth", "sex", "expected"),
    [
        (date(1990, 7, 13), Sex.MALE, []),
        (None, None, []),
        (None, Sex.MALE, []),
        (
            date(1990, 7, 12),
            None,
            ["Tanggal lahir 12 Jul 1990 tidak cocok dengan NIK (NIK menunjukkan 13 Jul 1990)"],
        ),
        (
            date(1991, 7, 13),
            Sex.MALE,
            ["Tanggal lahir 13 Jul 1991 tidak cocok dengan NIK (NIK menunjukkan 13 Jul 1990)"],
        ),
        (
            None,
            Sex.FEMALE,
            ["Jenis kelamin Perempuan tidak cocok dengan NIK (NIK menunjukkan Laki-laki)"],
        ),
        (
            date(1990, 8, 13),
            Sex.FEMALE,
            [
                "Tanggal lahir 13 Agu 1990 tidak cocok dengan NIK (NIK menunjukkan 13 Jul 1990)",
                "Jenis kelamin Perempuan tidak cocok dengan NIK (NIK menunjukkan Laki-laki)",
            ],
        ),
    ],
)
def test_check_nik_against(birth: date | None, sex: Sex | None, expected: list[str]) -> None:
    assert check_nik_against(_info(), birth, sex) == expected


def test_check_female_nik_against_male() -> None:
    info = _info("3174055307900012")
    assert check_nik_against(info, date(1990, 7, 13), Sex.FEMALE) == []
    assert check_nik_against(info, date(1990, 7, 13), Sex.MALE) == [
        "Jenis kelamin Laki-laki tidak cocok dengan NIK (NIK menunjukkan Perempuan)"
    ]


def test_check_ignores_guessed_century() -> None:
    # The NIK reads as 5 May 2025, but a client typed as born in 1925 matches it.
    info = _info("3174050505250001")
    assert info.birth_date == date(2025, 5, 5)
    assert check_nik_against(info, date(1925, 5, 5), None) == []
    # A mismatch is shown in the typed century, not the guessed one.
    assert check_nik_against(info, date(1925, 5, 6), None) == [
        "Tanggal lahir 6 Mei 1925 tidak cocok dengan NIK (NIK menunjukkan 5 Mei 1925)"
    ]


# Birth dates within the 100 years ending today are exactly the ones the two-digit
# year can represent unambiguously.
birth_dates = st.dates(min_value=TODAY - timedelta(days=365 * 100 - 30), max_value=TODAY)


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    regency=st.integers(1, 99),
    district=st.integers(1, 99),
    birth=birth_dates,
    sex=st.sampled_from(Sex),
    serial=st.integers(1, 9999),
    separator=st.sampled_from(["", " ", ".", "-"]),
)
def test_generated_nik_round_trips(
    province: str,
    regency: int,
    district: int,
    birth: date,
    sex: Sex,
    serial: int,
    separator: str,
) -> None:
    nik = make_nik(birth, sex, province, f"{regency:02d}", f"{district:02d}", f"{serial:04d}")
    grouped = separator.join(nik[i : i + 4] for i in range(0, 16, 4))
    info = parse_nik(grouped, today=TODAY)
    assert info.nik == nik
    assert info.birth_date == birth
    assert info.sex == sex
    assert (info.province_code, info.regency_code, info.district_code, info.serial) == (
        province,
        f"{regency:02d}",
        f"{district:02d}",
        f"{serial:04d}",
    )
    assert check_nik_against(info, birth, sex) == []
    assert nik_from_text(nik) == nik


@given(st.one_of(st.text(), st.text(alphabet="0123456789 .-eE+,", max_size=24)))
def test_parse_random_text_raises_only_nik_error(text: str) -> None:
    try:
        info = parse_nik(text, today=TODAY)
    except NikError:
        return
    assert len(info.nik) == 16 and info.birth_date <= TODAY


@given(
    st.one_of(
        st.none(),
        st.text(),
        st.integers(),
        st.floats(),
        st.decimals(allow_nan=False),
        st.booleans(),
    )
)
def test_nik_from_text_random_values_raise_only_nik_error(value: object) -> None:
    try:
        text = nik_from_text(value)
    except NikError:
        return
    assert isinstance(text, str)
