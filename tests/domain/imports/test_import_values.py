"""Readers of single spreadsheet cells for the client import: accepted spellings, refusals
with a reason, and no exception other than CellError for any value."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.common.cell_values import CellError
from ao_desktop.domain.common.phone import PhoneKind
from ao_desktop.domain.imports.import_choices import (
    KIND_NAMES,
    SEX_NAMES,
    SOURCE_NAMES,
    STATUS_NAMES,
    read_kind,
    read_sex,
    read_source,
    read_status,
)
from ao_desktop.domain.imports.import_values import (
    is_blank,
    read_date,
    read_id_number,
    read_money,
    read_phone,
    read_text,
    read_yes_no,
)

ANY_CELL = (
    st.none()
    | st.text()
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1990, 7, 12), date(1990, 7, 12)),
        (datetime(1990, 7, 12, 8, 30), date(1990, 7, 12)),
        ("12/07/1990", date(1990, 7, 12)),
        ("1/7/1990", date(1990, 7, 1)),
        ("12-07-1990", date(1990, 7, 12)),
        ("12.07.1990", date(1990, 7, 12)),
        ("1990-07-12", date(1990, 7, 12)),
        ("1990/07/12", date(1990, 7, 12)),
        ("1990-07-12 00:00:00", date(1990, 7, 12)),
        ("12 Juli 1990", date(1990, 7, 12)),
        ("12 Jul 1990", date(1990, 7, 12)),
        ("12-Jul-1990", date(1990, 7, 12)),
        ("12 July 1990", date(1990, 7, 12)),
        ("12 JULI 1990", date(1990, 7, 12)),
        ("July 12, 1990", date(1990, 7, 12)),
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("17 Agu 1985", date(1985, 8, 17)),
        ("17 Agt 1985", date(1985, 8, 17)),
        ("17 Aug 1985", date(1985, 8, 17)),
        ("1 Okt 2000", date(2000, 10, 1)),
        ("1 Oct 2000", date(2000, 10, 1)),
        ("25 Des 1999", date(1999, 12, 25)),
        ("25 Dec 1999", date(1999, 12, 25)),
        ("7 Mei 1988", date(1988, 5, 7)),
        ("7 May 1988", date(1988, 5, 7)),
        ("3 Pebruari 1970", date(1970, 2, 3)),
        ("3 Nopember 1970", date(1970, 11, 3)),
        ("  12 Jul. 1990 ", date(1990, 7, 12)),
        (33066, date(1990, 7, 12)),  # Excel serial day number
        (33066.0, date(1990, 7, 12)),
        (33066.75, date(1990, 7, 12)),  # a serial with a time of day
        ("33066", date(1990, 7, 12)),
        (None, None),
        ("", None),
        ("   ", None),
        ("-", None),
        (float("nan"), None),
    ],
)
def test_read_date_accepts(value: Any, expected: date | None) -> None:
    assert read_date(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("12/07/90", "4 digit"),
        ("12 Jul 90", "4 digit"),
        ("31/02/1990", "bukan tanggal yang ada di kalender"),
        ("29/02/1991", "bukan tanggal yang ada di kalender"),
        ("07/25/1990", "bulan 25 tidak ada"),
        ("12 Julio 1990", "bukan tanggal"),
        ("kemarin", "bukan tanggal"),
        ("12/07/19900", "bukan tanggal"),
        (1990, "hanya berisi tahun"),
        (1_000_000, "bukan tanggal"),
        (-5, "bukan tanggal"),
        (float("inf"), "bukan tanggal"),
        (True, "bukan tanggal"),
        (time(8, 30), "bukan tanggal"),
    ],
)
def test_read_date_refuses_with_a_reason(value: Any, fragment: str) -> None:
    with pytest.raises(CellError, match=fragment):
        read_date(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prospek", ClientStatus.PROSPECT),
        ("calon", ClientStatus.PROSPECT),
        ("Calon Nasabah", ClientStatus.PROSPECT),
        ("prospek", ClientStatus.PROSPECT),
        ("Pengajuan", ClientStatus.APPLICATION),
        ("proses", ClientStatus.APPLICATION),
        ("Aktif", ClientStatus.ACTIVE),
        ("Nasabah Aktif", ClientStatus.ACTIVE),
        ("nasabah", ClientStatus.ACTIVE),
        ("aktif", ClientStatus.ACTIVE),
        ("Tidak Aktif", ClientStatus.INACTIVE),
        ("tidak_aktif", ClientStatus.INACTIVE),
        ("nonaktif", ClientStatus.INACTIVE),
        ("Non-Aktif", ClientStatus.INACTIVE),
        ("Ditolak", ClientStatus.DECLINED),
        ("tolak", ClientStatus.DECLINED),
        ("batal", ClientStatus.DECLINED),
    ],
)
def test_read_status(text: str, expected: ClientStatus) -> None:
    assert read_status(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brosur", LeadSource.FLYER),
        ("flyer", LeadSource.FLYER),
        ("Spanduk", LeadSource.FLYER),
        ("Media Sosial", LeadSource.SOCIAL_MEDIA),
        ("medsos", LeadSource.SOCIAL_MEDIA),
        ("Sosmed", LeadSource.SOCIAL_MEDIA),
        ("Instagram", LeadSource.SOCIAL_MEDIA),
        ("IG", LeadSource.SOCIAL_MEDIA),
        ("Facebook", LeadSource.SOCIAL_MEDIA),
        ("FB", LeadSource.SOCIAL_MEDIA),
        ("TikTok", LeadSource.SOCIAL_MEDIA),
        ("WhatsApp", LeadSource.SOCIAL_MEDIA),
        ("Grup WA", LeadSource.SOCIAL_MEDIA),
        ("media_sosial", LeadSource.SOCIAL_MEDIA),
        ("Referensi", LeadSource.REFERRAL),
        ("rekomendasi", LeadSource.REFERRAL),
        ("Teman", LeadSource.REFERRAL),
        ("keluarga", LeadSource.REFERRAL),
        ("Walk-in", LeadSource.WALK_IN),
        ("walk in", LeadSource.WALK_IN),
        ("Datang Langsung", LeadSource.WALK_IN),
        ("Acara", LeadSource.EVENT),
        ("event", LeadSource.EVENT),
        ("Pameran", LeadSource.EVENT),
        ("Lainnya", LeadSource.OTHER),
        ("lain-lain", LeadSource.OTHER),
    ],
)
def test_read_source(text: str, expected: LeadSource) -> None:
    assert read_source(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perorangan", ClientKind.INDIVIDUAL),
        ("individu", ClientKind.INDIVIDUAL),
        ("Pribadi", ClientKind.INDIVIDUAL),
        ("Badan Usaha", ClientKind.BUSINESS),
        ("usaha", ClientKind.BUSINESS),
        ("PT", ClientKind.BUSINESS),
        ("CV", ClientKind.BUSINESS),
        ("Perusahaan", ClientKind.BUSINESS),
    ],
)
def test_read_kind(text: str, expected: ClientKind) -> None:
    assert read_kind(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L", Sex.MALE),
        ("l", Sex.MALE),
        ("Laki-laki", Sex.MALE),
        ("LAKI LAKI", Sex.MALE),
        ("Pria", Sex.MALE),
        ("M", Sex.MALE),
        ("Male", Sex.MALE),
        ("Lk", Sex.MALE),
        ("P", Sex.FEMALE),
        ("Perempuan", Sex.FEMALE),
        ("Wanita", Sex.FEMALE),
        ("F", Sex.FEMALE),
        ("Female", Sex.FEMALE),
        ("Pr", Sex.FEMALE),
    ],
)
def test_read_sex(text: str, expected: Sex) -> None:
    assert read_sex(text) is expected


@pytest.mark.parametrize("reader", [read_status, read_source, read_kind, read_sex])
@pytest.mark.parametrize("blank", [None, "", "  ", "-", float("nan")])
def test_blank_choice_is_none(reader: Any, blank: Any) -> None:
    assert reader(blank) is None


@pytest.mark.parametrize(
    ("reader", "value", "fragment"),
    [
        (read_status, "mungkin", "pilih salah satu: Prospek, Pengajuan"),
        (read_source, "radio", "pilih salah satu: Brosur"),
        (read_kind, "koperasi simpan", "pilih salah satu: Perorangan"),
        (read_sex, "X", "L atau P"),
        (read_sex, 1, "L atau P"),
        (read_status, date(2020, 1, 1), "bukan status"),
    ],
)
def test_unknown_choice_names_the_choices(reader: Any, value: Any, fragment: str) -> None:
    with pytest.raises(CellError, match=fragment):
        reader(value)


@pytest.mark.parametrize(
    "names",
    [STATUS_NAMES, SOURCE_NAMES, KIND_NAMES, SEX_NAMES],
    ids=["status", "source", "kind", "sex"],
)
def test_every_value_is_reachable_by_its_code(names: dict[str, Any]) -> None:
    values = set(names.values())
    assert all(names[v.value] is v for v in values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ya", True),
        ("y", True),
        ("YES", True),
        ("bersedia", True),
        (True, True),
        (1, True),
        (1.0, True),
        ("Tidak", False),
        ("tdk", False),
        ("no", False),
        (False, False),
        (0, False),
        (None, False),
        ("", False),
        ("-", False),
    ],
)
def test_read_yes_no(value: Any, expected: bool) -> None:
    assert read_yes_no(value) is expected


@pytest.mark.parametrize("value", ["mungkin", 2, 0.5, date(2020, 1, 1)])
def test_read_yes_no_refuses(value: Any) -> None:
    with pytest.raises(CellError, match="Ya atau Tidak"):
        read_yes_no(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (6_000_000, 6_000_000),
        (6_000_000.0, 6_000_000),
        (1_500_000.4, 1_500_000),  # a formula's result: rounded to whole Rupiah
        (1_500_000.5, 1_500_001),
        ("Rp 6.000.000", 6_000_000),
        ("6 jt", 6_000_000),
        ("6.000.000", 6_000_000),
        (0, 0),
        (None, 0),
        ("", 0),
        ("-", 0),
        (float("nan"), 0),
    ],
)
def test_read_money(value: Any, expected: int) -> None:
    assert read_money(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-5, "negatif"),
        (-0.5, "negatif"),
        ("-5000", "negatif"),
        ("Rp 1.000,50", "rupiah penuh"),
        ("lima juta", "tidak dapat dibaca"),
        (True, "bukan nominal"),
        (float("inf"), "bukan nominal"),
        (date(2020, 1, 1), "bukan nominal"),
    ],
)
def test_read_money_refuses(value: Any, fragment: str) -> None:
    with pytest.raises(CellError, match=fragment):
        read_money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Budi Santoso ", "Budi Santoso"),
        ("budi SANTOSO", "budi SANTOSO"),  # letter case kept
        ("Budi\x00 Santoso", "Budi Santoso"),
        ("Budi\nSantoso", "Budi Santoso"),
        ("\ufeffBudi", "Budi"),
        (12, "12"),
        (12.0, "12"),
        (1.5, "1.5"),
        (date(2020, 1, 2), "02/01/2020"),
        (datetime(2020, 1, 2), "02/01/2020"),
        (datetime(2020, 1, 2, 13, 5), "02/01/2020 13:05"),
        (None, ""),
        (float("nan"), ""),
        ("-", ""),
    ],
)
def test_read_text(value: Any, expected: str) -> None:
    assert read_text(value) == expected


def test_read_text_keeps_line_breaks_and_tabs_in_notes() -> None:
    assert read_text(" baris 1\r\nbaris 2\tx\x07 ", multiline=True) == "baris 1\nbaris 2\tx"


@pytest.mark.parametrize(
    ("value", "field", "expected"),
    [
        ("3174051207900012", "nik", "3174051207900012"),
        (" 3174 0512 0790 0012 ", "nik", "3174 0512 0790 0012"),  # clean_client drops spaces
        (3174051207900012, "nik", "3174051207900012"),  # 16th digit not 0: cannot be Excel's
        ("12345", "postal_code", "12345"),
        (12345, "postal_code", "12345"),
        (12345.0, "postal_code", "12345"),  # python-calamine gives every number as float
        ("12345.0", "postal_code", "12345"),
        (1234567890123, "nib", "1234567890123"),
        (1234567890123.0, "nib", "1234567890123"),
        ("0123456789012", "nib", "0123456789012"),
        ("01.234.567.8-901.000", "npwp", "01.234.567.8-901.000"),
        (123456789012345, "npwp", "123456789012345"),
        (3174051207900012, "npwp", "3174051207900012"),
        (None, "nib", ""),
        ("-", "npwp", ""),
    ],
)
def test_read_id_number(value: Any, field: str, expected: str) -> None:
    assert read_id_number(value, field) == expected


@pytest.mark.parametrize(
    ("value", "field", "fragment"),
    [
        (3174051207900010, "nik", "tersimpan sebagai angka"),
        (3.174051207900012e15, "nik", "tersimpan sebagai angka"),
        ("3.17405E+15", "nik", "tersimpan sebagai angka"),
        ("3174051207900012.0", "nik", "tersimpan sebagai angka"),
        (-3174051207900012, "nik", "tersimpan sebagai angka"),
        (1234, "postal_code", "angka 0 di depan"),
        (12345678901234, "npwp", "angka 0 di depan"),  # lost its leading 0
        (123456789012.0, "nib", "angka 0 di depan"),
        (1234.5, "postal_code", "tersimpan sebagai angka"),
        (float("inf"), "nib", "tersimpan sebagai angka"),
        (1234567890123450.0, "npwp", "tersimpan sebagai angka"),
        ("1,23457E+12", "nib", "berformat ilmiah"),
        (True, "nik", "bukan nomor identitas"),
        (date(2020, 1, 1), "postal_code", "bukan nomor identitas"),
    ],
)
def test_read_id_number_refuses(value: Any, field: str, fragment: str) -> None:
    with pytest.raises(CellError, match=fragment):
        read_id_number(value, field)


@pytest.mark.parametrize(
    ("value", "e164", "kind"),
    [
        ("0812-3456-7890", "+6281234567890", PhoneKind.MOBILE),
        (81234567890, "+6281234567890", PhoneKind.MOBILE),  # the lost leading zero
        (81234567890.0, "+6281234567890", PhoneKind.MOBILE),
        ("+62 812 3456 7890", "+6281234567890", PhoneKind.MOBILE),
        ("(021) 5551234", "+62215551234", PhoneKind.LANDLINE),
    ],
)
def test_read_phone(value: Any, e164: str, kind: PhoneKind) -> None:
    phone = read_phone(value)
    assert phone is not None
    assert (phone.e164, phone.kind) == (e164, kind)


@pytest.mark.parametrize("value", ["12345", "8.12346E+10", True, date(2020, 1, 1), -812345678])
def test_read_phone_refuses(value: Any) -> None:
    with pytest.raises(CellError):
        read_phone(value)


@pytest.mark.parametrize(
    ("value", "blank"),
    [(None, True), ("", True), (" \t", True), ("—", True), (float("nan"), True), (0, False),
     ("0", False), (False, False), ("x", False)],
)  # fmt: skip
def test_is_blank(value: Any, blank: bool) -> None:
    assert is_blank(value) is blank


READERS = [
    read_date,
    read_status,
    read_source,
    read_kind,
    read_sex,
    read_yes_no,
    read_money,
    read_text,
    read_phone,
    lambda v: read_text(v, multiline=True),
    lambda v: read_id_number(v, "nik"),
    lambda v: read_id_number(v, "nib"),
    lambda v: read_id_number(v, "npwp"),
    lambda v: read_id_number(v, "postal_code"),
]


@given(value=ANY_CELL | st.integers(min_value=10**4000, max_value=10**4400))
def test_no_reader_raises_anything_but_cell_error(value: Any) -> None:
    for reader in READERS:
        try:
            reader(value)
        except CellError as exc:
            assert str(exc)  # always a reason


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_written_as_text_reads_back(day: date) -> None:
    assert read_date(read_text(day)) == day
    assert read_date(day.isoformat()) == day
