"""The sign-in area's subcommands: the branch's officers, the audit trail, and a client's
subject access export (UU 27/2022).

    ao-desktop officers [--db PATH] [--json]
    ao-desktop audit [--client ID] [--officer ID] [--since YYYY-MM-DD] [--db PATH] [--json]
    ao-desktop client-data ID --out FILE.json [--pdf FILE.pdf] [--db PATH] [--force] [--json]
    ao-desktop handover --from ID --to ID [--db PATH] [--json]
    ao-desktop retention [--anonymise ID ...] [--db PATH] [--json]

Each runs as a signed-in officer (--as, AO_DESKTOP_PIN: cli/signin.py); the audit is for
supervisors and admins, client-data for whoever may read that client, handover for
supervisors and admins, retention for admins (the services check the role).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ao_desktop.cli.common import UserError, add_db, add_force, add_json, examples, output_path
from ao_desktop.cli.signin import open_signed_in
from ao_desktop.domain.common.i18n import _

COMMANDS = ("officers", "audit", "client-data", "handover", "retention")
AUDIT_LIMIT = 10_000


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    officers = sub.add_parser("officers", help=_("daftar petugas cabang (id, nama, peran, aktif)"),
                              epilog=examples("ao-desktop officers --json"))
    add_db(officers, sub=True)
    add_json(officers)

    audit = sub.add_parser("audit", help=_("jejak audit: siapa mengubah atau mengekspor apa, kapan "
                                           "(supervisor dan admin)"),
                           epilog=examples("ao-desktop audit --client 12 --since 2026-12-01",
                                           "ao-desktop --as 5 audit --officer 2 --json"))
    add_db(audit, sub=True)
    audit.add_argument("--client", metavar="ID", type=int, help=_("hanya catatan tentang nasabah ini"))
    audit.add_argument("--officer", metavar="ID", type=int, help=_("hanya yang dilakukan petugas ini"))
    audit.add_argument("--since", metavar="YYYY-MM-DD", help=_("sejak tanggal ini"))
    audit.add_argument("--limit", metavar="N", type=int, default=1000,
                       help=_("paling banyak N catatan, terbaru dulu"))
    add_json(audit)

    data = sub.add_parser("client-data", help=_("semua data satu nasabah ke JSON (dan PDF): "
                                                "permintaan akses subjek data (UU PDP)"),
                          epilog=examples("ao-desktop client-data 12 --out nasabah-12.json --pdf nasabah-12.pdf"))
    data.add_argument("id", metavar="ID", type=int, help=_("id nasabah"))
    data.add_argument("--out", metavar="FILE.json", type=Path, required=True, help=_("berkas JSON tujuan"))
    data.add_argument("--pdf", metavar="FILE.pdf", type=Path, help=_("juga PDF yang mudah dibaca"))
    add_db(data, sub=True)
    add_force(data)
    add_json(data)

    handover = sub.add_parser("handover", help=_("pindahkan semua nasabah, pinjaman, kegiatan terencana, "
                                                  "pengajuan berjalan dan permasalahan terbuka seorang "
                                                  "petugas ke petugas lain (supervisor dan admin)"),
                              epilog=examples("ao-desktop handover --from 2 --to 3 --as 4 --json"))
    handover.add_argument("--from", dest="from_officer", metavar="ID", type=int, required=True,
                          help=_("id petugas asal"))
    handover.add_argument("--to", dest="to_officer", metavar="ID", type=int, required=True,
                          help=_("id petugas tujuan"))
    add_db(handover, sub=True)
    add_json(handover)

    retention = sub.add_parser("retention", help=_("nasabah yang melewati masa retensi data pribadi; "
                                                    "--anonymise menganonimkan (admin)"),
                               epilog=examples("ao-desktop retention --json",
                                               "ao-desktop retention --anonymise 12 15"))
    retention.add_argument("--anonymise", metavar="ID", type=int, nargs="+", default=[],
                           help=_("anonimkan nasabah dengan id ini (harus ada di daftar)"))
    add_db(retention, sub=True)
    add_json(retention)


def run(args: argparse.Namespace) -> int:
    if args.command == "officers":
        return _cmd_officers(args)
    if args.command == "audit":
        return _cmd_audit(args)
    if args.command == "handover":
        return _cmd_handover(args)
    if args.command == "retention":
        return _cmd_retention(args)
    return _cmd_client_data(args)


def _cmd_officers(args: argparse.Namespace) -> int:
    from ao_desktop.domain.common.officer import role_label
    from ao_desktop.services.access.officers import list_all_officers

    db = open_signed_in(args)
    try:
        officers = sorted(list_all_officers(args.uow, args.actor), key=lambda o: o.id or 0)
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"id": o.id, "name": o.name, "role": o.role.value, "active": o.active}
                          for o in officers], ensure_ascii=False))
        return 0
    for o in officers:
        state = "" if o.active else _("nonaktif")
        print(f"{o.id:>4}  {o.name[:32]:<32}  {role_label(o.role):<16} {state}".rstrip())
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from ao_desktop.cli.calendar import parse_day
    from ao_desktop.domain.access.audit import AuditQuery, describe, table_label
    from ao_desktop.services.access.audit_trail import search_audit

    since = parse_day(args.since, "--since") if args.since else None
    if not 1 <= args.limit <= AUDIT_LIMIT:
        raise UserError(_("--limit harus antara 1 dan {n}.").format(n=AUDIT_LIMIT))
    query = AuditQuery(client_id=args.client, officer_id=args.officer, since=since)
    db = open_signed_in(args)
    try:
        entries = search_audit(args.uow, query, args.actor, 0, args.limit)
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "officer_id": e.officer_id,
                           "table": e.table, "row_id": e.row_id, "action": e.action,
                           "client_id": e.client_id, "details": e.details} for e in entries],
                         ensure_ascii=False, default=str))
        return 0
    for e in entries:
        print(f"{e.at:%d/%m/%Y %H:%M}  {e.actor[:24]:<24}  {table_label(e.table):<18} {e.action:<14} "
              f"{describe(e.details, 120)}")
    print(_("{n} catatan").format(n=len(entries)))
    return 0


def _cmd_client_data(args: argparse.Namespace) -> int:
    from ao_desktop.services.clients.subject_access import export_subject_access

    out = output_path(args.out, args.force)
    if out.suffix.lower() != ".json":
        raise UserError(_("Berkas data nasabah harus berakhiran .json: {p}").format(p=out))
    pdf = output_path(args.pdf, args.force) if args.pdf else None
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise UserError(_("Berkas PDF harus berakhiran .pdf: {p}").format(p=pdf))
    if pdf is not None and pdf == out:
        raise UserError(_("--pdf tidak boleh sama dengan --out."))
    db = open_signed_in(args, prepare=True)
    try:
        counts = export_subject_access(args.uow, args.id, args.actor, out, pdf)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"path": str(out), "pdf": str(pdf) if pdf else None, "counts": counts}, ensure_ascii=False))
    else:
        print(_("Data nasabah {i} ditulis ke {p}{pdf}.").format(
            i=args.id, p=out, pdf=_(" dan {p}").format(p=pdf) if pdf else ""))
    return 0


def _cmd_handover(args: argparse.Namespace) -> int:
    from ao_desktop.domain.common.formatting import format_number
    from ao_desktop.services.access.privacy import hand_over_portfolio

    db = open_signed_in(args, prepare=True)
    try:
        handover = hand_over_portfolio(args.uow, args.from_officer, args.to_officer, args.actor)
    finally:
        db.close()
    counts = handover.counts
    if args.json:
        print(json.dumps({"from": args.from_officer, "to": args.to_officer, **counts}))
    else:
        print(_("{c} nasabah, {l} pinjaman, {a} kegiatan terencana, {p} pengajuan berjalan dan {m} "
                "permasalahan terbuka dipindahkan dari petugas {f} ke petugas {t}.").format(
                    c=format_number(counts["clients"]), l=format_number(counts["loans"]),
                    a=format_number(counts["activities"]), p=format_number(counts["applications"]),
                    m=format_number(counts["problems"]),
                                        f=args.from_officer, t=args.to_officer))
    return 0


def _cmd_retention(args: argparse.Namespace) -> int:
    from ao_desktop.domain.clients.enums import ClientStatus
    from ao_desktop.domain.clients.labels import status_label
    from ao_desktop.domain.common.formatting import format_number
    from ao_desktop.services.access.privacy import anonymise_client, clients_past_retention

    anonymised = list(dict.fromkeys(args.anonymise))  # each once, in the order given
    db = open_signed_in(args, prepare=bool(anonymised))
    try:
        candidates = clients_past_retention(args.uow, args.actor)
        listed = {c.client_id for c in candidates}
        # All or none: an id not on the list stops the command before any client is touched.
        if missing := [i for i in anonymised if i not in listed]:
            raise UserError(_("Nasabah {ids} tidak ada di daftar retensi (belum lewat masa retensi, masih ada "
                              "pinjaman atau pengajuan berjalan, atau tidak ditemukan); tidak ada yang "
                              "dianonimkan.").format(ids=", ".join(str(i) for i in missing)))
        for client_id in anonymised:
            anonymise_client(args.uow, client_id, args.actor)
        if anonymised:
            candidates = clients_past_retention(args.uow, args.actor)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"anonymised": anonymised,
                          "past_retention": [{"id": c.client_id, "name": c.full_name, "status": c.status,
                                              "ended_at": c.ended_at.isoformat(), "officer_id": c.officer_id}
                                             for c in candidates]}, ensure_ascii=False))
        return 0
    if anonymised:
        print(_("Dianonimkan: {ids}").format(ids=", ".join(str(i) for i in anonymised)))
    for c in candidates:
        print(f"{c.client_id:>6}  {c.full_name[:32]:<32}  {c.ended_at:%d/%m/%Y}  {status_label(ClientStatus(c.status))}")
    print(_("{n} nasabah melewati masa retensi").format(n=format_number(len(candidates))))
    return 0
