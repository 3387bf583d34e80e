"""The demo subcommand of `ao-desktop`: demo-data writes a demo database.

    ao-desktop demo-data --out FILE [--clients N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ao_desktop.cli.common import UserError, add_json, examples
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.i18n import _

COMMANDS = ("demo-data",)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = sub.add_parser("demo-data", help=_("buat database demo"), epilog=examples(
        "ao-desktop demo-data --out demo.sqlite",
        "ao-desktop demo-data --out besar.sqlite --clients 1000000 --json"))
    demo.add_argument("--out", type=Path, required=True, metavar="FILE",
                      help=_("berkas database demo yang dibuat"))
    demo.add_argument("--clients", type=int, default=2000, metavar="N",
                      help=_("jumlah nasabah, 0 sampai 10.000.000"))
    demo.add_argument("--seed", type=int, default=2026, metavar="S",
                      help=_("benih acak: benih yang sama memberi data yang sama"))
    add_json(demo)


def run(args: argparse.Namespace) -> int:
    return _cmd_demo_data(args)


def _prepare(path: Path) -> None:
    """The demo database gets what every database gets (the seed catalog), so
    product-sheet and simulate --product work on it at once, and a few recorded RIPLAYs
    so the client panel shows real content."""
    from ao_desktop.services.products.riplay_demo import record_demo_riplays
    from ao_desktop.services.setup import prepare_database
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    db = open_database(path)
    try:
        uow = SqlUnitOfWork(db)
        prepare_database(uow)
        record_demo_riplays(uow)
    finally:
        db.close()


def _cmd_demo_data(args: argparse.Namespace) -> int:
    if args.clients < 0 or args.clients > 10_000_000:
        raise UserError(_("Jumlah nasabah harus antara 0 dan 10.000.000."))
    from ao_desktop.storage.demo.demo_data import generate_demo_database

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr is not None and sys.stderr.isatty():
            print(f"\r{format_number(done)}/{format_number(total)}", end="", file=sys.stderr, flush=True)

    summary = generate_demo_database(args.out, args.clients, args.seed, progress=progress)
    _prepare(summary.path)
    if args.json:
        print(json.dumps({"path": str(summary.path), "clients": summary.clients,
                          "officers": summary.officers, "seconds": round(summary.seconds, 2)}))
    else:
        print(_("Database demo {p} dibuat: {n} nasabah dalam {s} detik.").format(
            p=summary.path, n=format_number(summary.clients), s=format_number(summary.seconds, 1)))
    return 0
