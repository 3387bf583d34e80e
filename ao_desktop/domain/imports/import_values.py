"""Readers of single raw spreadsheet cells for the client import.

A cell arrives as whatever a spreadsheet reader hands back: None, str, int, float (every
number from python-calamine, NaN from some readers for an empty cell), bool, date,
datetime or time. Each reader returns a clean value, or None/"" for an empty cell, or
raises CellError with a reason in Bahasa Indonesia. No other exception escapes.

A lone dash ("-", "--", en or em dash) is how Indonesian sheets write "nothing" and reads
as an empty cell everywhere.
"""

from __future__ import annotations

import math
import re
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ao_desktop.domain.clients.nik import NikError, nik_from_text
from ao_desktop.domain.common.cell_values import CellError, cell_bool, cell_money
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneError, PhoneNumber, normalize_phone

DASHES: frozenset[str] = frozenset({"-", "--", "\u2013", "\u2014"})
# Excel's 1900 date system, with its phantom 29 Feb 1900 folded in (right from 1 Mar 1900).
EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN = (date(1900, 1, 1) - EXCEL_EPOCH).days
_SERIAL_MAX = (date(2100, 12, 31) - EXCEL_EPOCH).days
# Far beyond any value a text column legitimately holds as a number.
_MAX_TEXT_INT = 10**30

# C0 and C1 control characters, DEL, zero-width space and BOM (pasted from web pages).
_CONTROL = "".join(chr(c) for c in (*range(0, 32), *range(127, 160))) + "\u200b\ufeff"
_SINGLE_LINE = str.maketrans({c: " " if c in "\t\n\r" else None for c in _CONTROL})
_MULTI_LINE = str.maketrans(
    {c: (c if c in "\t\n" else "\n" if c == "\r" else None) for c in _CONTROL}
)
_CHOICE_FOLD = re.compile(r"[^0-9a-z]+")
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\s*\d+")
_FLOAT_TEXT = re.compile(r"(\d+)\.0+")


def is_blank(value: Any) -> bool:
    """True for a cell that holds nothing: None, "", whitespace, NaN or a lone dash."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or text in DASHES
    return isinstance(value, float) and math.isnan(value)


def shown_value(value: Any) -> str:
    """The value as a message quotes it; never raises."""
    try:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MAX_TEXT_INT:
            return _("(angka sangat panjang)")
        text = str(value).strip()
    except Exception:  # a message must never fail
        return "?"
    return text if len(text) <= 40 else text[:37] + "..."


# --- text ---------------------------------------------------------------------------------
def _date_text(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def read_text(value: Any, *, multiline: bool = False) -> str:
    """Text as typed (letter case kept), surrounding whitespace and control characters
    dropped. Line breaks and tabs become spaces unless `multiline` (notes). A number
    reads as its digits ("12.0" -> "12"), a date as dd/mm/yyyy, a bool as Ya/Tidak."""
    if type(value) is str:
        text = value
        if not text.isprintable():
            if multiline:
                text = text.replace("\r\n", "\n").translate(_MULTI_LINE)
            else:
                text = text.translate(_SINGLE_LINE)
        text = text.strip()
        return "" if text in DASHES else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, int):
        if abs(value) >= _MAX_TEXT_INT:
            raise CellError(_("angka terlalu panjang untuk kolom teks"))
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            raise CellError(_("berisi angka tak hingga, bukan teks"))
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return _date_text(value)
        return f"{_date_text(value)} {value:%H:%M}"
    if isinstance(value, date):
        return _date_text(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, str):  # a str subclass
        return read_text(str(value), multiline=multiline)
    return read_text(shown_value(value), multiline=multiline)


# --- dates --------------------------------------------------------------------------------
MONTHS: dict[str, int] = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "agt", "ags", "agus", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
# Optional time after a date ("1990-07-12 00:00:00", what str() of a datetime gives).
_TIME_SUFFIX = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d+)" + _TIME_SUFFIX)
_YMD = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_D_MON_Y = re.compile(r"(\d{1,2})[\s.\-/]*([a-z]+)\.?[\s.\-/,]*(\d+)")
_MON_D_Y = re.compile(r"([a-z]+)\.?\s*(\d{1,2}),?\s+(\d+)")


def _date_hint(text: str) -> CellError:
    return CellError(
        _("'{v}' bukan tanggal; tulis seperti 27/11/1990 atau 27 Nov 1990").format(v=text)
    )


def _make_date(year_text: str, month: int, day: int, text: str) -> date:
    if len(year_text) == 2:
        raise CellError(
            _("tahun '{v}' hanya 2 digit; tulis tahun lengkap 4 digit, misalnya 27/11/1990").format(
                v=text
            )
        )
    if len(year_text) != 4:
        raise _date_hint(text)
    if not 1 <= month <= 12:
        raise CellError(
            _("'{v}': bulan {m} tidak ada; tulis tanggal sebagai hari/bulan/tahun").format(
                v=text, m=month
            )
        )
    try:
        return date(int(year_text), month, day)
    except ValueError:
        raise CellError(_("'{v}' bukan tanggal yang ada di kalender").format(v=text)) from None


def _date_from_serial(value: float) -> date:
    whole = math.floor(value)  # a fraction is the time of day
    if 1900 <= whole <= 2100:
        raise CellError(
            _("'{v}' hanya berisi tahun; tulis tanggal lengkap, misalnya 27/11/{v}").format(v=whole)
        )
    if not _SERIAL_MIN <= whole <= _SERIAL_MAX:
        raise CellError(
            _("'{v}' adalah angka, bukan tanggal; tulis seperti 27/11/1990").format(v=shown_value(value))
        )
    return EXCEL_EPOCH + timedelta(days=whole)


def _date_from_text(raw: str) -> date:
    text = " ".join(raw.split())
    lowered = text.lower()
    if match := _DMY.fullmatch(lowered):
        return _make_date(match[4], int(match[3]), int(match[1]), text)
    if match := _YMD.fullmatch(lowered):
        return _make_date(match[1], int(match[3]), int(match[4]), text)
    match = _D_MON_Y.fullmatch(lowered)
    if match and match[2] in MONTHS:
        return _make_date(match[3], MONTHS[match[2]], int(match[1]), text)
    match = _MON_D_Y.fullmatch(lowered)
    if match and match[1] in MONTHS:
        return _make_date(match[3], MONTHS[match[1]], int(match[2]), text)
    raise _date_hint(text)


def read_date(value: Any) -> date | None:
    """A date from a date cell, a day number (Excel serial) or text in the usual Indonesian
    and English spellings; None for an empty cell. Two-digit years are refused: 12/07/25
    could be 1925 or 2025."""
    if type(value) is str:  # dd/mm/yyyy, the usual text, first
        text = value.strip()
        if len(text) == 10 and text[2] == text[5] == "/" and text.isascii():
            day, month, year = text[:2], text[3:5], text[6:]
            if day.isdigit() and month.isdigit() and year.isdigit():
                with suppress(ValueError):  # else the full path below gives the reason
                    return date(int(year), int(month), int(day))
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_blank(value):
        return None
    if isinstance(value, bool | time):
        raise _date_hint(shown_value(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise _date_hint(shown_value(value))
        return _date_from_serial(value)
    text = read_text(value)
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return _date_from_serial(int(text))  # a day number that arrived as text (CSV)
    return _date_from_text(text)


def fold_choice(text: str) -> str:
    """Lowercase words of a choice cell, punctuation ignored ("Walk-in" -> "walk in")."""
    return " ".join(_CHOICE_FOLD.sub(" ", text.lower()).split())


# --- yes/no and money -----------------------------------------------------------------------
_YES_NO_EXTRA: dict[str, bool] = {
    "bersedia": True, "setuju": True, "boleh": True, "ok": True, "oke": True, "benar": True,
    "tdk": False, "tidak bersedia": False, "tidak setuju": False, "belum": False,
    "salah": False,
}  # fmt: skip


def read_yes_no(value: Any) -> bool:
    """Ya/Tidak and the usual variants; an empty cell is Tidak."""
    if is_blank(value):
        return False
    if isinstance(value, str):
        extra = _YES_NO_EXTRA.get(fold_choice(value))
        if extra is not None:
            return extra
    elif isinstance(value, bool):
        return value
    elif not isinstance(value, int | float) or value not in (0, 1):  # dates, other numbers
        raise CellError(_("'{v}' harus Ya atau Tidak").format(v=shown_value(value)))
    return cell_bool(value)


def read_money(value: Any) -> int:
    """Whole Rupiah; an empty cell is 0. A number cell that is not whole (a formula's
    result) is rounded half up to whole Rupiah; text with sen is refused by parse_rupiah."""
    if type(value) is float and value >= 0 and value.is_integer():
        return int(value)  # the usual number cell, first
    if is_blank(value):
        return 0
    if isinstance(value, bool | date | time):
        raise CellError(_("'{v}' bukan nominal rupiah").format(v=shown_value(value)))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("'{v}' bukan nominal rupiah").format(v=shown_value(value)))
        if not value.is_integer():
            value = int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if isinstance(value, int | float):
        if value < 0:
            raise CellError(_("nominal tidak boleh negatif"))
        return int(value)
    text = read_text(value)
    amount = cell_money(text)
    if amount < 0:  # pragma: no cover - parse_rupiah already refuses negatives
        raise CellError(_("nominal tidak boleh negatif"))
    return amount


# --- identifiers --------------------------------------------------------------------------
# Valid lengths of the identifiers besides NIK; a number cell is accepted only at one of
# these lengths (a shorter one may have lost a leading zero).
ID_LENGTHS: dict[str, tuple[int, ...]] = {"nib": (13,), "npwp": (15, 16), "postal_code": (5,)}
ID_NAMES: dict[str, str] = {"nib": "NIB", "npwp": "NPWP", "postal_code": _("Kode pos")}
# Excel keeps 15 significant digits: beyond that a number cell's digits are not exact.
_EXACT_DIGITS = 15


def _number_id(value: int | float, field: str) -> str:
    name = ID_NAMES.get(field, field)
    retype = _("{name} tersimpan sebagai angka; ketik ulang sebagai teks").format(name=name)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise CellError(retype)
    number = int(value)
    if number < 0 or number >= 10**20:
        raise CellError(retype)
    digits = str(number)
    lengths = ID_LENGTHS.get(field, ())
    if lengths and len(digits) < min(lengths):
        raise CellError(
            _(
                "{name} tersimpan sebagai angka sehingga angka 0 di depan mungkin hilang; "
                "ketik ulang sebagai teks"
            ).format(name=name)
        )
    # A 16th digit survives only in a cell that never was an Excel number (or is 0 anyway).
    inexact = len(digits) > _EXACT_DIGITS and (isinstance(value, float) or digits.endswith("0"))
    if inexact:
        raise CellError(retype)
    return digits


def read_id_number(value: Any, field: str) -> str:
    """NIK, NIB, NPWP or postal code as text. A NIK that went through a number is refused
    (nik_from_text); the others are accepted from a number cell only when no digit can have
    been lost. The digits are checked later (clean_client)."""
    if type(value) is str:
        text = value.strip()
        if text.isascii() and text.isdigit():
            return text  # the usual case, first; nik_from_text would return it unchanged
    if is_blank(value):
        return ""
    if isinstance(value, bool | date | time):
        raise CellError(_("'{v}' bukan nomor identitas").format(v=shown_value(value)))
    if field == "nik":
        try:
            return read_text(nik_from_text(value))
        except NikError as exc:
            raise CellError(str(exc)) from None
    if isinstance(value, int | float):
        return _number_id(value, field)
    text = read_text(value)
    if _SCIENTIFIC.fullmatch(text):
        raise CellError(
            _("{name} tersimpan sebagai angka berformat ilmiah; ketik ulang sebagai teks").format(
                name=ID_NAMES.get(field, field)
            )
        )
    if match := _FLOAT_TEXT.fullmatch(text):
        return _number_id(int(match[1]), field)  # str() of a number cell
    return text


# --- phone numbers ------------------------------------------------------------------------
def read_phone(value: Any) -> PhoneNumber | None:
    """A mobile or landline number (normalize_phone repairs a dropped leading zero and a
    number cell); None for an empty cell."""
    if type(value) is str and value[:1] in ("0", "+"):  # the usual text, first
        try:
            return normalize_phone(value)
        except PhoneError as exc:
            raise CellError(str(exc)) from None
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(_("'{v}' bukan nomor telepon").format(v=shown_value(value)))
    try:
        return normalize_phone(value)
    except PhoneError as exc:
        raise CellError(str(exc)) from None
