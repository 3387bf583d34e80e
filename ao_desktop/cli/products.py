"""The product subcommands of `ao-desktop`: simulate (an instalment schedule) and
product-sheet (the printable product sheet as PDF).

    ao-desktop simulate (--product CODE | --method M --rate PCT) --amount RP --tenor MONTHS
                        [--start YYYY-MM-DD] [--previous-uses N] [--db PATH] [--json]
    ao-desktop product-sheet CODE --amount RP --tenor MONTHS --out FILE.pdf [--client ID]
                        [--method M] [--officer ID] [--start YYYY-MM-DD] [--db PATH] [--force] [--json]

The product sheet is OJK's RIPLAY: general (umum) without --client; personal with it,
and then recorded on the client (--json gives its record_id).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ao_desktop.cli.common import (
    UserError,
    add_db,
    add_force,
    add_json,
    examples,
    output_path,
)
from ao_desktop.cli.signin import open_signed_in
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.user_dates import parse_start_date

COMMANDS = ("simulate", "product-sheet")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _add_simulate(sub)
    _add_product_sheet(sub)


def run(args: argparse.Namespace) -> int:
    if args.command == "simulate":
        return _cmd_simulate(args)
    return _cmd_product_sheet(args)


def _add_simulate(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    simulate = sub.add_parser("simulate", help=_("simulasi angsuran kredit"), epilog=examples(
        "ao-desktop simulate --product KPR --amount 500jt --tenor 180",
        "ao-desktop simulate --method flat --rate 6 --amount 10jt --tenor 12 --json"))
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
    add_db(simulate, sub=True)
    add_json(simulate)


def _add_product_sheet(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sheet = sub.add_parser(
        "product-sheet", help=_("tulis RIPLAY produk (PDF): umum, atau personal dengan --client"),
        epilog=examples("ao-desktop product-sheet KUR-MIKRO --amount 50jt --tenor 24 --out kur.pdf",
                        "ao-desktop product-sheet KPR --amount 500jt --tenor 180 --client 12 --out kpr-siti.pdf"))
    sheet.add_argument("code", metavar="CODE", help=_("kode produk dari katalog"))
    sheet.add_argument("--amount", metavar="RP", required=True,
                       help=_("plafon atau nominal, misalnya 50000000, Rp50.000.000 atau 50jt"))
    sheet.add_argument("--tenor", metavar="MONTHS", required=True, help=_("tenor dalam bulan"))
    sheet.add_argument("--client", metavar="ID",
                       help=_("id nasabah: RIPLAY personal dengan nama dan DSR-nya, dicatat pada nasabah"))
    sheet.add_argument("--method", choices=["flat", "annuity", "declining"],
                       help=_("metode bunga (bawaan: metode utama produk)"))
    sheet.add_argument("--officer", metavar="ID", help=_("id AO yang nama dan nomornya dicetak"))
    sheet.add_argument("--start", metavar="YYYY-MM-DD", help=_("tanggal pencairan (bawaan: hari ini)"))
    sheet.add_argument("--previous-uses", metavar="N", default="0",
                       help=_("berapa kali nasabah sudah pernah mengambil KUR (bawaan 0)"))
    add_db(sheet, sub=True)
    sheet.add_argument("--out", metavar="FILE.pdf", type=Path, required=True,
                       help=_("berkas PDF tujuan"))
    add_force(sheet)
    add_json(sheet)


def _whole_number(text: str, option: str) -> int:
    value = text.strip()
    if not value.isdigit():
        raise UserError(_("{o} harus bilangan bulat, bukan '{v}'.").format(o=option, v=text))
    return int(value)


def _simulation_product(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The product named by --product, read from the database's catalog."""
    from ao_desktop.services.products.catalog import get_product

    if args.rate is not None:
        raise UserError(_("--rate hanya dipakai bersama --method; suku bunga produk diambil dari katalog."))
    db = open_signed_in(args, prepare=True)
    try:
        return get_product(args.uow, args.product)
    finally:
        db.close()


def _simulation(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The schedule asked for on the command line, and the product (or None)."""
    from datetime import date
    from decimal import Decimal, InvalidOperation

    from ao_desktop.domain.common.money_parse import parse_rupiah
    from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanRequest, simulate_loan
    from ao_desktop.services.products.catalog import simulate_product_loan

    amount = parse_rupiah(args.amount)
    tenor = _whole_number(args.tenor, "--tenor")
    previous_uses = _whole_number(args.previous_uses, "--previous-uses")
    start = parse_start_date(args.start, "--start") if args.start else date.today()
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
    from ao_desktop.domain.common.formatting import format_date_numeric, format_rupiah
    from ao_desktop.domain.products.loan_schedule import method_label

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

    from ao_desktop.domain.common.money_parse import parse_rupiah
    from ao_desktop.domain.products.affordability import over_limit_text
    from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay, sheet_officer

    amount = parse_rupiah(args.amount)
    tenor = _sheet_int(args.tenor, "--tenor")
    previous_uses = _sheet_int(args.previous_uses, "--previous-uses") or 0
    start = parse_start_date(args.start, "--start") if args.start else None
    out = output_path(args.out, args.force)
    db = open_signed_in(args, prepare=True)
    try:
        uow = args.uow
        client_id = _sheet_int(args.client, "--client")
        spec = SheetSpec(
            code=args.code, amount=amount, tenor_months=tenor or 0,
            officer_id=sheet_officer(uow, _sheet_int(args.officer, "--officer")),
            client_id=client_id, method=args.method, start_date=start,
            previous_uses=previous_uses,
        )  # fmt: skip
        result = make_riplay(uow, spec, out, record=client_id is not None, actor=args.actor)
    finally:
        db.close()
    # Printed all the same (the AO may want it for the file), but never without a word.
    warning = over_limit_text(result.affordability) if result.affordability else ""
    if warning:
        print(_("Peringatan: {w}").format(w=warning), file=sys.stderr)
    if args.json:
        answer: dict[str, object] = {"path": str(out), "pages": result.pages,
                                     "kind": result.kind.value}
        if result.record_id is not None:
            answer["record_id"] = result.record_id
        print(json.dumps(answer, ensure_ascii=False))
    elif result.record_id is not None:
        print(_("RIPLAY personal ditulis ke {p} ({n} halaman) dan dicatat pada nasabah "
                "(catatan {r}).").format(p=out, n=result.pages, r=result.record_id))
    else:
        print(_("RIPLAY umum ditulis ke {p} ({n} halaman).").format(p=out, n=result.pages))
    return 0
