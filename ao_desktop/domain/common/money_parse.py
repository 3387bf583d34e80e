"""Reading a Rupiah amount the way people write it: "50000000", "50.000.000",
"Rp50.000.000", "Rp 6.000.000,00", "Rp. 6.000.000,-", "50jt", "1,5 juta", "2 miliar".

Rules (Indonesian first, and refusing what could mean two different amounts):

- "Rp", "Rp.", "IDR", a trailing ",-" / ".-" / "rupiah", spaces and case are ignored.
- A dot groups thousands and a comma marks decimals ("6.000.000,00"). When both appear,
  the one that comes last is the decimal mark, so English "6,000,000.00" reads the same.
- A lone dot followed by exactly three digits is a thousands dot ("1.500" = 1500; "1.500 jt"
  = 1.500 juta); any other lone dot is a decimal point ("1.5jt" = 1,5 juta).
- A lone comma followed by exactly three digits ("6,000") is refused: Indonesian reads it
  as 6, English as 6000. Several commas ("50,000,000") can only be English grouping.
- Units: rb/ribu/k = thousand, jt/juta = million, miliar/milyar = 10^9, triliun = 10^12.
  "M" alone is refused: an Indonesian "2M" is 2 miliar, an English "2M" is 2 million.
- The result must be whole rupiah ("Rp1.000,50" is refused) and not negative.

Standard library only; every refusal is a ValidationFailed on the given field.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _

MAX_TEXT = 40
MAX_DIGITS = 18  # above any amount the app accepts (10^15), low enough to stay exact

_UNITS: dict[str, int] = {
    "": 1,
    "rb": 1_000,
    "ribu": 1_000,
    "k": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}
_AMBIGUOUS_UNITS = {"m", "mn", "mio", "mil", "b", "bn", "t"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SHAPE = re.compile(r"(?P<number>[0-9][0-9.,]*)(?P<unit>[a-z]*)")
_DOT_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_COMMA_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed([FieldIssue(field, message, True)])


def _strip_decorations(text: str) -> str:
    s = _SPACES.sub("", text.strip().lower())
    for prefix in ("rp.", "rp", "idr"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            break
    for suffix in ("rupiah", ",-", ".-"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    return s


def _grouped(number: str, group: str, decimal: str) -> str | None:
    """`number` with `group` as the thousands mark and `decimal` as the decimal mark,
    in Python syntax; None when the groups are malformed."""
    whole, _sep, fraction = number.partition(decimal)
    if decimal in fraction or group in fraction:
        return None
    if group in whole and not re.fullmatch(rf"[0-9]{{1,3}}(\{group}[0-9]{{3}})+", whole):
        return None
    if not whole or (_sep and not fraction):
        return None
    return whole.replace(group, "") + ("." + fraction if fraction else "")


def _number(number: str, field: str, original: str) -> Decimal:
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        last_is_comma = number.rfind(",") > number.rfind(".")
        text = _grouped(number, ".", ",") if last_is_comma else _grouped(number, ",", ".")
    elif commas > 1:
        text = number.replace(",", "") if _COMMA_GROUPED.fullmatch(number) else None
    elif commas == 1:
        whole, fraction = number.split(",")
        if len(fraction) == 3:
            raise _fail(
                field,
                _(
                    "Nominal '{t}' tidak jelas: tulis tanpa koma (misalnya 6000) atau dengan titik ribuan (6.000)"
                ).format(t=original),
            )
        text = f"{whole}.{fraction}" if whole and fraction else None
    elif dots > 1:
        text = number.replace(".", "") if _DOT_GROUPED.fullmatch(number) else None
    elif dots == 1:
        whole, fraction = number.split(".")
        if len(fraction) == 3:
            text = whole + fraction
        else:
            text = f"{whole}.{fraction}" if whole and fraction else None
    else:
        text = number
    if text is None:
        raise _fail(
            field,
            _(
                "Nominal '{t}' tidak dapat dibaca; contoh: 50.000.000, Rp50.000.000 atau 50 juta"
            ).format(t=original),
        )
    if len(text.replace(".", "")) > MAX_DIGITS:
        raise _fail(field, _("Nominal '{t}' terlalu besar").format(t=original))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the shapes above are all valid decimals
        raise _fail(field, _("Nominal '{t}' tidak dapat dibaca").format(t=original)) from None


def parse_rupiah(text: str, field: str = "amount") -> int:
    """Whole rupiah from what a person typed; ValidationFailed (on `field`) otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise _fail(field, _("Nominal wajib diisi"))
    original = text.strip()
    if len(original) > MAX_TEXT:
        raise _fail(field, _("Nominal terlalu panjang"))
    s = _strip_decorations(original)
    if s.startswith("-") or s.startswith("(") or original.startswith("-"):
        raise _fail(field, _("Nominal tidak boleh negatif"))
    match = _SHAPE.fullmatch(s)
    if match is None:
        raise _fail(
            field,
            _(
                "Nominal '{t}' tidak dapat dibaca; contoh: 50.000.000, Rp50.000.000 atau 50 juta"
            ).format(t=original),
        )
    unit = match["unit"]
    if unit in _AMBIGUOUS_UNITS:
        raise _fail(
            field,
            _("Satuan '{u}' tidak jelas: tulis 'rb', 'jt' (juta) atau 'miliar'").format(u=unit),
        )
    if unit not in _UNITS:
        raise _fail(
            field,
            _("Satuan '{u}' tidak dikenal: gunakan 'rb', 'jt', 'juta' atau 'miliar'").format(
                u=unit
            ),
        )
    value = _number(match["number"], field, original) * _UNITS[unit]
    if value != value.to_integral_value():
        raise _fail(field, _("Nominal harus dalam rupiah penuh (tanpa sen)"))
    return int(value)
