"""TargetsDialog: the month's targets of every AO in one table; a supervisor or an admin
edits them, an AO only reads them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.money_parse import parse_rupiah
from ao_desktop.domain.common.officer import Officer, OfficerRole
from ao_desktop.domain.reports.period import ReportPeriod, add_months
from ao_desktop.domain.reports.targets import MonthlyTarget, parse_pct
from ao_desktop.services.reports.targets import can_set_targets, save_target, targets_for
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception

COLUMNS = ("new_prospects", "visits", "applications", "disbursement", "collection_rate", "npl_ceiling")


class TargetsDialog(QDialog):
    def __init__(self, context: UiContext, officers: list[Officer], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Target bulanan AO"))
        self.resize(900, 360)
        self._context = context
        self._officers = [o for o in officers if o.role is OfficerRole.AO and o.id is not None]
        self._editable = can_set_targets(context.who)
        self.month = QComboBox()
        for delta in range(2, -7, -1):  # two months ahead to six back
            p = ReportPeriod.month(*add_months(today.year, today.month, delta))
            self.month.addItem(p.label, p.key)
        self.month.setCurrentIndex(2)
        self.table = QTableWidget(len(self._officers), 1 + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("AO"), self.tr("Prospek baru"), self.tr("Kunjungan"), self.tr("Pengajuan"),
            self.tr("Pencairan (Rp)"), self.tr("Tingkat penagihan (%)"), self.tr("Batas NPL (%)")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._loaded: dict[int, MonthlyTarget] = {}
        form = QFormLayout()
        form.addRow(self.tr("Bulan"), self.month)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        if self._editable:
            self.save_button = buttons.addButton(self.tr("Simpan target"), QDialogButtonBox.ButtonRole.ApplyRole)
            self.save_button.clicked.connect(self._on_save_clicked)
        else:
            layout.addWidget(QLabel(self.tr("Target ditetapkan oleh supervisor atau admin.")))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.month.currentIndexChanged.connect(self._on_month_changed)
        self._load()

    def _load(self) -> None:
        month = self.month.currentData()
        self._loaded = {t.officer_id: t for t in targets_for(self._context.uow, month)}
        for row, officer in enumerate(self._officers):
            name = QTableWidgetItem(officer.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            t = self._loaded.get(officer.id or 0)
            for col, field in enumerate(COLUMNS, start=1):
                value = getattr(t, field) if t else None
                text = "" if value is None else (f"{value}".replace(".", ",") if field in COLUMNS[4:]
                                                 else format_number(value))
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not self._editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)

    def _on_month_changed(self, _index: int) -> None:
        self._load()

    def _row_target(self, row: int, officer: Officer) -> MonthlyTarget | None:
        texts = [self.table.item(row, col).text().strip() for col in range(1, 1 + len(COLUMNS))]
        if not any(texts):
            return None
        counts = [int(parse_rupiah(t) or 0) if t else 0 for t in texts[:4]]
        old = self._loaded.get(officer.id or 0)
        return MonthlyTarget(officer.id or 0, self.month.currentData(), *counts,
                             parse_pct(texts[4]), parse_pct(texts[5]), old.version if old else 0)

    def _on_save_clicked(self) -> None:
        try:
            for row, officer in enumerate(self._officers):
                target = self._row_target(row, officer)
                if target is not None:
                    save_target(self._context.uow, target, self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Target tidak tersimpan"), exc)
        self._load()
