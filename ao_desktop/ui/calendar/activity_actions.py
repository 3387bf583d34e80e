"""What the calendar, the Today panel and the client's timeline do with an activity:
plan one, edit it, complete it. Each is a dialog over one service call; the caller
reloads when `changed` fires."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import Officer
from ao_desktop.services.calendar.activities import get_activity
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.services.products.catalog import list_products
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


class ActivityActions(QObject):
    changed = Signal()

    def __init__(self, context: UiContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._widget = parent_widget
        self._officers: list[Officer] | None = None

    def officers(self) -> list[Officer]:
        if self._officers is None:
            self._officers = list_officers(self._context.uow)
        return self._officers

    def new(self, start: datetime | None = None, client: tuple[int, str] | None = None) -> bool:
        from ao_desktop.ui.calendar.activity_dialog import ActivityDialog

        dialog = ActivityDialog(self._context, self.officers(), self._widget, client=client, start=start)
        return self._run(dialog)

    def edit(self, activity_id: int, client_name: str) -> bool:
        from ao_desktop.ui.calendar.activity_dialog import ActivityDialog

        try:
            activity = get_activity(self._context.uow, activity_id)
        except DomainError as exc:
            show_exception(self._widget, self.tr("Kegiatan"), exc)
            return False
        dialog = ActivityDialog(self._context, self.officers(), self._widget, activity=activity,
                                client=(activity.client_id, client_name))
        return self._run(dialog)

    def complete(self, activity_id: int, client_name: str) -> bool:
        from ao_desktop.ui.calendar.complete_dialog import CompleteActivityDialog

        try:
            activity = get_activity(self._context.uow, activity_id)
        except DomainError as exc:
            show_exception(self._widget, self.tr("Kegiatan"), exc)
            return False
        dialog = CompleteActivityDialog(self._context, activity, client_name,
                                        list_products(self._context.uow), self._widget)
        return self._run(dialog)

    def _run(self, dialog: QDialog) -> bool:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()
            return True
        return False
