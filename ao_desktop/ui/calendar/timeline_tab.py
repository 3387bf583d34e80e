"""ClientTimelineTab: the client's activities, newest first, in the client panel, with
the one-click contact buttons and "plan" / "complete" for the selected line."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.labels import purpose_label, result_label, status_label, type_label
from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.common.formatting import format_datetime, format_rupiah
from ao_desktop.services.calendar.agenda import client_timeline
from ao_desktop.ui.calendar.activity_actions import ActivityActions
from ao_desktop.ui.calendar.contact_buttons import ContactButtons
from ao_desktop.ui.context import UiContext

ActivityRole = Qt.ItemDataRole.UserRole + 1


def timeline_text(item: ActivityItem) -> str:
    parts = [format_datetime(item.starts_at), type_label(item.type), purpose_label(item.purpose),
             status_label(item.status)]
    text = " · ".join(parts)
    if item.result is not None:
        text += f" — {result_label(item.result)}"
        if item.promise_date is not None:
            text += f" {format_rupiah(item.promise_amount)} ({item.promise_date:%d/%m/%Y})"
    if item.outcome:
        text += f"\n    {item.outcome}"
    return text


class ClientTimelineTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._profile: ClientProfile | None = None
        self._count = 0
        self.actions_ = ActivityActions(context, self)
        self.actions_.changed.connect(self.reload)
        self.contact_buttons = ContactButtons(context, self)
        self.contact_buttons.contacted.connect(self._on_contact_buttons_contacted)
        self.timeline_list = QListWidget()
        self.timeline_list.setAlternatingRowColors(True)
        self.plan_button = QPushButton(self.tr("+ Jadwalkan…"))
        self.complete_button = QPushButton(self.tr("Selesaikan…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.complete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.contact_buttons)
        layout.addWidget(self.timeline_list, 1)
        layout.addLayout(buttons)
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.timeline_list.itemActivated.connect(self._on_timeline_list_item_activated)

    def title(self, profile: ClientProfile) -> str:
        return self.tr("Kegiatan ({n})").format(n=self._count) if self._count else self.tr("Kegiatan")

    def show_profile(self, profile: ClientProfile) -> None:
        self._profile = profile
        self.contact_buttons.set_client(profile.client)
        self.reload()

    def reload(self) -> None:
        if self._profile is None or self._profile.client.id is None:
            return
        items = client_timeline(self._context.uow, self._profile.client.id)
        self._count = len(items)
        self.timeline_list.clear()
        for item in items:
            entry = QListWidgetItem(timeline_text(item))
            entry.setData(ActivityRole, item.id)
            self.timeline_list.addItem(entry)

    def _on_contact_buttons_contacted(self, _activity: object) -> None:
        self.reload()

    def _on_plan_button_clicked(self) -> None:
        if self._profile is not None and self._profile.client.id is not None:
            start = datetime.combine(datetime.now().date() + timedelta(days=1), time(9, 0))
            self.actions_.new(start, (self._profile.client.id, self._profile.client.display_name))

    def _on_complete_button_clicked(self) -> None:
        entry = self.timeline_list.currentItem()
        if entry is not None:
            self._on_timeline_list_item_activated(entry)

    def _on_timeline_list_item_activated(self, entry: QListWidgetItem) -> None:
        if self._profile is not None:
            self.actions_.complete(entry.data(ActivityRole), self._profile.client.display_name)
