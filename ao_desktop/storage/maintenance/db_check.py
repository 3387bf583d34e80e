"""Checking a database file: SQLite's own checks, read-only wherever SQLite allows it.

`quick_check` (PRAGMA quick_check) is fast enough for every start; `check_database`
adds the full integrity_check, the foreign keys, the search index and the file's
application id, and explains the result in sentences for the user. A damaged file is
only ever opened read-only here, so checking never makes it worse.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.maintenance.backup import CheckReport
from ao_desktop.storage.sqlite_file import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    connect_read_only,
    environment_problem,
    refuse_unless_ours,
)

log = logging.getLogger(__name__)

MAX_PROBLEMS = 50  # integrity_check stops after this many: enough to know it is damaged

def _refuse_if_environment(exc: sqlite3.Error, path: Path) -> None:
    message = environment_problem(exc, path)
    if message is not None:
        log.warning("%s: %s (not damage)", path, exc)
        raise DatabaseRefused(message) from exc


def _needs_rollback(exc: sqlite3.Error) -> bool:
    """A hot journal (a crash in the middle of a write) that a read-only connection may
    not roll back: SQLITE_READONLY_ROLLBACK, not damage."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code == getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776)
    return "readonly" in str(exc).lower()


def connect_for_check(path: Path) -> sqlite3.Connection:
    """Read-only, unless a crash left a hot journal: then a normal connection, which rolls
    the unfinished write back exactly as opening the database in the app would."""
    con = connect_read_only(path)
    try:
        con.execute("PRAGMA schema_version").fetchone()  # reads the header, meets the journal
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if not _needs_rollback(exc):
            raise
    log.info("%s has a hot journal; rolling the unfinished write back", path)
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)


def quick_check(path: Path) -> bool:
    """PRAGMA quick_check (read-only where possible): True when SQLite answers "ok".
    A full disk, a read-only folder or a drive that is gone is not damage: DatabaseRefused
    naming the cause."""
    try:
        con = connect_for_check(path)
        try:
            rows = con.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        _refuse_if_environment(exc, path)
        log.warning("quick_check of %s failed: %s", path, exc)
        return False
    ok = rows == [("ok",)]
    if not ok:
        log.warning("quick_check of %s: %s", path, rows)
    return ok


def integrity_problems(con: sqlite3.Connection) -> list[str]:
    """SQLite's integrity_check messages; [] when the file is sound."""
    try:
        rows = [str(r[0]) for r in con.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    except sqlite3.DatabaseError as exc:
        if environment_problem(exc, Path()) is not None:
            raise  # the disk or the drive, not the file: the caller names the cause
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _foreign_key_problems(con: sqlite3.Connection) -> list[str]:
    rows = con.execute("PRAGMA foreign_key_check").fetchall()
    return foreign_key_lines([(t, rowid, parent) for t, rowid, parent, _fkid in rows])


def foreign_key_lines(rows: list[tuple[str, object, str]]) -> list[str]:
    """(table, row, parent table) of rows pointing at missing rows, as sentences (the
    first MAX_PROBLEMS of them), on either engine."""
    return [
        _("tabel {t} baris {r} merujuk ke {p} yang tidak ada").format(t=t, r=rowid, p=parent)
        for t, rowid, parent in rows[:MAX_PROBLEMS]
    ] + (
        [_("dan {n} baris lainnya").format(n=len(rows) - MAX_PROBLEMS)]
        if len(rows) > MAX_PROBLEMS
        else []
    )


def _search_index_ok(path: Path) -> tuple[bool | None, str]:
    """FTS5's own integrity check. It is written as an INSERT, which SQLite refuses on a
    read-only connection, so it runs in a transaction that is always rolled back. Where
    nothing can be written (a full disk, a read-only folder) it is not run: (None, why)."""
    try:
        return _search_index_check(path)
    except sqlite3.Error as exc:
        message = environment_problem(exc, path)
        if message is None:
            raise
        return None, message


def _search_index_check(path: Path) -> tuple[bool | None, str]:
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        exists = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='client_fts'"
        ).fetchone()
        if not exists:
            return None, ""
        con.execute("BEGIN")
        try:
            con.execute("INSERT INTO client_fts(client_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            if environment_problem(exc, path) is not None:
                raise
            return False, str(exc)
        finally:
            con.execute("ROLLBACK")
        return True, ""
    finally:
        con.close()


def check_database(path: Path) -> CheckReport:
    """Every check SQLite offers, explained line by line in Bahasa Indonesia."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseRefused(_("Database {p} tidak ditemukan.").format(p=path))
    refuse_unless_ours(path)  # another app's file is not "damaged": nothing to restore
    lines: list[str] = []
    try:
        con = connect_for_check(path)
        con.execute("PRAGMA schema_version").fetchone()  # a WAL file needs its -shm here
    except sqlite3.DatabaseError as exc:
        _refuse_if_environment(exc, path)
        line = _("Berkas {p} tidak dapat dibaca sebagai database: {e}").format(p=path, e=exc)
        return CheckReport(path, (line,), (), None, False, (line,), checks=("integrity_check",))
    try:
        try:
            app_id, version = (
                con.execute("PRAGMA application_id").fetchone()[0],
                con.execute("PRAGMA user_version").fetchone()[0],
            )
        except sqlite3.DatabaseError:
            app_id, version = 0, 0
        app_ok = app_id == APPLICATION_ID
        lines.append(
            _("Penanda berkas: database AO Desktop (skema {v}).").format(v=version)
            if app_ok
            else _("Penanda berkas: BUKAN database AO Desktop.")
        )
        try:
            integrity = integrity_problems(con)
        except sqlite3.DatabaseError as exc:
            _refuse_if_environment(exc, path)
            raise
        foreign: list[str] = []
        if integrity:
            lines.append(
                _("Struktur berkas RUSAK ({n} masalah), misalnya: {e}").format(
                    n=len(integrity), e="; ".join(integrity[:3])
                )
            )
        else:
            lines.append(_("Struktur berkas (integrity_check): baik."))
            foreign = _foreign_key_problems(con)
            lines.append(
                _("Relasi antardata (foreign key): baik.")
                if not foreign
                else _("Relasi antardata RUSAK: {e}.").format(e="; ".join(foreign[:5]))
            )
    finally:
        con.close()
    search_ok: bool | None = None
    if integrity:
        lines.append(_("Indeks pencarian nasabah: tidak diperiksa karena struktur berkas rusak."))
    else:
        search_ok, error = _search_index_ok(path)
        if search_ok is True:
            lines.append(_("Indeks pencarian nasabah: baik."))
        elif search_ok is False:
            lines.append(_("Indeks pencarian nasabah RUSAK: {e}").format(e=error))
        elif error:
            lines.append(_("Indeks pencarian nasabah: tidak diperiksa. {e}").format(e=error))
    checks = ("application_id", "integrity_check") + (
        () if integrity else ("foreign_key_check",)) + (("search_index",) if search_ok is not None else ())
    report = CheckReport(path, tuple(integrity), tuple(foreign), search_ok, app_ok, tuple(lines),
                         checks=checks)
    log.info("check of %s: %s", path, "ok" if report.ok else "; ".join(lines))
    return report
