"""The calendar subcommands of `ao-desktop`: agenda and export-calendar.

    ao-desktop agenda [--date YYYY-MM-DD] [--officer ID] [--db PATH] [--json]
    ao-desktop export-calendar --out FILE.ics [--from D] [--to D] [--officer ID] [--db PATH] [--force]

Without --officer both work for the officer signed in on this PC, or for every officer
when none is (a PC used by IT or a supervisor). --json gives one object: date, holiday
(its name or null), working_day, items (time, client, type, purpose, status) and overdue
(planned follow-ups past their date).
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

from ao_desktop.cli.common import (
    UserError,
    add_db,
    add_force,
    add_json,
    examples,
    output_path,
)
from ao_desktop.domain.common.i18n import _

COMMANDS = ("agenda", "export-calendar")
EXPORT_WEEKS = 8


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    agenda = sub.add_parser("agenda", help=_("agenda satu hari dan tindak lanjut yang terlambat"),
                            epilog=examples("ao-desktop agenda", "ao-desktop agenda --date 2026-12-07 --officer 2 --json"))
    agenda.add_argument("--date", metavar="YYYY-MM-DD", help=_("hari (bawaan: hari ini)"))
    agenda.add_argument("--officer", metavar="ID", type=int,
                        help=_("id AO (bawaan: AO yang masuk di PC ini, atau semua AO)"))
    add_db(agenda, sub=True)
    add_json(agenda)

    export = sub.add_parser("export-calendar", help=_("ekspor jadwal AO ke berkas .ics untuk kalender ponsel"),
                            epilog=examples("ao-desktop export-calendar --out jadwal.ics",
                                            "ao-desktop export-calendar --out jadwal-rina.ics --officer 2 "
                                            "--from 2026-12-01 --to 2026-12-31"))
    export.add_argument("--out", metavar="FILE.ics", type=Path, required=True,
                        help=_("berkas iCalendar tujuan"))
    export.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                        help=_("hari pertama (bawaan: hari ini)"))
    export.add_argument("--to", dest="last", metavar="YYYY-MM-DD",
                        help=_("bawaan: {n} minggu sesudah tanggal awal").format(n=EXPORT_WEEKS))
    export.add_argument("--officer", metavar="ID", type=int,
                        help=_("id AO (bawaan: AO yang masuk di PC ini, atau semua AO)"))
    add_db(export, sub=True)
    add_force(export)
    add_json(export)


def run(args: argparse.Namespace) -> int:
    if args.command == "agenda":
        return _cmd_agenda(args)
    return _cmd_export(args)


def parse_day(text: str | None, option: str) -> date:
    """A YYYY-MM-DD that exists on the calendar (2026-02-30 does not); today when absent."""
    if text is None:
        return date.today()
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(_("{o} {t} bukan tanggal yang ada; tulis YYYY-MM-DD, misalnya 2026-12-07.")
                        .format(o=option, t=text)) from None
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise UserError(_("{o} harus antara tahun 2000 dan 2100.").format(o=option))
    return value


def _configured_officer() -> tuple[int | None, str] | None:
    """(id, phone) of the officer signed in on this PC, or None. Read from the PC's own
    settings, where the GUI keeps them (QtCore only, no window)."""
    from ao_desktop.ui.local_settings import load_officer

    remembered = load_officer()
    return (remembered.officer_id, remembered.phone) if remembered else None


def _officer(uow, requested: int | None) -> tuple[int | None, str]:  # type: ignore[no-untyped-def]
    """The officer id to show (None: every officer) and a name for the heading."""
    if requested is not None:
        with uow.read() as tx:
            officer = tx.officers.get(requested)
        if officer is None:
            raise UserError(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=requested))
        return officer.id, officer.name
    configured = _configured_officer()
    if configured is not None:
        from ao_desktop.services.setup import find_signed_in

        officer = find_signed_in(uow, configured[0], configured[1])
        if officer is not None:
            return officer.id, officer.name
    return None, _("semua AO")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ao_desktop.cli.signin import open_signed_in

    db = open_signed_in(args, preload=("ao_desktop.services.calendar.agenda",))
    return db, args.uow


def _scoped(args: argparse.Namespace, officer_id: int | None, name: str) -> tuple[int | None, str]:
    """An AO sees their own agenda only, whatever --officer says (another's is refused)."""
    from ao_desktop.domain.access.permissions import scoped_officer

    scoped = scoped_officer(args.actor, officer_id, _("AO hanya dapat melihat agendanya sendiri."))
    return (scoped, args.actor.name) if scoped != officer_id else (officer_id, name)


def _item_json(item, with_date: bool = False) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "id": item.id, "time": item.starts_at.strftime("%H:%M"), "client": item.client_name,
        "client_id": item.client_id, "type": item.type.value, "purpose": item.purpose.value,
        "status": item.status.value,
    }
    if with_date:
        data = {"date": item.starts_at.date().isoformat(), **data}
    return data


def _cmd_agenda(args: argparse.Namespace) -> int:
    day = parse_day(args.date, "--date")
    db, uow = _open(args)
    try:
        officer_id, officer_name = _scoped(args, *_officer(uow, args.officer))
        from ao_desktop.services.calendar.agenda import day_agenda

        agenda = day_agenda(uow, day, officer_id)
    finally:
        db.close()
    if args.json:
        print(json.dumps({
            "date": day.isoformat(), "officer_id": officer_id, "holiday": agenda.holiday,
            "working_day": agenda.working_day,
            "items": [_item_json(i) for i in agenda.items],
            "overdue": [_item_json(i, with_date=True) for i in agenda.overdue],
        }, ensure_ascii=False))
        return 0
    _print_agenda(agenda, officer_name)
    return 0


def _print_agenda(agenda, officer_name: str) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.calendar.labels import purpose_label, status_label, type_label
    from ao_desktop.domain.common.formatting import format_date

    print(_("Agenda {d} ({o})").format(d=format_date(agenda.day), o=officer_name))
    if agenda.holiday:
        print(_("Hari libur: {n}").format(n=agenda.holiday))
    elif not agenda.working_day:
        print(_("Akhir pekan"))
    if not agenda.items:
        print(_("Tidak ada kegiatan."))
    for i in agenda.items:
        print(f"{i.starts_at:%H:%M}  {type_label(i.type):<20} {i.client_name:<32} "
              f"{purpose_label(i.purpose):<19} {status_label(i.status)}")
    if agenda.overdue:
        print(_("Tindak lanjut terlambat ({n}):").format(n=len(agenda.overdue)))
        for i in agenda.overdue:
            print(f"{format_date(i.starts_at.date()):>11}  {type_label(i.type):<20} "
                  f"{i.client_name:<32} {purpose_label(i.purpose)}")


def _cmd_export(args: argparse.Namespace) -> int:
    first = parse_day(args.first, "--from")
    last = parse_day(args.last, "--to") if args.last else first + timedelta(weeks=EXPORT_WEEKS)
    if last < first:
        raise UserError(_("--to ({b}) sebelum --from ({a}).").format(a=first.isoformat(), b=last.isoformat()))
    out = output_path(args.out, args.force)
    if out.suffix.lower() != ".ics":
        raise UserError(_("Berkas kalender harus berakhiran .ics: {p}").format(p=out))
    db, uow = _open(args)
    try:
        officer_id, officer_name = _scoped(args, *_officer(uow, args.officer))
        from ao_desktop.services.calendar.calendar_export import export_calendar

        count = export_calendar(uow, out, first, last, officer_id)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"path": str(out), "events": count, "from": first.isoformat(),
                          "to": last.isoformat(), "officer_id": officer_id}))
    else:
        print(_("{n} kegiatan ({o}, {a} s.d. {b}) ditulis ke {p}.").format(
            n=count, o=officer_name, a=first.isoformat(), b=last.isoformat(), p=out))
    return 0
