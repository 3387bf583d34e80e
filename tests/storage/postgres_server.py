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

    def admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def start_server(bindir: Path) -> Iterator[Server]:
    root = Path(tempfile.mkdtemp(prefix="ao-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-A", "trust",
                                    "-U", "postgres", "--no-sync", "-E", "UTF8",
                                    "--locale=C.UTF-8"]),
                   check=True, capture_output=True)
    options = f"-p {PORT} -k {root} -c listen_addresses= -c fsync=off"
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                                    "-l", str(root / "server.log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield Server(root, PORT)
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
