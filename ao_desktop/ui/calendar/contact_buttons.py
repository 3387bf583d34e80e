"""ContactButtons: one click to WhatsApp (with a message template), phone or SMS.

A client without consent to be contacted (or without a number) gets disabled buttons
whose tooltip says why. Each click logs a planned activity first (start_contact) and
then opens the link in WhatsApp, the phone app or the SMS app; the AO completes the
activity with its outcome afterwards (Today panel, calendar or the timeline).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from ao_desktop.domain.calendar.activity import Activity
from ao_desktop.domain.calendar.enums import ActivityType
from ao_desktop.domain.calendar.message_templates import MessageTemplate
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.services.calendar.contact import (
    contact_block_reason,
    fill,
    list_templates,
    message_values,
    start_contact,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


def _open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))


class ContactButtons(QWidget):
    contacted = Signal(object)  # noqa: N815 - the Activity logged for the contact
    # Replaced in tests: the links must not open a real browser.
    open_url: Callable[[str], bool] = staticmethod(_open_url)  # type: ignore[assignment]

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client: Client | None = None
        self.last_url = ""
        self.whatsapp_button = QToolButton(text=self.tr("WhatsApp"))
        self.whatsapp_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.whatsapp_menu = QMenu(self)
        self.whatsapp_button.setMenu(self.whatsapp_menu)
        self.phone_button = QPushButton(self.tr("Telepon"))
        self.sms_button = QPushButton(self.tr("SMS"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.whatsapp_button, self.phone_button, self.sms_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.whatsapp_button.clicked.connect(self._on_whatsapp_button_clicked)
        self.whatsapp_menu.aboutToShow.connect(self._on_whatsapp_menu_about_to_show)
        self.phone_button.clicked.connect(self._on_phone_button_clicked)
        self.sms_button.clicked.connect(self._on_sms_button_clicked)

    def set_client(self, client: Client | None) -> None:
        self._client = client
        for button, kind in ((self.whatsapp_button, ActivityType.WHATSAPP),
                             (self.phone_button, ActivityType.PHONE), (self.sms_button, ActivityType.SMS)):
            reason = contact_block_reason(client, kind) if client else ""
            button.setEnabled(client is not None and reason is None)
            button.setToolTip(reason or "")

    def message(self, template: MessageTemplate | None) -> str:
        if template is None or self._client is None:
            return ""
        return fill(template, message_values(self._context.uow, self._client, self._context.officer_id))

    def contact(self, kind: ActivityType, template: MessageTemplate | None = None) -> Activity | None:
        """Log the contact and open its link; None (with a message) when refused."""
        if self._client is None or self._client.id is None:
            return None
        try:
            started = start_contact(self._context.uow, self._client.id, kind, self._context.who,
                                    self._context.officer_id, self.message(template))
        except DomainError as exc:
            show_exception(self, self.tr("Tidak dapat menghubungi"), exc)
            return None
        self.last_url = started.url
        type(self).open_url(started.url)
        self.contacted.emit(started.activity)
        return started.activity

    def _on_whatsapp_menu_about_to_show(self) -> None:
        self.whatsapp_menu.clear()
        for template in list_templates(self._context.uow):
            action = self.whatsapp_menu.addAction(template.name)
            action.triggered.connect(lambda _checked=False, t=template: self.contact(ActivityType.WHATSAPP, t))
        self.whatsapp_menu.addSeparator()
        blank = self.whatsapp_menu.addAction(self.tr("Tanpa templat"))
        blank.triggered.connect(lambda _checked=False: self.contact(ActivityType.WHATSAPP))

    def _on_whatsapp_button_clicked(self) -> None:
        # The main part of the button sends the first template (the greeting).
        templates = list_templates(self._context.uow)
        self.contact(ActivityType.WHATSAPP, templates[0] if templates else None)

    def _on_phone_button_clicked(self) -> None:
        self.contact(ActivityType.PHONE)

    def _on_sms_button_clicked(self) -> None:
        self.contact(ActivityType.SMS)
