"""The credit subcommands of `ao-desktop`: applications and credit-memo.

    ao-desktop applications [--officer ID] [--status S] [--db PATH] [--json]
    ao-desktop credit-memo ID --out FILE.pdf [--db PATH] [--force]

`applications --json` gives a list of objects: id, client, client_id, product, amount,
tenor, installment, monthly_income, other_installments, repayment_capacity (whole rupiah,
0 where not entered), dsr and rpc_ratio (percent strings such as "32.94"; null only
while there is no income, and rpc_ratio also when the capacity is exactly 0; negative
when expenses exceed the income), score (the weighted 5C total as a number such as
3.95, null until every C is scored) and status.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
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

COMMANDS = ("applications", "credit-memo")
STATUSES = ("draft", "diajukan", "disetujui", "ditolak", "dicairkan")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    apps = sub.add_parser("applications", help=_("daftar pengajuan kredit dengan RPC, DSR dan nilai 5C"),
                          epilog=examples("ao-desktop applications",
                                          "ao-desktop applications --officer 2 --status diajukan --json"))
    apps.add_argument("--officer", metavar="ID", type=int, help=_("hanya pengajuan AO ini (bawaan: semua AO)"))
    apps.add_argument("--status", metavar="S", choices=STATUSES,
                      help=_("hanya status ini: {s} (bawaan: semua)").format(s=", ".join(STATUSES)))
    add_db(apps, sub=True)
    add_json(apps)

    memo = sub.add_parser("credit-memo", help=_("cetak Memorandum Analisa Kredit (PDF) satu pengajuan"),
                          epilog=examples("ao-desktop credit-memo 12 --out mak-12.pdf"))
    memo.add_argument("id", metavar="ID", type=int, help=_("id pengajuan (lihat 'ao-desktop applications')"))
    memo.add_argument("--out", metavar="FILE.pdf", type=Path, required=True, help=_("berkas PDF tujuan"))
    add_db(memo, sub=True)
    add_force(memo)


def run(args: argparse.Namespace) -> int:
    if args.command == "applications":
        return _cmd_applications(args)
    return _cmd_memo(args)


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _row(a) -> dict[str, object]:  # type: ignore[no-untyped-def]
    app, r = a.application, a.ratios
    return {
        "id": app.id, "client": a.client_name, "client_id": app.client_id, "product": app.product_code,
        "amount": app.amount, "tenor": app.tenor_months, "installment": app.installment,
        "monthly_income": r.monthly_income, "other_installments": r.other_installments,
        "repayment_capacity": r.repayment_capacity, "dsr": _pct(r.dsr_pct),
        "rpc_ratio": _pct(r.rpc_ratio_pct), "score": None if a.score is None else float(a.score), "status": app.status.value,
    }


def _cmd_applications(args: argparse.Namespace) -> int:
    from ao_desktop.domain.credit.enums import ApplicationStatus
    from ao_desktop.services.credit.applications import list_assessments

    db = open_signed_in(args)
    try:
        uow = args.uow
        if args.officer is not None:
            with uow.read() as tx:
                if tx.officers.get(args.officer) is None:
                    raise UserError(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=args.officer))
        items = list_assessments(uow, args.officer, ApplicationStatus(args.status) if args.status else None,
                                 actor=args.actor)
    finally:
        db.close()
    if args.json:
        print(json.dumps([_row(a) for a in items], ensure_ascii=False))
        return 0
    _print(items)
    return 0


def _print(items) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.formatting import format_pct, format_rupiah
    from ao_desktop.domain.credit.labels import status_label

    if not items:
        print(_("Tidak ada pengajuan."))
    for a in items:
        app, r = a.application, a.ratios
        dsr = format_pct(r.dsr_pct, 2) if r.dsr_pct is not None else "—"
        print(f"{app.id:>5}  {a.client_name[:28]:<28} {app.product_code:<12} {format_rupiah(app.amount):>16} "
              f"{app.tenor_months:>3} bln  DSR {dsr:>8}  {status_label(app.status)}")


def _cmd_memo(args: argparse.Namespace) -> int:
    out = output_path(args.out, args.force)
    if out.suffix.lower() != ".pdf":
        raise UserError(_("Berkas memo harus berakhiran .pdf: {p}").format(p=out))
    from ao_desktop.services.credit.credit_memo import write_memo

    # prepare: a database not yet opened by the app gets the seed catalog the memo needs.
    db = open_signed_in(args, prepare=True)
    try:
        pages = write_memo(args.uow, args.id, out, args.actor)
    finally:
        db.close()
    print(_("Memorandum Analisa Kredit pengajuan {i} ({n} halaman) ditulis ke {p}.").format(i=args.id, n=pages, p=out))
    return 0
