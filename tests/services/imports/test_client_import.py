"""The client import on the fixture workbook and real SQLite files: preview, plan,
commit (all or nothing), duplicates, remembered mappings, the error report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.errors import OperationCancelled
from ao_desktop.domain.common.officer import Actor, Officer
from ao_desktop.domain.imports.import_plan import DuplicatePolicy, RowAction
from ao_desktop.services.clients.directory import (
    add_client,
    archive_client,
    count_clients,
    get_client,
    search_clients,
)
from ao_desktop.services.imports.client_export import export_clients
from ao_desktop.services.imports.client_import import (
    commit_import,
    preview_import,
    remember_mapping,
    write_error_report,
)
from tests.fixtures.client_sheets import (
    DATA_ROWS,
    HEADER_ROW,
    HEADERS,
    ROWS,
    SHEET,
    STORED,
    build_fixture,
)

ACTOR = Actor("Rina Wulandari")
TODAY = date(2026, 11, 27)


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    return build_fixture(tmp_path / "prospek.xlsx")


@pytest.fixture
def stored(uow) -> Client:
    return add_client(uow, Client(**STORED), "rina")


def _by_row(preview):
    return {p.row: p for p in preview.rows}


def test_preview_finds_the_visible_sheet_and_the_header_under_the_title(uow, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    assert preview.sheet == SHEET
    assert preview.header_row == HEADER_ROW
    assert [s.name for s in preview.sheets if s.hidden] == ["Rahasia"]
    assert preview.headers[: len(HEADERS)] == HEADERS
    assert preview.mapping[1] == "full_name" and preview.mapping[2] == "nik"
    assert 0 not in preview.mapping  # the "No" column is ignored
    assert preview.problems == []


@pytest.mark.parametrize("row_no, cells, expect", DATA_ROWS, ids=[str(r[0]) for r in DATA_ROWS])
def test_every_fixture_row_becomes_what_it_should(uow, stored, fixture_file, row_no, cells, expect) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    parsed = _by_row(preview)[row_no]
    errors = [i for i in parsed.issues if i.is_error]
    if expect.outcome == "rejected":
        assert parsed.rejected and parsed.client is None
        assert expect.field in {i.field for i in errors}, parsed.issues
        issue = next(i for i in errors if i.field == expect.field)
        assert expect.words in issue.message.lower()
        assert issue.row == row_no and issue.column  # where: row and the sheet's own column
        return
    assert not errors, parsed.issues
    client = parsed.client
    assert client is not None and client.full_name == expect.name
    if expect.mobile:
        assert client.mobile == expect.mobile
    if expect.income is not None:
        assert client.monthly_income == expect.income
    if expect.birth is not None:
        assert client.birth_date == expect.birth
    assert parsed.flagged is (expect.outcome == "flagged")
    if expect.outcome == "duplicate_stored":
        assert preview.stored_duplicates[row_no].existing.id == stored.id
    if expect.outcome == "duplicate_file":
        assert preview.file_duplicates[row_no].first_row == 5


def test_blank_rows_are_left_out_and_the_footer_note_is_skipped_with_its_reason(uow, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    blank = [r for r, _c, e in ROWS if e.outcome == "blank"]
    (note,) = [r for r, _c, e in ROWS if e.outcome == "note"]
    assert not set(blank) & set(_by_row(preview)) and preview.skipped_rows == len(blank)
    planned = {p.row.row: p for p in preview.plan(DuplicatePolicy.SKIP)}
    assert planned[note].action is RowAction.SKIP
    (issue,) = [i for i in preview.issues() if i.row == note]
    assert "dilewati" in issue.message and "Total" in issue.message


def test_counts_follow_the_duplicate_policy(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    rejected = sum(1 for _r, _c, e in DATA_ROWS if e.outcome == "rejected")
    skip = preview.counts(DuplicatePolicy.SKIP)
    notes = 1  # the footer line, skipped with its reason
    assert (skip.rows, skip.rejected, skip.duplicates, skip.skipped) == (len(DATA_ROWS) + notes, rejected, 2, 2 + notes)
    assert skip.flagged == 1 and skip.accepted == skip.inserted == len(DATA_ROWS) - rejected - 2
    merge = preview.counts(DuplicatePolicy.MERGE)
    assert (merge.merged, merge.inserted, merge.skipped) == (2, skip.inserted, notes)
    new = preview.counts(DuplicatePolicy.NEW)
    assert (new.inserted, new.merged) == (skip.inserted + 2, 0)
    one_new = preview.counts(DuplicatePolicy.SKIP, {15: DuplicatePolicy.NEW})
    assert one_new.inserted == skip.inserted + 1


def test_commit_writes_the_accepted_rows_and_the_database_matches(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    counts = preview.counts(DuplicatePolicy.SKIP)
    result = commit_import(uow, preview, DuplicatePolicy.SKIP, ACTOR)
    assert result.counts == counts and len(result.new_ids) == counts.inserted
    assert count_clients(uow, ClientQuery()) == 1 + counts.inserted
    budi = search_clients(uow, ClientQuery(text="Budi Santoso"))
    assert [(b.mobile, b.monthly_income) for b in budi] == [("+6281398765432", 6_000_000)]
    assert search_clients(uow, ClientQuery(text="Joko Susilo")) == []  # rejected row


def test_merge_fills_the_stored_client_and_keeps_its_identity(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    result = commit_import(uow, preview, DuplicatePolicy.MERGE, ACTOR)
    assert result.merged_ids == [stored.id]
    dewi = search_clients(uow, ClientQuery(text=STORED["nik"]))
    assert len(dewi) == 1 and dewi[0].id == stored.id
    assert dewi[0].mobile == "+6281300002222" and dewi[0].monthly_income == 4_500_000
    siti = search_clients(uow, ClientQuery(text="3174055207900001"))
    assert len(siti) == 1  # row 15 merged into row 5's new client, not a second Siti


def test_a_cancelled_commit_leaves_the_database_as_it_was(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    seen: list[str] = []

    def cancel_when_saving(what: str, _done: int, _total: int) -> None:
        seen.append(what)

    with pytest.raises(OperationCancelled):
        commit_import(uow, preview, DuplicatePolicy.MERGE, ACTOR, progress=cancel_when_saving,
                      cancelled=lambda: any("Menyimpan" in w for w in seen))
    assert count_clients(uow, ClientQuery()) == 1
    assert search_clients(uow, ClientQuery(text=STORED["nik"]))[0].monthly_income == 0  # merge undone


def test_a_stored_duplicate_added_after_the_preview_is_still_caught(uow, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    assert preview.stored_duplicates == {}
    add_client(uow, Client(**STORED), "budi")  # a colleague, meanwhile
    result = commit_import(uow, preview, DuplicatePolicy.SKIP, ACTOR)
    assert len(search_clients(uow, ClientQuery(text=STORED["nik"]))) == 1
    assert result.counts.skipped == 2 + 1  # two duplicates and the footer line


def test_a_mapping_chosen_by_the_user_is_used_and_remembered(uow, fixture_file) -> None:
    first = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    mapping = {k: v for k, v in first.mapping.items() if v != "monthly_income"}
    mapping[11] = "notes"
    remember_mapping(uow, first.layout_key, mapping)
    again = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    assert again.mapping_remembered and again.mapping == mapping
    assert _by_row(again)[13].client is not None  # the formula column is no longer read
    explicit = preview_import(uow, fixture_file, ACTOR, mapping={1: "full_name"}, today=TODAY)
    assert explicit.mapping == {1: "full_name"} and not explicit.mapping_remembered


def test_a_mapping_without_a_name_column_is_a_problem_not_a_crash(uow, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, mapping={2: "nik"}, today=TODAY)
    assert preview.problems and preview.rows == []


def test_a_sheet_without_a_header_says_so(uow, tmp_path) -> None:
    wb = Workbook()
    wb.active.append(["x", "y"])
    wb.active.append([1, 2])
    wb.save(tmp_path / "angka.xlsx")
    preview = preview_import(uow, tmp_path / "angka.xlsx", ACTOR)
    assert preview.problems and "judul" in preview.problems[0]


def test_the_error_report_lists_every_rejected_or_skipped_note_row_with_reasons(uow, fixture_file, tmp_path) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    out = tmp_path / "ditolak.xlsx"
    written = write_error_report(preview, out)
    rejected = [r for r, _c, e in ROWS if e.outcome in ("rejected", "note")]
    assert written == len(rejected)
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == rejected
    assert all(r[0] for r in rows[1:])  # a reason on every row
    assert rows[0][2 : 2 + len(HEADERS)] == HEADERS


def test_the_fixed_error_report_imports_again(uow, fixture_file, tmp_path) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    out = tmp_path / "ditolak.xlsx"
    write_error_report(preview, out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws.cell(row=2, column=2 + 2, value="Nama Diperbaiki")  # the row without a name
    wb.save(out)
    again = preview_import(uow, out, ACTOR, today=TODAY)
    assert again.header_row == 1 and again.rows[0].client is not None
    assert again.rows[0].client.full_name == "Nama Diperbaiki"


def test_export_then_import_gives_back_the_same_clients(uow, tmp_path) -> None:
    with uow.write() as tx:
        rina = tx.officers.add(Officer(name="Rina Wulandari"))
    from tests.storage.clients.test_client_bulk import FULL

    originals = [
        add_client(uow, replace(FULL, officer_id=rina.id), "rina"),
        add_client(uow, Client(full_name="Budi", mobile="+6281398765432", landline="+62215551234"), "rina"),
        add_client(uow, Client(full_name="=HYPERLINK(\"http://x\")", notes="+62 tulis", nik=""), "rina"),
    ]
    out = tmp_path / "ekspor.xlsx"
    assert export_clients(uow, ClientQuery(), out, ACTOR) == 3
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    fresh_db = open_database(tmp_path / "baru.sqlite", create=True)
    try:
        fresh = SqlUnitOfWork(fresh_db)
        with fresh.write() as tx:
            tx.officers.add(Officer(name="Rina Wulandari"))
        preview = preview_import(fresh, out, ACTOR)
        assert preview.counts(DuplicatePolicy.SKIP).accepted == 3, preview.issues()
        commit_import(fresh, preview, DuplicatePolicy.SKIP, ACTOR)
        with fresh.read() as tx:
            back = {c.full_name: c for c, _o in tx.clients.export_rows(ClientQuery())}
    finally:
        fresh_db.close()
    fields = ("kind", "full_name", "business_name", "nik", "nib", "npwp", "birth_date", "sex",
              "mobile", "landline", "address", "occupation", "monthly_income",
              "monthly_obligations", "status", "lead_source", "tags", "notes", "consent_contact")
    for original in originals:
        got = back[original.full_name]
        assert {f: getattr(got, f) for f in fields} == {f: getattr(original, f) for f in fields}
    assert back[FULL.full_name].officer_id is not None


def test_plan_actions_are_in_sheet_order(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    plan = preview.plan(DuplicatePolicy.SKIP)
    assert [p.row.row for p in plan] == [r for r, _c, e in ROWS if e.outcome != "blank"]
    assert {p.row.row: p.action for p in plan}[14] is RowAction.SKIP


def test_the_database_duplicate_check_reports_progress_and_can_be_cancelled(
    uow, stored, fixture_file, monkeypatch
) -> None:
    from ao_desktop.services.imports import client_import

    monkeypatch.setattr(client_import, "STORED_CHUNK", 2)  # several chunks for a small sheet
    seen: list[tuple[str, int, int]] = []
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY,
                             progress=lambda w, d, t: seen.append((w, d, t)))
    steps = [(d, t) for w, d, t in seen if "database" in w]
    assert len(steps) > 2 and steps[-1][0] == steps[-1][1]
    assert 14 in preview.stored_duplicates  # still found across chunks
    with pytest.raises(OperationCancelled):
        preview_import(uow, fixture_file, ACTOR, today=TODAY,
                       progress=lambda w, d, t: seen.append((w, d, t)),
                       cancelled=lambda: "database" in seen[-1][0])


# --- an AO the database does not know (issue #11 item 4) ------------------------------------


def _sheet_with_unknown_ao(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["Nama", "No HP", "AO"])
    wb.active.append(["Tono Sugiarto", "081298765432", "Pak Bukan Siapa"])
    wb.save(path)
    return path


def _stored_officer(uow) -> int | None:
    with uow.read() as tx:
        (client, _officer), = tx.clients.export_rows(ClientQuery())
    return client.officer_id


def test_a_client_of_an_unknown_ao_goes_to_the_importing_ao_as_the_warning_says(uow, tmp_path) -> None:
    with uow.write() as tx:
        rina = tx.officers.add(Officer(name="Rina Wulandari"))
    importer = Actor("Rina Wulandari", officer_id=rina.id)
    preview = preview_import(uow, _sheet_with_unknown_ao(tmp_path / "ao.xlsx"), importer, today=TODAY)
    (warning,) = preview.issues()
    assert not warning.is_error and "AO yang mengimpor" in warning.message
    commit_import(uow, preview, DuplicatePolicy.SKIP, importer)
    assert _stored_officer(uow) == rina.id


def test_without_an_importing_ao_the_warning_says_the_client_is_stored_without_one(uow, tmp_path) -> None:
    preview = preview_import(uow, _sheet_with_unknown_ao(tmp_path / "ao.xlsx"), ACTOR, today=TODAY)
    (warning,) = preview.issues()
    assert not warning.is_error and "tanpa AO" in warning.message
    assert "AO yang mengimpor" not in warning.message
    commit_import(uow, preview, DuplicatePolicy.SKIP, ACTOR)
    assert _stored_officer(uow) is None


# --- every row is counted once (issue #11 item 1) -------------------------------------------


def _names_like_notes(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Nama", "NIK", "No HP", "Kota"])
    ws.append(["Total Jaya Motor", "3201011207900003", "081298765401", "Bogor"])
    ws.append(["Jumlah Rejeki", "3201014503880004", "081298765402", "Depok"])
    ws.append([None, "3174055207900001", None, None])  # only a NIK: no name
    ws.append(["Siti Aminah", None, "081298765403", None])
    ws.append([None, None, None, None])
    ws.append(["Total: 120 nasabah", None, None, None])
    wb.save(path)
    return path


def _assert_every_row_counted(preview, filled_rows: int) -> None:
    for policy in DuplicatePolicy:
        counts = preview.counts(policy)
        assert counts.rows == filled_rows
        assert counts.rows == counts.inserted + counts.merged + counts.skipped + counts.rejected
    listed = {i.row for i in preview.issues()}
    for planned in preview.plan(DuplicatePolicy.SKIP):
        if planned.action in (RowAction.SKIP, RowAction.REJECT) and planned.duplicate is None:
            assert planned.row.row in listed  # a row not written says why


def test_every_row_of_the_fixture_is_counted_once(uow, stored, fixture_file) -> None:
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    _assert_every_row_counted(preview, sum(1 for _r, _c, e in ROWS if e.outcome != "blank"))


def test_clients_named_like_totals_are_imported_and_no_row_vanishes(uow, tmp_path) -> None:
    path = _names_like_notes(tmp_path / "nama.xlsx")
    preview = preview_import(uow, path, ACTOR, today=TODAY)
    _assert_every_row_counted(preview, 5)
    planned = {p.row.row: p.action for p in preview.plan(DuplicatePolicy.SKIP)}
    assert planned == {2: RowAction.INSERT, 3: RowAction.INSERT, 4: RowAction.SKIP,
                       5: RowAction.INSERT, 7: RowAction.SKIP}  # fmt: skip
    reasons = {i.row: i.message for i in preview.issues()}
    assert "dilewati" in reasons[4] and "dilewati" in reasons[7]
    out = tmp_path / "laporan.xlsx"
    assert write_error_report(preview, out) == 2
    reported = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))[1:]
    assert [(r[1], "dilewati" in r[0]) for r in reported] == [(4, True), (7, True)]
    commit_import(uow, preview, DuplicatePolicy.SKIP, ACTOR)
    names = {c.full_name for c in search_clients(uow, ClientQuery())}
    assert {"Total Jaya Motor", "Jumlah Rejeki", "Siti Aminah"} <= names


def test_an_archived_client_alone_still_makes_a_stored_duplicate(uow, fixture_file) -> None:
    # The duplicate check skips the database only when the clients table is empty, and
    # an archived client is stored: it must still be found.
    archive_client(uow, add_client(uow, Client(**STORED), "budi"), "budi")
    preview = preview_import(uow, fixture_file, ACTOR, today=TODAY)
    assert preview.stored_duplicates
    assert all(d.existing is not None and d.existing.nik == STORED["nik"]
               for d in preview.stored_duplicates.values())


def test_a_sheet_saying_no_consent_records_the_withdrawal_of_a_stored_consent(uow, tmp_path: Path) -> None:
    dewi = add_client(uow, Client(**STORED, consent_contact=True, consent_given_on=date(2026, 3, 1)), "rina")
    path = tmp_path / "ubah.xlsx"
    wb = Workbook()
    wb.active.append(["Nama Lengkap", "NIK", "Tanggal Lahir", "Bersedia Dihubungi"])
    wb.active.append(["Dewi Lestari", STORED["nik"], "15/06/1985", "Tidak"])
    wb.save(path)
    result = commit_import(uow, preview_import(uow, path, ACTOR, today=TODAY), DuplicatePolicy.MERGE, ACTOR)
    assert result.merged_ids == [dewi.id]
    after = get_client(uow, dewi.id)  # type: ignore[arg-type]
    assert after.consent_contact is False and after.consent_withdrawn_on == date.today()
    assert after.consent_given_on == date(2026, 3, 1)
