"""The problems subcommand of `ao-desktop`: the client problems list.

    ao-desktop problems [--officer ID] [--status S] [--overdue] [--db PATH] [--json]

Open problems first, by deadline (the most urgent first), then the finished ones. `--json` gives a list of objects: id,
client, client_id, category, channel, received_at (ISO date-time), deadline (ISO date),
extended, status, overdue (open and past the deadline today) and officer_id.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from ao_desktop.cli.common import UserError, add_db, add_json, examples
from ao_desktop.cli.signin import open_signed_in
from ao_desktop.domain.common.i18n import _

COMMANDS = ("problems",)
STATUSES = ("baru", "diproses", "dieskalasi", "selesai", "ditutup")
PAGE = 1000


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser("problems", help=_("daftar permasalahan nasabah dengan batas waktunya"),
                         epilog=examples("ao-desktop problems --overdue",
                                         "ao-desktop problems --officer 2 --status dieskalasi --json"))
    cmd.add_argument("--officer", metavar="ID", type=int, help=_("hanya permasalahan AO ini (bawaan: semua AO)"))
    cmd.add_argument("--status", metavar="S", choices=STATUSES,
                     help=_("hanya status ini: {s} (bawaan: semua)").format(s=", ".join(STATUSES)))
    cmd.add_argument("--overdue", action="store_true",
                     help=_("hanya yang belum selesai dan sudah melewati batas waktu"))
    add_db(cmd, sub=True)
    add_json(cmd)


def run(args: argparse.Namespace) -> int:
    from ao_desktop.domain.problems.enums import ProblemStatus
    from ao_desktop.domain.problems.query import ProblemQuery
    from ao_desktop.services.problems.listing import list_problems

    today = date.today()
    query = ProblemQuery(today, officer_id=args.officer, overdue_only=args.overdue,
                         status=ProblemStatus(args.status) if args.status else None)
    db = open_signed_in(args)
    try:
        uow = args.uow
        if args.officer is not None:
            with uow.read() as tx:
                if tx.officers.get(args.officer) is None:
                    raise UserError(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=args.officer))
        items = []
        while True:
            page = list_problems(uow, query, len(items), PAGE, actor=args.actor)
            items += page
            if len(page) < PAGE:
                break
    finally:
        db.close()
    if args.json:
        print(json.dumps([_row(i, today) for i in items], ensure_ascii=False))
    else:
        _print(items, today)
    return 0


def _row(item, today: date) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.problems.deadline import is_overdue

    p = item.problem
    return {
        "id": p.id, "client": item.client_name, "client_id": p.client_id, "category": p.category.value,
        "channel": p.channel.value, "received_at": p.received_at.isoformat(timespec="minutes"),
        "deadline": p.deadline.isoformat() if p.deadline else None, "extended": p.extended,
        "status": p.status.value, "overdue": is_overdue(p, today), "officer_id": p.officer_id,
    }


def _print(items, today: date) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.formatting import format_date
    from ao_desktop.domain.problems.deadline import is_overdue
    from ao_desktop.domain.problems.labels import category_label, status_label

    if not items:
        print(_("Tidak ada permasalahan."))
    for item in items:
        p = item.problem
        marks = [_("TERLAMBAT")] if is_overdue(p, today) else []
        marks += [_("diperpanjang")] if p.extended else []
        print(f"{p.id:>5}  {format_date(p.deadline):>11}  {item.client_name[:28]:<28} "
              f"{category_label(p.category):<13} {status_label(p.status):<11} {', '.join(marks)}".rstrip())
