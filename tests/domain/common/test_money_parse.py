"""parse_rupiah: the ways people write amounts, and refusal of what is ambiguous."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.money_parse import parse_rupiah


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50000000", 50_000_000),
        ("50.000.000", 50_000_000),
        ("Rp50.000.000", 50_000_000),
        ("Rp 50.000.000", 50_000_000),
        ("rp. 6.000.000,-", 6_000_000),
        ("Rp 6.000.000", 6_000_000),
        ("6.000.000,00", 6_000_000),
        ("IDR 6.000.000", 6_000_000),
        ("6,000,000", 6_000_000),
        ("6,000,000.00", 6_000_000),
        ("1.500", 1_500),
        ("0", 0),
        ("Rp0", 0),
        ("50jt", 50_000_000),
        ("50 jt", 50_000_000),
        ("50 JUTA", 50_000_000),
        ("1,5 jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("2,25 juta", 2_250_000),
        ("1.500 jt", 1_500_000_000),
        ("1.000,5 jt", 1_000_500_000),
        ("750rb", 750_000),
        ("750 ribu", 750_000),
        ("10k", 10_000),
        ("2 miliar", 2_000_000_000),
        ("2,5 milyar", 2_500_000_000),
        ("1 triliun", 10**12),
        ("5.000.000 rupiah", 5_000_000),
        ("\u00a05.000.000\u00a0", 5_000_000),
    ],
)
def test_accepted_spellings(text: str, expected: int) -> None:
    assert parse_rupiah(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "wajib diisi"),
        ("   ", "wajib diisi"),
        ("-5000", "negatif"),
        ("Rp-5.000", "negatif"),
        ("2M", "tidak jelas"),
        ("2 m", "tidak jelas"),
        ("6,000", "tidak jelas"),
        ("1,5", "rupiah penuh"),
        ("1.000,50", "rupiah penuh"),
        ("0,0000001 jt", "rupiah penuh"),
        ("5 dolar", "tidak dikenal"),
        ("lima juta", "tidak dapat dibaca"),
        ("12.34.567", "tidak dapat dibaca"),
        ("1.000.00", "tidak dapat dibaca"),
        ("1,000.000,00", "tidak dapat dibaca"),
        ("5.", "tidak dapat dibaca"),
        ("1e9", "tidak dapat dibaca"),
        ("9" * 19, "terlalu besar"),
        ("9" * 41, "terlalu panjang"),
    ],
)
def test_refused_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        parse_rupiah(text, field="plafon")
    assert fragment in str(exc.value)
    assert [i.field for i in exc.value.issues] == ["plafon"]


def test_not_a_string_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        parse_rupiah(5_000_000)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**15))
def test_formatted_amounts_parse_back(n: int) -> None:
    assert parse_rupiah(format_rupiah(n)) == n
    assert parse_rupiah(str(n)) == n
    english = f"{n:,}"
    if english.count(",") == 1:
        # "6,000": 6 with a decimal comma, or 6000 with an English comma; refused.
        with pytest.raises(ValidationFailed, match="tidak jelas"):
            parse_rupiah(english)
    else:
        assert parse_rupiah(english) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_juta_with_a_decimal_comma(whole: int, hundredths: int) -> None:
    text = f"{whole},{hundredths:02d} jt"
    assert parse_rupiah(text) == whole * 1_000_000 + hundredths * 10_000
