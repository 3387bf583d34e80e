"""Indonesian phone numbers: normalisation to E.164, display and WhatsApp links.

Numbers arrive typed by hand or from spreadsheets, where Excel drops the leading 0
and may turn the number into a float; all of these are repaired here when unambiguous.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from ao_desktop.domain.common.i18n import _

COUNTRY_CODE = "62"

# Mobile: 08 + 8..11 digits = 10-13 digits nationally. The third digit is never 0:
# 0800 is the toll-free range, not a personal mobile.
_MOBILE = re.compile(r"08[1-9]\d{7,10}")
MOBILE_LENGTHS = range(10, 14)

# The big-city area codes with two digits after the 0; every other area code has three.
# Area codes are prefix-free, so this set alone decides where the subscriber part starts.
TWO_DIGIT_AREA_CODES: frozenset[str] = frozenset(
    {
        "21",  # Jakarta and surroundings
        "22",  # Bandung
        "24",  # Semarang
        "31",  # Surabaya
        "61",  # Medan
    }
)
SUBSCRIBER_LENGTHS = range(5, 9)

# Characters people use to group digits; anything else (letters, "/", "ext") is refused.
_ALLOWED = re.compile(r"[(\s]*\+?[\d\s().\-]+")
# str() of a float from a spreadsheet: "81234567890.0". The ".0" is harmless noise.
_FLOAT_TEXT = re.compile(r"(\d+)\.0+")
# Scientific notation ("8.12346E+10") is what Excel shows in a narrow column: digits are
# already lost, so it is refused rather than expanded into a wrong but valid-looking number.
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\s*\d+")
# The two forms a stored or well-typed mobile number already has; normalize_phone answers
# these without the general parsing (bulk imports and clean_client call it for every row).
_E164_MOBILE = re.compile(r"\+628[1-9][0-9]{7,10}")
_NATIONAL_MOBILE = re.compile(r"08[1-9][0-9]{7,10}")


class PhoneError(ValueError):
    """Invalid phone number; the message is user-facing (Bahasa Indonesia)."""


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"


@dataclass(frozen=True)
class PhoneNumber:
    """A validated Indonesian number, stored as E.164 (``+6281234567890``)."""

    e164: str
    kind: PhoneKind

    def __post_init__(self) -> None:
        # Guard direct construction (e.g. from storage): every property assumes +62.
        if not (self.e164.startswith("+" + COUNTRY_CODE) and self.e164[1:].isdigit()):
            raise PhoneError(_("Nomor telepon tidak valid"))

    @property
    def national(self) -> str:
        """National form with the trunk 0: ``081234567890``."""
        return "0" + self.e164[1 + len(COUNTRY_CODE) :]

    @property
    def display(self) -> str:
        """``0812-3456-7890`` for mobiles, ``(021) 5551234`` for landlines."""
        national = self.national
        if self.kind is PhoneKind.MOBILE:
            return f"{national[:4]}-{national[4:8]}-{national[8:]}"
        area_len = 2 if national[1:3] in TWO_DIGIT_AREA_CODES else 3
        return f"({national[: area_len + 1]}) {national[area_len + 1 :]}"

    @property
    def wa_digits(self) -> str:
        """Digits for wa.me: country code, no plus, no trunk 0 (``6281234567890``)."""
        return self.e164[1:]

    def whatsapp_link(self, text: str = "") -> str:
        """``https://wa.me/<digits>`` with an optional URL-encoded pre-filled message."""
        if self.kind is not PhoneKind.MOBILE:
            raise PhoneError(_("Nomor telepon rumah/kantor tidak bisa dipakai untuk WhatsApp"))
        link = f"https://wa.me/{self.wa_digits}"
        return f"{link}?text={quote(text, safe='')}" if text else link


def _digits_of(value: str | int | float) -> tuple[str, bool]:
    """Return (digits, had_plus), repairing spreadsheet numbers; raise on junk."""
    # bool is an int subclass; a negative number is never a phone number.
    if isinstance(value, bool) or (isinstance(value, int | float) and value < 0):
        raise PhoneError(_("Nomor telepon tidak valid"))
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise PhoneError(_("Nomor telepon tidak valid"))
        value = int(value)
    # Far beyond any phone number; also keeps str() away from huge ints.
    if isinstance(value, int) and value >= 10**20:
        raise PhoneError(_("Nomor telepon terlalu panjang"))
    text = str(value).strip()
    if not text:
        raise PhoneError(_("Nomor telepon belum diisi"))
    if _SCIENTIFIC.fullmatch(text):
        raise PhoneError(_("Nomor telepon tersimpan sebagai angka berformat ilmiah; ketik ulang"))
    if match := _FLOAT_TEXT.fullmatch(text):
        text = match.group(1)
    # isascii() because \d and isdigit() also accept non-Latin digits.
    if not text.isascii() or not _ALLOWED.fullmatch(text):
        raise PhoneError(
            _("Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda -, titik dan kurung")
        )
    digits = re.sub(r"\D", "", text)
    if not digits:
        raise PhoneError(_("Nomor telepon belum diisi"))
    return digits, re.match(r"[(\s]*\+", text) is not None


def _classify(national: str) -> PhoneNumber | None:
    """Build a PhoneNumber from a national number (leading 0), or None if implausible."""
    e164 = "+" + COUNTRY_CODE + national[1:]
    if _MOBILE.fullmatch(national):
        return PhoneNumber(e164, PhoneKind.MOBILE)
    if re.fullmatch(r"0[2-79]\d+", national):
        area_len = 2 if national[1:3] in TWO_DIGIT_AREA_CODES else 3
        if len(national) - 1 - area_len in SUBSCRIBER_LENGTHS:
            return PhoneNumber(e164, PhoneKind.LANDLINE)
    return None


def _explain(national: str) -> PhoneError:
    """The most useful message for a national number that failed _classify."""
    count = len(national)
    if count < 6:
        return PhoneError(_("Nomor telepon terlalu pendek ({count} digit)").format(count=count))
    if national.startswith("080"):
        return PhoneError(_("Nomor 080x adalah nomor bebas pulsa, bukan nomor HP"))
    if national.startswith("08"):
        return PhoneError(
            _("Nomor HP harus 10-13 digit termasuk 0 di depan, yang diisi {count} digit").format(
                count=count
            )
        )
    if re.match(r"0[2-79]", national):
        return PhoneError(
            _(
                "Nomor telepon rumah/kantor tidak lengkap atau terlalu panjang ({count} digit)"
            ).format(count=count)
        )
    return PhoneError(
        _("Awalan nomor tidak dikenal: nomor HP diawali 08, telepon rumah/kantor diawali kode area")
    )


def _with_trunk(rest: str) -> str:
    # "+62 (0)812..." keeps the trunk 0 by habit; it must not be doubled.
    return rest if rest.startswith("0") else "0" + rest


def normalize_phone(text: str | int | float) -> PhoneNumber:
    """Parse an Indonesian mobile or landline number in any common written form."""
    if type(text) is str:
        if _E164_MOBILE.fullmatch(text):
            return PhoneNumber(text, PhoneKind.MOBILE)
        if _NATIONAL_MOBILE.fullmatch(text):
            return PhoneNumber("+" + COUNTRY_CODE + text[1:], PhoneKind.MOBILE)
    elif (type(text) is int or (type(text) is float and text.is_integer())) and 0 < text < 1e15:
        # A number cell that lost its leading 0 ("812..."), unless it starts with 62.
        digits = str(int(text))
        if not digits.startswith(COUNTRY_CODE) and _NATIONAL_MOBILE.fullmatch("0" + digits):
            return PhoneNumber("+" + COUNTRY_CODE + digits, PhoneKind.MOBILE)
    digits, had_plus = _digits_of(text)
    if had_plus:
        if not digits.startswith(COUNTRY_CODE):
            raise PhoneError(_("Hanya nomor Indonesia (+62) yang didukung"))
        candidates = [_with_trunk(digits[len(COUNTRY_CODE) :])]
    elif digits.startswith("0"):
        candidates = [digits]
    else:
        # No trunk 0: either the country code without "+" ("62 812...") or Excel dropped
        # the 0 ("812...", "21 5551234"). The country-code reading is tried first; a
        # dropped-zero number starting with 62 would need a rare 062x area code.
        candidates = ["0" + digits]
        if digits.startswith(COUNTRY_CODE):
            candidates.insert(0, _with_trunk(digits[len(COUNTRY_CODE) :]))
    for national in candidates:
        number = _classify(national)
        if number is not None:
            return number
    raise _explain(candidates[0])


def is_mobile(text: str | int | float) -> bool:
    """True when ``text`` is a valid Indonesian mobile number (usable for WhatsApp)."""
    try:
        return normalize_phone(text).kind is PhoneKind.MOBILE
    except PhoneError:
        return False
