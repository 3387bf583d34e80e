""""Uji koneksi" of the wizard and Settings (#18): connect to a server location with a
typed password and a short timeout, and say what is there, changing nothing; and the
credential store (Windows Credential Manager through keyring) the password goes to.

Runs off the GUI thread; the composition root (startup/first_run.py) hands these to the
UI, which never imports storage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from ao_desktop.storage.server import (
    parse_location,
    server_label,
    store_password,
    stored_password,
)

log = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 5  # "Uji koneksi" should answer while the user waits


@dataclass(frozen=True)
class ServerState:
    """What a server database holds: its schema version (0: no AO Desktop schema), how
    many other tables it has, and how many clients (an AO Desktop database)."""

    label: str
    schema_version: int
    foreign_tables: int
    clients: int


def check_server(location: str, password: str | None) -> ServerState:
    """Connect once (CHECK_TIMEOUT_S) and look; ServerConnectionFailed says what failed."""
    from ao_desktop.storage import dialect
    from ao_desktop.storage.server import connection_failure, foreign_tables, schema_version

    url = parse_location(location)
    label = server_label(url)
    if password:
        url = url.set(password=password)
    elif (kept := stored_password(url)) is not None:
        url = url.set(password=kept)
    engine = create_engine(url, poolclass=NullPool, hide_parameters=True,
                           connect_args={"connect_timeout": CHECK_TIMEOUT_S,
                                         "application_name": "AO Desktop"})
    try:
        version = schema_version(engine)
        others = foreign_tables(engine) if version == 0 else 0
        clients = 0
        if version:
            with engine.connect() as conn:
                if dialect.has_table(conn, "clients"):
                    clients = int(conn.exec_driver_sql("SELECT count(*) FROM clients").scalar() or 0)
        return ServerState(label, version, others, clients)
    except OperationalError as exc:
        raise connection_failure(exc, label) from exc
    finally:
        engine.dispose()


def credential_store_available() -> bool:
    """Whether this PC has a credential store keyring can write to (Windows always has
    one; a bare Linux box may not)."""
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # noqa: BLE001 - a broken backend is no store
        log.info("credential store probe failed", exc_info=True)
        return False


def keep_password(location: str, password: str) -> bool:
    """Keep the password in the credential store; False (nothing written anywhere) when
    this PC has none."""
    from keyring.errors import KeyringError

    try:
        store_password(location, password)
    except (KeyringError, RuntimeError) as exc:
        log.info("password not kept: no credential store (%s)", type(exc).__name__)
        return False
    return True
