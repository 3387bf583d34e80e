"""`ao-desktop init`: a working database without the GUI (catalog, bank, first admin);
and a database made by demo-data has its catalog too."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.setup import read_profile
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

INIT = ["init", "--bank", "BPR Sejahtera", "--branch", "KCP Cibinong",
        "--officer-name", "Rina Marlina", "--officer-phone", "0812-3456-7890"]


def _init(path: Path, *extra: str) -> int:
    return main([*INIT, "--db", str(path), *extra])


def test_init_makes_a_database_with_its_first_admin_and_bank(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "cabang.sqlite"
    assert _init(path, "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["path"] == str(path) and out["products"] > 0
    db = open_database(path)
    try:
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            (officer,) = tx.officers.list(active_only=False)
        assert (officer.name, officer.phone, officer.role) == ("Rina Marlina", "+6281234567890", OfficerRole.ADMIN)
        assert read_profile(uow).bank_name == "BPR Sejahtera"
        assert read_profile(uow).branch_name == "KCP Cibinong"
    finally:
        db.close()


def test_after_init_product_sheet_and_simulate_work(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "cabang.sqlite"
    assert _init(path) == 0
    pdf = tmp_path / "x.pdf"
    assert main(["product-sheet", "KUR-MIKRO", "--amount", "50jt", "--tenor", "24",
                 "--out", str(pdf), "--db", str(path)]) == 0
    assert "BPR Sejahtera" in PdfReader(pdf).pages[0].extract_text()
    capsys.readouterr()
    assert main(["simulate", "--product", "KUR-MIKRO", "--amount", "50jt", "--tenor", "24",
                 "--db", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["product"] == "KUR-MIKRO" and len(result["installments"]) == 24


def test_init_shared_marks_the_database_shared(tmp_path: Path) -> None:
    path = tmp_path / "share.sqlite"
    assert main(["--shared", *INIT, "--db", str(path)]) == 0
    db = open_database(path)
    try:
        assert db.shared and db.journal_mode == "delete"
    finally:
        db.close()


def test_init_refuses_an_existing_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "cabang.sqlite"
    assert _init(path) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert _init(path) == 1
    err = capsys.readouterr().err.strip()
    assert "sudah ada" in err and len(err.splitlines()) == 1
    assert path.read_bytes() == before


def test_init_with_a_bad_phone_leaves_no_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "cabang.sqlite"
    argv = [*INIT[:-1], "021-555-1234", "--db", str(path)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert "HP" in err and len(err.splitlines()) == 1
    assert not path.exists()


def test_init_needs_db(capsys) -> None:  # noqa: ANN001
    assert main(INIT) == 1
    assert "--db" in capsys.readouterr().err


def test_demo_data_has_a_catalog(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "demo.sqlite"
    assert main(["demo-data", "--out", str(path), "--clients", "20"]) == 0
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM products").fetchone()[0] > 0
    con.close()
    capsys.readouterr()
    assert main(["simulate", "--product", "KUR-MIKRO", "--amount", "50jt", "--tenor", "24",
                 "--db", str(path), "--json"]) == 0


@pytest.mark.parametrize("command", ["simulate", "product-sheet"])
def test_an_older_database_without_products_gets_the_catalog(tmp_path: Path, command: str) -> None:
    path = tmp_path / "lama.sqlite"
    # Made by an older version's wizard: the bank's name, but no catalog yet.
    db = open_database(path, create=True)
    with SqlUnitOfWork(db).write() as tx:
        tx.settings.set("bank.name", "Bank Contoh")
        tx.settings.set("bank.branch", "Cabang Bogor")
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    argv = (["simulate", "--product", "KPR", "--amount", "250jt", "--tenor", "120"]
            if command == "simulate" else
            ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "120", "--out", str(tmp_path / "k.pdf")])
    assert main([*argv, "--db", str(path)]) == 0
