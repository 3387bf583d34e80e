"""NIK and phone masked for roles and documents that do not need them in full."""

from __future__ import annotations

import pytest

from ao_desktop.domain.common.masking import mask_nik, mask_phone


@pytest.mark.parametrize(
    ("nik", "masked"),
    [("3275012410750001", "3275********0001"), ("", ""), (None, ""), ("1234", "****")],
)
def test_nik(nik: str | None, masked: str) -> None:
    assert mask_nik(nik) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("081234565678", "0812****5678"), ("+6281234565678", "+62812****5678"),
     ("0812-3456-5678", "0812-****-5678"), ("061-4567890", "06*-***7890"), ("1500", "****"), ("", ""), (None, "")],
)
def test_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked
