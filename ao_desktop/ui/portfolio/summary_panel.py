"""SummaryPanel: the portfolio on one extract at a glance: headline figures, the
collectibility distribution (accounts and outstanding), aging buckets, totals per
officer and the six-extract chart of outstanding and NPL. Small fixed tables, filled
from one PortfolioSummary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.formatting import (
    format_date,
    format_number,
    format_pct,
    format_rupiah,
)
from ao_desktop.domain.portfolio.collectibility import LEVELS, level_label
from ao_desktop.domain.portfolio.summary import AGING_BUCKETS, PortfolioSummary, Totals, aging_label
from ao_desktop.ui.portfolio.trend_chart import TrendChart

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for c in range(1, len(headers)):
        t.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
    table.setFixedHeight(min(height, 260))


def _share(part: int, whole: int) -> str:
    return format_pct(round(part * 100 / whole, 1), 1) if whole else "—"


class SummaryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.kol_table = _table([self.tr("Kolektibilitas"), self.tr("Rekening"), self.tr("Baki debet"),
                                 self.tr("Porsi")])
        self.aging_table = _table([self.tr("Hari tunggakan"), self.tr("Rekening"), self.tr("Baki debet")])
        self.officer_table = _table([self.tr("AO"), self.tr("Rekening"), self.tr("Baki debet"),
                                     self.tr("Kol 2"), self.tr("NPL")])
        self.chart = TrendChart()
        grid = QGridLayout()
        for row, col, title, widget in (
                (0, 0, self.tr("Kolektibilitas"), self.kol_table),
                (0, 1, self.tr("Umur tunggakan"), self.aging_table),
                (1, 0, self.tr("Per AO dan cabang"), self.officer_table),
                (1, 1, self.tr("Baki debet dan NPL, enam ekstrak terakhir"), self.chart)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            if widget is not self.chart:
                inner.addStretch(1)  # the small tables sit at the top of their box
            grid.addWidget(box, row, col)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(grid, 1)

    def show_summary(self, s: PortfolioSummary) -> None:
        t = s.totals
        if s.as_of is None:
            self.headline.setText(self.tr("Belum ada ekstrak portofolio. Klik <b>Impor ekstrak…</b> untuk "
                                          "mengimpor laporan baki debet dari core banking."))
        else:
            parts = [
                self.tr("Posisi <b>{d}</b>").format(d=format_date(s.as_of)),
                self.tr("<b>{n}</b> rekening").format(n=format_number(t.accounts)),
                self.tr("baki debet <b>{os}</b>").format(os=format_rupiah(t.outstanding)),
                self.tr("NPL <b>{npl}</b> ({os})").format(npl=format_pct(t.npl_ratio, 2),
                                                          os=format_rupiah(t.npl_outstanding)),
                self.tr("tunggakan {a}").format(a=format_rupiah(s.arrears)),
            ]
            notes = []
            if s.unmatched:
                notes.append(self.tr("{n} rekening belum cocok dengan nasabah").format(n=format_number(s.unmatched)))
            if s.unassigned:
                notes.append(self.tr("{n} rekening tanpa AO (Kode AO tidak dikenal)").format(
                    n=format_number(s.unassigned)))
            text = " · ".join(parts)
            if notes:
                text += "<br/><span style='color:#8A4B00'>" + "; ".join(notes) + "</span>"
            self.headline.setText(text)
        _fill(self.kol_table, [
            [f"Kol {lvl} {level_label(lvl)}", format_number(t.by_level[lvl].accounts),
             format_rupiah(t.by_level[lvl].outstanding), _share(t.by_level[lvl].outstanding, t.outstanding)]
            for lvl in LEVELS] + [[self.tr("Jumlah"), format_number(t.accounts), format_rupiah(t.outstanding),
                                  _share(t.outstanding, t.outstanding)]])
        _fill(self.aging_table, [[aging_label(*AGING_BUCKETS[i]), format_number(b.accounts),
                                  format_rupiah(b.outstanding)] for i, b in enumerate(s.aging)])
        rows = [self._officer_row(o.officer_name or self.tr("(tanpa AO)"), o.totals) for o in s.by_officer]
        if s.officer_id is None and s.as_of is not None:
            rows.append(self._officer_row(self.tr("Cabang"), t))
        _fill(self.officer_table, rows)
        self.chart.set_points(s.trend)

    def _officer_row(self, name: str, t: Totals) -> list[str]:
        return [name, format_number(t.accounts), format_rupiah(t.outstanding),
                _share(t.by_level[2].outstanding, t.outstanding), format_pct(t.npl_ratio, 2)]
