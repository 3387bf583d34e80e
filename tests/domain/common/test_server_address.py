"""The server fields of the wizard and Settings (#18): one message per wrong field, and
the location kept on this PC built without a password."""

from __future__ import annotations

import pytest

from ao_desktop.domain.common.server_address import (
    ServerAddress,
    is_server_location,
    parse_server_address,
    server_address_issues,
    server_location,
)


@pytest.mark.parametrize(
    ("address", "field", "says"),
    [
        (ServerAddress("", "5432", "ao", "ao"), "host", "belum diisi"),
        (ServerAddress("server cabang", "5432", "ao", "ao"), "host", "hanya berisi"),
        (ServerAddress("server:5433", "5432", "ao", "ao"), "host", "kolom Port"),
        (ServerAddress("server", "0", "ao", "ao"), "port", "1 sampai 65535"),
        (ServerAddress("server", "65536", "ao", "ao"), "port", "1 sampai 65535"),
        (ServerAddress("server", "54a", "ao", "ao"), "port", "1 sampai 65535"),
        (ServerAddress("server", "5432", "", "ao"), "database", "belum diisi"),
        (ServerAddress("server", "5432", "ao cabang", "ao"), "database", "tanpa spasi"),
        (ServerAddress("server", "5432", "ao;drop", "ao"), "database", "tanpa spasi"),
        (ServerAddress("server", "5432", "ao", ""), "user", "belum diisi"),
        (ServerAddress("server", "5432", "ao", "x" * 64), "user", "paling banyak 63"),
    ],
)
def test_each_wrong_field_gets_its_message(address: ServerAddress, field: str, says: str) -> None:
    issues = server_address_issues(address)
    assert [i.field for i in issues] == [field]
    assert says in issues[0].message


@pytest.mark.parametrize(
    ("address", "location"),
    [
        (ServerAddress("192.168.1.20", "5432", "ao_cabang", "ao_bogor"),
         "postgresql://ao_bogor@192.168.1.20:5432/ao_cabang"),
        (ServerAddress(" db.bank.local ", "6543", "ao-wil", "ao"),
         "postgresql://ao@db.bank.local:6543/ao-wil"),
        (ServerAddress("fe80::1", "5432", "ao", "ao"), "postgresql://ao@[fe80::1]:5432/ao"),
        (ServerAddress("/run/postgresql", "5432", "ao", "ao"),
         "postgresql://ao@/ao?host=/run/postgresql&port=5432"),
    ],
)
def test_the_location_round_trips_without_a_password(address: ServerAddress, location: str) -> None:
    assert server_address_issues(address) == []
    assert server_location(address) == location
    assert is_server_location(location)
    back = parse_server_address(location)
    assert (back.host.strip("[]"), back.port, back.database, back.user) == (
        address.host.strip(), address.port, address.database, address.user)


def test_a_password_in_a_typed_location_is_not_read_back() -> None:
    back = parse_server_address("postgresql://ao:rahasia@server:5432/ao")
    assert "rahasia" not in repr(back)
