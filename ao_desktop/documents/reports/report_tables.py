"""The report's tables as plain rows, shared by the PDF and the Excel file: one list of
rows, two renderings, so a figure cannot differ between them.

Values stay raw (int rupiah and counts, Decimal percents, dates); the PDF formats them the
Indonesian way, the workbook writes them as numbers with rupiah and percent formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.calendar.labels import purpose_label, type_label
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.domain.clients.labels import source_label
from ao_desktop.domain.clients.labels import status_label as client_status_label
from ao_desktop.domain.common.formatting import format_date, format_number, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.credit.labels import status_label as application_status_label
from ao_desktop.domain.reports.figures import ratio_pct
from ao_desktop.domain.reports.report import ClientLine, MonthlyReport, OfficerFigures
from ao_desktop.domain.reports.targets import achievement

Value = int | Decimal | None


class Kind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PCT = "pct"
    TEXT = "text"
    DATE = "date"


@dataclass(frozen=True)
class SummaryRow:
    group: str
    label: str
    kind: Kind
    actual: Value
    target: Value = None
    achieved: Decimal | None = None  # pencapaian, percent
    note: str = ""
    indent: bool = False


def portfolio_missing_text() -> str:
    return _("Belum ada ekstrak portofolio")


def problems_missing_text() -> str:
    return _("Data permasalahan nasabah belum tersedia")


def _label(fn: Callable[[object], str], enum: type, code: str) -> str:
    try:
        return fn(enum(code))
    except ValueError:
        return code


def summary_rows(f: OfficerFigures, portfolio_on: bool, problems_on: bool) -> list[SummaryRow]:
    """Section 1 of the report for one officer or the branch total."""
    t, p, a, c = f.target, f.pipeline, f.activities, f.credit
    g = _("Pipeline nasabah")
    rows = [SummaryRow(g, _("Prospek baru"), Kind.COUNT, p.new_prospects, t.new_prospects if t else None,
                       achievement(p.new_prospects, t.new_prospects) if t else None)]
    for source in LeadSource:
        if p.new_by_source.get(source.value):
            rows.append(SummaryRow(g, _("dari {s}").format(s=source_label(source)), Kind.COUNT,
                                   p.new_by_source[source.value], indent=True))
    rows += [
        SummaryRow(g, _("Prospek di pipeline awal periode"), Kind.COUNT, p.open_prospects_start),
        SummaryRow(g, _("Menjadi pengajuan"), Kind.COUNT, p.to_application,
                   note=_("{r} dari {n} prospek (awal + baru)").format(
                       r=_pct_words(p.application_rate), n=format_number(p.prospects_in_pipeline))),
        SummaryRow(g, _("Menjadi nasabah aktif"), Kind.COUNT, p.to_active,
                   note=_("{r} dari pengajuan").format(r=_pct_words(p.customer_rate))),
        SummaryRow(g, _("Ditolak / menolak"), Kind.COUNT, p.declined),
    ]
    g = _("Kegiatan")
    rows += [
        SummaryRow(g, _("Kunjungan direncanakan"), Kind.COUNT, a.visits_planned),
        SummaryRow(g, _("Kunjungan selesai"), Kind.COUNT, a.visits_done, t.visits if t else None,
                   achievement(a.visits_done, t.visits) if t else None),
        SummaryRow(g, _("Telepon/pesan direncanakan"), Kind.COUNT, a.calls_planned),
        SummaryRow(g, _("Telepon/pesan selesai"), Kind.COUNT, a.calls_done),
        SummaryRow(g, _("Follow-up terlambat"), Kind.COUNT, a.overdue_follow_ups),
        SummaryRow(g, _("Janji bayar dicatat"), Kind.COUNT, a.promises_made),
        SummaryRow(g, _("Nilai janji bayar"), Kind.MONEY, a.promises_amount),
    ]
    g = _("Kredit")
    rows += [
        SummaryRow(g, _("Pengajuan diajukan"), Kind.COUNT, c.submitted, t.applications if t else None,
                   achievement(c.submitted, t.applications) if t else None),
        SummaryRow(g, _("Pengajuan disetujui"), Kind.COUNT, c.approved),
        SummaryRow(g, _("Pengajuan ditolak"), Kind.COUNT, c.rejected),
        SummaryRow(g, _("Pencairan (NOA)"), Kind.COUNT, c.disbursed_count),
        SummaryRow(g, _("Pencairan (Rp)"), Kind.MONEY, c.disbursed_amount, t.disbursement if t else None,
                   achievement(c.disbursed_amount, t.disbursement) if t else None),
    ]
    g = _("Portofolio")
    po = f.portfolio
    if not portfolio_on or po is None:
        rows.append(SummaryRow(g, portfolio_missing_text(), Kind.TEXT, None))
    else:
        rows += [
            SummaryRow(g, _("Outstanding awal periode"), Kind.MONEY, po.outstanding_start),
            SummaryRow(g, _("Outstanding akhir periode"), Kind.MONEY, po.outstanding_end),
            SummaryRow(g, _("Pertumbuhan outstanding"), Kind.MONEY, po.outstanding_end - po.outstanding_start),
        ]
        for kol in range(1, 6):
            rows.append(SummaryRow(g, _("Kol {n} ({k} rekening)").format(n=kol, k=po.kol_counts[kol - 1]),
                                   Kind.MONEY, po.kol_amounts[kol - 1], indent=True))
        npl_ok = None if not t or po.npl_ratio is None else po.npl_ratio <= t.npl_ceiling
        rows += [
            SummaryRow(g, _("NPL awal periode"), Kind.PCT, po.npl_ratio_start or Decimal(0)),
            SummaryRow(g, _("NPL akhir periode"), Kind.PCT, po.npl_ratio or Decimal(0),
                       t.npl_ceiling if t else None, None,
                       "" if npl_ok is None else (_("di bawah batas") if npl_ok else _("melewati batas"))),
            SummaryRow(g, _("Tagihan jatuh tempo"), Kind.MONEY, po.collections_due, None, None,
                       _("tunggakan awal + angsuran periode")),
            SummaryRow(g, _("Tagihan tertagih"), Kind.MONEY, po.collections_collected, None, None,
                       _("tagihan - tunggakan akhir")),
            SummaryRow(g, _("Tingkat penagihan"), Kind.PCT, po.collection_rate or Decimal(0),
                       t.collection_rate if t else None,
                       ratio_pct(int((po.collection_rate or 0) * 100), int(t.collection_rate * 100)) if t else None),
            SummaryRow(g, _("Janji bayar ditepati"), Kind.COUNT, po.promises_kept),
            SummaryRow(g, _("Janji bayar diingkari"), Kind.COUNT, po.promises_broken),
        ]
    g = _("Permasalahan nasabah")
    pr = f.problems
    if not problems_on or pr is None:
        rows.append(SummaryRow(g, problems_missing_text(), Kind.TEXT, None))
    else:
        rows += [
            SummaryRow(g, _("Diterima"), Kind.COUNT, pr.received),
            SummaryRow(g, _("Selesai dalam batas waktu"), Kind.COUNT, pr.resolved_on_time),
            SummaryRow(g, _("Selesai terlambat"), Kind.COUNT, pr.resolved_late),
            SummaryRow(g, _("Masih terbuka"), Kind.COUNT, pr.open),
        ]
    return rows


def _pct_words(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    get: Callable[[OfficerFigures], Value]


def officer_columns(portfolio_on: bool) -> list[Column]:
    """The branch report's officers side by side: one row per officer, these columns."""
    cols = [
        Column(_("Prospek baru"), Kind.COUNT, lambda f: f.pipeline.new_prospects),
        Column(_("Kunjungan selesai"), Kind.COUNT, lambda f: f.activities.visits_done),
        Column(_("Telepon/pesan selesai"), Kind.COUNT, lambda f: f.activities.calls_done),
        Column(_("Pengajuan diajukan"), Kind.COUNT, lambda f: f.credit.submitted),
        Column(_("Disetujui"), Kind.COUNT, lambda f: f.credit.approved),
        Column(_("Pencairan NOA"), Kind.COUNT, lambda f: f.credit.disbursed_count),
        Column(_("Pencairan Rp"), Kind.MONEY, lambda f: f.credit.disbursed_amount),
    ]
    if portfolio_on:
        cols += [
            Column(_("OS awal"), Kind.MONEY, lambda f: f.portfolio.outstanding_start if f.portfolio else 0),
            Column(_("OS akhir"), Kind.MONEY, lambda f: f.portfolio.outstanding_end if f.portfolio else 0),
            Column(_("NPL %"), Kind.PCT, lambda f: (f.portfolio.npl_ratio or Decimal(0)) if f.portfolio else Decimal(0)),
            Column(_("Tingkat penagihan %"), Kind.PCT,
                   lambda f: (f.portfolio.collection_rate or Decimal(0)) if f.portfolio else Decimal(0)),
        ]
    return cols


def week_rows(f: OfficerFigures) -> list[tuple[str, int, int]]:
    return [(_week_label(w.first, w.last), w.visits_done, w.calls_done) for w in f.activities.weekly]


def _week_label(first: date, last: date) -> str:
    return f"{format_date(first)} – {format_date(last)}" if first != last else format_date(first)


def done_text(line: ClientLine) -> str:
    parts = [f"{n} {_label(type_label, ActivityType, kind).lower()}" for kind, n in line.done.items()]
    for code, amount, status in line.applications:
        parts.append(_("{p} {a} {s}").format(p=code, a=format_rupiah(amount),
                                             s=_label(application_status_label, ApplicationStatus, status).lower()))
    return "; ".join(parts) or _("tidak ada kegiatan selesai")


def next_text(line: ClientLine) -> str:
    step = line.next_step
    if step is None:
        return "—"
    return _("{d}: {t}, {p}").format(d=format_date(step.when.date()),
                                     t=_label(type_label, ActivityType, step.type).lower(),
                                     p=_label(purpose_label, ActivityPurpose, step.purpose).lower())


def status_text(line: ClientLine) -> str:
    return _label(client_status_label, ClientStatus, line.status)


def loan_text(line: ClientLine) -> str:
    if line.collectibility is None:
        return "—"
    return _("{d} hari / Kol {k}").format(d=line.days_past_due or 0, k=line.collectibility)


def client_headers(branch: bool) -> list[str]:
    headers = [_("Nasabah"), _("Status"), _("Produk"), _("Kontak terakhir"), _("DPD / Kol"),
               _("Yang dilakukan"), _("Langkah berikut")]
    return [_("AO"), *headers] if branch else headers


def scope_label(report: MonthlyReport) -> str:
    return _("Seluruh cabang") if report.scope.is_branch else report.header.officer_name
