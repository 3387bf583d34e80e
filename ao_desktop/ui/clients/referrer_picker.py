"""ReferrerPicker: choose the client who referred this one, by typing part of a name.

A line edit with a completer whose list is refilled from `search_clients` (a small
limit) as the user types; picking an entry fixes the referrer's id. Editing the text
afterwards un-picks it, so the shown name and the stored id never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyle, QWidget

from ao_desktop.domain.clients.client import ClientListItem
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.services.clients.directory import search_clients
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.ui.clients.table_model import display_name, display_phone

SUGGESTIONS = 10
DEBOUNCE_MS = 150


class ReferrerPicker(QLineEdit):
    """Line edit + completer; `client_id()` is the picked client or None."""

    referrerChanged = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, uow: UnitOfWork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._uow = uow
        self._client_id: int | None = None
        self._exclude_id: int | None = None
        self._ids: list[int] = []
        self.setPlaceholderText(self.tr("Ketik nama atau no. HP yang mereferensikan…"))
        self.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        # The list is already filtered by the database; the completer must not re-filter.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[QModelIndex].connect(self._on_completer_activated)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.textEdited.connect(self._on_self_text_edited)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self._picked_action = self.addAction(icon, QLineEdit.ActionPosition.LeadingPosition)
        self._picked_action.setToolTip(self.tr("Nasabah dipilih"))
        self._picked_action.setVisible(False)

    def client_id(self) -> int | None:
        return self._client_id

    def set_client(self, client_id: int | None, label: str = "") -> None:
        self._client_id = client_id
        self.setText(label if client_id is not None else "")
        self._picked_action.setVisible(client_id is not None)

    def exclude(self, client_id: int | None) -> None:
        """Never suggest this client (the one being edited cannot refer itself)."""
        self._exclude_id = client_id

    def refresh_suggestions(self) -> None:
        """Fill the completer for the current text now (the debounce calls this)."""
        text = self.text().strip()
        if not text:
            self._ids, labels = [], []
        else:
            items = [
                i
                for i in search_clients(self._uow, ClientQuery(text=text), 0, SUGGESTIONS + 1)
                if i.id != self._exclude_id
            ][:SUGGESTIONS]
            self._ids = [i.id for i in items]
            labels = [suggestion_label(i) for i in items]
        self._suggestions.setStringList(labels)
        if labels and self.hasFocus():
            self._fit_popup(labels)
            self.completer().complete()

    def _fit_popup(self, labels: list[str]) -> None:
        # The popup is as wide as the field by default (200 px in the simulator), which
        # cuts the phone and city that tell namesakes apart; 640 px keeps it on a laptop.
        popup = self.completer().popup()
        text = max(popup.fontMetrics().horizontalAdvance(label) for label in labels)
        frame = popup.verticalScrollBar().sizeHint().width() + 4 * popup.frameWidth() + 16
        popup.setMinimumWidth(min(text + frame, 640))

    def _on_self_text_edited(self, _text: str) -> None:
        if self._client_id is not None:
            self._client_id = None
            self._picked_action.setVisible(False)
            self.referrerChanged.emit()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.refresh_suggestions()

    def _on_completer_activated(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._ids):
            self.set_client(self._ids[row], self._suggestions.stringList()[row])
            self.referrerChanged.emit()


def suggestion_label(item: ClientListItem) -> str:
    """`Siti Aminah — 0812-3456-7890, Bandung`: enough to tell namesakes apart."""
    parts = [p for p in (display_phone(item.mobile), item.city) if p]
    return f"{display_name(item)} — {', '.join(parts)}" if parts else display_name(item)
