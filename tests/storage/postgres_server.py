"""A throwaway PostgreSQL server for the tests: one per session, a fresh database per test
made from a migrated template (CREATE DATABASE ... TEMPLATE costs milliseconds; running
the migrations per test would cost a second each).

Found through the PATH, `pg_config --bindir` or Debian's /usr/lib/postgresql/NN/bin; on a
PC without PostgreSQL the tests that need it are skipped and say why. PostgreSQL refuses
to run as root (CI runs as root): then the server runs as the `postgres` user (which
Debian's package creates) through runuser.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PORT = 55433 + os.getpid() % 1000  # several agents or CI runs on one machine
TEMPLATE = "ao_template"


def find_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidate = Path(out.stdout.strip())
        if (candidate / "pg_ctl").exists():
            return candidate
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


@dataclass
class Server:
    socket_dir: Path
    port: int

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.socket_dir}&port={self.port}"

    def location(self, url: str, user: str = "postgres", port: int | None = None,
                 database: str | None = None) -> str:
        """The location the wizard builds from its fields for the test database of `url`
        (host: the server's socket folder), no password in it."""
        from sqlalchemy.engine import make_url

        from ao_desktop.domain.common.server_address import ServerAddress, server_location

        return server_location(ServerAddress(
            host=str(self.socket_dir), port=str(port or self.port),
            database=database or str(make_url(url).database), user=user))

    def admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def start_server(bindir: Path, *, durable: bool = False, port: int = PORT) -> Iterator[Server]:
    """A server of its own in a temporary folder. The tests' skips fsync (nothing to keep);
    `durable` (benchmarks) writes as a real server does, each commit flushed to disk, with
    the memory a DBA gives a database server (shared_buffers 1 GB, not the 128 MB default)."""
    root = Path(tempfile.mkdtemp(prefix="ao-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-A", "trust",
                                    "-U", "postgres", "--no-sync", "-E", "UTF8",
                                    "--locale=C.UTF-8"]),
                   check=True, capture_output=True)
    options = f"-p {port} -k {root} -c listen_addresses=" + (" -c shared_buffers=1GB" if durable else " -c fsync=off")
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                                    "-l", str(root / "server.log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield Server(root, port)
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m",
                                        "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def migrate_template(server: Server) -> None:
    """The template every test's database is copied from: migrated to head once."""
    from alembic import command
    from sqlalchemy import create_engine

    from ao_desktop.storage.migrate import alembic_config

    with server.admin() as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    engine = create_engine(server.url(TEMPLATE))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the template without connections


def _connect(server: Server, dbname: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(host=str(server.socket_dir), port=server.port, user="postgres",
                           dbname=dbname, autocommit=True)


def seed_rows(server: Server, dbname: str) -> dict[str, list[tuple]]:
    """Every table's rows as the migrations left them (alembic_version stays as it is)."""
    with _connect(server, dbname) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version' ORDER BY tablename")]
        return {t: list(conn.execute(f'SELECT * FROM "{t}"')) for t in tables}


def reset(server: Server, dbname: str, seeds: dict[str, list[tuple]]) -> None:
    """The database back to `seeds`: a previous test's leftover connections ended, every
    table emptied with its ids restarted, the migrations' rows put back."""
    with _connect(server, dbname) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))
        conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in seeds) + " RESTART IDENTITY CASCADE")
        for table, rows in seeds.items():
            if rows:
                marks = ", ".join(["%s"] * len(rows[0]))
                conn.cursor().executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)


@contextmanager
def index_dropped(url: str, index: str) -> Iterator[None]:
    """`index` of the database at `url` dropped for the body (a damage `check` must
    report), then the search indexes made again as the migrations make them."""
    import psycopg

    from ao_desktop.storage import dialect
    from ao_desktop.storage.engine import open_database

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as con:
        con.execute(f'DROP INDEX "{index}"')
    try:
        yield
    finally:
        db = open_database(url)
        try:
            with db.write_engine.begin() as conn:
                dialect.create_search_index(conn)
        finally:
            db.close()
