"""The loan-portfolio subcommands of `ao-desktop`: import-portfolio, portfolio and
warning-letter.

    ao-desktop import-portfolio FILE --as-of YYYY-MM-DD [--map COLUMN=field ...] [--replace]
                                [--dry-run] [--db PATH] [--json]
    ao-desktop portfolio [--officer ID] [--as-of D] [--db PATH] [--json]
    ao-desktop warning-letter ACCOUNT --level 1|2|3 --out FILE.pdf [--db PATH] [--force]

`import-portfolio --json` gives one object: file, sheet, header_row, as_of, dry_run,
replaced (an extract of that date was there and is replaced), imported, outstanding,
rejected_count, rejected ([{row, reason}]), unmatched_count, unmatched ([{row, account,
nik, cif}]), unassigned ([{code, accounts}]: Kode AO that match no officer) and warnings
([{row, reason}]). `portfolio --json` gives as_of, accounts, outstanding,
by_collectibility ({"1": {"accounts", "outstanding"}, ... "5"}) and npl_ratio ("2.35").
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
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

COMMANDS = ("import-portfolio", "portfolio", "warning-letter")
FIELD_KEYS = ("account_no, cif, borrower_name, nik, product, plafond, disbursed_on, tenor_months, "
              "rate_pct, installment, outstanding, arrears_principal, arrears_interest, penalty, "
              "days_past_due, next_due, last_payment, officer_code")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("tanggal harus YYYY-MM-DD, bukan '{t}'").format(t=text)) from None


def _pair(text: str) -> tuple[str, str]:
    column, sep, field = text.partition("=")
    if not sep or not column.strip():
        raise argparse.ArgumentTypeError(_("tulis --map KOLOM=isian, bukan '{t}'").format(t=text))
    return column.strip(), field.strip()


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser(
        "import-portfolio", help=_("impor ekstrak kredit dari core banking (.xlsx, .xls, .csv)"),
        epilog=examples("ao-desktop import-portfolio ekstrak-2026-11.xlsx --as-of 2026-11-30",
                        "ao-desktop import-portfolio os.csv --as-of 2026-11-30 --map \"Sisa OS=outstanding\" "
                        "--dry-run --json",
                        "ao-desktop import-portfolio lama.xlsx --as-of 2026-09-30 --replace"))
    imp.add_argument("file", metavar="FILE", type=Path, help=_("berkas ekstrak (.xlsx, .xls, .csv)"))
    imp.add_argument("--as-of", metavar="YYYY-MM-DD", type=_day, required=True,
                     help=_("tanggal posisi ekstrak (tidak boleh di masa depan)"))
    imp.add_argument("--map", metavar="COLUMN=field", type=_pair, action="append", default=[],
                     help=_("petakan kolom (judul kolom atau huruf kolom) ke isian, menimpa tebakan; "
                            "'-' mengabaikan kolom; isian: {k}").format(k=FIELD_KEYS))
    imp.add_argument("--replace", action="store_true",
                     help=_("izinkan ekstrak yang lebih lama dari ekstrak terbaru (tanggal yang sama "
                            "selalu menggantikan ekstrak lamanya)"))
    imp.add_argument("--dry-run", action="store_true", help=_("periksa saja, tidak menyimpan apa pun"))
    add_db(imp, sub=True)
    add_json(imp)

    port = sub.add_parser(
        "portfolio", help=_("ringkasan portofolio kredit: kolektibilitas dan NPL"),
        epilog=examples("ao-desktop portfolio", "ao-desktop portfolio --officer 2 --json",
                        "ao-desktop portfolio --as-of 2026-09-30"))
    port.add_argument("--officer", metavar="ID", type=int, help=_("hanya portofolio AO ini (bawaan: cabang)"))
    port.add_argument("--as-of", metavar="D", type=_day,
                      help=_("ekstrak tanggal ini, atau yang terbaru sebelumnya (bawaan: ekstrak terbaru)"))
    add_db(port, sub=True)
    add_json(port)

    letter = sub.add_parser(
        "warning-letter", help=_("terbitkan surat peringatan SP1/SP2/SP3 (PDF) untuk satu rekening"),
        epilog=examples("ao-desktop warning-letter 0012345678 --level 1 --out sp1.pdf"))
    letter.add_argument("account", metavar="ACCOUNT", help=_("nomor rekening pinjaman"))
    letter.add_argument("--level", type=int, choices=(1, 2, 3), required=True,
                        help=_("tingkat surat: 1 (SP1), 2 (SP2) atau 3 (SP3)"))
    letter.add_argument("--out", metavar="FILE.pdf", type=Path, required=True, help=_("berkas PDF tujuan"))
    add_db(letter, sub=True)
    add_force(letter)


def run(args: argparse.Namespace) -> int:
    if args.command == "import-portfolio":
        return _cmd_import(args)
    if args.command == "portfolio":
        return _cmd_portfolio(args)
    return _cmd_letter(args)


def _cmd_import(args: argparse.Namespace) -> int:
    from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract

    source = args.file.expanduser()
    if not source.is_file():
        raise UserError(_("Berkas {p} tidak ditemukan.").format(p=source))
    db = open_signed_in(args, prepare=not args.dry_run)
    try:
        uow = args.uow
        preview = preview_extract(uow, source, args.as_of, overrides=dict(args.map), replace=args.replace)
        if preview.problems:
            raise UserError(" ".join(preview.problems))
        if not args.dry_run:
            commit_extract(uow, preview, args.actor)
    finally:
        db.close()
    rejected = [{"row": row, "reason": reason} for row, reason in preview.rejected_reasons]
    warnings = [{"row": i.row, "reason": f"{i.column}: {i.message}" if i.column else i.message}
                for i in preview.issues if not i.is_error]
    if args.json:
        print(json.dumps({
            "file": str(source), "sheet": preview.sheet, "header_row": preview.header_row,
            "as_of": preview.as_of.isoformat(), "dry_run": bool(args.dry_run),
            "replaced": preview.replaces_same_date, "imported": len(preview.rows),
            "outstanding": preview.outstanding, "rejected_count": len(rejected), "rejected": rejected,
            "unmatched_count": len(preview.unmatched),
            "unmatched": [{"row": u.row, "account": u.account_no, "nik": u.nik, "cif": u.cif}
                          for u in preview.unmatched],
            "unassigned": [{"code": c, "accounts": n} for c, n in sorted(preview.unassigned.items())],
            "warnings": warnings,
        }, ensure_ascii=False))
        return 0
    _print_import(args, preview, rejected, warnings)
    return 0


def _print_import(args, preview, rejected, warnings) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.formatting import format_number, format_rupiah

    for item in rejected:
        print(_("DITOLAK baris {r}: {why}").format(r=item["row"], why=item["reason"]))
    for item in warnings:
        print(_("peringatan baris {r}: {why}").format(r=item["row"], why=item["reason"]))
    for u in preview.unmatched:
        print(_("tidak cocok dengan nasabah: rekening {a} (NIK {n}, CIF {c})").format(
            a=u.account_no, n=u.nik or "-", c=u.cif or "-"))
    for code, n in sorted(preview.unassigned.items()):
        print(_("Kode AO {c} tidak dikenal: {n} rekening belum punya AO").format(c=code, n=format_number(n)))
    summary = _("Ekstrak posisi {d}: {n} rekening {verb} (baki debet {os}), {r} baris ditolak, {u} tidak "
                "cocok dengan nasabah.").format(
        d=preview.as_of.strftime("%d/%m/%Y"), n=format_number(len(preview.rows)),
        verb=_("akan diimpor") if args.dry_run else _("diimpor"), os=format_rupiah(preview.outstanding),
        r=format_number(len(rejected)), u=format_number(len(preview.unmatched)))
    if preview.replaces_same_date:
        summary += " " + _("Ekstrak tanggal yang sama {verb}.").format(
            verb=_("akan diganti") if args.dry_run else _("diganti"))
    if args.dry_run:
        summary = _("Simulasi, tidak ada yang disimpan.") + " " + summary
    print(summary)


def _cmd_portfolio(args: argparse.Namespace) -> int:
    db = open_signed_in(args, preload=("ao_desktop.services.portfolio.summary",))
    try:
        from ao_desktop.services.portfolio.summary import portfolio_summary

        uow = args.uow
        if args.officer is not None:
            with uow.read() as tx:
                if tx.officers.get(args.officer) is None:
                    raise UserError(_("AO dengan id {i} tidak ditemukan di database ini.").format(i=args.officer))
        summary = portfolio_summary(uow, args.officer, args.as_of, args.actor, with_officers=not args.json,
                                    with_trend=False)
    finally:
        db.close()
    t = summary.totals
    if args.json:
        print(json.dumps({
            "as_of": summary.as_of.isoformat() if summary.as_of else None,
            "accounts": t.accounts, "outstanding": t.outstanding,
            "by_collectibility": {str(lvl): {"accounts": b.accounts, "outstanding": b.outstanding}
                                  for lvl, b in sorted(t.by_level.items())},
            "npl_ratio": f"{t.npl_ratio:.2f}",
        }))
        return 0
    _print_portfolio(summary)
    return 0


def _print_portfolio(summary) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.formatting import format_number, format_pct, format_rupiah
    from ao_desktop.domain.portfolio.collectibility import level_label

    if summary.as_of is None:
        print(_("Belum ada ekstrak portofolio yang diimpor."))
        return
    t = summary.totals
    print(_("Portofolio posisi {d}: {n} rekening, baki debet {os}, NPL {npl}.").format(
        d=summary.as_of.strftime("%d/%m/%Y"), n=format_number(t.accounts), os=format_rupiah(t.outstanding),
        npl=format_pct(t.npl_ratio, 2)))
    for lvl, b in sorted(t.by_level.items()):
        print(f"  Kol {lvl} {level_label(lvl):<24} {format_number(b.accounts):>8} {format_rupiah(b.outstanding):>20}")
    for o in summary.by_officer:
        name = o.officer_name or _("(tanpa AO)")
        print(f"  {name[:28]:<28} {format_number(o.totals.accounts):>8} "
              f"{format_rupiah(o.totals.outstanding):>20}  NPL {format_pct(o.totals.npl_ratio, 2)}")


def _cmd_letter(args: argparse.Namespace) -> int:
    out = output_path(args.out, args.force)
    if out.suffix.lower() != ".pdf":
        raise UserError(_("Berkas surat harus berakhiran .pdf: {p}").format(p=out))
    from ao_desktop.services.portfolio.letters import issue_letter

    db = open_signed_in(args, prepare=True)
    try:
        issued = issue_letter(args.uow, args.account, args.level, args.actor, out)
    finally:
        db.close()
    for warning in issued.warnings:
        print(_("Peringatan: {w}").format(w=warning), file=sys.stderr)
    print(_("SP{n} nomor {num} untuk rekening {a} (batas bayar {d}) ditulis ke {p}.").format(
        n=issued.letter.level, num=issued.letter.number, a=args.account,
        d=issued.letter.deadline.strftime("%d/%m/%Y"), p=out))
    return 0
