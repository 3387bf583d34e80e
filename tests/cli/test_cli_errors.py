"""Every failure of a command is one Indonesian sentence on stderr, never a traceback;
an unexpected one leaves its details in the log file only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.services.products.catalog import seed_catalog_if_empty
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin, database_with_admin

SIMULATE = ["simulate", "--method", "annuity", "--rate", "12", "--amount", "50jt", "--tenor", "24"]


@pytest.fixture
def catalog_db(tmp_path: Path) -> Path:
    path = tmp_path / "katalog.sqlite"
    db = open_database(path, create=True)
    seed_catalog_if_empty(SqlUnitOfWork(db))
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


@pytest.mark.parametrize("start", ["9999-12-01", "0001-01-01", "2101-01-01", "1989-12-31"])
def test_simulate_start_out_of_range_is_one_sentence(start: str, capsys) -> None:  # noqa: ANN001
    assert main([*SIMULATE, "--start", start]) == 1
    err = capsys.readouterr().err.strip()
    assert "--start" in err and "1990" in err and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_product_sheet_start_out_of_range_writes_nothing(catalog_db: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "240", "--start", "9999-12-01",
            "--out", str(out), "--db", str(catalog_db)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert "--start" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert not out.exists()


def _env_with_data_dir(home: Path) -> dict[str, str]:
    """The user's data folder (and so the log) inside the test's folder."""
    return {**os.environ, "AO_DESKTOP_HOME": str(home)}


def test_an_unexpected_error_is_one_sentence_and_logged(tmp_path: Path) -> None:
    """A failure no message was written for: a table the command needs is gone."""
    home = tmp_path / "home"
    home.mkdir()
    path = database_with_admin(tmp_path / "rusak.sqlite")  # the search signs in as its admin
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("DROP TABLE client_fts")
    con.commit()
    con.close()
    result = subprocess.run(
        [sys.executable, "-m", "ao_desktop", "search", "budi", "--db", str(path)],
        capture_output=True, text=True, timeout=60, env=_env_with_data_dir(home),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    logs = list(home.rglob("ao-desktop.log"))
    assert logs, "the details were not written to the log file"
    logged = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in logged and "client_fts" in logged
