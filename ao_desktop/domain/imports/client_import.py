"""The rules of importing clients from a sheet: which rows are data, and how one row
becomes a Client with every problem named by row and column. Duplicates and merging
live in import_duplicates.py.

Reading the file and saving live elsewhere; this takes plain cell values. A RowParser is
built once per column mapping so the per-row work is only reading and validating.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from ao_desktop.domain.clients.client import Address, Client, normalize_tags
from ao_desktop.domain.clients.client_rules import clean_client
from ao_desktop.domain.clients.labels import FIELD_LABELS
from ao_desktop.domain.common.cell_values import CellError, RowIssue
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneKind
from ao_desktop.domain.imports.client_sheet import COLUMN_BY_FIELD, CellKind
from ao_desktop.domain.imports.import_choices import read_kind, read_sex, read_source, read_status
from ao_desktop.domain.imports.import_values import (
    DASHES,
    is_blank,
    read_date,
    read_id_number,
    read_money,
    read_phone,
    read_text,
    read_yes_no,
)

ADDRESS_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Address))
FORMULA_MESSAGE = _(
    "berisi rumus tanpa nilai tersimpan; buka berkas di Excel lalu simpan ulang, "
    "atau ketik nilainya"
)
ERROR_MESSAGE = _(
    "berisi galat Excel (misalnya #N/A, #DIV/0! atau #REF!); perbaiki rumusnya di Excel, "
    "atau ketik nilainya"
)
_EMPTY = DASHES | {""}
# The warning clean_client gives for a referral without a referrer: a sheet cannot pick one.
_DROPPED_ISSUES = frozenset({("referrer_id", False)})
_NOTE_START = re.compile(
    r"\s*(?:(?:total|jumlah|sumber data|dicetak|dibuat oleh|mengetahui)(?![a-z])"
    r"|catatan\s*:|keterangan\s*:)",
    re.IGNORECASE,
)


# A name cell holding only note words ("TOTAL", "Mengetahui,", "Jumlah nasabah") is no
# name; "Total Jaya Motor" and "Jumlah Rejeki" are (a client's name is never a note).
_ONLY_NOTE_WORDS = re.compile(
    r"\W*(?:total|jumlah|sumber data|dicetak|dibuat oleh|mengetahui|catatan|keterangan)"
    r"(?:\s+(?:nasabah|debitur|keseluruhan|seluruhnya|semua))?\W*",
    re.IGNORECASE,
)
NOTE_MESSAGE = _(
    "dilewati: baris catatan atau total (diawali \"{x}\"), bukan data nasabah; jika ini "
    "nasabah, tulis namanya di kolom nama"
)
LONE_CELL_MESSAGE = _(
    "dilewati: baris tanpa nama yang hanya berisi satu isian (dianggap catatan atau total); "
    "jika ini nasabah, lengkapi namanya"
)


class RowKind(StrEnum):
    BLANK = "blank"  # nothing in any cell
    NOTE = "note"  # a footer, total or remark line: skipped, with the reason shown
    DATA = "data"  # a client, imported or rejected with reasons


def _name_column(mapping: Mapping[int, str]) -> int | None:
    return min((c for c, f in mapping.items() if f == "full_name"), default=None)


def _plausible_name(value: Any) -> bool:
    """A name a client may have: letters, no digits, no colon, not only note words."""
    return (
        isinstance(value, str)
        and not any(ch.isdigit() or ch in ":=" for ch in value)
        and _ONLY_NOTE_WORDS.fullmatch(value) is None
    )


def _classify(values: Sequence[Any], name_col: int | None) -> RowKind:
    if name_col is not None and name_col < len(values) and not is_blank(values[name_col]):
        # The usual data row (its name is filled): only its first filled cell matters, and
        # when that is the name, a name that could be a client's ("Total Jaya Motor").
        at = next(i for i, v in enumerate(values) if not is_blank(v))
        first = values[at]
        note = isinstance(first, str) and _NOTE_START.match(first)
        if note and at == name_col and _plausible_name(first):
            return RowKind.DATA
        return RowKind.NOTE if note else RowKind.DATA
    filled = [v for v in values if not is_blank(v)]
    if not filled:
        return RowKind.BLANK
    no_name = name_col is None or name_col >= len(values) or is_blank(values[name_col])
    if no_name and len(filled) <= 1:
        return RowKind.NOTE
    first = filled[0]
    if isinstance(first, str) and _NOTE_START.match(first):
        return RowKind.NOTE
    return RowKind.DATA


def classify_row(values: Sequence[Any], mapping: Mapping[int, str]) -> RowKind:
    """BLANK, NOTE (a title, total or remark line under or between the data) or DATA."""
    return _classify(values, _name_column(mapping))


@dataclass(frozen=True)
class ParsedRow:
    """One data row read: the client (None when the row has errors) and its issues."""

    row: int  # sheet row number (1-based)
    values: tuple[Any, ...]  # the raw cells as read (for the error report)
    client: Client | None
    issues: tuple[RowIssue, ...]  # RowIssue.column is the sheet's own header text
    officer_name: str  # the AO as typed ('' if none)
    filled_fields: frozenset[str] = frozenset()  # Client/Address field names with a value
    note: bool = False  # a note or total line: skipped, the reason is its one issue

    @property
    def rejected(self) -> bool:
        return any(i.is_error for i in self.issues)

    @property
    def flagged(self) -> bool:
        return not self.note and not self.rejected and bool(self.issues)


def _officer_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _read_tags(value: Any) -> tuple[str, ...] | None:
    tags = normalize_tags(re.split(r"[,;\n]", read_text(value, multiline=True)))
    return tags or None


def _read_notes(value: Any) -> str:
    return read_text(value, multiline=True)


_CHOICE_READERS: dict[str, Callable[[Any], Any]] = {
    "status": read_status,
    "lead_source": read_source,
    "kind": read_kind,
    "sex": read_sex,
}
_KIND_READERS: dict[CellKind, Callable[[Any], Any]] = {
    CellKind.TEXT: read_text,
    CellKind.DATE: read_date,
    CellKind.MONEY: read_money,
    CellKind.YES_NO: read_yes_no,
    CellKind.PHONE: read_phone,
}


def _reader(field: str, kind: CellKind) -> Callable[[Any], Any]:
    if field == "tags":
        return _read_tags
    if field == "notes":
        return _read_notes
    if kind is CellKind.CHOICE:
        return _CHOICE_READERS[field]
    if kind is CellKind.ID_NUMBER:
        return lambda value: read_id_number(value, field)
    return _KIND_READERS[kind]


_NO_ADDRESS = Address()
# Client(**values) runs the frozen dataclass __init__, which sets its 29 fields one at a
# time: ~3 µs, a fifth of a row's budget. A row's client is made the way pickle restores
# one instead, the defaults and the row's values put straight into the instance dict.
# That is only the same object while Client has no __post_init__ or __slots__ and every
# field but these two has a plain default; checked here, else the constructor is used.
_CLIENT_DEFAULTS: dict[str, Any] = {
    f.name: f.default for f in fields(Client) if f.default is not MISSING
}
_FAST_CLIENT = (
    not hasattr(Client, "__post_init__")
    and not hasattr(Client, "__slots__")
    and {f.name for f in fields(Client)} - _CLIENT_DEFAULTS.keys() == {"full_name", "address"}
)
_CLIENT_DEFAULTS["full_name"] = ""


def _new_client(values: dict[str, Any]) -> Client:
    """Client(**values), given `address`; see _FAST_CLIENT."""
    if not _FAST_CLIENT:
        return Client(**{"full_name": "", **values})
    client = object.__new__(Client)
    state = client.__dict__
    state.update(_CLIENT_DEFAULTS)
    state.update(values)
    return client


class _Slot(IntEnum):
    """Where a column's value goes."""

    CLIENT = 0
    ADDRESS = 1
    PHONE = 2  # mobile, or landline when the landline column is empty
    LANDLINE = 3
    OFFICER = 4


def _slot(field: str) -> _Slot:
    if field in ADDRESS_FIELDS:
        return _Slot.ADDRESS
    return {"phone": _Slot.PHONE, "landline": _Slot.LANDLINE, "officer": _Slot.OFFICER}.get(
        field, _Slot.CLIENT
    )


class RowParser:
    """Reads rows of one sheet layout into clients; see parse_row for the rules."""

    def __init__(
        self,
        mapping: Mapping[int, str],
        headers: Sequence[str],
        *,
        today: date,
        officers: Mapping[str, int] | None = None,
        default_officer_id: int | None = None,
    ) -> None:
        self._today = today
        self._default_officer_id = default_officer_id
        self._officers = {_officer_key(n): i for n, i in (officers or {}).items()}
        self._name_col = _name_column(mapping)
        # (column index, sheet field, reader, header text, slot, read by read_text), one per
        # importable column.
        self._columns: list[tuple[int, str, Callable[[Any], Any], str, _Slot, bool]] = []
        # Client field -> (sheet field, header) for issues clean_client reports.
        self._where: dict[str, tuple[str, str]] = {}
        for col, field in sorted(mapping.items()):
            column = COLUMN_BY_FIELD.get(field)
            if column is None or not column.importable or field in self._where:
                continue  # mapping_problems reports these before an import starts
            raw = headers[col] if col < len(headers) else None
            header = (str(raw).strip() if raw is not None else "") or column.label
            reader = _reader(field, column.kind)
            self._columns.append((col, field, reader, header, _slot(field), reader is read_text))
            self._where[field] = (field, header)
        if "phone" in self._where:
            self._where["mobile"] = self._where["phone"]
            self._where.setdefault("landline", self._where["phone"])
        if "officer" in self._where:
            self._where["officer_id"] = self._where["officer"]

    def classify(self, values: Sequence[Any]) -> RowKind:
        return _classify(values, self._name_col)

    def _unknown_officer(self, name: str) -> str:
        # Says where the client really goes: an importer without an officer id (the command
        # line without --officer, an admin) stores it without an AO.
        if self._default_officer_id is None:
            return _("AO '{x}' tidak dikenal; nasabah disimpan tanpa AO").format(x=name)
        return _("AO '{x}' tidak dikenal; nasabah dimasukkan ke AO yang mengimpor").format(x=name)

    def note(self, row: int, values: Sequence[Any]) -> ParsedRow:
        """A row classify() calls NOTE, kept with the reason it is skipped: every row of a
        sheet is counted and listed somewhere."""
        filled = [v for v in values if not is_blank(v)]
        first = filled[0] if filled else ""
        if isinstance(first, str) and _NOTE_START.match(first):
            message = NOTE_MESSAGE.format(x=" ".join(first.split())[:40])
        else:
            message = LONE_CELL_MESSAGE
        issue = RowIssue(row, "", "", message, False)
        return ParsedRow(row, tuple(values), None, (issue,), "", note=True)

    def _place(self, field: str) -> tuple[str, str]:
        return self._where.get(field) or (field, FIELD_LABELS.get(field, field))

    def parse(
        self,
        row: int,
        values: Sequence[Any],
        formula_blanks: Collection[int] = (),
        error_cells: Collection[int] = (),
    ) -> ParsedRow:
        """`formula_blanks` / `error_cells`: columns (0-based) whose cell is a formula
        without a stored value / an Excel error; both read as empty, so they are named."""
        issues: list[RowIssue] = []
        data: dict[str, Any] = {}
        address: dict[str, str] = {}
        phone = None
        officer_name = ""
        count = len(values)
        for col, field, reader, header, slot, plain in self._columns:
            # Before the length check: such a cell in the last column leaves no value at all.
            if formula_blanks and col in formula_blanks:
                issues.append(RowIssue(row, field, header, FORMULA_MESSAGE))
                continue
            if error_cells and col in error_cells:
                issues.append(RowIssue(row, field, header, ERROR_MESSAGE))
                continue
            if col >= count:
                continue
            value = values[col]
            # is_blank() and read_text() inlined for the usual cells: this loop is the hot
            # path of a 100,000-row import.
            if type(value) is str:
                text = value.strip()
                if not text or text in DASHES:
                    continue
                ready = plain and text.isprintable()  # plain text needs no reader
            elif value is None or value != value:  # NaN: an empty cell to some readers
                continue
            else:
                ready = False
            if ready:
                result: Any = text
            else:
                try:
                    result = reader(value)
                except CellError as exc:
                    issues.append(RowIssue(row, field, header, str(exc)))
                    continue
            if result is None or result == "":
                continue
            if slot is _Slot.CLIENT:
                data[field] = result
            elif slot is _Slot.ADDRESS:
                address[field] = result
            elif slot is _Slot.PHONE:
                phone = result
            elif slot is _Slot.LANDLINE:
                data["landline"] = result.e164
            else:
                officer_name = result
        if phone is not None:
            if phone.kind is PhoneKind.MOBILE or "landline" not in data:
                data["mobile" if phone.kind is PhoneKind.MOBILE else "landline"] = phone.e164
            elif data["landline"] != phone.e164:
                data["mobile"] = phone.e164  # clean_client explains: not a mobile number
        officer_id = self._default_officer_id
        if officer_name:
            known = self._officers.get(_officer_key(officer_name))
            if known is None:
                sheet_field, header = self._where["officer"]
                issues.append(RowIssue(row, sheet_field, header, self._unknown_officer(officer_name), False))
            else:
                officer_id = known
                data["officer_id"] = known
        filled = frozenset(data.keys() | address.keys() if address else data)
        data["officer_id"] = officer_id
        data["address"] = Address(**address) if address else _NO_ADDRESS
        client, field_issues = clean_client(_new_client(data), self._today)
        for issue in field_issues:
            if (issue.field, issue.is_error) in _DROPPED_ISSUES:
                continue
            sheet_field, header = self._place(issue.field)
            issues.append(RowIssue(row, sheet_field, header, issue.message, issue.is_error))
        rejected = bool(issues) and any(i.is_error for i in issues)
        return ParsedRow(
            row,
            tuple(values),
            None if rejected else client,
            tuple(issues),
            officer_name,
            filled,
        )


def parse_row(
    row: int,
    values: Sequence[Any],
    mapping: Mapping[int, str],
    headers: Sequence[str],
    *,
    today: date,
    officers: Mapping[str, int] | None = None,
    default_officer_id: int | None = None,
    formula_blanks: Collection[int] = (),
    error_cells: Collection[int] = (),
) -> ParsedRow:
    """Read one data row into a Client, naming every problem by row and column.

    Every mapped cell is read by its column's reader and each unreadable cell becomes an
    error on its column; then clean_client validates the whole client. A phone column's
    landline goes to the landline field when that is empty; an unknown AO is a warning and
    the row goes to `default_officer_id` (no officer when that is None; the warning says so). Never raises for any cell value. The parser is
    kept for the next call with the same arguments; building one RowParser and calling its
    parse() saves comparing them on every row."""
    global _last_parser
    officers = officers or {}
    headers = headers if type(headers) is tuple else tuple(headers)
    cached = _last_parser
    if (
        cached is None
        or cached.today != today
        or cached.default_officer_id != default_officer_id
        or cached.mapping != mapping
        or cached.headers != headers
        or cached.officers != officers
    ):
        cached = _last_parser = _ParserKey(
            dict(mapping),
            headers,
            today,
            dict(officers),
            default_officer_id,
            RowParser(
                mapping,
                headers,
                today=today,
                officers=officers,
                default_officer_id=default_officer_id,
            ),
        )
    return cached.parser.parse(row, values, formula_blanks, error_cells)


@dataclass(frozen=True)
class _ParserKey:
    mapping: dict[int, str]
    headers: tuple[str, ...]
    today: date
    officers: dict[str, int]
    default_officer_id: int | None
    parser: RowParser


# The parser of the last parse_row call: an import calls it for every row of one layout.
_last_parser: _ParserKey | None = None
