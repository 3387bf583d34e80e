"""`ao-desktop import-portfolio`, `portfolio` and `warning-letter`: the JSON contracts,
refusals in one sentence that change nothing, and the letter file."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Officer
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_extract
from tests.fixtures.officers import add_admin

pytestmark = pytest.mark.usefixtures("home")
NIK_SITI = "3201014101900001"
NIK_BUDI = "3201010202850002"
LAST_MONTH_END = date.today().replace(day=1) - timedelta(days=1)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    now = datetime(2026, 12, 1)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        tx.officers.add(Officer("Dedi Kurniawan"))
        tx.clients.add(Client(full_name="Siti Aminah", nik=NIK_SITI, officer_id=rina.id), "t", now)
        tx.clients.add(Client(full_name="Budi Santoso", nik=NIK_BUDI, officer_id=rina.id), "t", now)
        tx.settings.set("bank.name", "PT BPR Sejahtera")
        tx.settings.set("bank.branch", "KCP Sleman Utara")
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


@pytest.fixture
def extract(tmp_path: Path) -> Path:
    return write_extract(tmp_path / "os.xlsx", [
        account("1001", nik=NIK_SITI, os=10_000_000, ao="Rina Marlina"),
        account("1002", nik=NIK_BUDI, os=8_000_000, tp=1_000_000, tb=500_000, dpd=100, ao="1"),
        account("1003", nik="3201019999990009", os=2_000_000, dpd=5, ao="ZZ"),
        account("1004", nik=NIK_SITI, os=-1, dpd=0),
    ])


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_portfolio_json_before_any_extract(db_path: Path, capsys) -> None:
    code, out, _err = _run(capsys, "portfolio", "--db", str(db_path), "--json")
    assert code == 0
    assert json.loads(out) == {"as_of": None, "accounts": 0, "outstanding": 0, "by_collectibility": {
        str(k): {"accounts": 0, "outstanding": 0} for k in range(1, 6)}, "npl_ratio": "0.00"}


def test_import_then_portfolio_json(db_path: Path, extract: Path, capsys) -> None:
    as_of = LAST_MONTH_END.isoformat()
    code, out, _err = _run(capsys, "import-portfolio", str(extract), "--as-of", as_of, "--db", str(db_path), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["imported"] == 3 and result["dry_run"] is False and result["as_of"] == as_of
    assert result["rejected_count"] == 1
    assert result["rejected"] == [{"row": 8, "reason": "kolom H (Baki Debet): nominal tidak boleh negatif"}]
    assert result["unmatched_count"] == 1
    assert result["unmatched"] == [{"row": 7, "account": "1003", "nik": "3201019999990009", "cif": ""}]
    assert result["unassigned"] == [{"code": "ZZ", "accounts": 1}]
    code, out, _err = _run(capsys, "portfolio", "--db", str(db_path), "--json")
    summary = json.loads(out)
    assert list(summary) == ["as_of", "accounts", "outstanding", "by_collectibility", "npl_ratio"]
    assert summary["as_of"] == as_of and summary["accounts"] == 3 and summary["outstanding"] == 20_000_000
    assert summary["by_collectibility"]["3"] == {"accounts": 1, "outstanding": 8_000_000}
    assert summary["npl_ratio"] == "40.00"
    code, out, _err = _run(capsys, "portfolio", "--db", str(db_path), "--json", "--officer", "1")
    assert json.loads(out)["accounts"] == 2
    code, out, _err = _run(capsys, "portfolio", "--db", str(db_path), "--json", "--as-of", "2000-01-01")
    assert json.loads(out)["as_of"] is None
    code, out, _err = _run(capsys, "portfolio", "--db", str(db_path))
    assert code == 0 and "NPL 40,00%" in out


def test_dry_run_writes_nothing_and_refusals_are_one_sentence(db_path: Path, extract: Path, capsys) -> None:
    code, out, _ = _run(capsys, "import-portfolio", str(extract), "--as-of", LAST_MONTH_END.isoformat(),
                        "--db", str(db_path), "--dry-run")
    assert code == 0 and "Simulasi" in out
    future = (date.today() + timedelta(days=1)).isoformat()
    code, _out, err = _run(capsys, "import-portfolio", str(extract), "--as-of", future, "--db", str(db_path))
    assert code == 1 and "masa depan" in err and "\n" not in err.strip()
    code, _out, err = _run(capsys, "import-portfolio", str(extract), "--as-of", "30-11-2026", "--db", str(db_path))
    assert code == 1 and "YYYY-MM-DD" in err
    code, _out, err = _run(capsys, "import-portfolio", str(extract), "--as-of", LAST_MONTH_END.isoformat(),
                           "--map", "Tidak Ada=nik", "--db", str(db_path))
    assert code == 1 and "Tidak Ada" in err
    _code, out, _ = _run(capsys, "portfolio", "--db", str(db_path), "--json")
    assert json.loads(out)["as_of"] is None


def test_older_extract_needs_replace(db_path: Path, extract: Path, capsys) -> None:
    newest, older = LAST_MONTH_END, LAST_MONTH_END.replace(day=1) - timedelta(days=1)
    assert _run(capsys, "import-portfolio", str(extract), "--as-of", newest.isoformat(), "--db", str(db_path))[0] == 0
    code, _out, err = _run(capsys, "import-portfolio", str(extract), "--as-of", older.isoformat(), "--db", str(db_path))
    assert code == 1 and "--replace" in err
    code, _out, _err = _run(capsys, "import-portfolio", str(extract), "--as-of", older.isoformat(), "--db",
                            str(db_path), "--replace")
    assert code == 0
    _code, out, _ = _run(capsys, "portfolio", "--db", str(db_path), "--json")
    assert json.loads(out)["as_of"] == newest.isoformat()


def test_warning_letter(db_path: Path, extract: Path, tmp_path: Path, capsys) -> None:
    _run(capsys, "import-portfolio", str(extract), "--as-of", LAST_MONTH_END.isoformat(), "--db", str(db_path))
    out_pdf = tmp_path / "sp2.pdf"
    code, out, err = _run(capsys, "warning-letter", "1002", "--level", "2", "--out", str(out_pdf), "--db", str(db_path))
    assert code == 0, err
    assert "SP1 belum pernah" in err  # a warning, not a refusal
    year = date.today().year
    assert "001/SP2/KSU/" in out and str(year) in out
    text = " ".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert "Rp1.500.000" in " ".join(text.split())
    assert "satu juta lima ratus ribu rupiah" in " ".join(text.split())
    assert "Budi Santoso" in text and "1002" in text
    code, _out, err = _run(capsys, "warning-letter", "1002", "--level", "2", "--out", str(out_pdf), "--db", str(db_path))
    assert code == 1 and "--force" in err
    code, out, _ = _run(capsys, "warning-letter", "1002", "--level", "3", "--out", str(out_pdf), "--db",
                        str(db_path), "--force")
    assert code == 0 and "002/SP3/KSU/" in out
    code, _out, err = _run(capsys, "warning-letter", "1001", "--level", "1", "--out", str(tmp_path / "x.pdf"),
                           "--db", str(db_path))
    assert code == 1 and "tidak mempunyai tunggakan" in err
    code, _out, err = _run(capsys, "warning-letter", "999", "--level", "1", "--out", str(tmp_path / "y.pdf"),
                           "--db", str(db_path))
    assert code == 1 and "tidak ditemukan" in err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
