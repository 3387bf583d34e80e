"""ClientDialog: add a new client or edit a stored one.

The form (client_form.py) validates as the user types; Simpan stays disabled while an
error remains. Saving is one service call: `add_client` for a new client (a suspected
duplicate is shown and saved only if the AO confirms) or `update_client` for a stored
one (a colleague's newer save is shown field by field and the form reloads; nothing is
overwritten). Leaving a form with changes (Batal, Esc, the close button) asks first;
from the duplicate dialog the AO may open the stored client instead (`open_client_id`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.labels import FIELD_LABELS
from ao_desktop.domain.common.errors import (
    DuplicateSuspected,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.services.clients.directory import (
    add_client,
    get_client_profile,
    list_officers,
    update_client,
)
from ao_desktop.ui.clients.client_form import ClientForm
from ao_desktop.ui.clients.conflict_dialogs import DuplicateDialog, StaleEditDialog
from ao_desktop.ui.clients.table_model import display_name
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.field_message import ERROR_COLOR
from ao_desktop.ui.widgets.messages import confirm, show_error, show_exception


class ClientDialog(QDialog):
    """Add (client_id None) or edit one client; `saved_client` is set after a save."""

    def __init__(
        self, context: UiContext, client_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.saved_client: Client | None = None
        self.open_client_id: int | None = None  # the stored client the AO chose to open instead
        self._original: Client | None = None  # the stored version being edited
        officers = list_officers(context.uow)
        self._officer_names = {o.id: o.name for o in officers if o.id is not None}
        self.form = ClientForm(context.uow, officers)
        self._build_layout()
        if client_id is None:
            self.setWindowTitle(self.tr("Tambah nasabah"))
            self.form.load(Client(full_name="", officer_id=context.officer_id), new=True)
        else:
            self._load_stored(client_id)  # NotFound propagates: the caller shows it
        self._loaded = self.form.edited()  # what "nothing changed" means for the discard question
        self.form.changed.connect(self._on_form_changed)
        self._on_form_changed()

    def _build_layout(self) -> None:
        self.resize(960, 620)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S)"))
        # Enter moves to the next field (as in a spreadsheet); it must not save by accident.
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._on_save_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        for editor in self.form.findChildren(QLineEdit):
            editor.installEventFilter(self)

    def _load_stored(self, client_id: int) -> None:
        profile = get_client_profile(self._context.uow, client_id)
        self._original = profile.client
        referrer = display_name(profile.referrer) if profile.referrer else ""
        self.setWindowTitle(
            self.tr("Ubah nasabah — {name}").format(name=profile.client.display_name)
        )
        self.form.load(profile.client, referrer, profile.officer_name, new=False)
        self._loaded = self.form.edited()

    @property
    def is_new(self) -> bool:
        return self._original is None

    def has_changes(self) -> bool:
        return self.form.edited() != self._loaded

    def reject(self) -> None:
        """Batal, Esc and the close button all end here: typed work is not lost silently."""
        if self._may_leave():
            super().reject()

    def _may_leave(self) -> bool:
        return not self.has_changes() or confirm(
            self,
            self.tr("Buang perubahan?"),
            # The title bar may be small or hidden: the text asks the question itself.
            self.tr("Perubahan di formulir ini belum disimpan. Buang perubahan?"),
            self.tr("Buang"),
            self.tr("Kembali ke formulir"),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not self._suggestions_open(watched)
        ):
            watched.editingFinished.emit()
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def _suggestions_open(self, editor: QLineEdit) -> bool:
        # Only the referrer picker has a completer. PySide6 6.12 corrupts a refcount when
        # QLineEdit.completer() returns None, so it is never asked of the other fields.
        picker = self.form.referrer
        return editor is picker and picker.completer().popup().isVisible()

    # --- slots ----------------------------------------------------------------------------
    def _on_form_changed(self) -> None:
        error = self.form.first_error()
        self.save_button.setEnabled(error is None)
        if error is None:
            self.summary.clear()
        else:
            label = FIELD_LABELS.get(error.field, error.field)
            self.summary.setText(
                self.tr("Belum bisa disimpan — {field}: {message}").format(
                    field=label, message=error.message
                )
            )

    def _on_save_button_clicked(self) -> None:
        self.form.touch_all()
        self._on_form_changed()
        if self.form.has_errors():
            return
        try:
            self.saved_client = self._save(self.form.edited())
        except DuplicateSuspected as exc:
            self.saved_client = self._confirm_duplicate(exc)
        except StaleEdit as exc:
            self._show_stale(exc)
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            self._on_form_changed()
            show_error(self, self.tr("Belum bisa disimpan"), str(exc))
        except Exception as exc:  # noqa: BLE001 - any refusal is shown, never a traceback
            show_exception(self, self.tr("Gagal menyimpan"), exc, retry=self._on_save_button_clicked)
        if self.saved_client is not None:
            self.accept()

    def _save(self, edited: Client) -> Client:
        if self._original is None:
            return add_client(self._context.uow, edited, self._context.actor)
        return update_client(self._context.uow, self._original, edited, self._context.actor)

    def _confirm_duplicate(self, exc: DuplicateSuspected) -> Client | None:
        dialog = DuplicateDialog(str(exc), exc.matches, self)
        answer = dialog.exec()
        if answer == DuplicateDialog.OPEN_EXISTING:
            self._open_instead(dialog.chosen_id())
        if answer != QDialog.DialogCode.Accepted:
            return None
        try:
            return add_client(
                self._context.uow, self.form.edited(), self._context.actor, allow_duplicates=True
            )
        except Exception as again:  # noqa: BLE001
            show_exception(self, self.tr("Gagal menyimpan"), again, retry=self._on_save_button_clicked)
            return None

    def _open_instead(self, client_id: int | None) -> None:
        if self._may_leave():
            self.open_client_id = client_id
            super().reject()

    def _show_stale(self, exc: StaleEdit) -> None:
        if StaleEditDialog(exc, self._officer_names, self).exec() != QDialog.DialogCode.Accepted:
            return
        assert self._original is not None and self._original.id is not None
        try:
            self._load_stored(self._original.id)
        except NotFound as gone:
            show_error(self, self.tr("Nasabah tidak ditemukan"), str(gone))
            super().reject()  # nothing left to keep: no discard question
            return
        self._on_form_changed()
