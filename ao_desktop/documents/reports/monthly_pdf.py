"""The monthly work report as a PDF: A4 portrait, the house fonts, the bank header with
the officer (or "Seluruh cabang") and the period, "Halaman X dari Y".

1. Summary against the month's targets (the branch: officers side by side, then totals)
2. Charts: pipeline funnel, activities per week, collectibility, outstanding and NPL
3. Per-client analysis (tables of at most 500 rows: one long table is quadratic)
4. The officer's notes

An empty month prints a short report that says so. Figures come from report_tables, the
same rows the Excel file writes.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from ao_desktop.documents.pdf.pdf_document import build_pdf
from ao_desktop.documents.pdf.pdf_fonts import FONT, FONT_BOLD
from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    SHADE,
    PageFrame,
    load_logo,
    long_tables,
    markup,
    one_line,
    styles,
    table_style,
)
from ao_desktop.documents.reports import charts
from ao_desktop.documents.reports.report_tables import (
    Kind,
    SummaryRow,
    client_headers,
    done_text,
    loan_text,
    next_text,
    officer_columns,
    scope_label,
    status_text,
    summary_rows,
    week_rows,
)
from ao_desktop.domain.common.formatting import (
    format_date,
    format_datetime,
    format_number,
    format_rupiah,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.reports.period import PeriodKind
from ao_desktop.domain.reports.report import ClientLine, MonthlyReport, Section

CHUNK_ROWS = 500
CELL_SIZE = 7


def fmt(kind: Kind, value: int | Decimal | None) -> str:
    """A figure the Indonesian way; "—" where there is none."""
    if value is None:
        return "—"
    if kind is Kind.MONEY:
        return format_rupiah(value)
    if kind is Kind.PCT:
        return format_number(Decimal(value), 2) + "%"
    return format_number(value)


def table_heading(text: str) -> list[Flowable]:
    """A heading over a long table. The house heading keeps with the next flowable, which
    for a table taller than the rest of the page pushes the whole table (and the heading)
    to the next page, leaving the first page blank; here a conditional break keeps the
    heading from standing alone at the foot instead, and the table starts right under it."""
    s = styles()
    loose = ParagraphStyle("h2_loose", parent=s.h2, keepWithNext=0)
    return [CondPageBreak(4 * cm), Paragraph(text, loose)]


def title_of(report: MonthlyReport) -> str:
    return _("Laporan Kerja Bulanan") if report.period.kind is PeriodKind.MONTH else _("Laporan Kerja")


def _summary(report: MonthlyReport) -> list[Flowable]:
    s = styles()
    rows: list[SummaryRow] = summary_rows(report.total, report.portfolio_available, report.problems_available)
    has_target = report.total.target is not None
    note_style = ParagraphStyle("note", parent=s.small, fontSize=7.5, leading=9)
    data: list[list[object]] = [[_("Indikator"), _("Target"), _("Realisasi"), _("Pencapaian"), _("Keterangan")]]
    extra: list[tuple] = []
    group = None
    for r in rows:
        if r.group != group:
            group = r.group
            data.append([r.group, "", "", "", ""])
            extra += [("FONTNAME", (0, len(data) - 1), (-1, len(data) - 1), FONT_BOLD),
                      ("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), SHADE),
                      ("SPAN", (0, len(data) - 1), (-1, len(data) - 1))]
        if r.kind is Kind.TEXT:
            data.append(["   " + r.label, "", "", "", ""])
            extra.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
            continue
        data.append([("      " if r.indent else "   ") + r.label, fmt(r.kind, r.target) if r.target is not None else "",
                     fmt(r.kind, r.actual), fmt(Kind.PCT, r.achieved) if r.achieved is not None else "",
                     # A paragraph, so a long note wraps inside its column.
                     Paragraph(markup(r.note), note_style) if r.note else ""])
    table = Table(data, colWidths=[w * CONTENT_WIDTH for w in (0.31, 0.15, 0.16, 0.13, 0.25)], repeatRows=1)
    table.setStyle(table_style(("ALIGN", (1, 0), (3, -1), "RIGHT"), *extra, size=8.5))
    out: list[Flowable] = [*table_heading(_("1. Ringkasan dan pencapaian target")), table]
    if not has_target:
        who = _("cabang ini") if report.scope.is_branch else report.header.officer_name
        out.append(Paragraph(markup(_("Target bulan ini belum diisi untuk {w}; pencapaian tidak dihitung.").format(
            w=who)), s.small))
    if report.scope.is_branch:
        out += _officers_table(report)
    return out


def _officers_table(report: MonthlyReport) -> list[Flowable]:
    """The officers side by side, as two tables: the counts, then the rupiah and the
    ratios. One table of all columns left rupiah figures of the branch total (twelve
    digits) wider than their column on A4 portrait."""
    s = styles()
    cols = officer_columns(report.portfolio_available)
    out: list[Flowable] = table_heading(_("Per AO"))
    counts = [c for c in cols if c.kind is Kind.COUNT]
    amounts = [c for c in cols if c.kind is not Kind.COUNT]
    for part in (counts, amounts):
        header = [_("AO"), *[c.header for c in part]]
        body = [[one_line(f.officer_name, 30), *[fmt(c.kind, c.get(f)) for c in part]] for f in report.officers]
        total = [_("Total cabang"), *[fmt(c.kind, c.get(report.total)) for c in part]]
        # Rupiah columns need more room than counts and percentages.
        weights = [1.6 if c.kind is Kind.MONEY else 1.0 for c in part]
        first = 0.22
        widths = [first * CONTENT_WIDTH] + [(1 - first) * CONTENT_WIDTH * w / sum(weights) for w in weights]
        wrapped = [_wrap_header(h, w) for h, w in zip(header, widths, strict=True)]
        out += long_tables(wrapped, body, widths, ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                           ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), chunk=CHUNK_ROWS, total_row=total, size=7.5)
        out.append(Spacer(1, 6))
    no_target = [f.officer_name for f in report.officers if f.target is None and f.officer_id is not None]
    if no_target:
        out.append(Paragraph(markup(_("Belum ada target bulan ini: {n}.").format(n=", ".join(no_target))), s.small))
    return out


def _wrap_header(text: str, width: float) -> str:
    # "Telepon/pesan" may break after the slash: a header never runs into its neighbour.
    return "\n".join(part.replace("/ ", "/") for part in simpleSplit(text.replace("/", "/ "), FONT_BOLD, 7.5, width - 8))


def _charts(report: MonthlyReport) -> list[Flowable]:
    s, t = styles(), report.total
    half = CONTENT_WIDTH / 2 - 14  # the cell pads 6 pt on each side
    po = t.portfolio if report.portfolio_available else None
    grid = Table([[charts.funnel(t.pipeline, half), charts.weekly_activities(t.activities.weekly, half)],
                  [charts.collectibility(po, half), charts.outstanding_trend(po, half)]],
                 colWidths=[CONTENT_WIDTH / 2] * 2)
    grid.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0, SHADE),
                              ("LINEBELOW", (0, 0), (-1, -1), 0, SHADE), ("TOPPADDING", (0, 0), (-1, -1), 6),
                              header=False))
    weeks = week_rows(t)
    table = long_tables([_("Minggu"), _("Kunjungan selesai"), _("Telepon/pesan selesai")],
                        [[w, format_number(v), format_number(c)] for w, v, c in weeks],
                        [0.5 * CONTENT_WIDTH, 0.25 * CONTENT_WIDTH, 0.25 * CONTENT_WIDTH],
                        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                        total_row=[_("Jumlah"), format_number(sum(v for _w, v, _c in weeks)),
                                   format_number(sum(c for _w, _v, c in weeks))])
    return [Paragraph(_("2. Grafik"), s.h2), grid, Spacer(1, 6), *table]


def _lines(text: str, width: float, limit: int = 3) -> str:
    parts = simpleSplit(text, FONT, CELL_SIZE, width - 5)
    if len(parts) > limit:
        parts = [*parts[: limit - 1], parts[limit - 1].rstrip() + "…"]
    return "\n".join(parts)


def client_row(line: ClientLine, widths: list[float], branch: bool) -> list[str]:
    cells = [line.name, status_text(line), ", ".join(line.products) or "—",
             format_date(line.last_contact) or "—", loan_text(line), done_text(line), next_text(line)]
    if branch:
        cells.insert(0, line.officer_name or _("Tanpa AO"))
    return [_lines(one_line(c), w) for c, w in zip(cells, widths, strict=True)]


def _clients(report: MonthlyReport, progress: Callable[[int, int], None] | None) -> list[Flowable]:
    s = styles()
    branch = report.scope.is_branch
    shares = (0.10, 0.17, 0.08, 0.11, 0.09, 0.08, 0.21, 0.16) if branch else (0.19, 0.09, 0.12, 0.10, 0.09, 0.24, 0.17)
    widths = [w * CONTENT_WIDTH for w in shares]
    out: list[Flowable] = table_heading(_("3. Analisa per nasabah"))
    if not report.clients:
        return [*out, Paragraph(_("Tidak ada nasabah dengan kegiatan, pengajuan atau pinjaman pada periode ini."), s.body)]
    out.append(Paragraph(markup(_("{n} nasabah dengan kegiatan, pengajuan atau pinjaman pada periode ini.").format(
        n=format_number(len(report.clients)))), s.small))
    out.append(Spacer(1, 4))
    rows = []
    for i, line in enumerate(report.clients):
        rows.append(client_row(line, widths, branch))
        if progress is not None and i % 500 == 0:
            progress(i, len(report.clients))
    header = [_wrap_header(h, w) for h, w in zip(client_headers(branch), widths, strict=True)]
    out += long_tables(header, rows, widths, ("VALIGN", (0, 0), (-1, -1), "TOP"), chunk=CHUNK_ROWS, size=CELL_SIZE)
    return out


def _notes(report: MonthlyReport) -> list[Flowable]:
    s, n = styles(), report.notes
    return [Paragraph(_("4. Catatan"), s.h2),
            Paragraph(_("<b>Kendala</b>"), s.body), Paragraph(markup(n.obstacles.strip() or "—"), s.body),
            Paragraph(_("<b>Rencana bulan depan</b>"), s.body), Paragraph(markup(n.plan.strip() or "—"), s.body)]


def write_report_pdf(report: MonthlyReport, out: Path | BinaryIO,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the report whole to a path or a stream; returns the page count."""
    s = styles()
    who = scope_label(report)
    made = _("Dibuat {at} oleh {who}").format(at=format_datetime(report.generated_at), who=report.generated_by or "—")
    if report.version:
        made += " · " + _("versi {v}").format(v=report.version)
    story: list[Flowable] = [
        Paragraph(title_of(report), s.title),
        Paragraph(markup(f"{who} · {report.period.label}"), s.subtitle),
        Paragraph(markup(made), s.small), Spacer(1, 4),
    ]
    if report.empty:
        story.append(Paragraph(markup(_(
            "Tidak ada prospek baru, kegiatan, pengajuan kredit, pinjaman atau permasalahan nasabah pada "
            "{p}. Laporan ini sengaja singkat.").format(p=report.period.label)), s.body))
        if Section.NOTES in report.sections and not report.notes.empty:
            story += _notes(report)
    else:
        if Section.SUMMARY in report.sections:
            story += _summary(report)
        if Section.CHARTS in report.sections:
            story += _charts(report)
        if Section.CLIENTS in report.sections:
            story += _clients(report, progress)
        if Section.NOTES in report.sections:
            story += _notes(report)
    branch_line = " · ".join(x for x in (report.header.bank_name, report.header.branch_name) if x)
    frame = PageFrame(
        bank=report.header.bank_name, branch=report.header.branch_name,
        logo=load_logo(Path(report.header.logo_path)) if report.header.logo_path else None,
        labels=(title_of(report), f"{who} · {report.period.label}"),
        footer=(_("AO: {w} · Periode {p}").format(w=who, p=report.period.label), made, branch_line),
    )
    return build_pdf(story, frame, out, title=one_line(f"{title_of(report)} {who} {report.period.label}", 160),
                     author=one_line(report.generated_by, 120), subject=title_of(report))


