"""Importing a core-banking loan extract: preview first, then one transaction.

`preview_extract` reads the file with the client import's safe sheet reader, finds the
header under title rows, maps the columns (the user's mapping, else the guess), reads
every row and matches accounts to clients (NIK, then CIF) and Kode AO to officers. It
writes nothing. `commit_extract` stores the extract in one write transaction: a refused
extract (future or older as-of date, a missing required column) changes nothing, and a
cancel rolls back. Rows that cannot be read are rejected one by one with their reason;
the rest of the extract is imported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ao_desktop.domain.common.cell_values import RowIssue
from ao_desktop.domain.common.errors import FieldIssue, OperationCancelled, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.imports.client_sheet import normalise_header
from ao_desktop.domain.imports.import_values import is_blank
from ao_desktop.domain.portfolio.collectibility import CollectibilityPolicy
from ao_desktop.domain.portfolio.extract_columns import (
    EXTRACT_COLUMNS,
    field_for_header,
    find_extract_header,
    mapping_problems,
)
from ao_desktop.domain.portfolio.extract_rows import (
    ExtractParser,
    ExtractRow,
    MatchedRow,
    as_of_problem,
    duplicate_accounts,
)
from ao_desktop.services.portfolio.portfolio_settings import (
    POLICY_KEY,
    fold_code,
    officer_code_index,
    read_settings,
)
from ao_desktop.services.ports import Progress, Transaction, UnitOfWork

PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class Unmatched:
    row: int
    account_no: str
    nik: str
    cif: str
    name: str


@dataclass
class ExtractPreview:
    path: Path
    as_of: date
    replace: bool
    sheet: str = ""
    header_row: int = 0  # 1-based; 0 when not found
    headers: tuple[str, ...] = ()
    mapping: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # the whole extract is refused
    rows: list[MatchedRow] = field(default_factory=list)  # rows that will be imported
    issues: list[RowIssue] = field(default_factory=list)  # errors (rejected rows) and warnings
    unmatched: list[Unmatched] = field(default_factory=list)
    unassigned: dict[str, int] = field(default_factory=dict)  # Kode AO -> accounts
    replaces_same_date: bool = False
    newest_before: date | None = None
    cif_matches: list[tuple[str, int]] = field(default_factory=list)  # to remember on commit
    match_state: tuple[object, ...] = ()  # clients, policy and Kode AO when rows were matched

    @property
    def rejected(self) -> list[RowIssue]:
        """One entry per rejected row (its first error), in sheet order."""
        seen: set[int] = set()
        out: list[RowIssue] = []
        for issue in self.issues:
            if issue.is_error and issue.row not in seen:
                seen.add(issue.row)
                out.append(issue)
        return out

    @property
    def rejected_reasons(self) -> list[tuple[int, str]]:
        """(sheet row, every reason of that row joined) per rejected row, in sheet order."""
        reasons: dict[int, list[str]] = {}
        for issue in self.issues:
            if issue.is_error:
                text = f"{issue.column}: {issue.message}" if issue.column else issue.message
                reasons.setdefault(issue.row, []).append(text)
        return [(row, "; ".join(texts)) for row, texts in reasons.items()]

    @property
    def outstanding(self) -> int:
        return sum(m.row.outstanding for m in self.rows)


@dataclass(frozen=True)
class ExtractResult:
    extract_id: int
    imported: int
    rejected: int
    unmatched: int
    seconds: float


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise OperationCancelled(_("Impor ekstrak dibatalkan; database tidak berubah."))


def match_rows(tx: Transaction, rows: list[ExtractRow], policy: CollectibilityPolicy,
               ) -> tuple[list[MatchedRow], list[tuple[str, int]]]:
    """Each row with its client (NIK first, then CIF), officer and Kol; and the (CIF,
    client) pairs matched by NIK, to remember."""
    by_nik = tx.portfolio.clients_by_nik({r.nik for r in rows if r.nik})
    by_cif = tx.portfolio.clients_by_cif({r.cif for r in rows if r.cif})
    officers = officer_code_index(tx)
    matched: list[MatchedRow] = []
    cifs: list[tuple[str, int]] = []
    for r in rows:
        client = by_nik.get(r.nik) if r.nik else None
        if client is not None and r.cif and r.cif not in by_cif:
            cifs.append((r.cif, client))
        if client is None and r.cif:
            client = by_cif.get(r.cif)
        officer = officers.get(fold_code(r.officer_code)) if r.officer_code else None
        matched.append(MatchedRow(r, client, officer, policy.level(r.days_past_due)))
    return matched, cifs


def _match_state(tx: Transaction) -> tuple[object, ...]:
    """Changes when anything the matching reads changes: a client added or saved, the
    policy, an officer or a Kode AO assignment."""
    codes = tuple(sorted(officer_code_index(tx).items()))
    return (*tx.clients.change_marker(), tx.settings.get(POLICY_KEY, ""), codes)


def preview_extract(
    uow: UnitOfWork,
    path: str | Path,
    as_of: date,
    *,
    mapping: Mapping[int, str] | None = None,
    overrides: Mapping[str, str] | None = None,
    replace: bool = False,
    sheet: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractPreview:
    """Read and check an extract without writing; see the module docstring. Raises
    SheetReadError for a file that cannot be read at all."""
    from ao_desktop.documents.sheets.sheet_reader import read_sheet  # calamine: on first use

    path = Path(path)
    report = progress or (lambda _w, _d, _t: None)
    preview = ExtractPreview(path, as_of, replace)
    with uow.read() as tx:
        newest = tx.portfolio.extract_on_or_before(None)
        same = tx.portfolio.extract_on_or_before(as_of)
    preview.newest_before = newest.as_of if newest else None
    preview.replaces_same_date = same is not None and same.as_of == as_of
    problem = as_of_problem(as_of, today or date.today(), preview.newest_before, replace)
    if problem:
        preview.problems.append(problem)
        return preview
    report(_("Membaca berkas…"), 0, 0)
    data = read_sheet(path, sheet)
    preview.sheet = data.name
    _check(cancelled)
    guess = find_extract_header(data.rows)
    if guess is None and mapping is None:
        preview.problems.append(_(
            "Baris judul kolom tidak ditemukan di lembar {s}: perlu setidaknya kolom No Rekening "
            "dan dua kolom lain (misalnya NIK, Baki Debet, Hari Tunggakan).").format(s=data.name))
        return preview
    header_index = guess.row if guess else 0
    preview.header_row = header_index + 1
    preview.headers = guess.headers if guess else tuple(str(c or "") for c in data.rows[0]) if data.rows else ()
    preview.mapping = dict(mapping if mapping is not None else guess.mapping if guess else {})
    if overrides:
        preview.problems = apply_overrides(preview.mapping, preview.headers, overrides)
        if preview.problems:
            return preview
    preview.problems = mapping_problems(preview.mapping)
    if preview.problems:
        return preview
    parser = ExtractParser(preview.mapping, preview.headers)
    good: list[ExtractRow] = []
    body = data.rows[header_index + 1:]
    errors = {(r, c) for r, c in data.error_cells} | {(r, c) for r, c in data.formula_blanks}
    for offset, values in enumerate(body):
        row_index = header_index + 1 + offset
        if all(is_blank(v) for v in values):
            continue
        bad_cells = [c for c in preview.mapping if (row_index, c) in errors]
        if bad_cells:
            preview.issues.append(RowIssue(row_index + 1, preview.mapping[bad_cells[0]], parser._where(
                bad_cells[0], preview.mapping[bad_cells[0]]), _("sel berisi galat atau rumus tanpa nilai")))
            continue
        parsed, issues = parser.parse(row_index + 1, values)
        preview.issues += issues
        if parsed is not None:
            good.append(parsed)
        if offset % PROGRESS_EVERY == 0:
            report(_("Memeriksa baris…"), offset, len(body))
            _check(cancelled)
    duplicates = duplicate_accounts(good)
    for row, reason in sorted(duplicates.items()):
        preview.issues.append(RowIssue(row, "account_no", _("No Rekening"), reason))
    good = [r for r in good if r.row not in duplicates]
    preview.issues.sort(key=lambda i: (i.row, not i.is_error))
    report(_("Mencocokkan nasabah…"), len(body), len(body))
    with uow.read() as tx:
        preview.rows, preview.cif_matches = match_rows(tx, good, read_settings(tx).policy)
        preview.match_state = _match_state(tx)
    _describe_matches(preview)
    if not preview.rows and not preview.problems:
        preview.problems.append(_("Tidak ada baris rekening yang dapat diimpor dari lembar {s}.")
                                .format(s=preview.sheet))
    return preview


def apply_overrides(mapping: dict[int, str], headers: tuple[str, ...],
                    overrides: Mapping[str, str]) -> list[str]:
    """Change `mapping` in place by `COLUMN=field` pairs: COLUMN is a header text as the
    file writes it (case and punctuation ignored) or a column letter; field a field key
    (account_no, nik, ...) or any header name the import knows; "-" leaves the column out.
    Returns what could not be applied."""
    problems: list[str] = []
    folded = {normalise_header(h): i for i, h in reversed(list(enumerate(headers))) if h}
    for column, target in overrides.items():
        index = folded.get(normalise_header(column))
        letters = column.strip().upper()
        if index is None and letters.isalpha() and len(letters) <= 3:
            index = column_index(letters)
        if index is None:
            problems.append(_("Kolom '{c}' tidak ada di baris judul ({h}).").format(
                c=column, h=", ".join(h for h in headers if h) or "-"))
            continue
        if target.strip() in ("-", ""):
            mapping.pop(index, None)
            continue
        name = field_for_header(target)
        if name is None:
            problems.append(_("Isian '{f}' tidak dikenal; pilih salah satu: {k}.").format(
                f=target, k=", ".join(c.field for c in EXTRACT_COLUMNS)))
            continue
        for other, value in list(mapping.items()):
            if value == name:
                del mapping[other]
        mapping[index] = name
    return problems


def column_index(letters: str) -> int:
    """0-based index of an Excel column letter: A -> 0, AA -> 26."""
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1


def _describe_matches(preview: ExtractPreview) -> None:
    preview.unmatched = [Unmatched(m.row.row, m.row.account_no, m.row.nik, m.row.cif, m.row.borrower_name)
                         for m in preview.rows if m.client_id is None]
    unassigned: dict[str, int] = {}
    for m in preview.rows:
        if m.officer_id is None:
            code = m.row.officer_code or _("(kosong)")
            unassigned[code] = unassigned.get(code, 0) + 1
    preview.unassigned = unassigned


def commit_extract(
    uow: UnitOfWork,
    preview: ExtractPreview,
    actor: Actor,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractResult:
    """Store the previewed extract in one transaction; the as-of rules are checked again
    under the write lock (a colleague may have imported a newer extract meanwhile).
    Supervisors and admins only: an extract holds the whole branch's loans."""
    from ao_desktop.domain.access.permissions import Action, require

    require(actor, Action.IMPORT_FOR_BRANCH)
    if preview.problems:
        raise ValidationFailed([FieldIssue("file", preview.problems[0], True)])
    started = time.perf_counter()
    report = progress or (lambda _w, _d, _t: None)
    now = datetime.now().replace(microsecond=0)
    total = len(preview.rows)
    with uow.write() as tx:
        newest = tx.portfolio.extract_on_or_before(None)
        newest_date = newest.as_of if newest else None
        problem = as_of_problem(preview.as_of, today or date.today(), newest_date, preview.replace)
        if problem:
            raise ValidationFailed([FieldIssue("as_of", problem, True)])
        # Match again only when a colleague changed what matching reads since the preview
        # (a client added now is found); otherwise the preview's matches still hold.
        if preview.match_state and _match_state(tx) == preview.match_state:
            rows, cifs = preview.rows, preview.cif_matches
        else:
            rows, cifs = match_rows(tx, [m.row for m in preview.rows], read_settings(tx).policy)
        _check(cancelled)

        def on_batch(done: int) -> None:
            report(_("Menyimpan rekening…"), done, total)
            _check(cancelled)

        extract_id = tx.portfolio.write_extract(
            preview.as_of, preview.path.name, rows, actor.name, now,
            newest=newest_date is None or preview.as_of >= newest_date, on_batch=on_batch)
        tx.portfolio.remember_cifs(cifs)
        _check(cancelled)
    unmatched = sum(1 for m in rows if m.client_id is None)
    return ExtractResult(extract_id, len(rows), len(preview.rejected), unmatched,
                         time.perf_counter() - started)
