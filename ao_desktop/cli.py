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
    parser.add_argument("--self-test", action="store_true",
                        help=_("uji cepat instalasi (database, simulasi, PDF, Excel, Qt) lalu keluar"))
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

    _add_simulate(sub)
    _add_product_sheet(sub)
    from ao_desktop import clients_cli, maintenance_cli

    clients_cli.add_parsers(sub, _add_db)
    maintenance_cli.add_parsers(sub, _add_db)
    return parser


def _add_simulate(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    simulate = sub.add_parser("simulate", help=_("simulasi angsuran kredit"))
    source = simulate.add_mutually_exclusive_group(required=True)
    source.add_argument("--product", metavar="CODE", help=_("kode produk dari katalog (butuh database)"))
    source.add_argument("--method", choices=["flat", "annuity", "declining"],
                        help=_("metode bunga tanpa produk: flat, annuity (anuitas), declining (menurun)"))
    simulate.add_argument("--rate", metavar="PCT", help=_("suku bunga %% per tahun (dengan --method)"))
    simulate.add_argument("--amount", metavar="RP", required=True,
                          help=_("plafon, misalnya 50000000, 50.000.000, Rp50.000.000 atau 50jt"))
    simulate.add_argument("--tenor", metavar="MONTHS", required=True, help=_("tenor dalam bulan"))
    simulate.add_argument("--start", metavar="YYYY-MM-DD", help=_("tanggal pencairan (bawaan: hari ini)"))
    simulate.add_argument("--previous-uses", metavar="N", default="0",
                          help=_("berapa kali nasabah sudah pernah mengambil KUR (bawaan 0)"))
    _add_db(simulate, sub=True)
    simulate.add_argument("--json", action="store_true")


def _add_product_sheet(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sheet = sub.add_parser("product-sheet", help=_("tulis lembar informasi produk (PDF)"))
    sheet.add_argument("code", metavar="CODE", help=_("kode produk dari katalog"))
    sheet.add_argument("--amount", metavar="RP", required=True,
                       help=_("plafon atau nominal, misalnya 50000000, Rp50.000.000 atau 50jt"))
    sheet.add_argument("--tenor", metavar="MONTHS", required=True, help=_("tenor dalam bulan"))
    sheet.add_argument("--client", metavar="ID", help=_("id nasabah: namanya dan DSR-nya ikut dicetak"))
    sheet.add_argument("--method", choices=["flat", "annuity", "declining"],
                       help=_("metode bunga (bawaan: metode utama produk)"))
    sheet.add_argument("--officer", metavar="ID", help=_("id AO yang nama dan nomornya dicetak"))
    sheet.add_argument("--start", metavar="YYYY-MM-DD", help=_("tanggal pencairan (bawaan: hari ini)"))
    sheet.add_argument("--previous-uses", metavar="N", default="0",
                       help=_("berapa kali nasabah sudah pernah mengambil KUR (bawaan 0)"))
    _add_db(sheet, sub=True)
    sheet.add_argument("--out", metavar="FILE.pdf", type=Path, required=True)
    sheet.add_argument("--json", action="store_true")


def open_existing_database(path: Path | None, shared: bool):  # type: ignore[no-untyped-def]
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.location import default_database_path

    path = Path(path).expanduser() if path else default_database_path()
    if not path.is_file():
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
    db = open_existing_database(args.db, args.shared)
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


def _whole_number(text: str, option: str) -> int:
    value = text.strip()
    if not value.isdigit():
        raise UserError(_("{o} harus bilangan bulat, bukan '{v}'.").format(o=option, v=text))
    return int(value)


def _simulation_product(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The product named by --product, read from the database (never seeded here)."""
    from ao_desktop.services.products import get_product, list_products
    from ao_desktop.storage.location import default_database_path
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    if args.rate is not None:
        raise UserError(_("--rate hanya dipakai bersama --method; suku bunga produk diambil dari katalog."))
    db = open_existing_database(args.db, args.shared)
    try:
        uow = SqlUnitOfWork(db)
        if not list_products(uow, include_inactive=True):
            raise UserError(_("Katalog produk di database {p} masih kosong; buka AO Desktop sekali "
                              "agar katalog awal dimuat.").format(p=args.db or default_database_path()))
        return get_product(uow, args.product)
    finally:
        db.close()


def _simulation(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The schedule asked for on the command line, and the product (or None)."""
    from datetime import date
    from decimal import Decimal, InvalidOperation

    from ao_desktop.domain.loan_schedule import InterestMethod, LoanRequest, simulate_loan
    from ao_desktop.domain.money_parse import parse_rupiah
    from ao_desktop.services.products import simulate_product_loan

    amount = parse_rupiah(args.amount)
    tenor = _whole_number(args.tenor, "--tenor")
    previous_uses = _whole_number(args.previous_uses, "--previous-uses")
    try:
        start = date.fromisoformat(args.start) if args.start else date.today()
    except ValueError:
        raise UserError(_("--start harus tanggal YYYY-MM-DD, misalnya 2026-11-27.")) from None
    if args.product is not None:
        product = _simulation_product(args)
        return simulate_product_loan(product, amount, tenor, start_date=start,
                                     previous_uses=previous_uses), product
    if args.rate is None:
        raise UserError(_("--method membutuhkan --rate (suku bunga % per tahun)."))
    try:
        rate = Decimal(args.rate.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(_("--rate harus angka persen per tahun, misalnya 12 atau 10,5.")) from None
    request = LoanRequest(amount, rate, tenor, InterestMethod(args.method), start)
    return simulate_loan(request), None


def _number(value):  # type: ignore[no-untyped-def]
    """A Decimal rate as a JSON number: 12 stays 12, 10.9 stays 10.9."""
    return int(value) if value == value.to_integral_value() else float(value)


def _cmd_simulate(args: argparse.Namespace) -> int:
    from ao_desktop.domain.formatting import format_date_numeric, format_rupiah
    from ao_desktop.domain.loan_schedule import method_label

    schedule, product = _simulation(args)
    request = schedule.request
    if args.json:
        print(json.dumps({
            "product": product.code if product else None,
            "method": request.method.value,
            "amount": request.amount,
            "rate_pa": _number(request.rate_pa),
            "tenor": request.tenor_months,
            "start_date": request.start_date.isoformat(),
            "installments": [
                {"no": i.no, "due_date": i.due_date.isoformat(), "installment": i.installment,
                 "principal": i.principal, "interest": i.interest, "balance": i.balance}
                for i in schedule.installments
            ],
            "total_interest": schedule.total_interest,
            "total_paid": schedule.total_paid,
            "effective_rate_pa": _number(schedule.effective_rate_pa),
            "flat_equivalent_pa": (None if schedule.flat_equivalent_pa is None
                                   else _number(schedule.flat_equivalent_pa)),
            "fees": schedule.total_fees,
            "net_disbursement": schedule.net_disbursement,
        }, ensure_ascii=False))
        return 0
    rate = f"{request.rate_pa.normalize():f}".replace(".", ",")
    title = f"{product.name} ({product.code})" if product else _("tanpa produk")
    print(_("Simulasi kredit: {t}").format(t=title))
    print(_("Plafon {a}, bunga {r}% per tahun ({m}), tenor {n} bulan").format(
        a=format_rupiah(request.amount), r=rate, m=method_label(request.method), n=request.tenor_months))
    widths = (4, 12, 16, 16, 16, 18)
    headers = (_("No"), _("Jatuh tempo"), _("Angsuran"), _("Pokok"), _("Bunga"), _("Sisa pokok"))
    print("  ".join(h.ljust(w) if i == 1 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))))
    for i in schedule.installments:
        cells = (str(i.no), format_date_numeric(i.due_date), format_rupiah(i.installment),
                 format_rupiah(i.principal), format_rupiah(i.interest), format_rupiah(i.balance))
        print("  ".join(c.rjust(w) if k != 1 else c.ljust(w) for k, (c, w) in enumerate(zip(cells, widths, strict=True))))
    effective = f"{schedule.effective_rate_pa:f}".replace(".", ",")
    print(_("Total bunga: {v}").format(v=format_rupiah(schedule.total_interest)))
    print(_("Total dibayar (pokok + bunga): {v}").format(v=format_rupiah(schedule.total_paid)))
    print(_("Biaya di muka: {v}; dana diterima: {n}").format(
        v=format_rupiah(schedule.total_fees), n=format_rupiah(schedule.net_disbursement)))
    print(_("Bunga efektif setara: {e}% per tahun").format(e=effective))
    return 0


def _sheet_int(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit():
        raise UserError(_("{o} harus bilangan bulat, bukan '{v}'.").format(o=option, v=text))
    return int(text.strip())


def _cmd_product_sheet(args: argparse.Namespace) -> int:
    """Simulate one product (for one client) and write its sheet; nothing written on error."""
    from datetime import date

    from ao_desktop.domain.money_parse import parse_rupiah
    from ao_desktop.services.product_sheets import make_product_sheet
    from ao_desktop.services.products import list_products
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    amount = parse_rupiah(args.amount)
    tenor = _sheet_int(args.tenor, "--tenor")
    previous_uses = _sheet_int(args.previous_uses, "--previous-uses") or 0
    try:
        start = date.fromisoformat(args.start) if args.start else None
    except ValueError:
        raise UserError(_("--start harus tanggal YYYY-MM-DD, misalnya 2026-11-27.")) from None
    out = args.out.expanduser().resolve()
    db = open_existing_database(args.db, args.shared)
    try:
        uow = SqlUnitOfWork(db)
        if not list_products(uow, include_inactive=True):
            raise UserError(_("Katalog produk di database ini masih kosong; buka AO Desktop sekali "
                              "agar katalog awal dimuat."))
        pages = make_product_sheet(
            uow, code=args.code, amount=amount, tenor_months=tenor or 0, out=out,
            officer_id=_sheet_int(args.officer, "--officer"),
            client_id=_sheet_int(args.client, "--client"), method=args.method,
            start_date=start, previous_uses=previous_uses,
        )
    finally:
        db.close()
    if args.json:
        print(json.dumps({"path": str(out), "pages": pages}, ensure_ascii=False))
    else:
        print(_("Lembar produk ditulis ke {p} ({n} halaman).").format(p=out, n=pages))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ao-desktop` command; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.self_test:
            from ao_desktop.selftest import run_self_test

            return run_self_test()
        if args.command in ("backup", "restore", "check"):
            from ao_desktop import maintenance_cli

            return maintenance_cli.run(args)
        if args.command in ("import-clients", "export-clients", "import-template"):
            from ao_desktop import clients_cli

            return clients_cli.run(args)
        if args.command == "demo-data":
            return _cmd_demo_data(args)
        if args.command == "search":
            return _cmd_search(args)
        if args.command == "simulate":
            return _cmd_simulate(args)
        if args.command == "product-sheet":
            return _cmd_product_sheet(args)
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
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        log.exception("unexpected error")
        print(_("Terjadi kesalahan tak terduga: {e}").format(e=exc), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
