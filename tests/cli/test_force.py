"""One rule for every command that writes a file: an existing file is refused unless
--force; with --force it is replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.services.products.catalog import seed_catalog_if_empty
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.client_sheets import build_fixture
from tests.fixtures.officers import add_admin

OLD = b"the colleague's file"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    seed_catalog_if_empty(uow)
    with uow.write() as tx:  # the bank a RIPLAY names (the wizard or init stores it)
        tx.settings.set("bank.name", "Bank Contoh")
        tx.settings.set("bank.branch", "Cabang Bogor")
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


def _argv(command: str, out: Path, db: Path, tmp_path: Path) -> list[str]:
    if command == "export-clients":
        return ["export-clients", str(out), "--db", str(db)]
    if command == "import-template":
        return ["import-template", str(out), "--db", str(db)]
    if command == "import-clients --report":
        sheet = build_fixture(tmp_path / "nasabah.xlsx")
        return ["import-clients", str(sheet), "--dry-run", "--report", str(out), "--db", str(db)]
    if command == "product-sheet":
        return ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "120", "--out", str(out),
                "--db", str(db)]
    return ["backup", "--out", str(out), "--db", str(db)]


COMMANDS = ["export-clients", "import-template", "import-clients --report", "product-sheet", "backup"]


def _out(tmp_path: Path, command: str) -> Path:
    return tmp_path / ("hasil.pdf" if command == "product-sheet" else
                       "cadangan.sqlite" if command == "backup" else "hasil.xlsx")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_refused_without_force(command: str, db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = _out(tmp_path, command)
    out.write_bytes(OLD)
    assert main(_argv(command, out, db_path, tmp_path)) == 1
    err = capsys.readouterr().err.strip()
    assert "sudah ada" in err and "--force" in err and len(err.splitlines()) == 1
    assert out.read_bytes() == OLD


@pytest.mark.parametrize("command", COMMANDS)
def test_force_replaces_the_file(command: str, db_path: Path, tmp_path: Path) -> None:
    out = _out(tmp_path, command)
    out.write_bytes(OLD)
    assert main([*_argv(command, out, db_path, tmp_path), "--force"]) == 0
    assert out.read_bytes() != OLD and out.stat().st_size > 0


def test_backup_never_overwrites_its_own_database(db_path: Path, capsys) -> None:  # noqa: ANN001
    before = db_path.read_bytes()
    assert main(["backup", "--out", str(db_path), "--db", str(db_path), "--force"]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert db_path.read_bytes() == before
