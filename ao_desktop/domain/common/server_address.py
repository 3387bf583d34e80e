"""The address of a PostgreSQL server database as the wizard and Settings ask for it (#18):
host, port, database name and user, checked field by field, and the location string
`postgresql://user@host:port/dbname` kept on this PC. The password is never part of it.

Pure text handling: whether the server answers is storage's business (server_check.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _

DEFAULT_PORT = 5432
SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
# A host name, an IPv4 address or an IPv6 address; a folder (libpq's Unix socket) too.
_HOST = re.compile(r"^[A-Za-z0-9._:\-\[\]]+$")
# What a DBA names a database without quoting: letters, digits, _ and - (max 63 bytes).
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-$]*$")
MAX_NAME = 63


def is_server_location(location: object) -> bool:
    """True for a `postgresql://...` location (as typed after --db or in the wizard), False
    for a file path."""
    return isinstance(location, str) and location.strip().lower().startswith(SERVER_SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """What the server fields hold (text as typed, port as text)."""

    host: str = ""
    port: str = str(DEFAULT_PORT)
    database: str = ""
    user: str = ""


def server_address_issues(address: ServerAddress) -> list[FieldIssue]:
    """One message per field that cannot make a server location."""
    issues: list[FieldIssue] = []
    host = address.host.strip()
    if not host:
        issues.append(FieldIssue("host", _("Alamat server belum diisi"), True))
    elif host.count(":") == 1:
        issues.append(FieldIssue("host", _("Tulis port di kolom Port, bukan di alamat"), True))
    elif not (host.startswith("/") or _HOST.match(host)):
        issues.append(FieldIssue("host", _("Alamat server hanya berisi huruf, angka, titik dan "
                                           "tanda -, mis. 192.168.1.20 atau server-cabang"), True))
    port = address.port.strip()
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        issues.append(FieldIssue("port", _("Port harus angka 1 sampai 65535 (biasanya 5432)"),
                                 True))
    for field, value, missing in (
        ("database", address.database, _("Nama database belum diisi")),
        ("user", address.user, _("Nama pengguna belum diisi")),
    ):
        text = value.strip()
        if not text:
            issues.append(FieldIssue(field, missing, True))
        elif len(text) > MAX_NAME or not _NAME.match(text):
            issues.append(FieldIssue(field, _("Hanya huruf, angka, _ dan -, tanpa spasi "
                                              "(paling banyak {n} huruf)").format(n=MAX_NAME), True))
    return issues


def server_location(address: ServerAddress) -> str:
    """`postgresql://user@host:port/dbname`; a host that is a folder (a Unix socket, as on
    a Linux server itself) goes in the query, the way libpq reads it."""
    host, port = address.host.strip(), int(address.port.strip())
    user, database = quote(address.user.strip(), safe=""), quote(address.database.strip(), safe="")
    if host.startswith("/"):
        return f"postgresql://{user}@/{database}?host={quote(host, safe='/')}&port={port}"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # IPv6
    return f"postgresql://{user}@{host}:{port}/{database}"


def parse_server_address(location: str) -> ServerAddress:
    """The fields of a saved location (Settings shows them again); the password, were one
    in it, is left out."""
    parts = urlsplit(location.strip())
    query = parse_qs(parts.query)
    host = query.get("host", [parts.hostname or ""])[0]
    port = query.get("port", [str(parts.port or DEFAULT_PORT)])[0]
    return ServerAddress(host=host, port=port, database=unquote(parts.path.lstrip("/")),
                         user=unquote(parts.username or ""))
