"""The client panel's list of the client's credit applications: status, product, amount
and DSR at a glance; a double click opens the editor, a button starts a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.common.formatting import format_date, format_pct, format_rupiah
from ao_desktop.domain.credit.labels import status_label
from ao_desktop.services.credit.applications import Assessment, list_assessments
from ao_desktop.ui.context import UiContext

ApplicationRole = Qt.ItemDataRole.UserRole + 1


def application_text(a: Assessment) -> str:
    app = a.application
    dsr = format_pct(a.ratios.dsr_pct, 2) if a.ratios.dsr_pct is not None else "—"
    when = format_date(app.created_at.date()) if app.created_at else ""
    return f"{when}  {status_label(app.status)} · {app.product_code} {format_rupiah(app.amount)} · {app.tenor_months} bln · DSR {dsr}"


class ClientApplicationsTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._profile: ClientProfile | None = None
        self._items: list[Assessment] = []
        self.applications_list = QListWidget()
        self.applications_list.setAlternatingRowColors(True)
        self.new_button = QPushButton(self.tr("+ Pengajuan kredit…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.applications_list, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.applications_list.itemActivated.connect(self._on_applications_list_item_activated)

    def title(self, profile: ClientProfile) -> str:
        n = len(self._items)
        return self.tr("Kredit ({n})").format(n=n) if n else self.tr("Kredit")

    def show_profile(self, profile: ClientProfile) -> None:
        self._profile = profile
        self.reload()

    def reload(self) -> None:
        if self._profile is None or self._profile.client.id is None:
            return
        self._items = list_assessments(self._context.uow, client_id=self._profile.client.id)
        self.applications_list.clear()
        for a in self._items:
            entry = QListWidgetItem(application_text(a))
            entry.setData(ApplicationRole, a.application.id)
            self.applications_list.addItem(entry)

    def _on_new_button_clicked(self) -> None:
        from ao_desktop.ui.credit.view import new_application, open_editor

        client = self._profile.client if self._profile else None
        officer_id = self._context.officer_id or (client.officer_id if client else None)
        if client is None or client.id is None or officer_id is None:
            return
        if open_editor(self._context, self, new_application(self._context, client.id, officer_id), client.display_name):
            self.reload()

    def _on_applications_list_item_activated(self, entry: QListWidgetItem) -> None:
        from ao_desktop.ui.credit.view import open_editor

        a = next((a for a in self._items if a.application.id == entry.data(ApplicationRole)), None)
        if a is not None and open_editor(self._context, self, a.application, a.client_name):
            self.reload()
