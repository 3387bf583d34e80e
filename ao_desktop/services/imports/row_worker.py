"""The second core for a big import: a helper process checks the last part of the sheet's
rows while this process checks the first part and hands every checked row, in sheet
order, to the caller (the preview's duplicate search, which runs alongside).

Both run `domain.imports.sheet_rows.check_rows` with the same parser settings, so the
rows come out exactly as one process would make them (a test compares the two). The
helper is started with "spawn" on every platform (what Windows and the frozen app have;
`ao_desktop.__main__` calls `multiprocessing.freeze_support()`), so this module keeps
everything it runs at top level and imports only the domain (and the sheet reader, for a
helper that reads the file itself). It sends its rows in pieces as it goes, which also
tells the progress; a cancel terminates it; if it cannot start or dies, this process
checks what is left of its rows itself.

For a big file the preview starts the helper before it reads the sheet
(`start_reading_helper`): its start-up is then out of the way, and for an xlsx it parses
the sheet itself on the second core as soon as this process's bound check has passed
(read_sheet's `checked`; the same bytes, by their digest), while this process parses it
too, so its rows need not be pickled over (~0.3 s of this process at 100,000 rows). It
checks its part of its own reading only when that is the file read here (same sheet,
same digest); otherwise it ends and this process checks those rows.

The command line starts it earlier still, before it opens the database and signs in,
with `pre_scan=True`: the helper then makes the bound check itself (read_sheet's
`bounds`, sheet_reader.bound_sheet), so that second of work at 100,000 rows runs while
this process starts up, and parses the sheet as soon as it passes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

from ao_desktop.documents.sheets.sheet_data import SheetBound
from ao_desktop.domain.imports.client_import import ParsedRow, RowParser
from ao_desktop.domain.imports.import_duplicates import name_sketches
from ao_desktop.domain.imports.sheet_rows import CHECK_EVERY, check_rows
from ao_desktop.services.imports.row_packing import pack, rebuild

log = logging.getLogger(__name__)

# A sheet with fewer data rows is checked in one process: starting the helper
# (a Python interpreter and the domain modules, ~0.2-0.3 s of the second core) and moving
# the rows there and back only pays off for big sheets.
PARALLEL_MIN_ROWS = 20_000
# The helper's share of the rows: most of them, since this process also unpacks the
# helper's rows and runs the duplicate search over all of them. The helper also makes
# the name sketches of its rows (and, reading the file itself, gets no rows pickled to
# it): measured at 100,000 rows, this process spends ~2.75 s per 100,000 rows it checks,
# ~0.5 s per 100,000 it unpacks and ~1.3 s on the duplicate search over all of them, the
# helper ~3.7 s per 100,000 it checks; two thirds give each ~2.5 s of CPU in this step.
HELPER_SHARE = 0.67
CHUNK = CHECK_EVERY  # rows per piece the helper sends


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


@dataclass(frozen=True)
class _Checked:
    """To a helper reading the file: the sheet's cells in the bytes with `digest`
    passed the bound (read_sheet's `checked`), so calamine may parse it there too."""

    sheet: str
    digest: str


@dataclass(frozen=True)
class _BoundFirst:
    """To a helper reading the file: make read_sheet's pre-scan of this sheet (None: the
    first visible one) and send it (a SheetBound, or None) before anything else."""

    sheet: str | None


@dataclass(frozen=True)
class _SheetPart:
    """The rows rows[start:stop] of the sheet `name` read by the helper itself, if its
    file's bytes have `digest` (else the helper checks nothing)."""

    name: str
    digest: str
    start: int
    stop: int


def _own_rows(jobs: Connection, answers: Connection, path: str,
              bound: _BoundFirst | None) -> tuple[Any, dict[str, list[Any]], str]:
    """The helper's own reading: the file's bytes now; with `bound`, the pre-scan of that
    sheet made here and sent to the importing process (read_sheet takes it instead of
    scanning: the helper does it while that process starts up), then the sheet parsed
    here when it passed; then each sheet the importing process reports as bound-checked
    in the same bytes (its digest) parsed here too, until the job comes. Returns (job,
    sheet -> rows, digest of the bytes here)."""
    from ao_desktop.documents.sheets.sheet_reader import (
        bound_sheet,
        file_digest,
        read_checked_xlsx_rows,
    )

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        data = b""
    digest = file_digest(data)
    readings: dict[str, list[Any]] = {}

    def parse(sheet: str) -> None:
        try:
            readings[sheet] = read_checked_xlsx_rows(data, sheet)
        except Exception:  # noqa: BLE001 - the importing process reports the file's problems
            readings.pop(sheet, None)

    if bound is not None:
        found = bound_sheet(path, data, bound.sheet) if data else None  # of these bytes
        answers.send(found)
        if found is not None:
            parse(found.sheet)
    while True:
        message = jobs.recv()
        if not isinstance(message, _Checked):
            return message, readings, digest
        if message.digest == digest and message.sheet not in readings:
            parse(message.sheet)  # the very bytes whose cells passed the bound there


def _helper_main(jobs: Connection, answers: Connection, path: str | None = None,
                 bound: _BoundFirst | None = None) -> None:
    """The helper process: when given the `path` being read, read it too (_own_rows,
    with its pre-scan first when `bound`); receive one job, check its rows and send
    them in pieces of `chunk` rows, without their cells (the importing process has
    them)."""
    import gc

    gc.disable()  # see sheet_data.gc_paused: nothing made here is in a cycle
    try:
        if path is None:
            job, readings, digest = jobs.recv(), {}, ""
        else:
            job, readings, digest = _own_rows(jobs, answers, path, bound)
        settings, rows, first, blanks, errors, chunk, with_sketches = job
        if isinstance(rows, _SheetPart):
            own = readings.get(rows.name)
            if own is None or rows.digest != digest:
                return  # not what the importing process read: it checks these rows itself
            rows = own[rows.start : rows.stop]
            del own, readings
        parser = settings.parser()
        for start in range(0, len(rows), chunk):
            piece = rows[start : start + chunk]
            parsed, skipped = check_rows(parser, piece, first + start, blanks, errors)
            sketches = name_sketches(parsed) if with_sketches else None
            answers.send((len(piece), skipped, pack(parsed), sketches))
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the importing process went away or cancelled
    finally:
        jobs.close()
        answers.close()


class _Helper:
    """The helper process, the two one-way pipes to it, and a thread that takes its pieces
    off the pipe as they come (so the helper never waits on a full pipe while this
    process is busy), for one job."""

    def __init__(self, job: tuple[Any, ...] | None = None, *, path: str | None = None,
                 bound: _BoundFirst | None = None) -> None:
        """Start the helper; it reads the file at `path` too when given (the sheets it
        is told of by `checked`, and first the pre-scan of `bound`'s sheet, whose result
        `bound_for` gives). The job goes now when given, else through `send`."""
        context = multiprocessing.get_context("spawn")
        jobs_in, self._jobs = context.Pipe(duplex=False)
        self._answers, answers_out = context.Pipe(duplex=False)
        self.process = context.Process(target=_helper_main, args=(jobs_in, answers_out, path, bound),
                                       daemon=True, name="ao-desktop-import-check")  # fmt: skip
        self._bound_wanted = bound is not None
        self._bound: SheetBound | None = None
        self._bound_ready = threading.Event()
        self.process.start()
        jobs_in.close()
        answers_out.close()
        self.offered: set[tuple[str, str]] = set()  # (sheet, digest) told by `checked`
        self.pieces: queue.Queue[bytes | None] = queue.Queue()  # None: the helper is gone
        self.received = 0  # pieces taken off the pipe
        self._sender: threading.Thread | None = None
        self._receiver = threading.Thread(target=self._receive, daemon=True)
        self._receiver.start()
        if job is not None:
            self.send(job)

    def checked(self, sheet: str, digest: str) -> None:
        """read_sheet's `checked`: the helper may parse this sheet of these bytes now."""
        with suppress(OSError, ValueError):  # gone: this process checks every row
            self._jobs.send(_Checked(sheet, digest))
            self.offered.add((sheet, digest))

    def send(self, job: tuple[Any, ...]) -> None:
        # A job with rows is megabytes: sent from a thread, so this process checks its
        # own rows while the helper starts up and reads it.
        self._sender = threading.Thread(target=self._send, args=(job,), daemon=True)
        self._sender.start()

    def _send(self, job: tuple[Any, ...]) -> None:
        with suppress(OSError, ValueError):  # terminated (a cancel) or never started
            self._jobs.send(job)

    def _receive(self) -> None:
        try:
            if self._bound_wanted:  # the pre-scan's answer comes before any piece
                answer = None
                try:
                    answer = self._answers.recv()
                except Exception as exc:  # gone, or an answer that does not unpickle
                    raise EOFError from exc
                finally:
                    self._bound = answer if isinstance(answer, SheetBound) else None
                    self._bound_ready.set()
            while True:
                self.pieces.put(self._answers.recv_bytes())
                self.received += 1
        except (EOFError, OSError, ValueError):
            self.pieces.put(None)
            self._bound_ready.set()  # the helper is gone: no pre-scan to wait for

    def bound_for(self, sheet: str, digest: str, timeout: float) -> SheetBound | None:
        """The helper's pre-scan when it is of `sheet` in bytes with `digest`, waiting for
        it up to `timeout` seconds; None otherwise (read_sheet then scans itself)."""
        if not self._bound_wanted or not self._bound_ready.wait(timeout):
            return None
        found = self._bound
        return found if found is not None and found.sheet == sheet and found.digest == digest else None

    def next_piece(self, timeout: float) -> tuple[int, int, list[tuple[Any, ...]], Any] | None:
        """(rows, blank rows, packed parsed rows, their name sketches or None) of the next
        piece; None when the helper is gone; raises queue.Empty when nothing came within
        `timeout` seconds."""
        data = self.pieces.get(timeout=timeout)
        if data is None:
            self.pieces.put(None)  # stays gone
            return None
        return pickle.loads(data)  # type: ignore[no-any-return]

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(5)
        if self._sender is not None:
            self._sender.join(5)
        self._jobs.close()
        self._answers.close()
        self._receiver.join(5)


# A file this big likely holds PARALLEL_MIN_ROWS rows or more (an xlsx row of a dozen
# cells takes ~80 bytes, 20,000 rows ~1.6 MB): its preview starts the helper early.
EARLY_HELPER_MIN_BYTES = 1_000_000


class ReadingHelper:
    """A helper process started before the preview reads the sheet, reading the same
    file meanwhile: give `checked` to read_sheet, the helper to check_rows_in_parallel,
    and `stop` it in any case."""

    def __init__(self, helper: _Helper) -> None:
        self.helper: _Helper | None = helper

    def checked(self, sheet: str, digest: str) -> None:
        if self.helper is not None:
            self.helper.checked(sheet, digest)

    def bounds(self, sheet: str, digest: str) -> SheetBound | None:
        """read_sheet's `bounds`: the pre-scan this helper made, if asked to and of that
        sheet in those bytes."""
        if self.helper is None:
            return None
        return self.helper.bound_for(sheet, digest, BOUND_WAIT_S)

    def take(self) -> _Helper | None:
        helper, self.helper = self.helper, None
        return helper

    def stop(self) -> None:
        helper = self.take()
        if helper is not None:
            helper.stop()


# How long read_sheet waits for a helper's pre-scan before making it itself: far more
# than it takes (~1 s for 100,000 rows); only a helper that hangs would run it out.
BOUND_WAIT_S = 120.0


def start_reading_helper(path: str | os.PathLike[str], *, pre_scan: bool = False,
                         sheet: str | None = None) -> ReadingHelper | None:
    """A helper reading the file at `path` too, when it is big enough and there is a
    second core; None otherwise or when no process can start.

    `pre_scan`: it also makes read_sheet's pre-scan of `sheet` (None: the first visible
    one) and hands it over (ReadingHelper.bounds), for a caller that starts the helper
    before it is ready to read (the command line, before it opens the database): that
    scan, a second for 100,000 rows, then runs while this process starts up."""
    try:
        if (os.cpu_count() or 1) < 2 or os.path.getsize(path) < EARLY_HELPER_MIN_BYTES:
            return None
        return ReadingHelper(_Helper(path=os.fspath(path), bound=_BoundFirst(sheet) if pre_scan else None))
    except OSError as exc:
        log.warning("import: no helper process (%s); every row is checked here", exc)
        return None


def check_rows_in_parallel(
    settings: ParserSettings,
    rows: Sequence[Sequence[Any]],
    first: int,
    blanks: Mapping[int, Collection[int]],
    errors: Mapping[int, Collection[int]],
    tick: Callable[[int], None] | None = None,
    consume: Callable[[list[ParsedRow]], None] | None = None,
    *,
    min_rows: int | None = None,
    early: ReadingHelper | None = None,
    sheet: tuple[str, str] | None = None,
    with_sketches: bool = False,
) -> tuple[list[ParsedRow], int]:
    """check_rows() over `rows` with the settings' parser, the last part in the helper
    process when there are at least `min_rows` rows (PARALLEL_MIN_ROWS by default) and a
    second core. `consume(parsed)` gets the parsed rows piece by piece in sheet order as
    they are ready; `tick(done)` gets the rows checked so far (never less than before);
    raising from it (a cancel) terminates the helper.

    `early`: a helper from start_reading_helper, used (and stopped) here; `sheet`: the
    (name, digest) of the SheetData whose rows[first:] are `rows`, so it checks its part
    of its own reading when that is the same file. `with_sketches`: `consume` is
    FileDuplicateFinder.add, and gets the helper's rows with their name_sketches()
    made there."""
    parser = settings.parser()
    prestarted = early.take() if early is not None else None
    threshold = PARALLEL_MIN_ROWS if min_rows is None else min_rows
    shown = 0

    def report(done: int) -> None:
        nonlocal shown
        shown = max(shown, min(done, len(rows)))
        if tick is not None:
            tick(shown)

    parsed: list[ParsedRow] = []
    skipped = 0

    def here(part: Sequence[Sequence[Any]], part_first: int, done: Callable[[], int]) -> None:
        """Check `part` in this process, piece by piece."""
        nonlocal skipped
        for start in range(0, len(part), CHUNK):
            report(done() + start)
            more, more_skipped = check_rows(parser, part[start : start + CHUNK],
                                            part_first + start, blanks, errors)  # fmt: skip
            parsed.extend(more)
            skipped += more_skipped
            if consume is not None:
                consume(more)

    if len(rows) < max(threshold, 2) or (os.cpu_count() or 1) < 2:
        if prestarted is not None:
            prestarted.stop()
        here(rows, first, lambda: 0)
        return parsed, skipped
    split = len(rows) - int(len(rows) * HELPER_SHARE)
    mine, theirs = rows[:split], rows[split:]
    their_first = first + split
    end = first + len(rows)
    helper: _Helper | None = prestarted
    try:
        # Its own reading's rows when it read the sheet, else these rows pickled over.
        part: Any = theirs
        if helper is not None and sheet is not None and sheet in helper.offered:
            part = _SheetPart(sheet[0], sheet[1], their_first, end)
        job = (settings, part, their_first,
               {r: c for r, c in blanks.items() if their_first <= r < end},
               {r: c for r, c in errors.items() if their_first <= r < end}, CHUNK,
               with_sketches)  # fmt: skip
        try:
            if helper is None:
                helper = _Helper(job)
            else:
                helper.send(job)
        except OSError as exc:
            log.warning("import: no helper process (%s); every row is checked here", exc)
        # The helper's progress is what it has sent so far (pieces of CHUNK rows).
        sent = (lambda: helper.received * CHUNK) if helper is not None else (lambda: 0)
        here(mine, first, sent)
        taken = 0  # of the helper's rows
        while helper is not None and taken < len(theirs):
            try:
                piece = helper.next_piece(0.05)
            except queue.Empty:
                report(split + max(taken, sent()))
                continue
            if piece is None:
                log.warning("import: the helper process ended early; its last %d rows are "
                            "checked here", len(theirs) - taken)  # fmt: skip
                break
            count, more_skipped, packed, sketches = piece
            more = rebuild(packed, theirs, their_first)
            parsed.extend(more)
            skipped += more_skipped
            if consume is not None and with_sketches:
                consume(more, sketches)  # type: ignore[call-arg]
            elif consume is not None:
                consume(more)
            taken += count
            report(split + max(taken, sent()))
        if taken < len(theirs):
            here(theirs[taken:], their_first + taken, lambda: split + taken)
        elif helper is not None:
            log.info("import: %d of %d rows checked by the helper process", len(theirs), len(rows))
        return parsed, skipped
    finally:
        if helper is not None:
            helper.stop()
