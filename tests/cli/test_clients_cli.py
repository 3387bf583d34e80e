"""`ao-desktop import-clients`, `export-clients` and `import-template`: JSON output,
dry runs, reports, filters and one-sentence errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.client_sheets import DATA_ROWS, ROWS, STORED, build_fixture
from tests.fixtures.error_cell_sheets import (
    ods_client_sheet,
    ods_error,
    xls_client_sheet,
    xls_error,
)
from tests.fixtures.officers import add_admin

REJECTED = [r for r, _c, e in DATA_ROWS if e.outcome == "rejected"]
NOTES = [r for r, _c, e in ROWS if e.outcome == "note"]  # skipped, with the reason


# Backups, logs and the default database go to this test's own folder.
pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    add_client(SqlUnitOfWork(db), Client(**STORED), actor="t")
    add_client(SqlUnitOfWork(db), Client(full_name="Ahmad Nurdin", status=ClientStatus.ACTIVE), actor="t")
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return build_fixture(tmp_path / "prospek.xlsx")


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM clients").fetchone()[0]
    finally:
        con.close()


def _one_sentence(err: str) -> str:
    text = err.strip()
    assert text and "\n" not in text and "Traceback" not in text
    return text


def test_import_json_counts_and_every_reason(db_path, sheet, capsys) -> None:
    assert main(["import-clients", str(sheet), "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == len(DATA_ROWS) + len(NOTES) and out["rejected"] == len(REJECTED)
    assert out["rows"] == out["inserted"] + out["merged"] + out["skipped"] + out["rejected"]
    assert out["duplicates"] == 2 and out["skipped"] == 2 + len(NOTES) and out["flagged"] == 1
    assert out["accepted"] == out["inserted"] == len(DATA_ROWS) - len(REJECTED) - 2
    errors = [i for i in out["issues"] if i["severity"] == "error"]
    assert sorted({i["row"] for i in errors}) == REJECTED
    assert all(i["column"] and i["reason"] and i["field"] for i in out["issues"] if i["row"] not in NOTES)
    assert all(i["reason"] and i["severity"] == "warning" for i in out["issues"] if i["row"] in NOTES)
    assert {d["row"] for d in out["duplicate_rows"]} == {14, 15}
    assert _count(db_path) == 2 + out["inserted"]


def test_dry_run_writes_nothing_but_the_report(db_path, sheet, tmp_path, capsys) -> None:
    before = db_path.read_bytes()
    report = tmp_path / "ditolak.xlsx"
    assert main(["import-clients", str(sheet), "--db", str(db_path), "--dry-run",
                 "--report", str(report)]) == 0
    text = capsys.readouterr().out
    assert "Simulasi, tidak ada yang disimpan" in text and "ditolak" in text
    assert db_path.read_bytes() == before
    rows = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == sorted(REJECTED + NOTES)


def test_merge_policy(db_path, sheet, capsys) -> None:
    assert main(["import-clients", str(sheet), "--db", str(db_path), "--duplicates", "merge",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["merged"] == 2 and out["duplicate_policy"] == "merge"


@pytest.mark.parametrize("content, words", [
    (b"%PDF-1.4 not a sheet", "bukan"),
    (b"", "kosong"),
])
def test_bad_files_are_one_sentence(db_path, tmp_path, capsys, content, words) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(content)
    assert main(["import-clients", str(bad), "--db", str(db_path)]) == 1
    assert words in _one_sentence(capsys.readouterr().err).lower()
    assert _count(db_path) == 2


def test_a_missing_sheet_names_the_sheets_there_are(db_path, sheet, capsys) -> None:
    assert main(["import-clients", str(sheet), "--db", str(db_path), "--sheet", "Desember"]) == 1
    assert "Prospek Nov" in _one_sentence(capsys.readouterr().err)


def test_export_with_filters_and_sort(db_path, tmp_path, capsys) -> None:
    out = tmp_path / "aktif.xlsx"
    assert main(["export-clients", str(out), "--db", str(db_path), "--status", "aktif", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["clients"] == 1
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Nama Lengkap" and [r[0] for r in rows[1:]] == ["Ahmad Nurdin"]


def test_export_refuses_a_non_xlsx_target(db_path, tmp_path, capsys) -> None:
    assert main(["export-clients", str(tmp_path / "a.csv"), "--db", str(db_path)]) == 1
    assert ".xlsx" in _one_sentence(capsys.readouterr().err)


def test_template_is_written(db_path, tmp_path, capsys) -> None:
    out = tmp_path / "templat.xlsx"
    assert main(["import-template", str(out), "--db", str(db_path)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Nasabah" and "Petunjuk" in wb.sheetnames


@pytest.mark.parametrize("build", [
    lambda d: ods_client_sheet(d / "klien.ods", ods_error("#N/A")),
    lambda d: xls_client_sheet(d / "klien.xls", xls_error(1, 1, 0x2A)),
], ids=["ods", "xls"])  # fmt: skip
def test_import_json_names_an_error_cell_of_an_ods_or_xls(db_path, tmp_path, capsys, build) -> None:
    assert main(["import-clients", str(build(tmp_path)), "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["rejected"], out["inserted"]) == (1, 1)
    [issue] = [i for i in out["issues"] if i["severity"] == "error"]
    assert (issue["row"], issue["column"], issue["field"]) == (2, "NIK", "nik")
    assert "galat" in issue["reason"]
