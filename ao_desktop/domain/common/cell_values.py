"""Reading spreadsheet cells defensively, and the problems an import reports.

Plain Python values (what any spreadsheet reader hands back), so the rules live in the
domain and both the product catalog and the client import share them.

Every reader takes whatever a cell holds (None, str, int, float, bool, datetime) and
returns a clean value or raises CellError with an Indonesian reason; none of them lets
another exception escape for odd content. Shared by the workbook importers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.money_parse import parse_rupiah


@dataclass(frozen=True)
class RowIssue:
    """One problem in an imported workbook: the sheet row (1 = the header row, 0 = the file
    itself), the record's field, the column as the user sees it, and the reason.
    `is_error` False is a warning: the row is imported and flagged."""

    row: int
    field: str
    column: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        where = _("baris {row}").format(row=self.row) if self.row else _("berkas")
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user."""


# --- reading cell values -------------------------------------------------------------------
def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_list(value: Any) -> tuple[str, ...]:
    text = cell_text(value).replace("\r", "").replace("\n", ";")
    return tuple(part.strip() for part in text.split(";") if part.strip())


def cell_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("harus berupa angka"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that reads back as this float: 6.15, not 6.1500000001.
        return Decimal(repr(value))
    text = cell_text(value).replace("%", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise CellError(_("'{v}' bukan angka").format(v=cell_text(value))) from None
    if not result.is_finite():
        raise CellError(_("'{v}' bukan angka").format(v=cell_text(value)))
    return result


def cell_optional_decimal(value: Any) -> Decimal | None:
    return None if cell_text(value) == "" else cell_decimal(value)


def cell_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(_("harus berupa bilangan bulat"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("harus berupa bilangan bulat"))
        return int(value)
    text = cell_text(value)
    if text.isdigit():
        return int(text)
    raise CellError(_("'{v}' bukan bilangan bulat").format(v=text))


def cell_money(value: Any) -> int:
    if value is None or cell_text(value) == "":
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell_int(value)
    try:
        return parse_rupiah(cell_text(value))
    except ValidationFailed as exc:
        raise CellError(str(exc)) from None


def cell_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in ("ya", "y", "yes", "true", "1", "x", "v", "aktif"):
        return True
    if text in ("", "tidak", "t", "no", "n", "false", "0", "-"):
        return False
    raise CellError(_("'{v}' harus Ya atau Tidak").format(v=cell_text(value)))


def cell_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(_("'{v}' bukan tanggal; tulis seperti 27/11/2026").format(v=text)) from None
