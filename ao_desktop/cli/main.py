"""Command line: the GUI by default, headless subcommands for automation and checks.

Each area's subcommands live in their own module of this package (setup, demo,
clients, products, calendar, credit, portfolio, problems, access, maintenance) with `COMMANDS`, `add_parsers(sub)` and `run(args)`; adding an
area's commands is adding its module to `AREAS`. A user error prints one clear sentence
on stderr and exits 1, never a traceback; `--json` gives machine-readable output. Heavy
libraries load only for the subcommand that needs them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ao_desktop import __version__
from ao_desktop.cli import (
    access,
    calendar,
    clients,
    credit,
    demo,
    maintenance,
    portfolio,
    problems,
    products,
    reports,
    setup,
)
from ao_desktop.cli.common import Parser, UserError, add_db, examples
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.i18n import _

log = logging.getLogger(__name__)

# The subcommand modules, in the order `--help` lists them.
AREAS = (setup, demo, clients, products, calendar, credit, portfolio, problems, reports, access,
         maintenance)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="ao-desktop", description=_("AO Desktop: alat kerja Account Officer. "
                                                     "Tanpa subperintah: membuka aplikasi."),
                    epilog=examples("ao-desktop --demo", "ao-desktop search siti --limit 5",
                                    "ao-desktop SUBPERINTAH --help"))
    parser.add_argument("--version", action="version", version=f"AO Desktop {__version__}",
                        help=_("tampilkan versi program lalu keluar"))
    add_db(parser)
    parser.add_argument("--demo", action="store_true", help=_("buka aplikasi dengan database demo"))
    parser.add_argument("--shared", action="store_true",
                        help=_("perlakukan database sebagai database bersama (shared drive)"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("uji cepat instalasi (database, simulasi, PDF, Excel, Qt) lalu keluar"))
    sub = parser.add_subparsers(dest="command", parser_class=Parser, title=_("subperintah"),
                                metavar=_("SUBPERINTAH"))
    for area in AREAS:
        area.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ao-desktop` command; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.self_test:
            from ao_desktop.startup.selftest import run_self_test

            return run_self_test()
        if args.command is not None:
            from ao_desktop.startup.logging_setup import setup_cli_logging

            setup_cli_logging()  # the details of an unexpected error go there, not on stderr
        for area in AREAS:
            if args.command in area.COMMANDS:
                return area.run(args)
        from ao_desktop.app import run_gui

        return run_gui(db_path=args.db, demo=args.demo, shared=args.shared)
    except (UserError, DomainError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `ao-desktop simulate ... | head`: the reader left; that is not an error. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(_("Berkas tidak dapat dibaca atau ditulis: {e}").format(e=exc), file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - last line of defence: never a traceback
        # The error's own text may run over many lines (SQL, paths): it goes to the log.
        log.exception("unexpected error")
        print(_("Terjadi kesalahan tak terduga; rinciannya dicatat di berkas log {p}.").format(
            p=_log_file()), file=sys.stderr)
        return 1


def _log_file() -> str:
    try:
        from ao_desktop.startup.logging_setup import log_path

        return str(log_path())
    except OSError:
        return "ao-desktop.log"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
