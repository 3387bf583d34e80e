"""ApplicationsView: the credit applications of the branch (or the signed-in AO), with
the pipeline counts on top, filters by status and officer, and the actions on the
selected application: edit, move along the status flow, the credit memo."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.enums import LoanPurpose
from ao_desktop.domain.credit.labels import status_label
from ao_desktop.domain.credit.status_flow import ALLOWED
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.services.credit.applications import (
    Assessment,
    list_assessments,
    loan_products,
    pipeline_counts,
)
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.credit.applications_model import ApplicationsTableModel, SortRole
from ao_desktop.ui.credit.editor_dialog import ApplicationEditorDialog
from ao_desktop.ui.credit.memo_actions import MemoActions
from ao_desktop.ui.credit.status_actions import StatusActions
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox

# The moves offered as buttons, with the status they lead to.
MOVES = ((S.SUBMITTED, "Ajukan"), (S.APPROVED, "Setujui"), (S.REJECTED, "Tolak…"), (S.DISBURSED, "Cairkan…"),
         (S.DRAFT, "Kembalikan ke draft"))


def open_editor(context: UiContext, parent: QWidget, app: CreditApplication, client_name: str) -> bool:
    dialog = ApplicationEditorDialog(context, app, client_name, parent)
    return bool(dialog.exec())


def new_application(context: UiContext, client_id: int, officer_id: int) -> CreditApplication:
    """A blank draft on the first loan product, at its smallest amount and tenor."""
    products = loan_products(context.uow)
    first = products[0] if products else None
    return CreditApplication(client_id=client_id, officer_id=officer_id,
                             product_code=first.code if first else "", amount=first.min_amount if first else 0,
                             tenor_months=first.min_tenor_months if first else 12,
                             purpose=LoanPurpose.WORKING_CAPITAL)


class ApplicationsView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_combo = EnumComboBox(list(S), status_label, self.tr("Semua status"))
        self.officer_combo = OfficerComboBox(list_officers(context.uow), self.tr("Semua AO"), context.officer_id)
        if context.officer_id is not None:
            self.officer_combo.set_value(context.officer_id)
        # An AO sees their own applications only (the service enforces it too).
        self.officer_combo.setEnabled(context.role is not OfficerRole.AO or context.officer_id is None)
        self.client_picker = ReferrerPicker(context.uow)
        self.client_picker.setPlaceholderText(self.tr("Cari nasabah untuk pengajuan baru…"))
        self.new_button = QPushButton(self.tr("+ Pengajuan baru"))
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Status"), self.status_combo), (self.tr("AO"), self.officer_combo)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.client_picker)
        filters.addWidget(self.new_button)
        self.model = ApplicationsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)  # a short list held in memory
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.edit_button = QPushButton(self.tr("Ubah…"))
        self.move_buttons = {to: QPushButton(self.tr(text)) for to, text in MOVES}
        self.memo_button = QPushButton(self.tr("Memo (MAK)…"))
        self.settings_button = QPushButton(self.tr("Pengaturan…"))
        self.settings_button.setVisible(context.role is OfficerRole.ADMIN)  # refused in the service too
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        for button in self.move_buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.memo_button)
        actions.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.memo = MemoActions(context, self)
        self.status_actions = StatusActions(context, self)
        self.status_actions.changed.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.officer_combo.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.memo_button.clicked.connect(self.memo.preview)
        self.settings_button.clicked.connect(self._on_settings_button_clicked)
        for to, button in self.move_buttons.items():
            button.clicked.connect(lambda _checked=False, to=to: self._on_move_button_clicked(to))
        self.reload()

    def reload(self) -> None:
        officer = self.officer_combo.value()
        self.model.set_items(list_assessments(self._context.uow, officer, self.status_combo.value(),
                                              actor=self._context.who))
        counts = pipeline_counts(self._context.uow, officer)
        self.counts_label.setText(" &nbsp;·&nbsp; ".join(
            f"{status_label(s)}: <b>{counts[s]}</b>" for s in S))
        self._on_table_selection_changed()

    def selected(self) -> Assessment | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.item(self.proxy.mapToSource(rows[0]).row())

    def _on_table_selection_changed(self, *_args: object) -> None:
        current = self.selected()
        status = current.application.status if current else None
        for to, button in self.move_buttons.items():
            button.setEnabled(status is not None and to in ALLOWED[status])
        self.edit_button.setEnabled(status in (S.DRAFT, S.SUBMITTED))
        self.memo_button.setEnabled(current is not None)
        self.memo.application_id = current.application.id if current else None

    def _on_edit_button_clicked(self, *_args: object) -> None:
        current = self.selected()
        if current is not None and open_editor(self._context, self, current.application, current.client_name):
            self.reload()

    def _on_new_button_clicked(self) -> None:
        client_id = self.client_picker.client_id()
        officer_id = self._context.officer_id or self.officer_combo.value()
        if client_id is None or officer_id is None:
            self.client_picker.setFocus()
            return
        app = new_application(self._context, client_id, officer_id)
        if open_editor(self._context, self, app, self.client_picker.text()):
            self.reload()

    def _on_move_button_clicked(self, to: S) -> None:
        current = self.selected()
        if current is not None:
            self.status_actions.move(current.application, to)

    def _on_settings_button_clicked(self) -> None:
        from ao_desktop.ui.credit.settings_dialog import CreditSettingsDialog

        if CreditSettingsDialog(self._context, self).exec():
            self.reload()
