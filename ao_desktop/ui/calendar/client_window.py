"""The client's 360 panel in a window of its own, opened from a line of the Today panel
(profile, activities with the contact buttons, history, notes)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.services.clients.directory import get_client
from ao_desktop.ui.clients.detail_panel import ClientDetailPanel
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


class ClientPanelDialog(QDialog):
    def __init__(self, context: UiContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(680, 560)
        self.panel = ClientDetailPanel(context, self)
        QVBoxLayout(self).addWidget(self.panel)
        self.panel.show_client(client_id)
        profile = self.panel.profile
        self.setWindowTitle(profile.client.display_name if profile else self.tr("Nasabah"))
        # The activities tab first: the Today panel opens a client to contact them.
        self.panel.tab_widget.setCurrentWidget(self.panel.timeline_tab)


def open_client_window(context: UiContext, client_id: int, parent: QWidget) -> None:
    try:
        get_client(context.uow, client_id)
    except DomainError as exc:
        show_exception(parent, parent.tr("Nasabah"), exc)
        return
    ClientPanelDialog(context, client_id, parent).exec()
