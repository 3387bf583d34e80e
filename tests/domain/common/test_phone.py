"""Tests for Indonesian phone normalisation, display and WhatsApp links."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.common.phone import (
    TWO_DIGIT_AREA_CODES,
    PhoneError,
    PhoneKind,
    PhoneNumber,
    is_mobile,
    normalize_phone,
)

MOBILE = PhoneKind.MOBILE
LANDLINE = PhoneKind.LANDLINE


@pytest.mark.parametrize(
    ("text", "e164", "kind", "display"),
    [
        ("0812-3456-7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("081234567890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("0812 3456 7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("0812.3456.7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("+62 812 3456 7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("+6281234567890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("62 812 3456 7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("6281234567890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("+62 (0)812-3456-7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("(+62) 812 3456 7890", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("812345678901", "+62812345678901", MOBILE, "0812-3456-78901"),  # Excel dropped 0
        ("81234567890", "+6281234567890", MOBILE, "0812-3456-7890"),
        (81234567890, "+6281234567890", MOBILE, "0812-3456-7890"),
        (81234567890.0, "+6281234567890", MOBILE, "0812-3456-7890"),
        (6281234567890.0, "+6281234567890", MOBILE, "0812-3456-7890"),
        ("81234567890.0", "+6281234567890", MOBILE, "0812-3456-7890"),
        ("0812345678", "+62812345678", MOBILE, "0812-3456-78"),  # shortest: 10 digits
        ("0812345678901", "+62812345678901", MOBILE, "0812-3456-78901"),  # longest: 13
        ("0895 1234 5678", "+6289512345678", MOBILE, "0895-1234-5678"),
        ("(021) 555-1234", "+62215551234", LANDLINE, "(021) 5551234"),
        ("021 2345 6789", "+622123456789", LANDLINE, "(021) 23456789"),
        ("+62 21 5551234", "+62215551234", LANDLINE, "(021) 5551234"),
        ("62 21 5551234", "+62215551234", LANDLINE, "(021) 5551234"),
        ("21 5551234", "+62215551234", LANDLINE, "(021) 5551234"),  # Excel dropped 0
        ("(022) 7654321", "+62227654321", LANDLINE, "(022) 7654321"),
        ("031-5678901", "+62315678901", LANDLINE, "(031) 5678901"),
        ("061 4567890", "+62614567890", LANDLINE, "(061) 4567890"),
        ("(0274) 512345", "+62274512345", LANDLINE, "(0274) 512345"),
        ("0361 234567", "+62361234567", LANDLINE, "(0361) 234567"),
        ("0411-12345", "+6241112345", LANDLINE, "(0411) 12345"),
        (2745123456, "+622745123456", LANDLINE, "(0274) 5123456"),
    ],
)
def test_normalize_valid(text: str | int | float, e164: str, kind: PhoneKind, display: str) -> None:
    number = normalize_phone(text)
    assert number == PhoneNumber(e164, kind)
    assert number.display == display
    assert number.national == "0" + e164[3:]
    assert number.wa_digits == e164[1:]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Nomor telepon belum diisi"),
        ("   ", "Nomor telepon belum diisi"),
        ("--", "Nomor telepon belum diisi"),
        ("+1 415 555 0100", "Hanya nomor Indonesia (+62) yang didukung"),
        ("+60 12 345 6789", "Hanya nomor Indonesia (+62) yang didukung"),
        ("+65 9123 4567", "Hanya nomor Indonesia (+62) yang didukung"),
        ("0812", "Nomor telepon terlalu pendek (4 digit)"),
        ("081234567", "Nomor HP harus 10-13 digit termasuk 0 di depan, yang diisi 9 digit"),
        ("08123456789012", "Nomor HP harus 10-13 digit termasuk 0 di depan, yang diisi 14 digit"),
        ("+62 812 3456 7890 12", "Nomor HP harus 10-13 digit termasuk 0 di depan, yang diisi 14 digit"),
        ("0800 123 4567", "Nomor 080x adalah nomor bebas pulsa, bukan nomor HP"),
        ("021 1234", "Nomor telepon rumah/kantor tidak lengkap atau terlalu panjang (7 digit)"),
        ("021 123456789", "Nomor telepon rumah/kantor tidak lengkap atau terlalu panjang (12 digit)"),
        ("0123456789", "Awalan nomor tidak dikenal: nomor HP diawali 08, telepon rumah/kantor diawali kode area"),
        ("0062 812 3456 7890", "Awalan nomor tidak dikenal: nomor HP diawali 08, telepon rumah/kantor diawali kode area"),
        ("1234567890", "Awalan nomor tidak dikenal: nomor HP diawali 08, telepon rumah/kantor diawali kode area"),
        ("0812abc7890", "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung"),
        ("0812-3456-7890 / 0813-1111-2222", "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung"),
        ("0812 3456 7890 ext 2", "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung"),
        ("０８１２３４５６７８９０", "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung"),
        ("0812+3456", "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung"),
        ("8.12346E+10", "Nomor telepon tersimpan sebagai angka berformat ilmiah; ketik ulang"),
        (81234567890.5, "Nomor telepon tidak valid"),
        (float("nan"), "Nomor telepon tidak valid"),
        (float("inf"), "Nomor telepon tidak valid"),
        (-81234567890, "Nomor telepon tidak valid"),
        (True, "Nomor telepon tidak valid"),
        (10**30, "Nomor telepon terlalu panjang"),
    ],
)  # fmt: skip
def test_normalize_invalid(text: str | int | float, message: str) -> None:
    with pytest.raises(PhoneError) as excinfo:
        normalize_phone(text)
    assert str(excinfo.value) == message


def test_phone_error_is_value_error() -> None:
    assert issubclass(PhoneError, ValueError)


def test_whatsapp_link() -> None:
    number = normalize_phone("0812-3456-7890")
    assert number.whatsapp_link() == "https://wa.me/6281234567890"
    assert number.whatsapp_link("") == "https://wa.me/6281234567890"
    assert (
        number.whatsapp_link("Halo Bu, angsuran & bunga?")
        == "https://wa.me/6281234567890?text=Halo%20Bu%2C%20angsuran%20%26%20bunga%3F"
    )
    assert number.whatsapp_link("Rp4.000.000 / bulan\n#1") == (
        "https://wa.me/6281234567890?text=Rp4.000.000%20%2F%20bulan%0A%231"
    )


def test_whatsapp_link_refuses_landline() -> None:
    with pytest.raises(PhoneError, match="WhatsApp"):
        normalize_phone("(021) 555-1234").whatsapp_link("Halo")


@pytest.mark.parametrize("e164", ["081234567890", "+6081234567", "+62abc", ""])
def test_phone_number_guards_construction(e164: str) -> None:
    with pytest.raises(PhoneError):
        PhoneNumber(e164, MOBILE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0812-3456-7890", True),
        (81234567890.0, True),
        ("(021) 555-1234", False),
        ("+1 415 555 0100", False),
        ("bukan nomor", False),
        ("", False),
    ],
)
def test_is_mobile(text: str | float, expected: bool) -> None:
    assert is_mobile(text) is expected


mobile_nationals = st.builds(
    lambda third, rest: "08" + third + rest,
    st.sampled_from("123456789"),
    st.text(alphabet="0123456789", min_size=7, max_size=10),
)


@given(mobile_nationals)
def test_mobile_normalisation_is_idempotent(national: str) -> None:
    number = normalize_phone(national)
    assert number.kind is MOBILE
    assert number.national == national
    assert number.e164 == "+62" + national[1:]
    for form in (
        number.national,
        number.e164,
        number.display,
        number.wa_digits,
        national[1:],  # Excel dropped the 0
        int(national),
        float(int(national)),
        "+62 (0)" + national[1:],
    ):
        assert normalize_phone(form) == number, form
    assert is_mobile(national)
    assert number.whatsapp_link().endswith("/" + number.wa_digits)


three_digit_areas = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("2345679"),
    st.text(alphabet="0123456789", min_size=2, max_size=2),
).filter(lambda area: area[:2] not in TWO_DIGIT_AREA_CODES)

landline_nationals = st.builds(
    lambda area, subscriber: "0" + area + subscriber,
    st.one_of(st.sampled_from(sorted(TWO_DIGIT_AREA_CODES)), three_digit_areas),
    st.text(alphabet="0123456789", min_size=5, max_size=8),
)


@given(landline_nationals)
def test_landline_normalisation_is_idempotent(national: str) -> None:
    number = normalize_phone(national)
    assert number.kind is LANDLINE
    assert number.national == national
    for form in (number.e164, number.display, number.national, "+62 " + national[1:]):
        assert normalize_phone(form) == number, form
    area, subscriber = number.display.split(" ")
    assert area.startswith("(0") and area.endswith(")")
    assert area[1:-1] + subscriber == national
    assert not is_mobile(national)


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789+-(). eE", max_size=20),
        st.integers(),
        st.floats(),
    )
)
def test_random_input_raises_only_phone_error(value: str | int | float) -> None:
    try:
        number = normalize_phone(value)
    except PhoneError:
        return
    assert number.e164.startswith("+62") and number.e164[1:].isdigit()
    assert 10 <= len(number.e164) <= 15
