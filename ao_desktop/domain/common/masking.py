"""Masking personal data where it serves no purpose (UU 27/2022 on personal data): the
marketing role sees the pipeline without NIKs and phone numbers in full.

    3275012410750001 -> 3275********0001      081234565678 -> 0812****5678
"""

from __future__ import annotations

MASK = "*"


def mask_nik(nik: str | None) -> str:
    """The first four digits (province and regency) and the last four stay."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return MASK * len(nik)
    return nik[:4] + MASK * (len(nik) - 8) + nik[-4:]


def mask_phone(phone: str | None) -> str:
    """A phone in the form it is shown (0812..., +62812..., 061-...): at least four digits
    in the middle become stars; up to four at each end stay (the operator or area prefix
    and the last four). A +62 country code stays and does not count."""
    if not phone:
        return ""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if phone.startswith("+62"):
        digits = digits[2:]
    n = len(digits)
    hidden = max(4, n - 8) if n > 4 else n
    tail = 4 if n - hidden >= 4 else max(0, n - hidden)
    head = n - hidden - tail
    masked = set(digits[head:n - tail])
    return "".join(MASK if i in masked else ch for i, ch in enumerate(phone))
