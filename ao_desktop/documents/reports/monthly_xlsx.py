"""The Excel companion of a work report: the same tables as sheets (Ringkasan, Per AO,
Per minggu, Nasabah, Portofolio, Catatan), numbers as numbers with rupiah and percent
formats, totals as SUM formulas carrying their value. Written from the same rows as the
PDF (report_tables), so the two agree figure by figure.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ao_desktop.documents.imports.workbook_parts import (
    excel_serial,
    replacing,
    sheet_text,
    workbook_styles,
)
from ao_desktop.documents.reports.monthly_pdf import title_of
from ao_desktop.documents.reports.report_tables import (
    Kind,
    done_text,
    next_text,
    officer_columns,
    portfolio_missing_text,
    scope_label,
    status_text,
    summary_rows,
    week_rows,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.reports.period import month_label
from ao_desktop.domain.reports.report import MonthlyReport

PCT_FORMAT = '0.00"%"'


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        st = workbook_styles(wb)
        self.header, self.money, self.date, self.wrap = st.header, st.money, st.date, st.wrap
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.bold = wb.add_format({"bold": True})
        self.group = wb.add_format({"bold": True, "bg_color": "#EEF3F8"})
        self.pct = wb.add_format({"num_format": PCT_FORMAT})
        self.count = wb.add_format({"num_format": "#,##0"})
        self.total_money = wb.add_format({"bold": True, "num_format": '"Rp"#,##0', "top": 1})
        self.total_count = wb.add_format({"bold": True, "num_format": "#,##0", "top": 1})
        self.total_label = wb.add_format({"bold": True, "top": 1})
        self.total_pct = wb.add_format({"bold": True, "num_format": PCT_FORMAT, "top": 1})

    def of(self, kind: Kind) -> Format | None:
        return {Kind.MONEY: self.money, Kind.PCT: self.pct, Kind.COUNT: self.count}.get(kind)


def _number(sheet: Worksheet, row: int, col: int, kind: Kind, value: int | Decimal | None, f: _Formats) -> None:
    if value is None:
        return
    sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value, f.of(kind))


def _head(sheet: Worksheet, report: MonthlyReport, f: _Formats) -> int:
    """Title lines; returns the next free row."""
    h = report.header
    sheet.write_string(0, 0, sheet_text(f"{title_of(report)} · {scope_label(report)} · {report.period.label}"), f.title)
    sheet.write_string(1, 0, sheet_text(" · ".join(x for x in (h.bank_name, h.branch_name) if x)))
    sheet.write_string(2, 0, sheet_text(_("Dibuat {at} oleh {who}").format(
        at=format_datetime(report.generated_at), who=report.generated_by or "—")
        + (" · " + _("versi {v}").format(v=report.version) if report.version else "")))
    return 4


def _header_row(sheet: Worksheet, row: int, labels: list[str], widths: list[int], f: _Formats) -> None:
    for col, (label, width) in enumerate(zip(labels, widths, strict=True)):
        sheet.set_column(col, col, width)
        sheet.write_string(row, col, sheet_text(label), f.header)


def _summary(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Ringkasan"))
    _head(sheet, report, f)  # constant_memory: rows strictly top to bottom
    _header_row(sheet, 4, [_("Kelompok"), _("Indikator"), _("Target"), _("Realisasi"), _("Pencapaian"),
                           _("Keterangan")], [22, 34, 18, 18, 12, 26], f)
    row = 5
    if report.empty:
        sheet.write_string(row, 0, _("Tidak ada data pada periode ini."))
        row += 1
    for r in summary_rows(report.total, report.portfolio_available, report.problems_available):
        sheet.write_string(row, 0, sheet_text(r.group))
        sheet.write_string(row, 1, sheet_text(("  " if r.indent else "") + r.label))
        _number(sheet, row, 2, r.kind, r.target, f)
        _number(sheet, row, 3, r.kind, r.actual, f)
        _number(sheet, row, 4, Kind.PCT, r.achieved, f)
        if r.note:
            sheet.write_string(row, 5, sheet_text(r.note))
        row += 1
    sheet.freeze_panes(5, 0)


def _officers(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Per AO"))
    cols = officer_columns(report.portfolio_available)
    _head(sheet, report, f)
    _header_row(sheet, 4, [_("AO"), *[c.header for c in cols]], [28, *[18] * len(cols)], f)
    first = 5
    for i, o in enumerate(report.officers):
        sheet.write_string(first + i, 0, sheet_text(o.officer_name))
        for col, c in enumerate(cols, start=1):
            _number(sheet, first + i, col, c.kind, c.get(o), f)
    last = first + len(report.officers) - 1
    total_row = last + 1
    sheet.write_string(total_row, 0, _("Total cabang") if report.scope.is_branch else _("Jumlah"), f.total_label)
    for col, c in enumerate(cols, start=1):
        value = c.get(report.total)
        if c.kind is Kind.PCT:  # a ratio of the summed amounts, not a sum of ratios
            sheet.write_number(total_row, col, float(value or 0), f.total_pct)
            continue
        formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)})"
        sheet.write_formula(total_row, col, formula,
                            f.total_money if c.kind is Kind.MONEY else f.total_count, value)
    sheet.freeze_panes(5, 1)


def _weeks(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Per minggu"))
    _head(sheet, report, f)
    _header_row(sheet, 4, [_("Minggu"), _("Kunjungan selesai"), _("Telepon/pesan selesai")], [30, 18, 20], f)
    weeks = week_rows(report.total)
    for i, (label, visits, calls) in enumerate(weeks, start=5):
        sheet.write_string(i, 0, label)
        sheet.write_number(i, 1, visits, f.count)
        sheet.write_number(i, 2, calls, f.count)
    total = 5 + len(weeks)
    sheet.write_string(total, 0, _("Jumlah"), f.total_label)
    for col in (1, 2):
        value = sum(w[col] for w in weeks)
        if weeks:
            sheet.write_formula(total, col, f"=SUM({xl_rowcol_to_cell(5, col)}:{xl_rowcol_to_cell(total - 1, col)})",
                                f.total_count, value)
        else:
            sheet.write_number(total, col, 0, f.total_count)


def _clients(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Nasabah"))
    _head(sheet, report, f)
    _header_row(sheet, 4, [_("AO"), _("Nasabah"), _("Status"), _("Produk"), _("Kontak terakhir"), _("DPD"),
                           _("Kol"), _("Yang dilakukan"), _("Langkah berikut")], [22, 34, 14, 22, 14, 7, 6, 50, 40], f)
    for row, line in enumerate(report.clients, start=5):
        sheet.write_string(row, 0, sheet_text(line.officer_name or _("Tanpa AO")))
        sheet.write_string(row, 1, sheet_text(line.name))
        sheet.write_string(row, 2, status_text(line))
        sheet.write_string(row, 3, ", ".join(line.products))
        if line.last_contact is not None and (serial := excel_serial(line.last_contact)) is not None:
            sheet.write_number(row, 4, serial, f.date)
        if line.days_past_due is not None:
            sheet.write_number(row, 5, line.days_past_due, f.count)
        if line.collectibility is not None:
            sheet.write_number(row, 6, line.collectibility, f.count)
        sheet.write_string(row, 7, sheet_text(done_text(line)))
        sheet.write_string(row, 8, sheet_text(next_text(line)))
    sheet.freeze_panes(5, 2)
    if report.clients:
        sheet.autofilter(4, 0, 4 + len(report.clients), 8)


def _portfolio(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Portofolio"))
    _head(sheet, report, f)
    po = report.total.portfolio
    if not report.portfolio_available or po is None:
        sheet.write_string(4, 0, portfolio_missing_text())
        return
    _header_row(sheet, 4, [_("Kolektibilitas"), _("Rekening"), _("Outstanding")], [22, 12, 20], f)
    for k in range(5):
        sheet.write_string(5 + k, 0, _("Kol {n}").format(n=k + 1))
        sheet.write_number(5 + k, 1, po.kol_counts[k], f.count)
        sheet.write_number(5 + k, 2, po.kol_amounts[k], f.money)
    sheet.write_string(10, 0, _("Jumlah"), f.total_label)
    sheet.write_formula(10, 1, "=SUM(B6:B10)", f.total_count, sum(po.kol_counts))
    sheet.write_formula(10, 2, "=SUM(C6:C10)", f.total_money, sum(po.kol_amounts))
    _header_row(sheet, 12, [_("Bulan"), _("NPL %"), _("Outstanding")], [22, 12, 20], f)
    for i, p in enumerate(po.trend, start=13):
        sheet.write_string(i, 0, month_label(p.month))
        sheet.write_number(i, 1, float(p.npl_ratio or 0), f.pct)
        sheet.write_number(i, 2, p.outstanding, f.money)


def _notes(wb: Workbook, report: MonthlyReport, f: _Formats) -> None:
    sheet = wb.add_worksheet(_("Catatan"))
    _head(sheet, report, f)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90, f.wrap)
    sheet.write_string(4, 0, _("Kendala"), f.bold)
    sheet.write_string(4, 1, sheet_text(report.notes.obstacles.strip() or "—"), f.wrap)
    sheet.write_string(5, 0, _("Rencana bulan depan"), f.bold)
    sheet.write_string(5, 1, sheet_text(report.notes.plan.strip() or "—"), f.wrap)


def write_report_xlsx(report: MonthlyReport, path: str | Path) -> None:
    """Write the workbook; the file appears only when complete."""
    with replacing(path) as wb:
        f = _Formats(wb)
        for part in (_summary, _officers, _weeks, _clients, _portfolio, _notes):
            part(wb, report, f)
