"""`ao-desktop migrate-db`: a branch's SQLite database onto an empty PostgreSQL database,
verified, every row equal; refusals leave both sides as they were (#18)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, create_engine, select

from ao_desktop.cli.main import main
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.maintenance.table_copy import canonical, column_kind
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("migrate") / "cabang.sqlite"
    generate_demo_database(path, 400, seed=18, today=date(2026, 12, 4))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _compared_tables(meta: MetaData) -> Iterator[tuple[Table, dict[str, str], list[str]]]:
    """The tables 'every row equal' compares, each with its columns' kinds and their order
    in the canonical form (SQLite's own search and bookkeeping tables are not copied)."""
    for table in meta.sorted_tables:
        if table.name.startswith(("client_fts", "sqlite_", "alembic_version")):
            continue
        kinds = {c.name: column_kind(str(c.type)) for c in table.columns}
        yield table, kinds, sorted(kinds)


def _rows(url: str, meta: MetaData) -> dict[str, list[tuple[str, ...]]]:
    """Every table's rows in a canonical form, sorted: what 'every row equal' compares."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table, kinds, names in _compared_tables(meta):
            out[table.name] = sorted(
                tuple(canonical(row[n], kinds[n]) for n in names)
                for row in conn.execute(select(table)).mappings())
    engine.dispose()
    return out


def test_round_trip_every_row_equal_and_the_source_untouched(
        demo_file: Path, pg_empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(demo_file)
    assert main(["migrate-db", "--source", str(demo_file), "--target", pg_empty_url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["schema_version"] == SCHEMA_VERSION
    assert out["logo_in_database"] is True  # the demo has no logo: nothing to keep
    by_table = {t["table"]: t for t in out["tables"]}
    assert by_table["clients"]["source_rows"] == by_table["clients"]["target_rows"] == 400
    assert all(t["ok"] and t["source_checksum"] == t["target_checksum"] for t in out["tables"])
    assert _digest(demo_file) == before
    # The planner's statistics are there at once (ANALYZE after the load): pg_stats has
    # rows for a table only after it was analysed.
    engine = create_engine(pg_empty_url)
    with engine.connect() as conn:
        analysed = conn.exec_driver_sql(
            "SELECT count(DISTINCT tablename) FROM pg_stats WHERE tablename IN ('clients', 'client_notes')").scalar()
    engine.dispose()
    assert analysed == 2
    from ao_desktop.storage.models import Base

    lite, post = _rows(f"sqlite:///{demo_file}", Base.metadata), _rows(pg_empty_url, Base.metadata)
    assert set(post) == set(lite) and "clients" in post
    for table, rows in post.items():
        assert rows == lite[table], table
    assert sum(len(r) for r in post.values()) == out["rows"]


def test_the_copy_opens_in_the_app_and_new_rows_get_new_ids(demo_file: Path, pg_empty_url: str) -> None:
    from ao_desktop.domain.clients.client import Client
    from ao_desktop.domain.clients.client_query import ClientQuery
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    assert main(["migrate-db", "--source", str(demo_file), "--target", pg_empty_url]) == 0
    db = open_database(pg_empty_url)
    try:
        uow = SqlUnitOfWork(db)
        with uow.write() as tx:
            added = tx.clients.add(Client(full_name="Nasabah Baru Setelah Pindah"), "t",
                                   __import__("datetime").datetime(2026, 12, 5, 8, 0))
        assert added.id == 401
        with uow.read() as tx:
            assert tx.clients.count(ClientQuery(include_archived=True)) == 401
    finally:
        db.close()


def test_a_non_empty_target_is_refused(demo_file: Path, pg_url: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-db", "--source", str(demo_file), "--target", pg_url]) == 1
    assert "tidak kosong" in capsys.readouterr().err


def test_an_unknown_schema_version_is_refused_and_the_target_stays_empty(
        demo_file: Path, pg_empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newer = tmp_path / "baru.sqlite"
    shutil.copy(demo_file, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.close()
    assert main(["migrate-db", "--source", str(newer), "--target", pg_empty_url, "--json"]) == 1
    assert "skema 99" in capsys.readouterr().err
    engine = create_engine(pg_empty_url)
    try:
        from sqlalchemy import inspect

        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_a_file_target_is_refused(demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-db", "--source", str(demo_file), "--target", str(tmp_path / "x.db")]) == 1
    assert "postgresql://" in capsys.readouterr().err


@pytest.mark.parametrize("argv, said", [
    (["backup"], "pg_dump"),
    (["backup"], "--out FILE.sqlite"),
    (["restore", "cadangan.sqlite", "--yes"], "pg_restore"),
    (["restore", "cadangan.sqlite", "--yes"], "migrate-db"),
])
def test_file_maintenance_on_a_server_says_the_servers_backups_apply(
        pg_url: str, argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--db", pg_url]) == 1
    err = capsys.readouterr().err
    assert said in err and "postgresql://postgres@" in err


def test_subcommands_read_a_server_database_through_db(
        demo_file: Path, pg_empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-db", "--source", str(demo_file), "--target", pg_empty_url]) == 0
    capsys.readouterr()
    assert main(["search", "siti", "--db", pg_empty_url, "--json"]) == 0
    on_server = json.loads(capsys.readouterr().out)
    assert main(["search", "siti", "--db", str(demo_file), "--json"]) == 0
    assert on_server == json.loads(capsys.readouterr().out) and on_server


def test_the_logo_beside_the_file_goes_into_the_server_for_every_pc(
        demo_file: Path, pg_empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ao_desktop.services.branch_logo import LOGO_DATA_KEY, LOGO_PATH_KEY
    from ao_desktop.services.products.product_sheets import sheet_header
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from tests.services.test_setup import png_bytes

    source = tmp_path / "cabang.sqlite"
    shutil.copyfile(demo_file, source)
    logo = tmp_path / "logo-bank-lama.png"
    logo.write_bytes(png_bytes(5, 5))
    with sqlite3.connect(source) as con:  # a file made before the copy was kept: the path only
        con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (LOGO_PATH_KEY, str(logo)))
        con.execute("DELETE FROM settings WHERE key = ?", (LOGO_DATA_KEY,))
    con.close()

    assert main(["migrate-db", "--source", str(source), "--target", pg_empty_url]) == 0
    assert "Logo bank belum tersimpan" not in capsys.readouterr().out
    logo.unlink()  # another PC: the branch's drive is not there
    db = open_database(pg_empty_url)
    try:
        printed = sheet_header(SqlUnitOfWork(db), None).logo_path
    finally:
        db.close()
    assert printed is not None and printed.read_bytes() == png_bytes(5, 5)


def _differences(source_url: str, target_url: str, meta: MetaData) -> tuple[int, list[str]]:
    """Every table walked in primary-key order on both sides at once, row by row in the
    canonical form (memory stays flat at 100,000 clients); (rows compared, differences)."""
    from itertools import zip_longest

    lite, post = create_engine(source_url), create_engine(target_url)
    compared, differences = 0, []
    with lite.connect() as a, post.connect() as b:
        for table, kinds, names in _compared_tables(meta):
            ordered = select(table).order_by(*table.primary_key.columns)
            rows_a = a.execution_options(yield_per=5000).execute(ordered).mappings()
            rows_b = b.execution_options(yield_per=5000).execute(ordered).mappings()
            for ra, rb in zip_longest(rows_a, rows_b):
                compared += 1
                left = None if ra is None else tuple(canonical(ra[n], kinds[n]) for n in names)
                right = None if rb is None else tuple(canonical(rb[n], kinds[n]) for n in names)
                if left != right and len(differences) < 5:
                    differences.append(f"{table.name}: {left} != {right}")
    lite.dispose()
    post.dispose()
    return compared, differences


@pytest.mark.slow
def test_round_trip_of_a_100000_client_branch_every_row_equal(
        pg_empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ao_desktop.storage.models import Base

    source = tmp_path / "cabang-100k.sqlite"
    generate_demo_database(source, 100_000, seed=18, today=date(2026, 12, 4))
    before = _digest(source)
    assert main(["migrate-db", "--source", str(source), "--target", pg_empty_url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True
    assert {t["table"]: t["target_rows"] for t in out["tables"]}["clients"] == 100_000
    compared, differences = _differences(f"sqlite:///{source}", pg_empty_url, Base.metadata)
    assert differences == []
    assert compared == out["rows"]
    assert _digest(source) == before
