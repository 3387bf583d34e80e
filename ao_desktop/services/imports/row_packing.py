"""The import helper's answer, packed: its parsed rows as plain tuples, cheap to pickle,
and put together again here as the very objects a single process would have made.

Pickling 45,000 parsed rows as objects and loading them again took ~0.9 s of the two
processes' time, most of it Client and Address instances and their enum members (each
one a constructor call when loaded). A client travels as the tuple of its field values
instead, enums as their values and the address as a tuple, and is put together again
field for field: an equal Client.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.imports.client_import import ParsedRow

_T = TypeVar("_T")

_CLIENT_FIELDS = tuple(f.name for f in fields(Client))
_ADDRESS_FIELDS = tuple(f.name for f in fields(Address))
_ROW_FIELDS = tuple(f.name for f in fields(ParsedRow))
_ADDRESS_AT = _CLIENT_FIELDS.index("address")
_ENUM_FIELDS = {_CLIENT_FIELDS.index(name): kind for name, kind in (
    ("kind", ClientKind), ("sex", Sex), ("status", ClientStatus), ("lead_source", LeadSource))}  # fmt: skip
_MEMBERS = {at: {m.value: m for m in kind} for at, kind in _ENUM_FIELDS.items()}
_NO_ADDRESS = Address()
_client_values = attrgetter(*_CLIENT_FIELDS)
_address_values = attrgetter(*_ADDRESS_FIELDS)


def _plain(cls: type) -> bool:
    """Whether an instance is its fields in its __dict__ and nothing else (a dataclass
    without __slots__ or __post_init__), so it can be filled in without its __init__."""
    return not hasattr(cls, "__slots__") and not hasattr(cls, "__post_init__")


_PLAIN = _plain(Client) and _plain(Address) and _plain(ParsedRow)


def _made(cls: type[_T], names: tuple[str, ...], values: Sequence[Any]) -> _T:
    """cls(**dict(zip(names, values))) for a dataclass whose every field is named: filled
    in directly when that is the same (frozen dataclasses set each field through
    object.__setattr__, most of a small instance's cost)."""
    if not _PLAIN:
        return cls(**dict(zip(names, values, strict=True)))
    made = object.__new__(cls)
    made.__dict__.update(zip(names, values, strict=True))
    return made


def _pack_client(client: Client) -> tuple[Any, ...]:
    values = list(_client_values(client))
    for at in _ENUM_FIELDS:
        member = values[at]
        if member is not None:
            values[at] = member.value
    address = values[_ADDRESS_AT]
    values[_ADDRESS_AT] = None if address == _NO_ADDRESS else _address_values(address)
    return tuple(values)


def _unpack_client(packed: tuple[Any, ...]) -> Client:
    values = list(packed)
    for at, members in _MEMBERS.items():
        value = values[at]
        if value is not None:
            values[at] = members[value]
    address = values[_ADDRESS_AT]
    values[_ADDRESS_AT] = _NO_ADDRESS if address is None else _made(Address, _ADDRESS_FIELDS, address)
    return _made(Client, _CLIENT_FIELDS, values)


def pack(parsed: list[ParsedRow]) -> list[tuple[Any, ...]]:
    """The parsed rows without their cells, clients as tuples; equal sets of filled fields
    made one object, so pickle writes each once."""
    same: dict[frozenset[str], frozenset[str]] = {}
    return [
        (p.row, None if p.client is None else _pack_client(p.client), p.issues, p.officer_name,
         same.setdefault(p.filled_fields, p.filled_fields), p.note)
        for p in parsed
    ]  # fmt: skip


def rebuild(answer: list[tuple[Any, ...]], rows: Sequence[Sequence[Any]], first: int) -> list[ParsedRow]:
    return [
        _made(ParsedRow, _ROW_FIELDS, (
            row, tuple(rows[row - 1 - first]), None if client is None else _unpack_client(client),
            issues, officer, filled, note))
        for row, client, issues, officer, filled, note in answer
    ]  # fmt: skip
