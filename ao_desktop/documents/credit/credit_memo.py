"""The Memorandum Analisa Kredit (MAK): the AO's written assessment of one application,
put before the approver. A4 portrait, the product sheet's embedded fonts, bank header
and "Halaman X dari Y" footer (documents/pdf).

Sections in the order an approver reads them: client, facility and its schedule,
purpose, business figures and ratios (each with its formula), collateral and coverage,
SLIK, the 5C, the documents, the recommendation and conditions, the signatures.
Warnings (RPC or DSR over the ceiling, an unbalanced sheet) are printed in the warning
style, never hidden: they are the approver's to weigh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ao_desktop.documents.pdf.pdf_document import build_pdf
from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    PageFrame,
    key_value_table,
    load_logo,
    markup,
    one_line,
    styles,
    table_style,
)
from ao_desktop.documents.products.product_sheet_data import SheetHeader
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.formatting import (
    format_date,
    format_datetime,
    format_pct,
    format_rupiah,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.checklist import DocumentItem
from ao_desktop.domain.credit.collateral import coverage_pct, total_liquidation
from ao_desktop.domain.credit.enums import IncomeKind
from ao_desktop.domain.credit.figures import balance_issue
from ao_desktop.domain.credit.five_c import ASPECTS, FiveCWeights, aspect_label, grade_label
from ao_desktop.domain.credit.labels import collateral_type_label, purpose_label, status_label
from ao_desktop.domain.credit.ratios import CreditRatios, formula, ratio_warnings
from ao_desktop.domain.products.loan_schedule import LoanSchedule, method_label
from ao_desktop.domain.products.product import Product

LABEL_WIDTH = 62 * mm


@dataclass(frozen=True)
class CreditMemoData:
    header: SheetHeader
    application: CreditApplication
    client: Client
    product: Product
    schedule: LoanSchedule
    ratios: CreditRatios
    score: Decimal | None
    grade: str
    weights: FiveCWeights
    printed_at: datetime
    approver_name: str = ""
    history: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (when, status, who)


def _pct(value: Decimal | None) -> str:
    return format_pct(value, 2) if value is not None else "—"


def _times(value: Decimal | None) -> str:
    return f"{value:.2f}".replace(".", ",") + "×" if value is not None else "—"


def _table(rows: list[list[object]], widths: list[float], *extra: tuple) -> Table:
    t = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    t.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), *extra, size=8.5))
    return t


def _cell(text: object) -> Paragraph:
    return Paragraph(markup(text, 600), styles().cell)


def _client(d: CreditMemoData) -> list[Flowable]:
    c, s = d.client, styles()
    return [Paragraph(_("1. Data nasabah"), s.h2), key_value_table([
        (_("Nama"), markup(c.full_name)), (_("Nama usaha"), markup(c.business_name or "—")),
        (_("NIK"), c.nik or "—"), (_("Pekerjaan / usaha"), markup(c.occupation or "—")),
        (_("Alamat"), markup(c.address.one_line() or "—")), (_("No. HP"), c.mobile or "—"),
    ], LABEL_WIDTH)]


def _facility(d: CreditMemoData) -> list[Flowable]:
    a, p, sch, s = d.application, d.product, d.schedule, styles()
    return [Paragraph(_("2. Fasilitas yang diajukan"), s.h2), key_value_table([
        (_("Produk"), markup(f"{p.name} ({p.code})")),
        (_("Plafond"), format_rupiah(a.amount)), (_("Tenor"), _("{n} bulan").format(n=a.tenor_months)),
        (_("Suku bunga"), f"{format_pct(p.rate_pa)} p.a., {method_label(p.method)}" if p.method else "—"),
        (_("Angsuran per bulan"), format_rupiah(a.installment)),
        (_("Total bunga"), format_rupiah(sch.total_interest)),
        (_("Total biaya di muka"), format_rupiah(sch.total_fees)),
        (_("Diterima nasabah"), format_rupiah(sch.net_disbursement)),
        (_("Tujuan"), markup(f"{purpose_label(a.purpose)}: {a.purpose_description}".rstrip(": "))),
        (_("Status"), status_label(a.status)),
    ], LABEL_WIDTH)]


def _figures(d: CreditMemoData) -> list[Flowable]:
    f, r, s = d.application.figures, d.ratios, styles()
    if f.income_kind is IncomeKind.SALARIED:
        income = [(_("Gaji bersih"), f.net_salary)]
    else:
        income = [(_("Omzet"), f.turnover), (_("Harga pokok penjualan"), f.cost_of_goods),
                  (_("Laba kotor"), f.gross_profit), (_("Biaya operasional"), f.operating_costs),
                  (_("Laba usaha"), f.operating_profit)]
    income += [(_("Pendapatan lain"), f.other_income), (_("Penghasilan bulanan"), r.monthly_income),
               (_("Biaya rumah tangga"), f.household_expenses),
               (_("Angsuran pinjaman lain (termasuk di bank ini)"), r.other_installments)]
    if r.portfolio_installments:
        income.append((_("  di antaranya kredit berjalan di bank ini"), r.portfolio_installments))
    rows: list[list[object]] = [[_("Laba rugi per bulan"), _("Rupiah")]]
    rows += [[label, format_rupiah(v)] for label, v in income]
    out: list[Flowable] = [Paragraph(_("3. Data keuangan dan rasio"), s.h2),
                           _table(rows, [0.6, 0.4], ("ALIGN", (1, 0), (1, -1), "RIGHT"))]
    if f.income_kind is IncomeKind.BUSINESS:
        sheet = [[_("Neraca"), _("Rupiah"), "", ""],
                 [_("Kas dan bank"), format_rupiah(f.cash), _("Utang dagang"), format_rupiah(f.trade_payables)],
                 [_("Piutang"), format_rupiah(f.receivables), _("Utang bank"), format_rupiah(f.bank_debt)],
                 [_("Persediaan"), format_rupiah(f.inventory), _("Modal"), format_rupiah(f.equity)],
                 [_("Aset tetap"), format_rupiah(f.fixed_assets), "", ""],
                 [_("Total aset"), format_rupiah(f.total_assets), _("Total utang + modal"),
                  format_rupiah(f.total_liabilities + f.equity)]]
        out += [Spacer(1, 4), _table(sheet, [0.28, 0.22, 0.28, 0.22],
                                     ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT"))]
        issue = balance_issue(f)
        if issue is not None:
            out.append(Paragraph(markup(issue.message), s.warning))
    ratio_rows: list[list[object]] = [[_("Rasio"), _("Nilai"), _("Rumus")]]
    for name, label, value in (
        ("gross_margin", _("Margin kotor"), _pct(r.gross_margin_pct)),
        ("net_margin", _("Margin bersih"), _pct(r.net_margin_pct)),
        ("current_ratio", _("Current ratio"), _times(r.current_ratio)),
        ("debt_to_equity", _("Debt to equity (DER)"), _times(r.debt_to_equity)),
        ("repayment_capacity", _("RPC (porsi {p})").format(p=format_pct(r.prudence_pct)),
         format_rupiah(r.repayment_capacity)),
        ("rpc_ratio", _("Angsuran ÷ RPC"), _pct(r.rpc_ratio_pct)),
        ("dsr", _("DSR (batas {p})").format(p=format_pct(r.max_dsr_pct)), _pct(r.dsr_pct)),
    ):
        ratio_rows.append([label, value, _cell(formula(name))])
    out += [Spacer(1, 4), _table(ratio_rows, [0.3, 0.2, 0.5], ("ALIGN", (1, 0), (1, -1), "RIGHT"))]
    out += [Paragraph(markup(w.message), s.warning) for w in ratio_warnings(r)]
    return out


def _collateral(d: CreditMemoData) -> list[Flowable]:
    a, s = d.application, styles()
    out: list[Flowable] = [Paragraph(_("4. Agunan"), s.h2)]
    if not a.collateral:
        return [*out, Paragraph(_("Tanpa agunan."), s.body)]
    rows: list[list[object]] = [[_("Jenis"), _("Pemilik"), _("Uraian"), _("Nilai pasar"), _("Nilai likuidasi")]]
    rows += [[_cell(collateral_type_label(c.type)), _cell(c.owner), _cell(c.description),
              format_rupiah(c.market_value), format_rupiah(c.liquidation_value)] for c in a.collateral]
    rows.append([_("Jumlah"), "", "", format_rupiah(sum(c.market_value for c in a.collateral)),
                 format_rupiah(total_liquidation(a.collateral))])
    out.append(_table(rows, [0.16, 0.18, 0.3, 0.18, 0.18], ("ALIGN", (3, 0), (-1, -1), "RIGHT")))
    out.append(Paragraph(markup(_("Coverage: {pct} ({f})").format(
        pct=_pct(coverage_pct(a.collateral, a.amount)), f=formula("coverage"))), s.body))
    return out


def _slik(d: CreditMemoData) -> list[Flowable]:
    sl, s = d.application.slik, styles()
    worst = _("Kol {n}").format(n=sl.worst_collectibility) if sl.worst_collectibility else _("tidak ada catatan")
    out: list[Flowable] = [Paragraph(_("5. Hasil SLIK OJK"), s.h2), key_value_table([
        (_("Tanggal cek"), format_date(sl.checked_on) if sl.checked_on else _("belum dicek")),
        (_("Kolektibilitas terburuk"), worst), (_("Catatan"), markup(sl.notes or "—")),
    ], LABEL_WIDTH)]
    if sl.facilities:
        rows: list[list[object]] = [[_("Kreditur"), _("Baki debet"), _("Angsuran"), _("Kol")]]
        rows += [[_cell(f.lender), format_rupiah(f.outstanding), format_rupiah(f.installment),
                  str(f.collectibility)] for f in sl.facilities]
        out += [Spacer(1, 4), _table(rows, [0.4, 0.22, 0.22, 0.16], ("ALIGN", (1, 0), (-1, -1), "RIGHT"))]
    return out


def _five_c(d: CreditMemoData) -> list[Flowable]:
    sc, s = d.application.five_c, styles()
    rows: list[list[object]] = [[_("Aspek"), _("Bobot"), _("Nilai (1-5)"), _("Catatan")]]
    for i, a in enumerate(ASPECTS):
        value = getattr(sc, a)
        rows.append([aspect_label(a), f"{getattr(d.weights, a)}%", str(value) if value else "—",
                     _cell(sc.notes[i] if i < len(sc.notes) else "")])
    total = f"{d.score:.2f}".replace(".", ",") if d.score is not None else "—"
    rows.append([_("Total tertimbang"), "100%", total, grade_label(d.grade)])
    return [Paragraph(_("6. Penilaian 5C"), s.h2),
            _table(rows, [0.3, 0.12, 0.14, 0.44], ("ALIGN", (1, 0), (2, -1), "RIGHT"))]


def _documents(items: tuple[DocumentItem, ...]) -> list[Flowable]:
    s = styles()
    rows: list[list[object]] = [[_("Dokumen"), _("Status"), _("Tanggal")]]
    rows += [[_cell(i.name), _("ada") if i.received else _("belum ada"), format_date(i.received_on)
              if i.received_on else "—"] for i in items]
    return [Paragraph(_("7. Kelengkapan dokumen"), s.h2), _table(rows, [0.55, 0.2, 0.25])]


def _recommendation(d: CreditMemoData) -> list[Flowable]:
    a, s = d.application, styles()
    out: list[Flowable] = [Paragraph(_("8. Rekomendasi dan syarat"), s.h2),
                           Paragraph(markup(a.recommendation or "—"), s.body)]
    if a.conditions:
        out += [Paragraph(_("Syarat:"), s.body), Paragraph(markup(a.conditions), s.body)]
    if a.rejection_reason:
        out.append(Paragraph(markup(_("Alasan penolakan: {r}").format(r=a.rejection_reason)), s.warning))
    if d.history:
        rows: list[list[object]] = [[_("Waktu"), _("Status"), _("Oleh")]]
        rows += [[when, status, _cell(who)] for when, status, who in d.history]
        out += [Spacer(1, 4), Paragraph(_("Riwayat status"), s.body), _table(rows, [0.3, 0.3, 0.4])]
    sign = Table([[_("Diusulkan oleh,"), _("Diputus oleh,")], ["", ""],
                  [markup(d.header.officer_name or "________________"),
                   markup(d.approver_name or "________________")],
                  [_("Account Officer"), _("Pemutus kredit")]],
                 colWidths=[CONTENT_WIDTH / 2] * 2, rowHeights=[14, 40, 14, 12])
    sign.setStyle(table_style(header=False, size=9))
    return [*out, Spacer(1, 10), KeepTogether(sign)]


def write_credit_memo(data: CreditMemoData, out: Path | BinaryIO) -> int:
    """Write the memo to a path (replaced only by a whole file) or a stream; the page count."""
    story: list[Flowable] = [
        Paragraph(_("Memorandum Analisa Kredit"), styles().title),
        Paragraph(markup(_("Pengajuan no. {id} · dicetak {at}").format(
            id=data.application.id, at=format_datetime(data.printed_at))), styles().subtitle),
    ]
    for part in (_client, _facility, _figures, _collateral, _slik, _five_c, _recommendation):
        if part is _recommendation:
            story += _documents(data.application.documents)
        story += part(data)
    frame = PageFrame(bank=data.header.bank_name, branch=data.header.branch_name,
                      logo=load_logo(data.header.logo_path),
                      labels=(_("Memorandum Analisa Kredit"), one_line(data.product.code, 40)),
                      footer=(_("Dicetak {at}").format(at=format_datetime(data.printed_at)),
                              _("Account Officer: {n}").format(n=data.header.officer_name or "—"),
                              _("Rahasia: hanya untuk proses persetujuan kredit.")))
    return build_pdf(story, frame, out, title=one_line(_("MAK {name}").format(name=data.client.full_name), 120),
                     author=one_line(data.header.officer_name, 120), subject=_("Memorandum Analisa Kredit"))
