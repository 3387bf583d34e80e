""""Uji koneksi" against a real PostgreSQL server (#18): what an empty, an AO Desktop and
a foreign database look like, each failure said plainly with the field to correct, and
the password kept in the credential store, or nowhere when this PC has none."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from ao_desktop.domain.common.errors import DatabaseRefused, ServerConnectionFailed
from ao_desktop.storage.server import stored_password, use_password
from ao_desktop.storage.server_check import (
    check_server,
    credential_store_available,
    keep_password,
)
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION


def test_an_empty_database_is_there_to_be_prepared(pg_server, pg_empty_url: str) -> None:  # type: ignore[no-untyped-def]
    state = check_server(pg_server.location(pg_empty_url), None)
    assert (state.schema_version, state.foreign_tables, state.clients) == (0, 0, 0)
    assert "postgres@" in state.label


def test_an_ao_desktop_database_is_there_to_be_joined(pg_server, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    state = check_server(pg_server.location(pg_url), None)
    assert state.schema_version == SCHEMA_VERSION
    assert state.foreign_tables == 0


def test_a_database_of_something_else_is_counted_and_never_prepared(pg_server, pg_empty_url: str) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    from ao_desktop.storage.engine import open_database

    name = make_url(pg_empty_url).database

    with psycopg.connect(host=str(pg_server.socket_dir), port=pg_server.port, user="postgres",
                         dbname=name, autocommit=True) as conn:
        conn.execute("CREATE TABLE gaji (id int)")
    where = pg_server.location(pg_empty_url)
    assert check_server(where, None).foreign_tables == 1
    with pytest.raises(DatabaseRefused, match="bukan database AO Desktop"):
        open_database(where, create=True)


@pytest.mark.parametrize(
    ("password", "says"), [("salah", "Kata sandi salah"), (None, "meminta kata sandi")]
)
def test_a_wrong_or_missing_password_points_at_the_password(  # type: ignore[no-untyped-def]
    pg_server, pg_url: str, pg_password_role, no_keyring, monkeypatch, password, says
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    user, _right = pg_password_role
    with pytest.raises(ServerConnectionFailed, match=says) as failed:
        check_server(pg_server.location(pg_url, user=user), password)
    assert failed.value.field == "password" and failed.value.needs_password


def test_the_right_password_lets_in(pg_server, pg_url: str, pg_password_role) -> None:  # type: ignore[no-untyped-def]
    user, right = pg_password_role
    assert check_server(pg_server.location(pg_url, user=user), right).schema_version > 0


def test_a_missing_database_points_at_its_name(pg_server, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ServerConnectionFailed, match="Database tidak ada") as failed:
        check_server(pg_server.location(pg_url, database="tidak_ada"), None)
    assert failed.value.field == "database"


def test_no_server_on_the_port_points_at_the_address(pg_server, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ServerConnectionFailed, match="tidak dapat dihubungi") as failed:
        check_server(pg_server.location(pg_url, port=pg_server.port + 1), None)
    assert failed.value.field == "host"


def test_a_kept_password_goes_to_the_credential_store(pg_server, pg_url: str, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    where = pg_server.location(pg_url)
    assert credential_store_available()
    assert keep_password(where, "rahasia")
    assert list(memory_keyring.passwords.values()) == ["rahasia"]
    assert stored_password(make_url(where)) == "rahasia"


def test_without_a_credential_store_nothing_is_kept(pg_server, pg_url: str, no_keyring) -> None:  # type: ignore[no-untyped-def]
    assert not credential_store_available()
    assert not keep_password(pg_server.location(pg_url), "rahasia")


def test_a_password_typed_this_run_is_used_by_the_next_connection(  # type: ignore[no-untyped-def]
    pg_server, pg_url: str, pg_password_role, no_keyring, monkeypatch
) -> None:
    from ao_desktop.storage.engine import open_database

    monkeypatch.delenv("PGPASSWORD", raising=False)
    user, right = pg_password_role
    where = pg_server.location(pg_url, user=user)
    use_password(where, right)
    db = open_database(where)
    db.close()
