"""Command line: the GUI by default, headless subcommands for automation and checks.

A user error prints one clear sentence on stderr and exits 1, never a traceback;
`--json` gives machine-readable output. Heavy libraries load only for the subcommand
that needs them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from ao_desktop import __version__
from ao_desktop.domain.errors import DomainError
from ao_desktop.domain.i18n import _

log = logging.getLogger(__name__)


class UserError(Exception):
    """A mistake in how the command was called; the message is the whole story."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print usage and exit 2; we promise one sentence and exit 1.
        raise UserError(_("Perintah tidak valid: {m}. Lihat 'ao-desktop --help'.").format(m=message))


def _add_db(parser: argparse.ArgumentParser, *, sub: bool = False) -> None:
    # In a subcommand, SUPPRESS keeps `ao-desktop --db X search ...` from resetting --db.
    parser.add_argument("--db", metavar="PATH", type=Path,
                        default=argparse.SUPPRESS if sub else None,
                        help=_("berkas database (bawaan: database di folder data pengguna)"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ao-desktop", description=_("AO Desktop: alat kerja Account Officer."))
    parser.add_argument("--version", action="version", version=f"AO Desktop {__version__}")
    _add_db(parser)
    parser.add_argument("--demo", action="store_true", help=_("buka aplikasi dengan database demo"))
    parser.add_argument("--shared", action="store_true",
                        help=_("perlakukan database sebagai database bersama (shared drive)"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo-data", help=_("buat database demo"))
    demo.add_argument("--out", type=Path, required=True, metavar="FILE")
    demo.add_argument("--clients", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=2026, metavar="S")
    demo.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help=_("cari nasabah"))
    search.add_argument("text", metavar="TEXT")
    _add_db(search, sub=True)
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true")
    return parser


def _open_existing(path: Path | None, shared: bool):  # type: ignore[no-untyped-def]
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.location import default_database_path

    path = path or default_database_path()
    if not path.exists():
        raise UserError(_("Database {p} tidak ditemukan.").format(p=path))
    return open_database(path, shared=True if shared else None)


def _cmd_demo_data(args: argparse.Namespace) -> int:
    if args.clients < 0 or args.clients > 10_000_000:
        raise UserError(_("Jumlah nasabah harus antara 0 dan 10.000.000."))
    from ao_desktop.storage.demo_data import generate_demo_database

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr is not None and sys.stderr.isatty():
            print(f"\r{done:,}/{total:,}".replace(",", "."), end="", file=sys.stderr, flush=True)

    summary = generate_demo_database(args.out, args.clients, args.seed, progress=progress)
    if args.json:
        print(json.dumps({"path": str(summary.path), "clients": summary.clients,
                          "officers": summary.officers, "seconds": round(summary.seconds, 2)}))
    else:
        print(_("Database demo {p} dibuat: {n} nasabah dalam {s:.1f} detik.").format(
            p=summary.path, n=summary.clients, s=summary.seconds))
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from ao_desktop.domain.client_query import ClientQuery
    from ao_desktop.domain.labels import status_label
    from ao_desktop.services.clients import search_clients
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    if not 1 <= args.limit <= 1000:
        raise UserError(_("--limit harus antara 1 dan 1000."))
    if not args.text.strip():
        raise UserError(_("Teks pencarian kosong."))
    db = _open_existing(args.db, args.shared)
    try:
        hits = search_clients(SqlUnitOfWork(db), ClientQuery(text=args.text), 0, args.limit)
    finally:
        db.close()
    if args.json:
        print(json.dumps([
            {"id": h.id, "name": h.full_name, "business_name": h.business_name, "nik": h.nik,
             "phone": h.mobile, "city": h.city, "status": h.status.value,
             "lead_source": h.lead_source.value, "officer": h.officer_name}
            for h in hits
        ], ensure_ascii=False))
    else:
        for h in hits:
            print(f"{h.id:>8}  {h.full_name[:32]:<32}  {h.nik:<16}  {h.mobile:<15}  "
                  f"{status_label(h.status):<14}  {h.city}")
        print(_("{n} hasil").format(n=len(hits)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ao-desktop` command; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "demo-data":
            return _cmd_demo_data(args)
        if args.command == "search":
            return _cmd_search(args)
        from ao_desktop.app import run_gui

        return run_gui(db_path=args.db, demo=args.demo, shared=args.shared)
    except (UserError, DomainError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(_("Berkas tidak dapat dibaca atau ditulis: {e}").format(e=exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        log.exception("unexpected error")
        print(_("Terjadi kesalahan tak terduga: {e}").format(e=exc), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
