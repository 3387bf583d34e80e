"""RetentionDialog: the admin's list of clients past the retention period of personal data
(UU 27/2022), and anonymising the selected ones after one confirmation.

A client is listed when the relationship ended (tidak aktif or ditolak) more than the
retention setting's years ago and nothing is still open: no loan with an outstanding
balance, no application in progress. The services (services/access/privacy.py) check
the admin role and each condition again, and record every anonymisation.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.access.privacy import RetentionCandidate
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.clients.labels import status_label
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.services.access import privacy
from ao_desktop.services.access.security_settings import read_security_settings
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.item_table_model import ItemTableModel
from ao_desktop.ui.widgets.messages import confirm


class Column(IntEnum):
    ID = 0
    NAME = 1
    ENDED = 2
    REASON = 3


class RetentionTableModel(ItemTableModel):
    columns = Column
    numeric = frozenset({Column.ID})

    def column_title(self, column: Any) -> str:
        return {Column.ID: self.tr("Id"), Column.NAME: self.tr("Nama"),
                Column.ENDED: self.tr("Hubungan berakhir"), Column.REASON: self.tr("Alasan")}[column]

    def text(self, item: RetentionCandidate, column: Any) -> str:
        if column == Column.ID:
            return str(item.client_id)
        if column == Column.NAME:
            return item.full_name
        if column == Column.ENDED:
            return f"{item.ended_at:%d/%m/%Y}"
        return self.tr("{status}; tidak ada pinjaman atau pengajuan berjalan").format(
            status=status_label(ClientStatus(item.status)))

    def sort_key(self, item: RetentionCandidate, column: Any) -> Any:
        return {Column.ID: item.client_id, Column.ENDED: item.ended_at}.get(column, self.text(item, column))


class RetentionDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Retensi data nasabah"))
        self.resize(820, 480)
        years = read_security_settings(context.uow).retention_years
        intro = QLabel(self.tr(
            "Nasabah yang hubungannya berakhir lebih dari {y} tahun lalu, tanpa pinjaman atau pengajuan "
            "yang masih berjalan. Anonimkan menghapus nama, NIK, NPWP, nomor telepon dan alamat; angka "
            "(penghasilan, pinjaman, kegiatan) tetap tersimpan untuk laporan.").format(y=years), wordWrap=True)
        self.model = RetentionTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # oldest end first, as the service lists them
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.message = FieldMessage()
        self.anonymise_button = QPushButton(self.tr("Anonimkan…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.anonymise_button.clicked.connect(self._on_anonymise_button_clicked)
        self.reload()

    def reload(self) -> None:
        try:
            candidates = privacy.clients_past_retention(self._context.uow, self._context.who)
        except DomainError as exc:
            candidates = []
            self.message.show_message(str(exc), Severity.ERROR)
        self.model.set_items(candidates)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("{n} nasabah melewati masa retensi").format(n=format_number(len(candidates))))
        self._on_table_selection_changed()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = self.model.items()
        return [items[row].client_id for row in rows]

    def select_ids(self, client_ids: list[int]) -> None:
        """Select these clients' rows (tests, and a caller that knows them)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QTableView.SelectionMode.MultiSelection)
        for row, item in enumerate(self.model.items()):
            if item.client_id in client_ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _on_table_selection_changed(self, *_args: object) -> None:
        self.anonymise_button.setEnabled(bool(self.selected_ids()))

    def _on_anonymise_button_clicked(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        question = self.tr("Anonimkan {n} nasabah terpilih? Nama, NIK, nomor telepon dan alamat dihapus dan "
                           "tidak dapat dikembalikan.").format(n=len(ids))
        if confirm(self, self.tr("Anonimkan data nasabah"), question, self.tr("Anonimkan")):
            self.anonymise(ids)

    def anonymise(self, client_ids: list[int]) -> None:
        """The confirmed anonymisation, one service call per client; a refusal stops the
        rest and is shown with how many were done before it."""
        done = 0
        try:
            for client_id in client_ids:
                privacy.anonymise_client(self._context.uow, client_id, self._context.who)
                done += 1
        except DomainError as exc:
            text, severity = self.tr("{n} nasabah dianonimkan; berikutnya ditolak: {e}").format(
                n=done, e=exc), Severity.ERROR
        else:
            text, severity = self.tr("{n} nasabah dianonimkan.").format(n=done), Severity.NOTE
        self.reload()
        self.message.show_message(text, severity)  # after the list, whose own refusal it replaces
