"""A database on a PostgreSQL server (#18): the `postgresql://` location, its password and
the open database the unit of work runs on.

- The location is what the user types after --db or in the wizard:
  `postgresql://user@host:port/dbname`. Its password comes from the URL itself, from
  libpq's PGPASSWORD, or from the Windows credential store (keyring), where the wizard and
  Settings put it; it is never written to a plain file, nor shown in a label or a log.
- Read transactions are REPEATABLE READ, one consistent snapshot each, as a SQLite read
  transaction is; writes are READ COMMITTED with row versions, and what stands in for
  SQLite's BEGIN IMMEDIATE is in dialect.py.
- The schema version is the Alembic revision's number (`0009` is schema 9); a database
  of a newer app is refused, one of an older app is migrated.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ao_desktop.domain.common.errors import DatabaseRefused, ServerConnectionFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.storage import dialect
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION

log = logging.getLogger(__name__)

KEYRING_SERVICE = "AO Desktop"
CONNECT_TIMEOUT_S = 10
# Passwords typed in this run (the wizard, Settings, the start's password prompt), by
# credential name: in memory only, so "do not save it" really means nothing is written.
_SESSION_PASSWORDS: dict[str, str] = {}


def parse_location(location: str) -> URL:
    """The server URL with psycopg 3 as its driver; a malformed one is DatabaseRefused."""
    try:
        url = make_url(location.strip())
    except ArgumentError as exc:
        raise DatabaseRefused(_("Alamat server {u} tidak valid; contoh: "
                                "postgresql://ao@server:5432/ao_cabang").format(u=location)) from exc
    if not url.database:
        raise DatabaseRefused(_("Alamat server {u} tidak menyebut nama database; contoh: "
                                "postgresql://ao@server:5432/ao_cabang").format(u=server_label(url)))
    return url.set(drivername="postgresql+psycopg")


def server_label(url: URL | str) -> str:
    """What the user sees (status bar, messages, logs): never the password."""
    if isinstance(url, str):
        url = make_url(url.strip())
    host = url.host or url.query.get("host") or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"postgresql://{user}{host}{port}/{url.database}"


def credential_name(url: URL) -> str:
    """The key the password is stored under in the credential store."""
    return server_label(url).removeprefix("postgresql://")


def stored_password(url: URL) -> str | None:
    """The password kept for this server and user in the credential store, if any."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, credential_name(url))
    except (KeyringError, RuntimeError) as exc:  # no usable store on this PC: libpq decides
        log.info("no credential store available: %s", type(exc).__name__)
        return None


def store_password(location: str, password: str) -> None:
    """Keep the password in the credential store (the wizard and Settings call this)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, credential_name(parse_location(location)), password)


def use_password(location: str, password: str) -> None:
    """Connect to `location` with `password` for the rest of this run (kept in memory)."""
    _SESSION_PASSWORDS[credential_name(parse_location(location))] = password


def forget_session_passwords() -> None:
    """Tests: the next connection finds passwords only where a new start would."""
    _SESSION_PASSWORDS.clear()


def connection_failure(exc: BaseException, label: str) -> ServerConnectionFailed:
    """What went wrong connecting, said plainly, and which field to correct. libpq's
    SQLSTATE decides when the server answered; its own text when it could not be reached
    (libpq's client-side texts are English whatever the server's language)."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or ""
    text = connection_problem(exc)
    lowered = str(orig).lower()
    who = label.removeprefix("postgresql://")  # user@host:port/db reads (and wraps) better
    if state == "28P01" or "password authentication failed" in lowered:
        return ServerConnectionFailed(_("Kata sandi salah untuk {w}.").format(w=who), "password")
    if "no password supplied" in lowered or "password is required" in lowered:
        return ServerConnectionFailed(_("Server meminta kata sandi untuk {w}.").format(w=who),
                                      "password")
    if state == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return ServerConnectionFailed(_(
            "Database tidak ada di server {s}. Periksa namanya, atau minta TI membuatnya "
            "(lihat README).").format(s=label), "database")
    if ("role" in lowered and "does not exist" in lowered) or state == "28000":
        return ServerConnectionFailed(_(
            "Server {s} tidak mengenal pengguna ini atau tidak mengizinkannya masuk: {e}"
        ).format(s=label, e=text), "user")
    if "timeout" in lowered:
        return ServerConnectionFailed(_(
            "Server {s} tidak menjawab dalam {n} detik. Periksa alamat server dan jaringan."
        ).format(s=label, n=CONNECT_TIMEOUT_S), "host")
    if "translate host name" in lowered or "name or service not known" in lowered:
        return ServerConnectionFailed(_(
            "Alamat server {s} tidak dikenal. Periksa ejaannya.").format(s=label), "host")
    if "refused" in lowered or "no such file" in lowered or "could not connect" in lowered:
        return ServerConnectionFailed(_(
            "Server {s} tidak dapat dihubungi: tidak ada PostgreSQL yang menjawab di alamat dan "
            "port ini. Periksa alamat, port, dan bahwa server menyala.").format(s=label), "host")
    return ServerConnectionFailed(_("Tidak dapat terhubung ke server {s}: {e}").format(
        s=label, e=text), None)


def connection_problem(exc: BaseException) -> str:
    """libpq's own first line (server down, wrong password, no such database), without
    the SQLAlchemy boilerplate around it."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _engine(url: URL, *, read: bool) -> Engine:
    engine = create_engine(
        url,
        isolation_level="REPEATABLE READ" if read else "READ COMMITTED",
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "AO Desktop"},
        pool_pre_ping=True,  # a server restarted overnight: reconnect instead of failing
        hide_parameters=True,  # no names, NIK or phones in error texts and logs
    )
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dialect.load_whole_numbers_as_int(dbapi_connection)

    if not read:
        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            dialect.begin_write(conn)
    return engine


class ServerDatabase:
    """An open database on a PostgreSQL server, with the same face as engine.Database."""

    shared = False  # not a shared *file*: the server itself arbitrates colleagues' writes
    path = None
    is_server = True
    read_only = None  # never an offline copy

    def __init__(self, url: URL) -> None:
        self.url = url
        self.label = server_label(url)
        self.read_engine = _engine(url, read=True)
        self.write_engine = _engine(url, read=False)
        self.read_sessions: sessionmaker[Session] = sessionmaker(self.read_engine, expire_on_commit=False)
        self.write_sessions: sessionmaker[Session] = sessionmaker(self.write_engine, expire_on_commit=False)

    @property
    def server_version(self) -> str:
        """"PostgreSQL 15.8" as the server answered when first connected (no query of its
        own); just "PostgreSQL" before any connection."""
        info = self.read_engine.dialect.server_version_info
        return "PostgreSQL " + ".".join(str(n) for n in info[:2]) if info else "PostgreSQL"

    def close(self) -> None:
        self.read_engine.dispose()
        self.write_engine.dispose()

    def drop_connections(self) -> None:
        """Forget the pooled connections after the server went away (connection_lost.py);
        the next transaction connects afresh (pool_pre_ping guards the rest)."""
        self.close()

    def hold_in_use_again(self) -> None:
        """Nothing to hold: a server database is never restored over by the app."""


def schema_version(engine: Engine) -> int:
    """0 for an empty database, else the number of its Alembic revision."""
    with engine.connect() as conn:
        if not dialect.has_table(conn, "alembic_version"):
            return 0
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    try:
        return int(str(revision)[:4])
    except ValueError:
        return SCHEMA_VERSION + 1  # not one of ours: treated as newer, so refused


def foreign_tables(engine: Engine) -> int:
    """How many tables the database's schema holds that no AO Desktop migration made
    (a database without our alembic_version: 0 means it is empty and may be prepared)."""
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name <> 'alembic_version'").scalar() or 0)


def server_schema_version(location: str) -> int:
    """The schema version of the database at a server location (0: empty), read without
    migrating anything."""
    db = ServerDatabase(_with_password(parse_location(location)))
    try:
        return schema_version(db.read_engine)
    except OperationalError as exc:
        raise connection_failure(exc, db.label) from exc
    finally:
        db.close()


def prepare_location(location: str) -> URL:
    """The URL to connect with: parsed, psycopg as its driver, the stored password added."""
    return _with_password(parse_location(location))


def _with_password(url: URL) -> URL:
    if url.password is not None:
        return url
    password = _SESSION_PASSWORDS.get(credential_name(url)) or stored_password(url)
    return url.set(password=password) if password else url


def open_server_database(location: str, *, migrate: bool = True, create: bool = False) -> ServerDatabase:
    """Open the database at a `postgresql://` location, migrated to this app's schema.

    The database itself must exist (the DBA creates it and its role, README); an empty
    one is given the schema (`create`, or `migrate`). A newer schema is refused."""
    url = _with_password(parse_location(location))
    db = ServerDatabase(url)
    try:
        try:
            version = schema_version(db.read_engine)
        except OperationalError as exc:
            raise connection_failure(exc, db.label) from exc
        if version > SCHEMA_VERSION:
            raise DatabaseRefused(_(
                "Database {s} dibuat oleh versi AO Desktop yang lebih baru (skema {v}); "
                "perbarui aplikasi ini.").format(s=db.label, v=version))
        if version == 0 and foreign_tables(db.read_engine):
            raise DatabaseRefused(_(
                "Database {s} sudah berisi tabel lain dan bukan database AO Desktop; AO Desktop "
                "tidak mengubahnya. Minta TI membuat database kosong.").format(s=db.label))
        if version == 0 and not (create or migrate):
            raise DatabaseRefused(_("Database {s} belum berisi data AO Desktop.").format(s=db.label))
        if (migrate or create) and version < SCHEMA_VERSION:
            from ao_desktop.storage.migrate import upgrade_to_head

            upgrade_to_head(db)
    except BaseException:
        db.close()
        raise
    return db
