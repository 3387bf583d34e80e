"""`ao-desktop check --db postgresql://...`: the relational checks of a file's check on a
server database, in the same report, honest about what ran (#18)."""

from __future__ import annotations

import json

import psycopg
import pytest

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.server_check import sorts_like_sqlite
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def server_db(pg_url: str) -> str:
    db = open_database(pg_url)
    try:
        uow = SqlUnitOfWork(db)
        add_client(uow, Client(full_name="Siti Nurhaliza"), actor="t")
        add_admin(uow)
    finally:
        db.close()
    return pg_url


def _superuser(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def test_a_clean_server_database_passes_and_says_what_ran(server_db: str, capsys) -> None:  # noqa: ANN001
    assert main(["check", "--db", server_db]) == 0
    captured = capsys.readouterr()
    assert "dijaga oleh PostgreSQL sendiri" in captured.out
    assert "Relasi antardata (foreign key): baik." in captured.out and captured.err == ""
    assert main(["check", "--db", server_db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["engine"] == "postgresql"
    assert report["database"].startswith("postgresql://postgres@")
    assert "integrity_check" not in report["checks"]
    assert {"foreign_keys", "catalog", "search_index", "collation"} <= set(report["checks"])
    assert report["collation"] == "C.UTF-8" and report["warnings"] == []
    assert report["search_index_ok"] is True and report["application_id_ok"] is True


def test_an_orphan_row_let_in_with_the_triggers_off_is_found(server_db: str, capsys) -> None:  # noqa: ANN001
    with _superuser(server_db) as con:
        con.execute("ALTER TABLE client_notes DISABLE TRIGGER ALL")
        con.execute("INSERT INTO client_notes(client_id, text, author, created_at) "
                    "VALUES (999, 'x', 'x', '2026-11-27 09:30:00')")
        con.execute("ALTER TABLE client_notes ENABLE TRIGGER ALL")
    assert main(["check", "--db", server_db, "--json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["ok"] is False and report["integrity"] == []
    assert report["foreign_keys"] == ["tabel client_notes baris 1 merujuk ke clients yang tidak ada"]
    assert "pg_restore" in captured.err and "ao-desktop restore" not in captured.err


def test_a_foreign_key_left_unenforced_is_a_catalog_problem(server_db: str, capsys) -> None:  # noqa: ANN001
    with _superuser(server_db) as con:
        con.execute("ALTER TABLE client_notes DISABLE TRIGGER ALL")
    try:
        assert main(["check", "--db", server_db]) == 1
    finally:
        with _superuser(server_db) as con:
            con.execute("ALTER TABLE client_notes ENABLE TRIGGER ALL")
    out = capsys.readouterr().out
    assert "Aturan di katalog RUSAK" in out and "client_notes" in out


def test_a_missing_search_index_is_reported(server_db: str, capsys) -> None:  # noqa: ANN001
    from tests.storage.postgres_server import index_dropped

    with index_dropped(server_db, "ix_clients_trgm_names"):
        assert main(["check", "--db", server_db, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["search_index_ok"] is False
    assert any("ix_clients_trgm_names" in line for line in report["lines"])


@pytest.mark.parametrize(("collation", "same"), [
    ("C", True), ("POSIX", True), ("C.UTF-8", True), ("C.utf8", True), ("ucs_basic", True),
    ("en_US.UTF-8", False), ("id_ID.UTF-8", False), ("ICU und-x-icu", False),
])
def test_only_code_point_collations_sort_names_as_sqlite_does(collation: str, same: bool) -> None:
    assert sorts_like_sqlite(collation) is same
