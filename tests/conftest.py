"""Test-wide setup: Qt runs offscreen and nothing touches the real user data folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Set before any ao_desktop module asks for the data folder, so a test can never
# create or open the user's real database.
TEST_HOME = tempfile.mkdtemp(prefix="ao-desktop-test-home-")
os.environ["AO_DESKTOP_HOME"] = TEST_HOME
# Commands that open a database run as a signed-in officer (cli/signin.py): the suite's
# databases give their officers the demo PIN, and subprocesses inherit it from here.
# Tests of a missing or wrong PIN change or remove it themselves.
TEST_PIN = "123456"
os.environ["AO_DESKTOP_PIN"] = TEST_PIN

# The documented test hook (domain/access/pin.py): PIN hashes made in this process use a
# cheap scrypt cost, so the many sign-ins of the suite stay fast; checking reads the cost
# from each hash, so the same code runs as in production.
from ao_desktop.domain.access import pin as _pin  # noqa: E402

_pin.use_test_cost()
TEST_PIN_HASH = _pin.hash_pin(TEST_PIN)


@pytest.fixture(autouse=True)
def officers_have_the_test_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Officers the tests add through the repository get the test PIN unless a test
    gives one (the app itself adds officers with a PIN or none, as the issue says)."""
    from ao_desktop.storage.officer_repository import SqlOfficerRepository

    original = SqlOfficerRepository.add

    def add(self, officer, actor="", pin_hash=None):  # type: ignore[no-untyped-def]
        return original(self, officer, actor, pin_hash if pin_hash is not None else TEST_PIN_HASH)

    monkeypatch.setattr(SqlOfficerRepository, "add", add)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's data folder goes when the run ends: no ao-desktop-test-home-* left in /tmp."""
    shutil.rmtree(TEST_HOME, ignore_errors=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own (backups, logs, the default database)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("AO_DESKTOP_HOME", str(folder))
    return folder


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


@pytest.fixture(scope="session")
def pg_test_database(pg_server):  # type: ignore[no-untyped-def]
    """The session's one test database, migrated, and what the migrations put in it."""
    from tests.storage.postgres_server import TEMPLATE, seed_rows

    with pg_server.admin() as conn:
        conn.execute(f"CREATE DATABASE ao_test TEMPLATE {TEMPLATE}")
    return "ao_test", seed_rows(pg_server, "ao_test")


@pytest.fixture
def pg_url(pg_server, pg_test_database) -> str:  # type: ignore[no-untyped-def]
    """A freshly migrated database for the test: the session's test database emptied back
    to what the migrations left (TRUNCATE takes milliseconds; CREATE DATABASE half a
    second, too slow for hundreds of tests)."""
    from tests.storage.postgres_server import reset

    name, seeds = pg_test_database
    reset(pg_server, name, seeds)
    return pg_server.url(name)


@pytest.fixture
def pg_link(pg_server, pg_test_database, pg_url):  # type: ignore[no-untyped-def]
    """The test's fresh database (pg_url) reached over a network link the test can cut
    and restore (tests/storage/network_link.py); `pg_link.url` is its location."""
    from tests.storage.network_link import NetworkLink

    link = NetworkLink(pg_server.socket_dir, pg_server.port, pg_test_database[0])
    yield link
    link.cut()


@pytest.fixture
def pg_empty_url(pg_server, request: pytest.FixtureRequest) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """An empty database of the test's own (no schema), as a DBA creates it."""
    name = f"empty_{abs(hash(request.node.nodeid)) % 10**12}"
    with pg_server.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with pg_server.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """An open, migrated database on each engine in turn: a SQLite file in the test's
    folder, then a fresh database on the session's PostgreSQL server (skipped, saying
    why, where PostgreSQL is not installed)."""
    from ao_desktop.storage.engine import open_database

    if request.param == "sqlite":
        db = open_database(tmp_path / "ao.sqlite", create=True)
    else:
        db = open_database(request.getfixturevalue("pg_url"))
    yield db
    db.close()


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """A working credential store (in memory) for the test; the previous one afterwards."""
    import keyring

    from tests.fixtures.credentials import MemoryKeyring

    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No credential store on this PC: keyring's fail backend raises on every use."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_session_passwords() -> Iterator[None]:
    """A password typed in one test's wizard never lets another test's connection in."""
    yield
    import sys

    server = sys.modules.get("ao_desktop.storage.server")
    if server is not None:
        server.forget_session_passwords()


PG_PASSWORD_USER = "ao_kunci"
PG_PASSWORD = "Kunci#Cabang-2026"


@pytest.fixture(scope="session")
def pg_password_role(pg_server) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A login role the test server asks a password of (scram-sha-256; every other role
    stays on trust), as a DBA sets a branch's role up: (user, password)."""
    hba = pg_server.socket_dir / "data" / "pg_hba.conf"
    rule = f"local all {PG_PASSWORD_USER} scram-sha-256\n"
    text = hba.read_text()
    if rule not in text:
        hba.write_text(rule + text)  # the first matching line wins
    with pg_server.admin() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {PG_PASSWORD_USER}")
        # Superuser so it may prepare and use the postgres-owned test databases.
        conn.execute(f"CREATE ROLE {PG_PASSWORD_USER} LOGIN SUPERUSER PASSWORD '{PG_PASSWORD}'")
        conn.execute("SELECT pg_reload_conf()")
    return PG_PASSWORD_USER, PG_PASSWORD
