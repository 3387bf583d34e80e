"""The maintenance subcommands of `ao-desktop`: backup, restore, check, migrate-db.

    ao-desktop backup [--out FILE] [--db PATH] [--force] [--json]
    ao-desktop restore FILE [--db PATH] [--yes]
    ao-desktop check [--db PATH] [--json]
    ao-desktop migrate-db --source FILE.db --target postgresql://... [--json]

None of them opens the database through the app (no migration, no seeding): backup and
check only read it, restore replaces it after checking the backup and keeps the old file.
On a PostgreSQL database check runs the relational checks (server_check.py), backup
--out takes a read-only offline SQLite copy (offline_copy.py), and backup without --out
and restore say that the server's own backups apply.
Each runs as a signed-in officer (cli/signin.py): backup and restore an admin, check any
officer; only a file that cannot be opened at all (what check and restore are for) is
checked or replaced without one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ao_desktop.cli.common import UserError, add_db, add_force, add_json, examples, output_path
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.i18n import _

log = logging.getLogger(__name__)

COMMANDS = ("backup", "restore", "check", "migrate-db")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser("backup", help=_("cadangkan database (API backup SQLite, diperiksa); database server: "
                                   "salinan offline hanya-baca dengan --out"),
                            epilog=examples("ao-desktop backup",
                                            "ao-desktop backup --out E:\\cadangan --json",
                                            "ao-desktop backup --db postgresql://ao@server:5432/ao_cabang "
                                            "--out E:\\offline.sqlite"))
    backup.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help=_("berkas atau folder tujuan (bawaan: folder cadangan di PC ini); untuk database "
               "server: berkas salinan offline hanya-baca (cadangan server = pg_dump DBA)"),
    )
    add_db(backup, sub=True)
    add_force(backup)
    add_json(backup)

    restore = sub.add_parser("restore", help=_("pulihkan berkas database dari cadangan (database server: "
                                                "pg_restore oleh DBA)"), epilog=examples(
        "ao-desktop restore ao-desktop-2026-12-01-0800-harian.sqlite --yes"))
    restore.add_argument("file", metavar="FILE", type=Path, help=_("berkas cadangan"))
    add_db(restore, sub=True)
    restore.add_argument(
        "--yes",
        action="store_true",
        help=_("tanpa pertanyaan konfirmasi (wajib bila tidak di terminal)"),
    )
    add_json(restore)

    check = sub.add_parser("check", help=_("periksa integritas dan relasi database (berkas atau server "
                                            "PostgreSQL)"),
                           epilog=examples("ao-desktop check", "ao-desktop check --db X:\\ao-desktop.sqlite --json"))
    add_db(check, sub=True)
    add_json(check)

    move = sub.add_parser(
        "migrate-db", help=_("pindahkan database cabang ke server PostgreSQL yang kosong, lalu verifikasi"),
        epilog=examples("ao-desktop migrate-db --source X:\\ao-desktop.sqlite "
                        "--target postgresql://ao@server:5432/ao_cabang"))
    move.add_argument("--source", metavar="FILE.db", type=Path, required=True,
                      help=_("berkas database SQLite cabang (tidak diubah)"))
    move.add_argument("--target", metavar="URL", required=True,
                      help=_("database PostgreSQL kosong: postgresql://user@host:port/dbname"))
    add_json(move)


def _user_error(message: str) -> Exception:
    return UserError(message)


def _refuse_server(args: argparse.Namespace) -> None:
    """backup, restore and check work on a database file; a server's database is backed up
    by the server itself."""
    from ao_desktop.storage.location import is_server_location

    if not is_server_location(getattr(args, "db", None)):
        return
    from ao_desktop.storage.server import server_label

    label = server_label(str(args.db))
    if args.command == "restore":
        raise _user_error(_(
            "Database {d} ada di server PostgreSQL: pemulihannya tugas DBA dengan cadangan server "
            "itu sendiri (pg_dump/pg_restore), bukan 'ao-desktop restore'. Berkas database SQLite "
            "dipindahkan ke server dengan 'ao-desktop migrate-db'.").format(d=label))
    if args.command == "backup":
        raise _user_error(_(
            "Database {d} ada di server PostgreSQL: cadangannya adalah cadangan server itu sendiri "
            "(pg_dump, jadwal DBA), bukan 'ao-desktop backup'. Salinan offline untuk dibaca di "
            "luar kantor: ao-desktop backup --db {d} --out FILE.sqlite").format(d=label))


def _require_admin(args: argparse.Namespace) -> None:
    """Backup and restore are an admin's: signed in on the database, then closed again
    before the file itself is copied."""
    from ao_desktop.cli.signin import open_signed_in
    from ao_desktop.domain.access.permissions import Action, require

    db = open_signed_in(args)
    try:
        require(args.actor, Action.MANAGE_BACKUPS)
    finally:
        db.close()


def _database(args: argparse.Namespace) -> Path:
    from ao_desktop.storage.location import default_database_path

    _refuse_server(args)
    path = Path(args.db).expanduser() if args.db else default_database_path()
    if not path.is_file():
        raise _user_error(_("Database {p} tidak ditemukan.").format(p=path))
    return path


def _progress(args: argparse.Namespace) -> Callable[[int, int], None] | None:
    if args.json or sys.stderr is None or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)

    return show


def _size(n: int) -> str:
    return format_number(Decimal(n) / 1_000_000, 1) + " MB"


def run(args: argparse.Namespace) -> int:
    if args.command == "backup":
        return _backup(args)
    if args.command == "restore":
        return _restore(args)
    if args.command == "migrate-db":
        return _migrate_db(args)
    return _check(args)


def _migrate_db(args: argparse.Namespace) -> int:
    from ao_desktop.storage.location import is_server_location
    from ao_desktop.storage.maintenance.server_copy import copy_to_server

    if not is_server_location(args.target):
        raise _user_error(_("--target harus alamat server PostgreSQL, mis. "
                            "postgresql://ao@server:5432/ao_cabang."))
    source = args.source.expanduser()
    show = _table_progress(args)
    result = copy_to_server(source, args.target, progress=show)
    if show is not None:
        print(file=sys.stderr)
    logo_kept = result.ok and _keep_logo_copy(args.target)
    if args.json:
        print(json.dumps({**_copy_json(result), "logo_in_database": logo_kept}, ensure_ascii=False))
    else:
        _print_mismatches(result)
        if result.ok and not logo_kept:
            print(_("Logo bank belum tersimpan di server (berkasnya tidak terbaca dari PC ini): "
                    "pilih lagi di Pengaturan agar setiap PC mencetaknya."))
        if result.ok:
            print(_("{p} dipindahkan ke {t}: {n} baris dalam {k} tabel, jumlah baris dan checksum "
                    "setiap tabel cocok ({s} detik). Berkas sumber tidak diubah.").format(
                p=result.source, t=result.target, n=format_number(result.rows),
                k=len(result.tables), s=_seconds(result)))
    if not result.ok:
        if sys.stderr is not None:
            print(_("Verifikasi gagal: data di {t} tidak sama dengan {p}; jangan dipakai.").format(
                t=result.target, p=result.source), file=sys.stderr)
        return 1
    return 0


def _keep_logo_copy(target: str) -> bool:
    """After a verified copy: the logo's bytes into the server's settings (a file made
    before the copy was kept has only the path, which other PCs cannot read)."""
    from ao_desktop.services.branch_logo import keep_logo_copy
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    db = open_database(target)
    try:
        return keep_logo_copy(SqlUnitOfWork(db))
    finally:
        db.close()


def _table_progress(args: argparse.Namespace) -> Callable[[str, int], None] | None:
    """Rows copied so far of the table being copied, on a terminal (migrate-db, the
    offline copy of a server database)."""
    if args.json or sys.stderr is None or not sys.stderr.isatty():
        return None

    def show(table: str, rows: int) -> None:
        print(f"\r{table}: {format_number(rows)}      ", end="", file=sys.stderr, flush=True)

    return show


def _copy_json(result: Any) -> dict[str, Any]:
    return {
        "source": str(result.source), "target": str(result.target),
        "schema_version": result.schema_version, "ok": result.ok, "rows": result.rows,
        "seconds": round(result.seconds, 2),
        "tables": [{"table": t.table, "source_rows": t.source_rows, "target_rows": t.target_rows,
                    "source_checksum": t.source_checksum, "target_checksum": t.target_checksum,
                    "ok": t.ok} for t in result.tables],
    }


def _print_mismatches(result: Any) -> None:
    for t in result.tables:
        if not t.ok:
            print(_("{t}: {a} baris di sumber, {b} di tujuan; checksum berbeda.").format(
                t=t.table, a=format_number(t.source_rows), b=format_number(t.target_rows)))


def _seconds(result: Any) -> str:
    return format_number(Decimal(str(round(result.seconds, 1))), 1)


def _offline_copy(args: argparse.Namespace) -> int:
    """`backup --db postgresql://... --out FILE`: a verified, read-only SQLite copy of the
    server database; without --out, the server's own backups apply."""
    from datetime import datetime

    from ao_desktop.storage.maintenance.offline_copy import copy_to_file, offline_copy_name
    from ao_desktop.storage.server import server_label

    if args.out is None:
        _refuse_server(args)
    _require_admin(args)
    out = args.out.expanduser()
    if out.is_dir():
        out = out / offline_copy_name(server_label(str(args.db)), datetime.now())
    out = output_path(out, args.force)
    show = _table_progress(args)
    result = copy_to_file(str(args.db), out, progress=show)
    if show is not None:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps({**_copy_json(result), "path": str(out) if result.ok else None,
                          "read_only": True}, ensure_ascii=False))
    else:
        _print_mismatches(result)
        if result.ok:
            print(_("Salinan offline {s} ditulis ke {p}: {n} baris dalam {k} tabel, jumlah baris "
                    "dan checksum setiap tabel cocok ({d} detik). Salinan ini hanya untuk dibaca; "
                    "perubahan tetap disimpan di server.").format(
                s=result.source, p=out, n=format_number(result.rows), k=len(result.tables),
                d=_seconds(result)))
    if not result.ok:
        if sys.stderr is not None:
            print(_("Verifikasi gagal: salinan dari {s} tidak sama dengan server; berkas {p} tidak "
                    "ditulis.").format(s=result.source, p=out), file=sys.stderr)
        return 1
    return 0


def _backup(args: argparse.Namespace) -> int:
    from ao_desktop.domain.maintenance.backup import BackupKind
    from ao_desktop.storage.location import is_server_location
    from ao_desktop.storage.maintenance.backup import backup_database, take_backup

    if is_server_location(args.db):
        return _offline_copy(args)
    db = _database(args)
    _require_admin(args)
    progress = _progress(args)
    out = args.out.expanduser() if args.out is not None else None
    if out is None or out.is_dir():
        # One naming rule for every folder: a second backup in a minute gets "-2".
        info = take_backup(db, BackupKind.MANUAL, folder=out, progress=progress)
    else:
        if out.resolve() == db.resolve():
            raise _user_error(_("Berkas {p} sudah ada: itu database ini sendiri.").format(p=out))
        out = output_path(out, args.force)
        info = backup_database(db, out, progress=progress)
    if progress is not None:
        print(file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                {
                    "database": str(db),
                    "path": str(info.path),
                    "bytes": info.size_bytes,
                    "kind": info.kind.value,
                    "taken_at": info.taken_at.isoformat(),
                    "integrity": "ok",
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            _("Cadangan ditulis ke {p} ({s}); pemeriksaan integritas: baik.").format(
                p=info.path, s=_size(info.size_bytes)
            )
        )
    return 0


def _confirmed(backup: Path, db: Path) -> bool:
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise _user_error(
            _(
                "Pemulihan mengganti database {d}; tambahkan --yes untuk "
                "melanjutkan tanpa pertanyaan."
            ).format(d=db)
        )
    print(
        _(
            "Database {d} akan diganti dengan cadangan {b}; database sekarang disimpan di "
            "sampingnya, tidak dihapus. Tutup AO Desktop dulu. Lanjutkan? [ya/tidak] "
        ).format(d=db, b=backup),
        end="",
        file=sys.stderr,
        flush=True,
    )
    return stdin.readline().strip().lower() in ("y", "ya", "yes")


def _restore(args: argparse.Namespace) -> int:
    from ao_desktop.storage.location import default_database_path
    from ao_desktop.storage.maintenance.backup import restore_backup, verify_backup

    _refuse_server(args)
    db = Path(args.db).expanduser() if args.db else default_database_path()
    backup = args.file.expanduser()
    verify_backup(backup)  # a bad backup is refused before anyone is asked anything
    if db.is_file():
        # An admin of the database being replaced; over a missing or damaged file (what a
        # restore is for) there is no one to ask, and replacing it needs file access anyway.
        from ao_desktop.domain.common.errors import DatabaseDamaged, DatabaseRefused

        with contextlib.suppress(DatabaseDamaged, DatabaseRefused):
            _require_admin(args)
    if not args.yes and not _confirmed(backup, db):
        raise _user_error(_("Pemulihan dibatalkan; database tidak diubah."))
    aside = restore_backup(backup, db)
    if args.json:
        print(
            json.dumps(
                {
                    "database": str(db),
                    "backup": str(backup),
                    "previous": str(aside) if aside else None,
                },
                ensure_ascii=False,
            )
        )
    elif aside is not None:
        print(
            _("Database {d} dipulihkan dari {b}. Database sebelumnya disimpan sebagai {a}.").format(
                d=db, b=backup, a=aside
            )
        )
    else:
        print(_("Database {d} dipulihkan dari {b}.").format(d=db, b=backup))
    return 0


def _sign_in_unless_unreadable(args: argparse.Namespace) -> None:
    """The officer running `check`, signed in. A database too damaged to open or to read
    its officers has no one to sign in: the check itself then says what is wrong. A
    wrong PIN, a missing PIN or no officer is refused as for every other command."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError as SqlDatabaseError

    from ao_desktop.cli.signin import open_signed_in
    from ao_desktop.domain.common.errors import DatabaseDamaged, DatabaseRefused

    try:
        open_signed_in(args).close()
    except (DatabaseDamaged, DatabaseRefused, SqlDatabaseError, sqlite3.DatabaseError):
        log.info("check without sign-in: the database cannot be opened", exc_info=True)


def _check(args: argparse.Namespace) -> int:
    from ao_desktop.storage.location import is_server_location

    if is_server_location(args.db):
        from ao_desktop.storage.maintenance.server_check import check_server_database

        _sign_in_unless_unreadable(args)
        report = check_server_database(str(args.db))
    else:
        from ao_desktop.storage.maintenance.db_check import check_database

        db = _database(args)
        _sign_in_unless_unreadable(args)
        report = check_database(db)
    if args.json:
        print(
            json.dumps(
                {
                    "database": str(report.path),
                    "engine": report.engine,
                    "ok": report.ok,
                    "checks": list(report.checks),
                    "integrity": list(report.integrity),
                    "foreign_keys": list(report.foreign_keys),
                    "search_index_ok": report.search_index_ok,
                    "application_id_ok": report.application_id_ok,
                    "collation": report.collation,
                    "warnings": list(report.warnings),
                    "lines": list(report.lines),
                },
                ensure_ascii=False,
            )
        )
    else:
        for line in report.lines:
            print(line)
    if report.ok:
        return 0
    if sys.stderr is not None:
        print(
            _(
                "Database {p} bermasalah; minta DBA server memeriksanya dan, bila perlu, "
                "memulihkannya dari cadangan server (pg_restore)."
            ).format(p=report.path)
            if report.engine == "postgresql"
            else _(
                "Database {p} rusak; pulihkan dari cadangan dengan 'ao-desktop restore FILE'."
            ).format(p=report.path),
            file=sys.stderr,
        )
    return 1
