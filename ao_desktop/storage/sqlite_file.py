"""What makes a file an AO Desktop database, read without SQLAlchemy and without writing.

The application id and schema version stamped into every database, the read-only
inspection that refuses a foreign or newer file before anything touches it, and a
read-only connection that works for local paths and UNC shares alike. The engine, the
migrations, backups and checks all build on this module; it imports none of them, so
they never import each other in a circle.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _

APPLICATION_ID = 0x414F4453  # "AODS": marks a file as an AO Desktop database
SCHEMA_VERSION = 11  # PRAGMA user_version after the newest migration of this app

BUSY_TIMEOUT_S = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """True when the file starts with SQLite's header (whatever state the rest is in)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def read_only_uri(path: Path) -> str:
    return sqlite_ro_uri(str(Path(path).resolve()), windows=os.name == "nt")


def sqlite_ro_uri(text: str, *, windows: bool) -> str:
    """A read-only `file:` URI SQLite accepts for any path, UNC shares included:
    Path.as_uri() gives `file://server/share/...`, whose authority SQLite refuses, while
    `file:////server/share/...` works."""
    if windows:
        text = text.replace("\\", "/")
        if text.startswith("//"):
            text = "//" + text  # UNC: empty authority, the path keeps its two slashes
        elif len(text) > 1 and text[1] == ":":
            text = "/" + text  # a drive letter: file:/C:/...
    return "file:" + quote(text, safe="/:") + "?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(
        read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
    )


# SQLite's primary result codes that describe the disk, folder or drive, not the file.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14


def environment_problem(exc: sqlite3.Error, path: Path) -> str | None:
    """The real cause and its remedy when SQLite failed because of where the file is (a
    full disk, a read-only folder or file, a drive gone, a colleague's lock), or None
    when the error may be damage. A healthy database is never called damaged for these."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF  # the extended code's primary part
    if code == SQLITE_FULL:
        return _("Disk tempat database {p} penuh; kosongkan ruang disk lalu coba lagi. "
                 "Database tidak rusak dan tidak diubah.").format(p=path)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return _("Database {p} atau foldernya hanya-baca (read-only) bagi pengguna ini; minta "
                 "izin tulis ke IT cabang atau pindahkan database ke folder yang bisa ditulisi. "
                 "Database tidak rusak dan tidak diubah.").format(p=path)
    if code == SQLITE_CANTOPEN:
        return _("Database {p} tidak dapat dibuka: foldernya tidak dapat ditulisi atau drive-nya "
                 "tidak tersambung. Periksa folder dan sambungan lalu coba lagi; database tidak "
                 "diubah.").format(p=path)
    if code == SQLITE_IOERR:
        return _("Disk atau shared drive gagal membaca/menulis database {p} ({e}); periksa disk "
                 "(juga apakah penuh) atau sambungan ke drive lalu coba lagi. Ini bukan tanda "
                 "database rusak; database tidak diubah.").format(p=path, e=exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return _("Database {p} sedang dipakai oleh program lain atau PC lain; coba lagi "
                 "sebentar lagi.").format(p=path)
    return None


SHARED_SETTING = "database.shared"  # "1": every PC opens this file in shared mode
# An offline copy of a server database (`backup --out` of a postgresql:// database): which
# server it was copied from and when; the app opens such a file read-only.
OFFLINE_SOURCE_SETTING = "offline_copy.source"
OFFLINE_TAKEN_AT_SETTING = "offline_copy.taken_at"


@dataclass(frozen=True)
class FileState:
    exists: bool
    application_id: int
    user_version: int
    has_tables: bool
    journal_mode: str
    marked_shared: bool = False
    offline_copy: tuple[str, str] | None = None  # (server, taken at) of an offline copy


def inspect_file(path: Path) -> FileState:
    """Read identity pragmas without writing anything; refuse what is not ours."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(False, 0, 0, False, "")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseRefused(_("Berkas {p} tidak dapat dibaca: {e}").format(p=path, e=exc)) from exc
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            _("Berkas {p} bukan database AO Desktop (bukan berkas SQLite). Berkas tidak diubah.").format(p=path)
        )
    # Not Path.as_uri(): for \\server\share it gives file://server/..., which SQLite refuses.
    uri = read_only_uri(path)
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            user_version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            journal = con.execute("PRAGMA journal_mode").fetchone()[0]
            marked = False
            offline: tuple[str, str] | None = None
            if app_id == APPLICATION_ID:
                has_settings = con.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='settings'").fetchone()
                if has_settings:
                    settings = dict(con.execute(
                        "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
                        (SHARED_SETTING, OFFLINE_SOURCE_SETTING, OFFLINE_TAKEN_AT_SETTING)).fetchall())
                    marked = settings.get(SHARED_SETTING) == "1"
                    if OFFLINE_SOURCE_SETTING in settings:
                        offline = (str(settings[OFFLINE_SOURCE_SETTING]),
                                   str(settings.get(OFFLINE_TAKEN_AT_SETTING, "")))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            environment_problem(exc, path)  # a full disk or a drive gone is not damage
            or _("Berkas {p} rusak atau bukan database: {e}. Berkas tidak diubah.").format(p=path, e=exc)
        ) from exc
    state = FileState(True, app_id, user_version, tables > 0, str(journal).lower(), marked, offline)
    if state.has_tables and app_id != APPLICATION_ID:
        raise DatabaseRefused(
            _("Berkas {p} adalah database SQLite milik aplikasi lain, bukan AO Desktop. "
              "Berkas tidak diubah.").format(p=path)
        )
    blank = app_id == 0 and user_version == 0  # what SQLite leaves before our first migration
    if not state.has_tables and not blank:
        # Stamped without any table: no AO Desktop version wrote it, whatever the numbers say.
        raise DatabaseRefused(
            _("Berkas {p} bukan database AO Desktop (database SQLite kosong milik aplikasi "
              "lain). Berkas tidak diubah.").format(p=path)
        )
    if user_version > SCHEMA_VERSION:
        raise DatabaseRefused(
            _("Database {p} dibuat oleh versi AO Desktop yang lebih baru (skema {v}, versi ini "
              "mengenal sampai {m}). Perbarui aplikasi; berkas tidak diubah.").format(
                p=path, v=user_version, m=SCHEMA_VERSION)
        )
    return state


PRIVATE_FILE_MODE = 0o600  # POSIX: only the user; on Windows the profile folder's ACL does it


def offline_copy_message(offline: tuple[str, str]) -> str:
    """Why nothing can be saved in an offline copy, for the user."""
    source, taken_at = offline
    return _("Salinan offline dari {s} (diambil {t}) hanya untuk dibaca; perubahan disimpan di "
             "database server itu sendiri.").format(s=source, t=taken_at)


def create_private_file(path: Path) -> None:
    """Create the empty file `path` readable by the user only, before SQLite fills it:
    SQLite gives its -journal, -wal and -shm files the mode of the database file, so
    they are private too. FileExistsError when it exists."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def _stamped_application_id(path: Path, header: bytes) -> int:
    """The application id as SQLite reads it (through a WAL not yet checkpointed), else
    from the header bytes: a file damaged beyond page 1 still says whose it is."""
    try:
        con = connect_read_only(path)
        try:
            return int(con.execute("PRAGMA application_id").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return int.from_bytes(header[68:72], "big")


def refuse_unless_ours(path: Path) -> None:
    """Refuse (DatabaseRefused) an existing file that is not an AO Desktop database: empty,
    not SQLite, or another application's. Only the header and the stamp are read, so a
    database of ours that is damaged elsewhere passes (it may be checked or restored)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseRefused(_("Berkas {p} tidak dapat dibaca: {e}").format(p=path, e=exc)) from exc
    if not header:
        raise DatabaseRefused(
            _("Berkas {p} kosong (0 byte), bukan database AO Desktop. Berkas tidak diubah.").format(p=path)
        )
    if header[:16] != SQLITE_HEADER:
        raise DatabaseRefused(
            _("Berkas {p} bukan database AO Desktop (bukan berkas SQLite). Berkas tidak diubah.").format(p=path)
        )
    if _stamped_application_id(path, header) != APPLICATION_ID:
        raise DatabaseRefused(
            _("Berkas {p} bukan database AO Desktop (database SQLite milik aplikasi lain atau "
              "kosong). Berkas tidak diubah.").format(p=path)
        )
