"""Importing clients from an AO's spreadsheet: preview first, then one transaction.

`preview_import` reads the sheet, finds the header row, maps the columns (the user's
mapping, else the one remembered for this header layout, else the guess), parses and
validates every row and looks for duplicates in the file and in the database. It writes
nothing. `commit_import` carries out the plan in one write transaction: all rows or none,
and a cancel rolls back. Long steps report progress and poll `cancelled`; both run on a
worker thread in the GUI.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ao_desktop.documents.sheets.sheet_data import gc_paused
from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_rules import clean_client, errors_only
from ao_desktop.domain.clients.consent import settle_consent
from ao_desktop.domain.common.cell_values import RowIssue
from ao_desktop.domain.common.errors import FieldIssue, OperationCancelled, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.imports.client_import import ParsedRow
from ao_desktop.domain.imports.import_duplicates import FileDuplicateFinder, merge_into
from ao_desktop.domain.imports.import_plan import (
    DuplicateOf,
    DuplicatePolicy,
    ImportCounts,
    PlannedRow,
    RowAction,
    count_plan,
    plan_import,
    stored_duplicates,
)
from ao_desktop.domain.imports.sheet_header import find_header, layout_key, mapping_problems
from ao_desktop.services.imports.row_worker import (
    ParserSettings,
    ReadingHelper,
    check_rows_in_parallel,
    start_reading_helper,
)
from ao_desktop.services.ports import Progress, Transaction, UnitOfWork

if TYPE_CHECKING:
    from ao_desktop.documents.sheets.sheet_reader import SheetInfo

MAPPING_KEY = "import.mapping."
STORED_CHUNK = 2000  # rows per duplicate query against the database


@dataclass
class ImportPreview:
    """Everything the preview dialog shows, and what the commit needs."""

    path: Path
    sheet: str
    sheets: list[SheetInfo]  # every worksheet; `rows` is -1 for those not read
    header_row: int  # as Excel numbers it (1-based); 0 when no header was found
    headers: tuple[str, ...]
    mapping: dict[int, str]  # column index -> field
    layout_key: str
    mapping_remembered: bool  # the mapping came from an earlier import of this layout
    rows: list[ParsedRow] = field(default_factory=list)  # rows below the header but blank ones
    skipped_rows: int = 0  # blank rows
    stored_duplicates: dict[int, DuplicateOf] = field(default_factory=dict)
    file_duplicates: dict[int, DuplicateOf] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # why nothing can be imported
    stored_state: tuple[object, ...] = ()  # the clients table when duplicates were checked

    def plan(self, policy: DuplicatePolicy,
             overrides: Mapping[int, DuplicatePolicy] | None = None) -> list[PlannedRow]:
        with gc_paused():  # a row's plan is a new tuple: no collections over every row
            return plan_import(self.rows, self.stored_duplicates, self.file_duplicates, policy,
                               overrides)  # fmt: skip

    def counts(self, policy: DuplicatePolicy,
               overrides: Mapping[int, DuplicatePolicy] | None = None) -> ImportCounts:
        return count_plan(self.plan(policy, overrides))

    def issues(self) -> list[RowIssue]:
        """Every problem of every row, in sheet order (errors and warnings)."""
        return [issue for parsed in self.rows for issue in parsed.issues]


@dataclass(frozen=True)
class ImportResult:
    counts: ImportCounts
    new_ids: list[int]
    merged_ids: list[int]
    seconds: float
    plan: list[PlannedRow] = field(default_factory=list)  # what was done with each row


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise OperationCancelled(_("Impor dibatalkan; database tidak berubah."))


def _officer_index(tx: Transaction) -> dict[str, int]:
    return {" ".join(o.name.lower().split()): o.id for o in tx.officers.list(active_only=False)
            if o.id is not None}


def remembered_mapping(uow: UnitOfWork, key: str) -> dict[int, str] | None:
    with uow.read() as tx:
        text = tx.settings.get(MAPPING_KEY + key, "")
    try:
        raw = json.loads(text) if text else None
        mapping = {int(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else None
    except (ValueError, TypeError, AttributeError):
        return None  # a damaged setting is ignored, not an error
    return mapping if mapping and not mapping_problems(mapping) else None


def remember_mapping(uow: UnitOfWork, key: str, mapping: Mapping[int, str]) -> None:
    with uow.write() as tx:
        tx.settings.set(MAPPING_KEY + key, json.dumps({str(k): v for k, v in sorted(mapping.items())}))


def _stored_matches(
    tx: Transaction,
    rows: list[ParsedRow],
    report: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[int, DuplicateOf]:
    """Rows that look like a stored client, checked in chunks so a big sheet against a big
    database shows progress and can be cancelled (10,000 rows against 1M clients compare
    ~300,000 same-birth-date pairs). Rows go in birth-date order, so each chunk fetches
    a date's stored clients once."""
    if not tx.clients.change_marker()[0]:
        return {}  # an empty table (archived clients count): nothing to look up, chunk by chunk
    valid = sorted((r for r in rows if r.client is not None),
                   key=lambda r: r.client.birth_date or date.min)  # type: ignore[union-attr]  # fmt: skip
    found: dict[int, DuplicateOf] = {}
    for start in range(0, len(valid), STORED_CHUNK):
        chunk = valid[start : start + STORED_CHUNK]
        clients = [r.client for r in chunk if r.client is not None]
        candidates = tx.clients.identity_candidates(
            {c.nik for c in clients}, {c.mobile for c in clients},
            {c.birth_date for c in clients if c.birth_date},
        )  # fmt: skip
        found.update(stored_duplicates(chunk, candidates))
        if report is not None:
            report(_("Mencari duplikat di database…"), start + len(chunk), len(valid))
        _check(cancelled)
    return found


def preview_import(
    uow: UnitOfWork,
    path: str | Path,
    actor: Actor,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
    for_officer: int | None = None,
    helper: ReadingHelper | None = None,
) -> ImportPreview:
    """Read and check a sheet without writing anything; see the module docstring.

    `helper`: a helper the caller started on this file with start_reading_helper (the
    command line does, before it opens the database); used and stopped here. Raises
    SheetReadError (a domain error) for a file that cannot be read at all.
    """
    path = Path(path)
    # A big file: the helper process starts now and reads it too, on the second core.
    early = helper if helper is not None else start_reading_helper(path)
    try:
        return _preview(uow, path, actor, sheet, mapping, progress, cancelled, today, early, for_officer)
    finally:
        if early is not None:
            early.stop()  # unused (a small sheet, no header, an error) or already done


def _preview(
    uow: UnitOfWork,
    path: Path,
    actor: Actor,
    sheet: str | None,
    mapping: Mapping[int, str] | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    today: date | None,
    early: ReadingHelper | None,
    for_officer: int | None,
) -> ImportPreview:
    from ao_desktop.documents.sheets.sheet_reader import read_sheet  # calamine: on first use

    report = progress or (lambda _what, _done, _total: None)
    report(_("Membaca berkas…"), 0, 0)
    data = read_sheet(path, sheet, checked=early.checked if early is not None else None,
                      bounds=early.bounds if early is not None else None)
    sheets = list(data.sheets)
    _check(cancelled)
    guess = find_header(data.rows)
    if guess is None:
        return ImportPreview(
            path, data.name, sheets, 0, (), {}, "", False,
            problems=[_("Baris judul kolom tidak ditemukan di lembar {s}: perlu setidaknya kolom "
                        "nama dan satu kolom lain (misalnya NIK atau No. HP).").format(s=data.name)],
        )
    key = layout_key(guess.headers)
    remembered = None if mapping is not None else remembered_mapping(uow, key)
    chosen = dict(mapping if mapping is not None else remembered or guess.mapping)
    preview = ImportPreview(path, data.name, sheets, guess.row + 1, guess.headers, chosen, key,
                            remembered is not None)
    preview.problems = mapping_problems(chosen)
    if preview.problems:
        return preview
    blanks: dict[int, set[int]] = {}
    for row_index, col in data.formula_blanks:
        blanks.setdefault(row_index, set()).add(col)
    errors: dict[int, set[int]] = {}
    for row_index, col in data.error_cells:
        errors.setdefault(row_index, set()).add(col)
    with uow.read() as tx:
        officers = _officer_index(tx)
    settings = ParserSettings(chosen, tuple(guess.headers), today or date.today(), officers,
                              for_officer if for_officer is not None else actor.officer_id)  # fmt: skip
    body = data.rows[guess.row + 1 :]
    total = len(body)

    def tick(done: int) -> None:
        report(_("Memeriksa baris…"), done, total)
        _check(cancelled)

    # Duplicates within the file are searched piece by piece as rows are checked, so on
    # a big sheet that runs here while the helper process checks the rest.
    finder = FileDuplicateFinder()
    with gc_paused():
        preview.rows, preview.skipped_rows = check_rows_in_parallel(
            settings, body, guess.row + 1, blanks, errors, tick, finder.add,
            early=early, sheet=(data.name, data.digest), with_sketches=True,
        )
    report(_("Mencari duplikat…"), total, total)
    with gc_paused():
        preview.file_duplicates = {row: DuplicateOf(row, d.reasons, first_row=d.first_row)
                                   for row, d in finder.found.items()}  # fmt: skip
        with uow.read() as tx:
            preview.stored_duplicates = _stored_matches(tx, preview.rows, report, cancelled)
            preview.stored_state = tx.clients.change_marker()
    _check(cancelled)
    return preview


def _merged(tx: Transaction, target_id: int, incoming: list[ParsedRow]) -> tuple[Client, Client] | None:
    """(stored, merged) for a stored client and the rows merging into it; None if gone."""
    current = tx.clients.get(target_id)
    if current is None:
        return None
    merged = current
    for parsed in incoming:
        assert parsed.client is not None
        merged = merge_into(merged, parsed.client, parsed.filled_fields)
    cleaned, issues = clean_client(merged)
    if errors_only(issues):
        raise ValidationFailed(errors_only(issues))
    return current, replace(cleaned, id=current.id, version=current.version)


def commit_import(
    uow: UnitOfWork,
    preview: ImportPreview,
    policy: DuplicatePolicy,
    actor: Actor,
    *,
    overrides: Mapping[int, DuplicatePolicy] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Write the accepted rows in one transaction (all or nothing) and return what was done.

    Duplicates against the database are checked again inside the transaction, so a client
    a colleague added after the preview is treated like any other duplicate.
    """
    if preview.problems:
        raise ValidationFailed([FieldIssue("file", preview.problems[0], True)])
    require(actor, Action.IMPORT_OWN_CLIENTS)
    started = time.perf_counter()
    report = progress or (lambda _what, _done, _total: None)
    now = datetime.now().replace(microsecond=0)
    # The plan and the rows to insert are 100,000s of new objects next to the preview's:
    # without the pause each collection walks all of them again (~1 s at 100,000 rows).
    with gc_paused(), uow.write() as tx:
        report(_("Memeriksa duplikat…"), 0, 0)
        # Clients saved by a colleague since the preview are duplicates like any other;
        # when nobody changed the table the preview's check still holds.
        unchanged = bool(preview.stored_state) and tx.clients.change_marker() == preview.stored_state
        stored = (preview.stored_duplicates if unchanged
                  else _stored_matches(tx, preview.rows, report, cancelled))  # fmt: skip
        plan = plan_import(preview.rows, stored, preview.file_duplicates, policy, overrides)
        _check(cancelled)
        inserts: dict[int, Client] = {}
        into_stored: dict[int, list[ParsedRow]] = {}
        for item in plan:
            client = item.row.client
            if item.action is RowAction.INSERT and client is not None:
                inserts[item.row.row] = client
            elif item.action is RowAction.MERGE and item.target_id is not None:
                into_stored.setdefault(item.target_id, []).append(item.row)
            elif item.action is RowAction.MERGE and item.target_row is not None and client is not None:
                base = inserts[item.target_row]
                inserts[item.target_row] = merge_into(base, client, item.row.filled_fields)
        merged_ids: list[int] = []
        for done, (target_id, incoming) in enumerate(into_stored.items()):
            pair = _merged(tx, target_id, incoming)
            if pair is None:
                continue
            current, merged = pair
            # A sheet saying "Tidak" for a client who consented records a withdrawal.
            merged = settle_consent(current, merged, now.date())
            _check_import_owner(actor, current.officer_id, merged.officer_id)
            if tx.clients.update(merged, actor.name, now) is None:
                continue  # unreachable under the write lock; nothing half-done either way
            if merged.status is not current.status:
                tx.clients.set_status(target_id, current.version + 1, merged.status, actor.name, now,
                                      _("diimpor dari {f}").format(f=preview.path.name))
            merged_ids.append(target_id)
            if done % 200 == 0:
                report(_("Menggabungkan data…"), done, len(into_stored))
                _check(cancelled)
        total = len(inserts)

        def on_batch(done: int) -> None:
            report(_("Menyimpan nasabah…"), done, total)
            _check(cancelled)

        for officer_id in {c.officer_id for c in inserts.values()}:
            _check_import_owner(actor, officer_id)
        new_ids = tx.clients.add_many(
            list(inserts.values()), actor.name, now,
            {"file": preview.path.name, "sheet": preview.sheet}, on_batch, audit=False,
        )
        _check(cancelled)
        # One entry for the whole batch: the file, the counts and the rows' ids.
        tx.audit.record("clients", 0, "import_batch", actor.name, now, {
            "file": preview.path.name, "sheet": preview.sheet, "inserted": len(new_ids),
            "merged": len(merged_ids), "inserted_ids": _id_ranges(new_ids), "merged_ids": merged_ids,
        })
        report(_("Menyelesaikan…"), total, total)
    return ImportResult(count_plan(plan), new_ids, merged_ids, time.perf_counter() - started, plan)


def _check_import_owner(actor: Actor, *officer_ids: int | None) -> None:
    """An AO imports into their own portfolio; rows for another AO (an AO column naming a
    colleague, --officer) need the supervisor's right to import for the branch."""
    for officer_id in officer_ids:
        if actor.officer_id is not None and officer_id != actor.officer_id:
            require(actor, Action.IMPORT_FOR_BRANCH, _(
                "AO hanya dapat mengimpor nasabah ke portofolionya sendiri; baris untuk AO lain "
                "atau tanpa AO perlu supervisor."))


def _id_ranges(ids: list[int]) -> list[list[int]]:
    """[[first, last], ...]: the ids of a bulk insert are consecutive, so a 100,000-row
    import is one pair, not 100,000 numbers."""
    ranges: list[list[int]] = []
    for i in sorted(ids):
        if ranges and i == ranges[-1][1] + 1:
            ranges[-1][1] = i
        else:
            ranges.append([i, i])
    return ranges


def report_rows(preview: ImportPreview) -> list[tuple[int, tuple[object, ...], list[str]]]:
    """(sheet row, original cells, reasons) of every rejected row and every note line
    skipped, for the error report: what was not imported, and why."""
    out = []
    for parsed in preview.rows:
        if parsed.rejected or parsed.note:
            reasons = [f"{i.column}: {i.message}" if i.column else i.message
                       for i in parsed.issues if i.is_error or parsed.note]
            out.append((parsed.row, parsed.values, reasons))
    return out


def write_error_report(preview: ImportPreview, path: str | Path) -> int:
    """Write the rejected rows and skipped note lines with their reasons to an .xlsx the AO
    can fix and re-import."""
    from ao_desktop.documents.imports.client_workbook import write_error_report as write

    return write(path, preview.headers, report_rows(preview))
