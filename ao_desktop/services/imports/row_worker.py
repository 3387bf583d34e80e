"""The second core for a big import: a helper process checks the last part of the sheet's
rows while this process checks the first part.

Both run `domain.imports.sheet_rows.check_rows` with the same parser settings, so the
rows come out exactly as one process would make them (a test compares the two). The
helper is started with "spawn" on every platform (what Windows and the frozen app have;
`ao_desktop.__main__` calls `multiprocessing.freeze_support()`), so this module keeps
everything it runs at top level and imports only the domain. It reports progress; a
cancel terminates it; if it cannot start or dies, this process checks its rows itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from multiprocessing.connection import Connection
from operator import attrgetter
from typing import Any, TypeVar

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.imports.client_import import ParsedRow, RowParser
from ao_desktop.domain.imports.sheet_rows import check_rows

_T = TypeVar("_T")
log = logging.getLogger(__name__)

# A sheet with fewer data rows is checked in one process: starting the helper
# (a Python interpreter and the domain modules, ~0.2-0.3 s of the second core) and moving
# the rows there and back only pays off for big sheets.
PARALLEL_MIN_ROWS = 20_000
# The helper's share of the rows: a little less than half, since it starts later.
HELPER_SHARE = 0.45


@dataclass(frozen=True)
class ParserSettings:
    """What a RowParser is made of: the same settings make the same parser in the helper."""

    mapping: dict[int, str]
    headers: tuple[str, ...]
    today: date
    officers: dict[str, int]
    default_officer_id: int | None

    def parser(self) -> RowParser:
        return RowParser(self.mapping, self.headers, today=self.today, officers=self.officers,
                         default_officer_id=self.default_officer_id)  # fmt: skip


def _helper_main(jobs: Connection, answers: Connection) -> None:
    """The helper process: receive one job, check its rows, send progress and the result.
    The raw cells stay out of the answer (the importing process has them)."""
    import gc

    gc.disable()  # see sheet_data.gc_paused: nothing made here is in a cycle
    try:
        settings, rows, first, blanks, errors = jobs.recv()
        parsed, skipped = check_rows(settings.parser(), rows, first, blanks, errors,
                                     lambda done: answers.send(("progress", done)))  # fmt: skip
        answers.send(("done", skipped, _pack(parsed)))
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the importing process went away or cancelled
    finally:
        jobs.close()
        answers.close()


# --- the answer, packed ---------------------------------------------------------------
# Pickling 45,000 parsed rows as objects and loading them again took ~0.9 s of the two
# processes' time, most of it Client and Address instances and their enum members (each
# one a constructor call when loaded). A client travels as the tuple of its field values
# instead, enums as their values and the address as a tuple, and is put together again
# field for field: an equal Client.
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


def _pack(parsed: list[ParsedRow]) -> list[tuple[Any, ...]]:
    """The parsed rows without their cells, clients as tuples; equal sets of filled fields
    made one object, so pickle writes each once."""
    same: dict[frozenset[str], frozenset[str]] = {}
    return [
        (p.row, None if p.client is None else _pack_client(p.client), p.issues, p.officer_name,
         same.setdefault(p.filled_fields, p.filled_fields), p.note)
        for p in parsed
    ]  # fmt: skip


def _rebuild(answer: list[tuple[Any, ...]], rows: Sequence[Sequence[Any]], first: int) -> list[ParsedRow]:
    return [
        _made(ParsedRow, _ROW_FIELDS, (
            row, tuple(rows[row - 1 - first]), None if client is None else _unpack_client(client),
            issues, officer, filled, note))
        for row, client, issues, officer, filled, note in answer
    ]  # fmt: skip


class _Helper:
    """The helper process and the two one-way pipes to it, for one job."""

    def __init__(self, job: tuple[Any, ...]) -> None:
        context = multiprocessing.get_context("spawn")
        jobs_in, self._jobs = context.Pipe(duplex=False)
        self._answers, answers_out = context.Pipe(duplex=False)
        self.process = context.Process(target=_helper_main, args=(jobs_in, answers_out),
                                       daemon=True, name="ao-desktop-import-check")  # fmt: skip
        self.process.start()
        jobs_in.close()
        answers_out.close()
        self.done = 0  # rows the helper reported checked
        self.lost = False  # the helper died or could not be reached
        # The job is megabytes: sent from a thread, so this process checks its own rows
        # while the helper starts up and reads it.
        self._sender = threading.Thread(target=self._send, args=(job,), daemon=True)
        self._sender.start()

    def _send(self, job: tuple[Any, ...]) -> None:
        try:
            self._jobs.send(job)
        except (OSError, ValueError):
            self.lost = True  # terminated (a cancel) or never started

    def poll(self, timeout: float = 0.0) -> tuple[Any, ...] | None:
        """Take progress messages; the final answer when it has come."""
        try:
            while self._answers.poll(timeout):
                message = self._answers.recv()
                if message[0] != "progress":
                    return message  # type: ignore[no-any-return]
                self.done = message[1]
                timeout = 0.0
        except (EOFError, OSError):
            self.lost = True
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(5)
        self._sender.join(5)
        self._jobs.close()
        self._answers.close()


def check_rows_in_parallel(
    settings: ParserSettings,
    rows: Sequence[Sequence[Any]],
    first: int,
    blanks: Mapping[int, Collection[int]],
    errors: Mapping[int, Collection[int]],
    tick: Callable[[int], None] | None = None,
    *,
    min_rows: int | None = None,
) -> tuple[list[ParsedRow], int]:
    """check_rows() over `rows` with the settings' parser, the last part in the helper
    process when there are at least `min_rows` rows (PARALLEL_MIN_ROWS by default) and a
    second core. `tick(done)` gets the rows checked by both; raising from it (a cancel)
    terminates the helper."""
    parser = settings.parser()
    threshold = PARALLEL_MIN_ROWS if min_rows is None else min_rows
    if len(rows) < max(threshold, 2) or (os.cpu_count() or 1) < 2:
        return check_rows(parser, rows, first, blanks, errors, tick)
    split = len(rows) - int(len(rows) * HELPER_SHARE)
    mine, theirs = rows[:split], rows[split:]
    their_first = first + split
    end = first + len(rows)
    helper: _Helper | None = None
    try:
        try:
            helper = _Helper((
                settings, theirs, their_first,
                {r: c for r, c in blanks.items() if their_first <= r < end},
                {r: c for r, c in errors.items() if their_first <= r < end},
            ))  # fmt: skip
        except OSError as exc:
            log.warning("import: no helper process (%s); every row is checked here", exc)
            helper = None

        def my_tick(done: int) -> None:
            if tick is not None:
                if helper is not None:
                    helper.poll()
                tick(done + (helper.done if helper is not None else 0))

        parsed, skipped = check_rows(parser, mine, first, blanks, errors, my_tick)
        answer = None
        while helper is not None and answer is None and not helper.lost:
            answer = helper.poll(0.05)
            if answer is None:
                if not helper.process.is_alive():
                    answer = helper.poll()  # what it sent before it ended, if anything
                    break  # else it died: its rows are checked here
                if tick is not None:
                    tick(split + helper.done)
        if answer is None:
            if helper is not None:
                log.warning("import: the helper process ended without an answer; its rows are "
                            "checked here")  # fmt: skip
            more, more_skipped = check_rows(
                parser, theirs, their_first, blanks, errors,
                None if tick is None else (lambda done: tick(split + done)),
            )  # fmt: skip
        else:
            more, more_skipped = _rebuild(answer[2], theirs, their_first), answer[1]
            log.info("import: %d of %d rows checked by the helper process", len(theirs), len(rows))
        parsed.extend(more)
        return parsed, skipped + more_skipped
    finally:
        if helper is not None:
            helper.stop()
