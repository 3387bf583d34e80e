"""NIK (Nomor Induk Kependudukan) parsing and cross-checks against typed client data.

Layout of the 16 digits: province (2) + regency/city (2) + district (2)
+ birth date DDMMYY, women's day + 40 (6) + serial (4). There is no check digit,
so validation can only reject impossible structure, not typos that stay plausible.
"""

from __future__ import annotations

import math
import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.common.i18n import _

NIK_LENGTH = 16

# Kemendagri province codes. 91-97 is the union of the Papua codes in use: Papua (91)
# and Papua Barat (92) before the 2022 split, the four new provinces (93-96 in the
# Kemendagri numbering), and the BPS numbering (up to 97) some systems copy. Residents
# keep their old NIK after a split, so every code that was ever issued must stay valid.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        *(str(c) for c in range(11, 20)),  # Sumatra: Aceh .. Kep. Bangka Belitung
        "21",  # Kepulauan Riau
        *(str(c) for c in range(31, 37)),  # Java: DKI Jakarta .. Banten
        *(str(c) for c in range(51, 54)),  # Bali, NTB, NTT
        *(str(c) for c in range(61, 66)),  # Kalimantan, incl. Kalimantan Utara (65)
        *(str(c) for c in range(71, 77)),  # Sulawesi
        "81",  # Maluku
        "82",  # Maluku Utara
        *(str(c) for c in range(91, 98)),  # Papua provinces
    }
)

FEMALE_DAY_OFFSET = 40

# Separators people type or copy from a photocopied KTP: "3174 0512 3456 7890".
_SEPARATORS = re.compile(r"[\s.\-]+")
# A NIK that went through a spreadsheet as a number: "3.17405E+15", "3,17405e+15".
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d+")
# str() of a float that kept its digits: "3174051234567890.0".
_FLOAT_TEXT = re.compile(r"\d{12,}\.0+")


class NikError(ValueError):
    """Invalid NIK; the message is user-facing (Bahasa Indonesia)."""


@dataclass(frozen=True)
class NikInfo:
    """The facts encoded in a structurally valid NIK."""

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: Sex
    serial: str


def _number_error() -> NikError:
    return NikError(
        _("NIK tersimpan sebagai angka sehingga digit terakhir hilang; ketik ulang sebagai teks")
    )


def nik_from_text(value: object) -> str:
    """Turn a raw cell value into NIK text, refusing values that went through a number.

    Excel keeps only 15 significant digits, so a 16-digit NIK typed into a numeric cell
    loses its last digit (it becomes 0). That damage cannot be repaired; the AO must
    re-type the NIK, so we raise instead of guessing. The result still needs parse_nik.
    """
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""  # how some readers report an empty cell
    if isinstance(value, float | Decimal):
        raise _number_error()
    if isinstance(value, int) and not isinstance(value, bool):
        # The bound keeps str() away from huge ints (it refuses > 4300 digits).
        if not 0 <= value < 10**20:
            raise _number_error()
        digits = str(value)
        # Excel's 15 significant digits turn the 16th digit into 0. A numeric value with
        # a non-zero 16th digit cannot have come from Excel, so it is taken as exact.
        if len(digits) == NIK_LENGTH and digits.endswith("0"):
            raise _number_error()
        return digits
    text = str(value).strip()
    if _SCIENTIFIC.fullmatch(text) or _FLOAT_TEXT.fullmatch(text):
        raise _number_error()
    return text


def _century_date(day: int, month: int, yy: int, today: date) -> date:
    """Pick 20YY unless that lies in the future (then 19YY); raise if neither exists."""
    for century in (2000, 1900):
        try:
            born = date(century + yy, month, day)
        except ValueError:
            continue  # e.g. 29 Feb exists in 2000 but not in 1900
        if born <= today:
            return born
    raise NikError(_("Tanggal lahir dalam NIK tidak ada di kalender"))


def parse_nik(text: str, today: date | None = None) -> NikInfo:
    """Validate a NIK and decode its region codes, birth date, sex and serial.

    ``today`` resolves the two-digit birth year; it defaults to the current date.
    """
    text = text.strip()
    if len(text) == NIK_LENGTH and text.isascii() and text.isdigit():
        cleaned = text  # the usual case: neither separators nor a number's notation
    else:
        if _SCIENTIFIC.fullmatch(text):  # pasted from a numeric spreadsheet cell
            raise _number_error()
        cleaned = _SEPARATORS.sub("", text)
    if not cleaned:
        raise NikError(_("NIK belum diisi"))
    # isascii() guards against non-ASCII digits (e.g. Arabic-Indic), which isdigit() accepts.
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise NikError(_("NIK hanya boleh berisi angka"))
    if len(cleaned) != NIK_LENGTH:
        raise NikError(_("NIK harus 16 digit, yang diisi {count} digit").format(count=len(cleaned)))
    province, regency, district = cleaned[0:2], cleaned[2:4], cleaned[4:6]
    if province not in PROVINCE_CODES:
        raise NikError(_("Kode provinsi {code} dalam NIK tidak dikenal").format(code=province))
    if regency == "00":
        raise NikError(_("Kode kabupaten/kota dalam NIK tidak boleh 00"))
    if district == "00":
        raise NikError(_("Kode kecamatan dalam NIK tidak boleh 00"))

    day, month, yy = int(cleaned[6:8]), int(cleaned[8:10]), int(cleaned[10:12])
    sex = Sex.MALE
    if day > FEMALE_DAY_OFFSET:
        sex, day = Sex.FEMALE, day - FEMALE_DAY_OFFSET
    if not 1 <= day <= 31:
        raise NikError(_("Tanggal lahir dalam NIK tidak valid"))
    if not 1 <= month <= 12:
        raise NikError(_("Bulan lahir dalam NIK tidak valid"))
    birth_date = _century_date(day, month, yy, today or date.today())

    serial = cleaned[12:16]
    if serial == "0000":
        raise NikError(_("Nomor urut dalam NIK tidak boleh 0000"))
    return NikInfo(
        nik=cleaned,
        province_code=province,
        regency_code=regency,
        district_code=district,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def _sex_label(sex: Sex) -> str:
    return _("Laki-laki") if sex is Sex.MALE else _("Perempuan")


def check_nik_against(info: NikInfo, birth_date: date | None, sex: Sex | None) -> list[str]:
    """Warnings (Bahasa Indonesia) where the typed birth date or sex disagrees with the NIK.

    Missing values are not warned about: the form's required-field check handles those.
    """
    warnings: list[str] = []
    nik_date = info.birth_date
    # The NIK only holds two year digits; compare those, not the century guessed by
    # parse_nik, so a client born in 1925 is not flagged because the NIK reads as 2025.
    if birth_date is not None and (
        (birth_date.day, birth_date.month, birth_date.year % 100)
        != (nik_date.day, nik_date.month, nik_date.year % 100)
    ):
        shown = nik_date
        if birth_date.year % 100 == nik_date.year % 100:
            # Same two year digits: show the NIK date in the century the AO typed.
            with suppress(ValueError):  # 29 Feb 2000 has no 1900 twin
                shown = nik_date.replace(year=birth_date.year)
        warnings.append(
            _("Tanggal lahir {typed} tidak cocok dengan NIK (NIK menunjukkan {nik})").format(
                typed=format_date(birth_date), nik=format_date(shown)
            )
        )
    if sex is not None and sex != info.sex:
        warnings.append(
            _("Jenis kelamin {typed} tidak cocok dengan NIK (NIK menunjukkan {nik})").format(
                typed=_sex_label(sex), nik=_sex_label(info.sex)
            )
        )
    return warnings
