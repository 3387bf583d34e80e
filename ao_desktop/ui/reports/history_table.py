"""HistoryTable: the reports generated so far, newest first; a double click reopens one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.reports.history import ReportRecord


class HistoryTable(QTableWidget):
    """A short list (at most a few hundred reports) held in memory."""

    reopenRequested = Signal(object)  # noqa: N815 - Qt signal naming; the ReportRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels([self.tr("Dibuat"), self.tr("Oleh"), self.tr("Periode"),
                                        self.tr("Lingkup"), self.tr("Versi"), self.tr("Catatan")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.records: list[ReportRecord] = []
        self.cellDoubleClicked.connect(self._on_cell_double_clicked)

    def show_records(self, records: list[ReportRecord]) -> None:
        self.records = records
        self.setRowCount(len(records))
        for row, r in enumerate(records):
            notes = " · ".join(x.strip().replace("\n", " ") for x in (r.notes_obstacles, r.notes_plan) if x.strip())
            values = [format_datetime(r.created_at), r.created_by, r.period_label, r.scope_label,
                      str(r.version), notes]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)

    def selected(self) -> ReportRecord | None:
        rows = self.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _on_cell_double_clicked(self, row: int, _column: int) -> None:
        self.reopenRequested.emit(self.records[row])
