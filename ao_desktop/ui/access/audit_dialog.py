"""AuditDialog: the audit trail for supervisors and admins (who changed or exported
what, when), filtered by client, officer and date, exportable to Excel.

The service refuses every other role (services/access/audit_trail.py), so the menu entry
being hidden for them is only a convenience. The newest MAX_SHOWN entries are shown; the
export writes every entry the filter matches.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.access.audit import AuditEntry, AuditQuery, describe, table_label
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.services.access import audit_trail
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.item_table_model import ItemTableModel
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox
from ao_desktop.ui.widgets.save_dialog import ask_save_path

MAX_SHOWN = 1000


class Column(IntEnum):
    AT = 0
    ACTOR = 1
    TABLE = 2
    ACTION = 3
    CLIENT = 4
    DETAILS = 5


class AuditTableModel(ItemTableModel):
    columns = Column

    def column_title(self, column: Any) -> str:
        return {
            Column.AT: self.tr("Waktu"), Column.ACTOR: self.tr("Oleh"), Column.TABLE: self.tr("Data"),
            Column.ACTION: self.tr("Tindakan"), Column.CLIENT: self.tr("Nasabah"),
            Column.DETAILS: self.tr("Rincian"),
        }[column]

    def text(self, item: AuditEntry, column: Any) -> str:
        if column == Column.AT:
            return f"{item.at:%d/%m/%Y %H:%M}"
        if column == Column.ACTOR:
            return item.actor
        if column == Column.TABLE:
            return table_label(item.table)
        if column == Column.ACTION:
            return self._action_label(item.action)
        if column == Column.CLIENT:
            return str(item.client_id) if item.client_id else ""
        return describe(item.details, 200)

    def _action_label(self, action: str) -> str:
        """The stored code in words; a code without words is shown as stored."""
        return {
            "create": self.tr("tambah"), "update": self.tr("ubah"), "delete": self.tr("hapus"),
            "signed_in": self.tr("masuk"), "refused": self.tr("ditolak"), "handover": self.tr("pindah AO"),
            "anonymise": self.tr("anonimkan"), "pin_chosen": self.tr("PIN dipilih"),
            "pin_changed": self.tr("PIN diganti"), "pin_reset": self.tr("PIN direset"),
            "unlock": self.tr("buka kunci"), "import": self.tr("impor"),
        }.get(action, action)

    def sort_key(self, item: AuditEntry, column: Any) -> Any:
        return {Column.AT: item.at, Column.CLIENT: item.client_id or 0}.get(column, self.text(item, column))


class AuditDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Jejak audit"))
        self.resize(1000, 560)
        self.client_spin = QSpinBox(minimum=0, maximum=2_000_000_000, specialValueText=self.tr("semua"))
        self.officer_combo = OfficerComboBox(list_officers(context.uow), self.tr("semua petugas"))
        self.since_edit = OptionalDateEdit()
        self.show_button = QPushButton(self.tr("Tampilkan"))
        self.export_button = QPushButton(self.tr("Ekspor Excel…"))
        self.count_label = QLabel()
        self.message = FieldMessage()
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(Column.DETAILS, QHeaderView.ResizeMode.Stretch)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Id nasabah"), self.client_spin), (self.tr("Petugas"), self.officer_combo),
                              (self.tr("Sejak"), self.since_edit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self._on_show_button_clicked()

    def query(self) -> AuditQuery:
        return AuditQuery(client_id=self.client_spin.value() or None, officer_id=self.officer_combo.value(),
                          since=self.since_edit.value())

    def _on_show_button_clicked(self) -> None:
        self.message.clear_message()
        try:
            entries = audit_trail.search_audit(self._context.uow, self.query(), self._context.who, 0, MAX_SHOWN)
        except DomainError as exc:
            self.model.set_items([])
            self.message.show_message(str(exc), Severity.ERROR)
            self.export_button.setEnabled(False)
            return
        self.model.set_items(entries)
        self.table.resizeColumnsToContents()
        self.export_button.setEnabled(bool(entries))
        self.count_label.setText(self.tr("{n} catatan terbaru").format(n=len(entries)) if len(entries) >= MAX_SHOWN
                                 else self.tr("{n} catatan").format(n=len(entries)))

    def export_to(self, path: Path) -> int:
        """Write the filtered trail to `path`; the number of entries (also from tests)."""
        written = audit_trail.export_audit(self._context.uow, self.query(), self._context.who, path)
        self.message.show_message(self.tr("{n} catatan diekspor ke {p}.").format(n=written, p=path.name),
                                  Severity.NOTE)
        return written

    def _on_export_button_clicked(self) -> None:
        start = (self._context.reports_folder or Path.home()) / "jejak-audit.xlsx"
        path = ask_save_path(self, self.tr("Ekspor jejak audit"), start, self.tr("Excel (*.xlsx)"), ".xlsx")
        if path is None:
            return
        try:
            self.export_to(path)
        except (DomainError, OSError) as exc:
            self.message.show_message(str(exc), Severity.ERROR)
