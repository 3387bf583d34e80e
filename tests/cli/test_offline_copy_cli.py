"""`ao-desktop backup --db postgresql://... --out FILE`: a verified, read-only SQLite copy
of a server database for an officer to take offline (#18)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.maintenance.offline_copy import copy_to_file
from ao_desktop.storage.maintenance.server_copy import copy_to_server
from ao_desktop.storage.maintenance.table_copy import canonical, column_kind
from ao_desktop.storage.sqlite_file import (
    APPLICATION_ID,
    OFFLINE_SOURCE_SETTING,
    OFFLINE_TAKEN_AT_SETTING,
    SCHEMA_VERSION,
    inspect_file,
)
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("offline") / "cabang.sqlite"
    generate_demo_database(path, 300, seed=18, today=date(2026, 12, 4))
    return path


@pytest.fixture
def server(demo_file: Path, pg_empty_url: str) -> str:
    assert copy_to_server(demo_file, pg_empty_url).ok
    return pg_empty_url


def _rows(url: str, meta: MetaData) -> dict[str, list[tuple[str, ...]]]:
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            kinds = {c.name: column_kind(str(c.type)) for c in table.columns}
            names = sorted(kinds)
            rows = conn.execute(select(table)).mappings()
            if table.name == "settings":
                rows = [r for r in rows if r["key"] not in (OFFLINE_SOURCE_SETTING, OFFLINE_TAKEN_AT_SETTING)]
            out[table.name] = sorted(tuple(canonical(row[n], kinds[n]) for n in names) for row in rows)
    engine.dispose()
    return out


def test_every_row_of_the_server_in_a_read_only_file_that_opens_and_searches(
        server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "offline.sqlite"
    assert main(["backup", "--db", server, "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["read_only"] is True and report["path"] == str(out)
    assert report["schema_version"] == SCHEMA_VERSION
    by_table = {t["table"]: t for t in report["tables"]}
    assert by_table["clients"]["source_rows"] == by_table["clients"]["target_rows"] == 300
    from ao_desktop.storage.models import Base

    on_server, in_file = _rows(server, Base.metadata), _rows(f"sqlite:///{out}", Base.metadata)
    assert set(on_server) == set(in_file) and sum(len(r) for r in in_file.values()) == report["rows"]
    for table, rows in on_server.items():
        assert rows == in_file[table], table
    assert out.stat().st_mode & 0o222 == 0  # read-only
    assert [p.name for p in usb.iterdir()] == ["offline.sqlite"]  # no part left
    state = inspect_file(out)
    assert state.application_id == APPLICATION_ID and state.user_version == SCHEMA_VERSION
    assert state.journal_mode == "delete"
    assert state.offline_copy is not None and state.offline_copy[0].startswith("postgresql://postgres@")

    db = open_database(out)
    try:
        assert db.read_only is not None and "hanya untuk dibaca" in db.read_only
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            assert tx.clients.count(ClientQuery(include_archived=True)) == 300
        with pytest.raises(DatabaseRefused, match="hanya untuk dibaca"), uow.write() as tx:
            tx.clients.add(Client(full_name="Tidak Tersimpan"), "t",
                           __import__("datetime").datetime(2026, 12, 5, 8, 0))
    finally:
        db.close()
    assert main(["search", "siti", "--db", server, "--json"]) == 0
    found_on_server = json.loads(capsys.readouterr().out)
    assert main(["search", "siti", "--db", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == found_on_server and found_on_server


def test_the_app_opens_an_offline_copy_read_only(server: str, tmp_path: Path) -> None:
    from ao_desktop.startup.opening import OpenRequest, open_context

    out = tmp_path / "offline.sqlite"
    assert main(["backup", "--db", server, "--out", str(out)]) == 0
    before = out.read_bytes()
    context = open_context(OpenRequest(db_path=out, demo=False, shared=False))
    try:
        assert context.read_only and "hanya untuk dibaca" in context.read_only
        from ao_desktop.services.access.sign_in import sign_in, sign_in_choices

        first = next(c for c in sign_in_choices(context.uow) if c.has_pin)
        assert sign_in(context.uow, first.id, "123456").officer_id == first.id  # not recorded
        from ao_desktop.domain.access.sign_in import SignInRefused

        with pytest.raises(SignInRefused, match="PIN salah"):
            sign_in(context.uow, first.id, "000000")
    finally:
        context.uow.db.close()
    assert out.read_bytes() == before


def test_an_existing_file_is_refused_and_left_as_it_was(
        server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ada.sqlite"
    out.write_bytes(b"punya orang lain")
    assert main(["backup", "--db", server, "--out", str(out)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert out.read_bytes() == b"punya orang lain"


def test_into_a_folder_the_copy_is_named_for_the_database(
        server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", server, "--out", str(tmp_path)]) == 0
    assert "hanya untuk dibaca" in capsys.readouterr().out
    (copy,) = tmp_path.glob("*-offline-*.sqlite")
    assert copy.name.startswith("empty_")  # the server database's name


def test_a_cancelled_copy_leaves_no_file(server: str, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "batal.sqlite"

    def cancel(table: str, rows: int) -> None:
        if table == "clients":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_to_file(server, out, progress=cancel)
    assert list(usb.iterdir()) == []


def test_force_replaces_an_earlier_copy(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "offline.sqlite"
    assert main(["backup", "--db", server, "--out", str(out)]) == 0
    first = inspect_file(out).offline_copy
    assert main(["backup", "--db", server, "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["backup", "--db", server, "--out", str(out), "--force"]) == 0
    assert inspect_file(out).offline_copy is not None and first is not None
    assert out.stat().st_mode & 0o222 == 0
