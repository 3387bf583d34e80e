"""`ao-desktop report monthly`: the JSON contract, refusing to overwrite, one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin
from tests.fixtures.report_db import build_report_db


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.sqlite"
    db = build_report_db(path)
    add_admin(SqlUnitOfWork(db))  # the fixture's officers are rows made by hand: the command runs as the admin
    db.close()
    return path


def test_json_headline(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, xlsx = tmp_path / "b.pdf", tmp_path / "b.xlsx"
    code = main(["report", "monthly", "--month", "2026-11", "--branch", "--out", str(out), "--xlsx", str(xlsx),
                 "--db", str(db_path), "--json"])
    assert code == 0
    h = json.loads(capsys.readouterr().out)
    assert h["period"] == "2026-11" and h["scope"] == "branch"
    assert (h["new_prospects"], h["applications_submitted"], h["disbursed_count"]) == (3, 2, 1)
    assert h["disbursed_amount"] == 100_000_000 and isinstance(h["outstanding_end"], int)
    assert h["npl_ratio"] == "0.00" and out.is_file() and xlsx.is_file()
    assert main(["report", "monthly", "--month", "2026-11", "--officer", "1", "--out", str(tmp_path / "a.pdf"),
                 "--db", str(db_path), "--json"]) == 0
    h = json.loads(capsys.readouterr().out)
    assert h["scope"] == "officer:1" and h["officer_name"] == "Ani Lestari" and h["visits_done"] == 1


@pytest.mark.parametrize("args, words", [
    (["--month", "2026-13", "--branch"], "2026-13"),
    (["--month", "2026-11", "--officer", "99"], "99"),
    (["--month", "2026-11"], "--branch"),
])
def test_mistakes_are_one_sentence(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   args: list[str], words: str) -> None:
    code = main(["report", "monthly", *args, "--out", str(tmp_path / "x.pdf"), "--db", str(db_path)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and words in err and "\n" not in err and "Traceback" not in err


def test_refuses_to_overwrite_without_force(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.pdf"
    out.write_bytes(b"keep")
    base = ["report", "monthly", "--month", "2026-11", "--branch", "--out", str(out), "--db", str(db_path)]
    assert main(base) == 1 and out.read_bytes() == b"keep"
    assert "--force" in capsys.readouterr().err
    assert main([*base, "--force"]) == 0 and out.read_bytes().startswith(b"%PDF")
