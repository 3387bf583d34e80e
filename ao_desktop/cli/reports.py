"""The report subcommands of `ao-desktop`, for month-end batch runs:

    ao-desktop report monthly --month YYYY-MM (--officer ID | --branch) --out FILE.pdf
                              [--xlsx FILE.xlsx] [--db PATH] [--force] [--json]

The report is read from one snapshot (a copy taken with the backup API on a shared
drive), written to --out (and --xlsx) and recorded in the report history with the next
version. `--json` prints its headline as one object: period ("YYYY-MM"), period_label,
scope ("branch" or "officer:<id>"), officer_id, officer_name, new_prospects,
visits_done, applications_submitted, disbursed_count, disbursed_amount, outstanding_start,
outstanding_end (rupiah as integers), npl_ratio (a string such as "2.75"; "0.00" without
portfolio data), and more (see domain/reports/report.headline), plus pages, version,
pdf and xlsx.
"""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from ao_desktop.cli.common import (
    Parser,
    UserError,
    add_db,
    add_force,
    add_json,
    examples,
    output_path,
)
from ao_desktop.domain.common.i18n import _

COMMANDS = ("report",)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = sub.add_parser("report", help=_("laporan kerja (PDF dan Excel) untuk dijalankan terjadwal"),
                            epilog=examples("ao-desktop report monthly --month 2026-11 --branch --out cabang.pdf"))
    inner = report.add_subparsers(dest="report_command", parser_class=Parser, title=_("jenis laporan"),
                                  metavar=_("JENIS"), required=True)
    monthly = inner.add_parser(
        "monthly", help=_("laporan kerja bulanan satu AO atau seluruh cabang"),
        epilog=examples("ao-desktop report monthly --month 2026-11 --officer 2 --out laporan-2026-11.pdf",
                        "ao-desktop report monthly --month 2026-11 --branch --out cabang.pdf "
                        "--xlsx cabang.xlsx --json"))
    monthly.add_argument("--month", metavar="YYYY-MM", required=True, help=_("bulan laporan, misalnya 2026-11"))
    who = monthly.add_mutually_exclusive_group(required=True)
    who.add_argument("--officer", metavar="ID", type=int, help=_("laporan satu AO (id, lihat daftar AO di aplikasi)"))
    who.add_argument("--branch", action="store_true", help=_("laporan seluruh cabang, AO berdampingan"))
    monthly.add_argument("--out", metavar="FILE.pdf", type=Path, required=True, help=_("berkas PDF tujuan"))
    monthly.add_argument("--xlsx", metavar="FILE.xlsx", type=Path,
                         help=_("juga tulis pendamping Excel dengan tabel yang sama"))
    add_db(monthly, sub=True)
    add_force(monthly)
    add_json(monthly)


def run(args: argparse.Namespace) -> int:
    from ao_desktop.domain.reports.period import ReportPeriod
    from ao_desktop.domain.reports.report import ReportScope
    from ao_desktop.services.reports.generate import generate_report
    from ao_desktop.services.reports.monthly import ReportRequest

    period = ReportPeriod.parse_month(args.month)
    out = output_path(args.out, args.force)
    if out.suffix.lower() != ".pdf":
        raise UserError(_("Berkas laporan harus berakhiran .pdf: {p}").format(p=out))
    xlsx = None
    if args.xlsx is not None:
        xlsx = output_path(args.xlsx, args.force)
        if xlsx.suffix.lower() != ".xlsx":
            raise UserError(_("Berkas Excel harus berakhiran .xlsx: {p}").format(p=xlsx))
        if xlsx == out:
            raise UserError(_("Berkas PDF dan Excel tidak boleh sama."))
    from ao_desktop.cli.signin import open_signed_in

    # The PDF and Excel writers (reportlab, XlsxWriter) load during the PIN check.
    db = open_signed_in(args, preload=("ao_desktop.documents.reports.monthly_pdf",
                                       "ao_desktop.documents.reports.monthly_xlsx"))
    try:
        uow = args.uow
        if args.officer is not None:
            with uow.read() as tx:
                if tx.officers.get(args.officer) is None:
                    raise UserError(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=args.officer))
        result = generate_report(
            uow, ReportRequest(period, ReportScope(None if args.branch else args.officer)),
            actor=args.actor, actor_name=args.actor.name, pdf_out=out, xlsx_out=xlsx)
    finally:
        db.close()
    if args.json:
        print(json.dumps(result.headline, ensure_ascii=False))
        return 0
    print(_("Laporan {p} ({n} halaman, versi {v}) ditulis ke {o}.").format(
        p=period.label, n=result.pages, v=result.headline["version"], o=out))
    if xlsx is not None:
        print(_("Pendamping Excel ditulis ke {x}.").format(x=xlsx))
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some PCs
        return "ao-desktop"
