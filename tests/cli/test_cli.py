"""The command line: search output, and one-sentence errors with exit code 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.officer import Officer, OfficerRole
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:  # the admin the command line signs in as (PIN from conftest)
        tx.officers.add(Officer("Admin Cabang", "+6281255556666", OfficerRole.ADMIN))
    add_client(uow, Client(full_name="Siti Nurhaliza", nik="3174055207900001", mobile="081234567890",
                           status=ClientStatus.ACTIVE), actor="t")
    add_client(uow, Client(full_name="Ahmad Nurdin", mobile="085712345678"), actor="t")
    add_client(uow, Client(full_name="Bambang Wijaya"), actor="t")
    db.close()
    return path


def test_search_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "nur", "--db", str(db_path), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["name"] for h in hits] == ["Ahmad Nurdin", "Siti Nurhaliza"]
    siti = hits[1]
    assert siti["nik"] == "3174055207900001" and siti["phone"] == "+6281234567890"
    assert siti["status"] == "aktif" and isinstance(siti["id"], int)


def test_search_text_output_and_limit(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "search", "0812", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Siti Nurhaliza" in out and "Nasabah aktif" in out and "1 hasil" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["search", "x", "--db", "/nonexistent/ao.sqlite"], "tidak ditemukan"),
        (["search", "nur", "--limit", "0"], "--limit"),
        (["search"], "Perintah tidak valid"),
        (["frobnicate"], "Perintah tidak valid"),
        (["demo-data", "--out", "x.sqlite", "--clients", "-1"], "antara"),
    ],
)
def test_user_errors_are_one_sentence_and_exit_1(argv, fragment, capsys) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert fragment in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_foreign_file_error_through_the_real_executable(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    result = subprocess.run([sys.executable, "-m", "ao_desktop", "search", "budi", "--db", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "bukan database AO Desktop" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "not a database"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "AO Desktop" in capsys.readouterr().out


def test_output_cut_short_by_a_pipe_is_not_an_error() -> None:
    """`ao-desktop simulate ... | head` closes the pipe early: exit 0, nothing on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ao_desktop", "simulate", "--method", "annuity", "--rate", "9",
         "--amount", "500jt", "--tenor", "360"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1`
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.wait(timeout=60) == 0
    assert "Broken pipe" not in err and "Traceback" not in err


def test_argparse_speaks_indonesian_in_help_and_mistakes(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cara pakai: ao-desktop")
    assert "tampilkan bantuan ini lalu keluar" in out
    assert "usage:" not in out and "show this help" not in out
    assert main(["search"]) == 1
    err = capsys.readouterr().err
    assert "argumen berikut wajib diisi: TEXT" in err
    assert "'ao-desktop search --help'" in err
    assert main(["demo-data", "--out", "x.sqlite", "--clients", "abc"]) == 1
    assert "nilai 'abc' tidak valid (harus bilangan bulat)" in capsys.readouterr().err
    assert main(["backup", "--bogus"]) == 1
    assert "argumen tidak dikenal: --bogus" in capsys.readouterr().err
