"""The client subcommands of `ao-desktop`: search, import-clients, export-clients,
import-template.

    ao-desktop search TEXT [--db PATH] [--limit N] [--json]
    ao-desktop import-clients FILE [--db PATH] [--sheet NAME] [--duplicates skip|merge|new]
                              [--officer ID] [--dry-run] [--report OUT.xlsx] [--force] [--json]
    ao-desktop export-clients OUT.xlsx [--db PATH] [--search TEXT] [--status S] [--source S]
                              [--officer ID] [--tag T] [--archived|--all] [--sort COL] [--desc] [--force]
    ao-desktop import-template OUT.xlsx [--db PATH] [--force]

Exit codes: 0 done (rejected rows are reported, not a failure), 1 nothing imported
because of a user error (file unreadable, no header, bad option).
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
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.i18n import _

COMMANDS = ("search", "import-clients", "export-clients", "import-template")
# How a duplicate row was handled, as the text output says it.
_ACTION_WORDS = {
    "insert": lambda: _("diimpor sebagai baru"),
    "merge": lambda: _("digabung"),
    "skip": lambda: _("dilewati"),
    "reject": lambda: _("ditolak"),
}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    search = sub.add_parser("search", help=_("cari nasabah"), epilog=examples(
        "ao-desktop search siti", "ao-desktop search 0812 --limit 5 --json"))
    search.add_argument("text", metavar="TEXT",
                        help=_("nama, nama usaha, NIK, nomor HP atau alamat (sebagian pun boleh)"))
    add_db(search, sub=True)
    search.add_argument("--limit", type=int, default=20, metavar="N",
                        help=_("paling banyak sekian hasil, 1 sampai 1000"))
    add_json(search)

    imp = sub.add_parser("import-clients", help=_("impor nasabah dari Excel (.xlsx, .xls, .ods, .csv)"),
                         epilog=examples("ao-desktop import-clients prospek.xlsx --dry-run",
                                         "ao-desktop import-clients prospek.xlsx --duplicates merge "
                                         "--officer 2 --report ditolak.xlsx --json"))
    imp.add_argument("file", metavar="FILE", type=Path,
                     help=_("lembar nasabah: .xlsx, .xlsm, .xls, .ods atau .csv"))
    add_db(imp, sub=True)
    imp.add_argument("--sheet", metavar="NAME", help=_("nama lembar (bawaan: lembar pertama yang terlihat)"))
    imp.add_argument("--duplicates", choices=["skip", "merge", "new"], default="skip",
                     help=_("baris yang sama dengan nasabah tersimpan atau baris sebelumnya: "
                            "skip = lewati (bawaan), merge = gabungkan, new = impor sebagai baru"))
    imp.add_argument("--officer", metavar="ID", type=int,
                     help=_("id AO untuk baris tanpa kolom AO (bawaan: tanpa AO)"))
    imp.add_argument("--dry-run", action="store_true", help=_("periksa saja, tidak menyimpan apa pun"))
    imp.add_argument("--report", metavar="OUT.xlsx", type=Path,
                     help=_("tulis baris yang ditolak beserta alasannya ke berkas Excel ini"))
    add_force(imp)
    add_json(imp)

    exp = sub.add_parser("export-clients", help=_("ekspor direktori nasabah ke Excel"), epilog=examples(
        "ao-desktop export-clients nasabah.xlsx",
        "ao-desktop export-clients prospek-rina.xlsx --status prospek --officer 2 --sort updated --desc"))
    exp.add_argument("out", metavar="OUT.xlsx", type=Path, help=_("berkas Excel tujuan"))
    add_db(exp, sub=True)
    exp.add_argument("--search", metavar="TEXT", default="", help=_("teks pencarian seperti di direktori"))
    exp.add_argument("--status", action="append", choices=[s.value for s in ClientStatus], default=[],
                     help=_("hanya status ini (boleh diulang)"))
    exp.add_argument("--source", action="append", choices=[s.value for s in LeadSource], default=[],
                     help=_("hanya sumber ini (boleh diulang)"))
    exp.add_argument("--officer", metavar="ID", type=int, help=_("hanya nasabah AO dengan id ini"))
    exp.add_argument("--tag", metavar="TAG", default="", help=_("hanya nasabah dengan tag ini"))
    archived = exp.add_mutually_exclusive_group()
    archived.add_argument("--archived", action="store_true", help=_("hanya nasabah yang diarsipkan"))
    archived.add_argument("--all", action="store_true", help=_("termasuk nasabah yang diarsipkan"))
    exp.add_argument("--sort", choices=[s.value for s in ClientSort], default=ClientSort.NAME.value,
                     help=_("urutan seperti kolom direktori"))
    exp.add_argument("--desc", action="store_true", help=_("urutan menurun"))
    add_force(exp)
    add_json(exp)

    template = sub.add_parser("import-template", help=_("tulis templat Excel kosong untuk impor nasabah"),
                              epilog=examples("ao-desktop import-template templat-nasabah.xlsx"))
    template.add_argument("out", metavar="OUT.xlsx", type=Path, help=_("berkas Excel tujuan"))
    add_db(template, sub=True)
    add_force(template)


def _user_error(message: str) -> Exception:
    return UserError(message)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ao_desktop.cli.signin import open_signed_in

    return open_signed_in(args)


def _target_officer(uow, officer_id: int | None) -> int | None:  # type: ignore[no-untyped-def]
    """--officer of import-clients: the AO for rows without an AO column, if they exist."""
    from ao_desktop.services.clients.directory import list_officers

    if officer_id is None:
        return None
    if not any(o.id == officer_id for o in list_officers(uow)):
        raise _user_error(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=officer_id))
    return officer_id


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.json or sys.stderr is None or not sys.stderr.isatty():
        return None

    def show(what: str, done: int, total: int) -> None:
        share = f" {done * 100 // total}%" if total else ""
        print(f"\r{what}{share}   ", end="", file=sys.stderr, flush=True)

    return show


def _issues_json(preview) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return [{"row": i.row, "field": i.field, "column": i.column, "reason": i.message,
             "severity": "error" if i.is_error else "warning"} for i in preview.issues()]


def _import(args: argparse.Namespace) -> int:
    from ao_desktop.documents.sheets.sheet_data import gc_paused

    # 100,000s of rows, clients and plan items live until the end: a cyclic collection
    # now and then would walk them all again (none of them is in a cycle).
    with gc_paused():
        return _import_paused(args)


def _import_paused(args: argparse.Namespace) -> int:
    from ao_desktop.domain.imports.import_plan import DuplicatePolicy, count_plan
    from ao_desktop.services.imports.client_import import (
        commit_import,
        preview_import,
        write_error_report,
    )
    from ao_desktop.services.imports.row_worker import start_reading_helper

    source = args.file.expanduser()
    report_path = args.report.expanduser().resolve() if args.report else None
    if report_path is not None and report_path == source.resolve():
        raise _user_error(_("--report tidak boleh sama dengan berkas yang diimpor."))
    if report_path is not None:
        report_path = output_path(report_path, args.force)
    # A big sheet: the helper process starts before the database is opened and the user
    # signed in, and checks the file's cells meanwhile (a second at 100,000 rows).
    helper = start_reading_helper(source, pre_scan=True, sheet=args.sheet)
    db = None
    try:
        db = _open(args)
        uow, actor = args.uow, args.actor
        progress = _progress(args)
        preview = preview_import(uow, source, actor, sheet=args.sheet, progress=progress,
                                 for_officer=_target_officer(uow, args.officer), helper=helper)
        if preview.problems:
            raise _user_error(" ".join(preview.problems))
        policy = DuplicatePolicy(args.duplicates)
        if args.dry_run:
            plan = preview.plan(policy)
            counts = count_plan(plan)
        else:  # the plan carried out (made again in the write transaction)
            result = commit_import(uow, preview, policy, actor, progress=progress)
            plan, counts = result.plan, result.counts
        if report_path is not None:
            write_error_report(preview, report_path)
    finally:
        # preview_import stops the helper; this covers a failure before it ran (sign-in,
        # an unknown --officer). Stopping twice is harmless.
        if helper is not None:
            helper.stop()
        if db is not None:
            db.close()
    if progress is not None:
        print(file=sys.stderr)
    duplicates = [{"row": p.row.row, "action": p.action.value, "reason": p.duplicate.describe()}
                  for p in plan if p.duplicate is not None]
    if args.json:
        print(json.dumps({
            "file": str(source), "sheet": preview.sheet, "header_row": preview.header_row,
            "dry_run": bool(args.dry_run), "duplicate_policy": policy.value,
            "rows": counts.rows, "accepted": counts.accepted, "inserted": counts.inserted,
            "merged": counts.merged, "skipped": counts.skipped, "rejected": counts.rejected,
            "flagged": counts.flagged, "duplicates": counts.duplicates,
            "issues": _issues_json(preview), "duplicate_rows": duplicates,
            "report": str(report_path) if report_path else None,
        }, ensure_ascii=False))
        return 0
    for issue in preview.issues():
        level = _("DITOLAK") if issue.is_error else _("peringatan")
        print(f"{level}: {issue}")
    for item in duplicates:
        print(_("duplikat baris {r} ({a}): {why}").format(
            r=item["row"], a=_ACTION_WORDS[item["action"]](), why=item["reason"]))
    summary = _("Lembar {s}: {n} baris data; {a} {verb} ({i} baru, {m} digabung), {k} dilewati, "
                "{r} ditolak, {f} dengan peringatan.").format(
        s=preview.sheet, n=format_number(counts.rows), a=format_number(counts.accepted),
        verb=_("akan diimpor") if args.dry_run else _("diimpor"), i=format_number(counts.inserted),
        m=format_number(counts.merged), k=format_number(counts.skipped),
        r=format_number(counts.rejected), f=format_number(counts.flagged))
    if args.dry_run:
        summary = _("Simulasi, tidak ada yang disimpan.") + " " + summary
    print(summary)
    if report_path is not None:
        print(_("Laporan baris yang ditolak: {p}").format(p=report_path))
    return 0


def _query(args: argparse.Namespace) -> ClientQuery:
    return ClientQuery(
        text=args.search.strip(),
        statuses=frozenset(ClientStatus(s) for s in args.status),
        sources=frozenset(LeadSource(s) for s in args.source),
        officer_id=args.officer, tag=args.tag, include_archived=args.all,
        archived_only=args.archived, sort=ClientSort(args.sort), descending=args.desc,
    )


def _export(args: argparse.Namespace) -> int:
    from ao_desktop.services.imports.client_export import export_clients

    out = args.out.expanduser().resolve()
    if out.suffix.lower() != ".xlsx":
        raise _user_error(_("Berkas tujuan harus berakhiran .xlsx, bukan {p}.").format(p=out.name))
    out = output_path(out, args.force)
    db = _open(args)
    try:
        written = export_clients(args.uow, _query(args), out, args.actor, progress=_progress(args))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"path": str(out), "clients": written}, ensure_ascii=False))
    else:
        print(_("{n} nasabah diekspor ke {p}.").format(n=format_number(written), p=out))
    return 0


def _template(args: argparse.Namespace) -> int:
    from ao_desktop.services.imports.client_export import write_import_template

    out = output_path(args.out, args.force)
    db = _open(args)
    try:
        write_import_template(args.uow, out)
    finally:
        db.close()
    print(_("Templat impor ditulis ke {p}.").format(p=out))
    return 0


def run(args: argparse.Namespace) -> int:
    if args.command == "search":
        return _cmd_search(args)
    if args.command == "import-clients":
        return _import(args)
    if args.command == "export-clients":
        return _export(args)
    return _template(args)


def _cmd_search(args: argparse.Namespace) -> int:
    from ao_desktop.domain.clients.client_query import ClientQuery
    from ao_desktop.domain.clients.labels import status_label
    from ao_desktop.services.clients.directory import search_clients

    if not 1 <= args.limit <= 1000:
        raise UserError(_("--limit harus antara 1 dan 1000."))
    if not args.text.strip():
        raise UserError(_("Teks pencarian kosong."))
    db = _open(args)
    try:
        hits = search_clients(args.uow, ClientQuery(text=args.text), 0, args.limit, actor=args.actor)
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
