"""ClientActions: "Tambah", "Ubah", "Ubah status" and "Arsipkan"/"Pulihkan" of the client
directory.

Each action opens the client dialog or the status dialog, or asks and calls one
presenter action, on the client selected in the view. The view learns the outcome by
signal and refreshes its table: it owns the selection, these actions own the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from ao_desktop.domain.clients.client import Client, ClientListItem
from ao_desktop.ui.clients.client_dialog import ClientDialog
from ao_desktop.ui.clients.presenter import ClientDirectoryPresenter
from ao_desktop.ui.clients.status_dialog import StatusDialog
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import confirm, show_exception


class ClientActions(QObject):
    """The four actions on the selected client (`selected()`: its id and table row item).

    `changed(client)`: a client was saved, its status changed, archived or restored.
    `failed()`: an action was refused; the table may be stale, so the view reloads it.
    `openRequested(id)`: the AO chose to open a stored client (from the duplicate dialog).
    """

    changed = Signal(object)
    failed = Signal()
    openRequested = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        context: UiContext,
        parent: QWidget,
        selected: Callable[[], tuple[int, ClientListItem] | None],
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self._selected = selected
        self._presenter = ClientDirectoryPresenter(context)
        self.add_action = QAction(self.tr("Tambah"), parent, shortcut=QKeySequence.StandardKey.New)
        self.add_action.setToolTip(self.tr("Tambah nasabah baru (Ctrl+N)"))
        self.edit_action = QAction(self.tr("Ubah"), parent)
        self.edit_action.setToolTip(self.tr("Ubah data nasabah terpilih (Enter atau klik ganda)"))
        self.status_action = QAction(self.tr("Ubah status"), parent)
        self.status_action.setToolTip(self.tr("Pindahkan nasabah ke status berikutnya"))
        self.archive_action = QAction(self.tr("Arsipkan"), parent)
        # Window-wide shortcuts fire only while the view is visible (the current page),
        # so later views can reuse Ctrl+N for their own "Tambah".
        for action in self.actions():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self._on_add_action_triggered)
        self.edit_action.triggered.connect(self._on_edit_action_triggered)
        self.status_action.triggered.connect(self._on_status_action_triggered)
        self.archive_action.triggered.connect(self._on_archive_action_triggered)

    def actions(self) -> list[QAction]:
        return [self.add_action, self.edit_action, self.status_action, self.archive_action]

    def update(self, selected: bool, archived: bool) -> None:
        """Enable the row actions for a selection; Arsipkan becomes Pulihkan when archived."""
        for action in (self.edit_action, self.status_action, self.archive_action):
            action.setEnabled(selected)
        self.archive_action.setText(self.tr("Pulihkan") if archived else self.tr("Arsipkan"))
        self.archive_action.setToolTip(
            self.tr("Kembalikan nasabah dari arsip")
            if archived
            else self.tr("Sembunyikan nasabah dari direktori (tidak dihapus)")
        )

    # --- slots ----------------------------------------------------------------------------
    def _on_add_action_triggered(self) -> None:
        self._open_dialog(None)

    def _on_edit_action_triggered(self) -> None:
        if (selected := self._selected()) is not None:
            self._open_dialog(selected[0])

    def _open_dialog(self, client_id: int | None) -> None:
        try:
            dialog = ClientDialog(self._context, client_id, self._parent)
        except Exception as exc:  # noqa: BLE001 - e.g. deleted meanwhile: shown, never a traceback
            show_exception(self._parent, self.tr("Nasabah tidak dapat dibuka"), exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_client is not None:
            self.changed.emit(dialog.saved_client)
        elif dialog.open_client_id is not None:  # the AO chose the existing client instead
            self.openRequested.emit(dialog.open_client_id)

    def _on_status_action_triggered(self) -> None:
        if (selected := self._selected()) is None:
            return
        client_id, item = selected
        dialog = StatusDialog(item.full_name, item.status, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            lambda: self._presenter.change_status(client_id, dialog.status(), dialog.note()),
            self.tr("Status tidak berubah"),
        )

    def _on_archive_action_triggered(self) -> None:
        if (selected := self._selected()) is None:
            return
        client_id, item = selected
        if item.archived:
            self._run(lambda: self._presenter.restore(client_id), self.tr("Gagal memulihkan"))
        elif confirm(
            self._parent,
            self.tr("Arsipkan nasabah"),
            self.tr(
                "Arsipkan {name}? Nasabah disembunyikan dari direktori; datanya tidak "
                "dihapus dan bisa dipulihkan lewat \u201cTampilkan arsip\u201d."
            ).format(name=item.full_name),
            self.tr("Arsipkan"),
        ):
            self._run(lambda: self._presenter.archive(client_id), self.tr("Gagal mengarsipkan"))

    def _run(self, action: Callable[[], Client], failure_title: str) -> None:
        """Run one presenter action; show a refusal, or report the change."""
        try:
            client = action()
        except Exception as exc:  # noqa: BLE001 - DomainError text shown; others generic
            show_exception(self._parent, failure_title, exc)
            self.failed.emit()
            return
        self.changed.emit(client)
