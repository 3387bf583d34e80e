from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.storage.engine import Database, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "ao.sqlite", create=True)
    yield database
    database.close()


@pytest.fixture
def uow(db: Database) -> SqlUnitOfWork:
    return SqlUnitOfWork(db)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One throwaway PostgreSQL server for the session, with a migrated template; skipped
    (saying why) where no PostgreSQL binaries are installed, e.g. a fresh Windows PC."""
    from tests.storage.postgres_server import find_bindir, migrate_template, start_server

    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL tidak terpasang (pg_ctl tidak ditemukan): tes PostgreSQL dilewati")
    servers = start_server(bindir)
    server = next(servers)
    migrate_template(server)
    yield server
    servers.close()


@pytest.fixture
def pg_url(pg_server, request: pytest.FixtureRequest) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A fresh, migrated database of the test's own on the session's server."""
    from tests.storage.postgres_server import TEMPLATE

    name = f"t_{abs(hash(request.node.nodeid)) % 10**12}"
    with pg_server.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield pg_server.url(name)
    with pg_server.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
