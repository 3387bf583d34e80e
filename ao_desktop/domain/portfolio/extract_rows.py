"""Reading the rows of a core-banking loan extract into plain values, with a reason per
row and column for what cannot be read, and the file-level rules of an extract's as-of
date.

A row is rejected for: no account number, no NIK and no CIF, a negative or unreadable
amount, days past due that are not a whole number (text such as "tiga bulan"), an
unreadable date, or an account number that appears twice in the file (every row holding
it: the core-banking system would never write one twice, so neither row can be trusted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ao_desktop.domain.common.cell_values import CellError, RowIssue, cell_decimal
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.import_values import (
    is_blank,
    read_date,
    read_money,
    read_text,
    shown_value,
)
from ao_desktop.domain.imports.sheet_header import column_letter
from ao_desktop.domain.portfolio.extract_columns import COLUMN_BY_FIELD

MONEY_FIELDS = ("plafond", "installment", "outstanding", "arrears_principal", "arrears_interest", "penalty")
DATE_FIELDS = ("disbursed_on", "next_due", "last_payment")
MAX_DPD = 36_500  # a hundred years late is a typing error


@dataclass(frozen=True)
class ExtractRow:
    """One account as the extract states it on its as-of date."""

    row: int  # sheet row (1-based)
    account_no: str
    outstanding: int
    days_past_due: int
    nik: str = ""
    cif: str = ""
    borrower_name: str = ""
    product: str = ""
    plafond: int = 0
    disbursed_on: date | None = None
    tenor_months: int = 0
    rate_pct: Decimal | None = None
    installment: int = 0
    arrears_principal: int = 0
    arrears_interest: int = 0
    penalty: int = 0
    next_due: date | None = None
    last_payment: date | None = None
    officer_code: str = ""

    @property
    def arrears(self) -> int:
        return self.arrears_principal + self.arrears_interest


@dataclass
class ParsedExtract:
    rows: list[ExtractRow] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)  # errors (rejected rows) and warnings
    rejected_rows: set[int] = field(default_factory=set)
    blank_rows: int = 0


def _whole_days(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(_("hari tunggakan harus angka"))
    if isinstance(value, int):
        days = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("hari tunggakan harus bilangan bulat, bukan '{v}'").format(v=shown_value(value)))
        days = int(value)
    else:
        text = read_text(value)
        if not (text.isascii() and text.lstrip("-").isdigit()):
            raise CellError(_("hari tunggakan harus angka, bukan '{v}'").format(v=text))
        days = int(text)
    if days < 0:
        raise CellError(_("hari tunggakan tidak boleh negatif"))
    if days > MAX_DPD:
        raise CellError(_("hari tunggakan {d} tidak masuk akal").format(d=days))
    return days


def _digits(value: Any, name: str) -> str:
    text = read_text(value).replace(" ", "").replace(".", "").replace("-", "")
    if text and not (text.isascii() and text.isdigit()):
        raise CellError(_("{n} harus berisi angka saja, bukan '{v}'").format(n=name, v=read_text(value)))
    return text


class ExtractParser:
    """Reads rows under a confirmed mapping (column index -> field). The reader of each
    column is chosen once, not per cell: an extract has tens of thousands of rows."""

    def __init__(self, mapping: Mapping[int, str], headers: Sequence[str]) -> None:
        self.columns = sorted(mapping.items())
        self.headers = headers
        self._readers = [(index, name, _READERS.get(name, _read_plain)) for index, name in self.columns]
        self._width = max((i for i, _n in self.columns), default=-1) + 1

    def _where(self, index: int, field_name: str) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        label = header or COLUMN_BY_FIELD[field_name].label
        return _("kolom {col} ({h})").format(col=column_letter(index), h=label)

    def parse(self, sheet_row: int, values: Sequence[Any]) -> tuple[ExtractRow | None, list[RowIssue]]:
        if len(values) < self._width:
            values = (*values, *([None] * (self._width - len(values))))
        got: dict[str, Any] = {}
        issues: list[RowIssue] = []
        for index, name, reader in self._readers:
            try:
                got[name] = reader(values[index])
            except CellError as exc:
                issues.append(RowIssue(sheet_row, name, self._where(index, name), str(exc)))
        if not got.get("account_no") and "account_no" in got:
            issues.append(RowIssue(sheet_row, "account_no", _("No Rekening"), _("kosong (wajib diisi)")))
        if not got.get("nik") and not got.get("cif") and not any(i.field in ("nik", "cif") for i in issues):
            issues.append(RowIssue(sheet_row, "nik", _("NIK/CIF"), _("NIK dan CIF kosong; salah satunya wajib")))
        nik = got.get("nik", "")
        if nik and len(nik) != 16:
            issues.append(RowIssue(sheet_row, "nik", _("NIK"), _(
                "NIK {v} tidak 16 digit; rekening dicocokkan lewat CIF saja").format(v=nik), False))
            got["nik"] = ""
        if issues and any(i.is_error for i in issues):
            return None, issues
        return ExtractRow(row=sheet_row, **got), issues


def _required_money(raw: Any) -> int:
    if type(raw) is float and raw >= 0 and raw.is_integer():
        return int(raw)  # the usual number cell, first
    if is_blank(raw):
        raise CellError(_("kosong (wajib diisi)"))
    return read_money(raw)


def _money(raw: Any) -> int:
    if type(raw) is float and raw >= 0 and raw.is_integer():
        return int(raw)
    return read_money(raw)


def _required_days(raw: Any) -> int:
    if type(raw) is float and 0 <= raw <= MAX_DPD and raw.is_integer():
        return int(raw)
    if is_blank(raw):
        raise CellError(_("kosong (wajib diisi)"))
    return _whole_days(raw)


def _tenor(raw: Any) -> int:
    return 0 if is_blank(raw) else _whole_days(raw)


def _rate(raw: Any) -> Decimal | None:
    if is_blank(raw):
        return None
    rate = cell_decimal(raw)
    if not Decimal(0) <= rate <= Decimal(100):
        raise CellError(_("suku bunga {v}% di luar 0-100%").format(v=rate))
    return rate


def _nik(raw: Any) -> str:
    if type(raw) is str and raw.isascii() and raw.isdigit():
        return raw
    if isinstance(raw, float):
        raise CellError(_("NIK tersimpan sebagai angka sehingga digit terakhirnya hilang; "
                          "simpan kolom NIK sebagai teks"))
    return _digits(raw, "NIK")


def _account(raw: Any) -> str:
    if type(raw) is str and raw.isprintable() and " " not in raw:
        return raw.strip()
    return read_text(raw).replace(" ", "")


def _read_plain(raw: Any) -> str:
    if type(raw) is str and raw.isprintable():
        return raw.strip()
    return read_text(raw)


_READERS = {
    "outstanding": _required_money, "days_past_due": _required_days, "tenor_months": _tenor,
    "rate_pct": _rate, "nik": _nik, "account_no": _account,
    **{name: _money for name in MONEY_FIELDS if name != "outstanding"},
    **{name: read_date for name in DATE_FIELDS},
}


def duplicate_accounts(rows: Sequence[ExtractRow]) -> dict[int, str]:
    """Sheet row -> reason for every row whose account number appears more than once."""
    seen: dict[str, list[int]] = {}
    for r in rows:
        seen.setdefault(r.account_no.upper(), []).append(r.row)
    out: dict[int, str] = {}
    for number, where in seen.items():
        if len(where) > 1:
            for row in where:
                others = ", ".join(str(w) for w in where if w != row)
                out[row] = _("No rekening {n} ganda dalam berkas (juga di baris {o}); kedua baris ditolak")\
                    .format(n=number, o=others)
    return out


def as_of_problem(as_of: date, today: date, newest: date | None, replace: bool) -> str | None:
    """Why an extract dated `as_of` is refused, or None. The same date as a stored extract
    replaces it; an older one only with `replace` (the user asked for it)."""
    if as_of > today:
        return _("Tanggal posisi {d} ada di masa depan; ekstrak ditolak.").format(d=as_of.isoformat())
    if newest is not None and as_of < newest and not replace:
        return _("Ekstrak posisi {d} lebih lama dari ekstrak terbaru yang sudah diimpor ({n}); "
                 "ditolak. Gunakan --replace (atau centang 'Ganti ekstrak lama') bila memang "
                 "ingin mengimpornya.").format(d=as_of.isoformat(), n=newest.isoformat())
    return None


@dataclass(frozen=True)
class MatchedRow:
    """A readable row with what the import found for it: the client (None: unmatched),
    the officer (None: unassigned) and its collectibility under the policy in force."""

    row: ExtractRow
    client_id: int | None
    officer_id: int | None
    collectibility: int
