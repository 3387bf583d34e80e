"""ReportForm: what the report covers (period, scope, sections) and the officer's notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.reports.period import PeriodKind, ReportPeriod, add_months, previous_month
from ao_desktop.domain.reports.report import ReportNotes, ReportScope, Section
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox

MONTHS_BACK = 24


class ReportForm(QWidget):
    def __init__(self, officers: list[Officer], officer_id: int | None, can_branch: bool,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind, text in ((PeriodKind.MONTH, self.tr("Bulan")), (PeriodKind.QUARTER, self.tr("Triwulan")),
                           (PeriodKind.CUSTOM, self.tr("Rentang tanggal"))):
            self.kind.addItem(text, kind.value)
        default = previous_month(today)
        self.month = QComboBox()
        for back in range(MONTHS_BACK):
            p = ReportPeriod.month(*add_months(today.year, today.month, -back))
            self.month.addItem(p.label, (p.first.year, p.first.month))
        self.month.setCurrentIndex(self.month.findText(default.label))
        self.quarter = QComboBox()
        for back in range(8):
            index = (today.year * 4 + (today.month - 1) // 3) - back
            p = ReportPeriod.quarter(index // 4, index % 4 + 1)
            self.quarter.addItem(p.label, (index // 4, index % 4 + 1))
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit, value in ((self.first, default.first), (self.last, default.last)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(value.year, value.month, value.day))
        custom = QWidget()
        custom_form = QFormLayout(custom)
        custom_form.setContentsMargins(0, 0, 0, 0)
        custom_form.addRow(self.tr("Dari"), self.first)
        custom_form.addRow(self.tr("Sampai"), self.last)
        self.period_stack = QStackedWidget()
        for widget in (self.month, self.quarter, custom):
            page = QWidget()  # a combo box keeps its own height, not the tallest page's
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            page_layout.addWidget(widget)
            page_layout.addStretch(1)
            self.period_stack.addWidget(page)
        self.kind.currentIndexChanged.connect(self.period_stack.setCurrentIndex)
        self.scope = OfficerComboBox(officers, self.tr("Seluruh cabang"), officer_id)
        # An AO reports on their own work; a supervisor or admin starts with the branch.
        self.scope.set_value(officer_id if not can_branch else None)
        self.scope.setEnabled(can_branch)
        self.sections = {
            Section.SUMMARY: QCheckBox(self.tr("Ringkasan dan target")),
            Section.CHARTS: QCheckBox(self.tr("Grafik")),
            Section.CLIENTS: QCheckBox(self.tr("Analisa per nasabah")),
            Section.NOTES: QCheckBox(self.tr("Catatan")),
        }
        self.obstacles = QPlainTextEdit()
        self.obstacles.setPlaceholderText(self.tr("Kendala bulan ini…"))
        self.plan = QPlainTextEdit()
        self.plan.setPlaceholderText(self.tr("Rencana bulan depan…"))
        for box in (self.obstacles, self.plan):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Periode"), self.kind)
        form.addRow("", self.period_stack)
        form.addRow(self.tr("Lingkup"), self.scope)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Bagian laporan")))
        for box in self.sections.values():
            box.setChecked(True)
            layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("Kendala")))
        layout.addWidget(self.obstacles, 1)
        layout.addWidget(QLabel(self.tr("Rencana bulan depan")))
        layout.addWidget(self.plan, 1)

    def period(self) -> ReportPeriod:
        """The chosen period; ValidationFailed for an impossible custom range."""
        kind = PeriodKind(self.kind.currentData())
        if kind is PeriodKind.MONTH:
            return ReportPeriod.month(*self.month.currentData())
        if kind is PeriodKind.QUARTER:
            return ReportPeriod.quarter(*self.quarter.currentData())
        first, last = self.first.date(), self.last.date()
        return ReportPeriod.custom(date(first.year(), first.month(), first.day()),
                                   date(last.year(), last.month(), last.day()))

    def report_scope(self) -> ReportScope:
        return ReportScope(self.scope.value())

    def chosen_sections(self) -> frozenset[Section]:
        return frozenset(s for s, box in self.sections.items() if box.isChecked())

    def notes(self) -> ReportNotes:
        return ReportNotes(self.obstacles.toPlainText(), self.plan.toPlainText())

    def show_notes(self, notes: ReportNotes) -> None:
        self.obstacles.setPlainText(notes.obstacles)
        self.plan.setPlainText(notes.plan)
