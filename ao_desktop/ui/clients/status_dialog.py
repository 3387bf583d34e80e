"""StatusDialog: move a client along the pipeline (prospek -> pengajuan -> aktif, ...)
with a note that goes into the status history (for Ditolak: the refusal reason)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.clients.labels import status_label
from ao_desktop.ui.widgets.enum_combo import EnumComboBox


class StatusDialog(QDialog):
    """Pick the new status and an optional note; `status()` and `note()` after accept."""

    def __init__(
        self, client_name: str, current: ClientStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ubah status"))
        self.resize(440, 260)
        intro = QLabel(
            self.tr("{name} — status sekarang: {status}").format(
                name=client_name, status=status_label(current)
            )
        )
        intro.setWordWrap(True)
        # Starts on the current status (not on the first other one, which preselected
        # Prospek for an active client); the button waits for a real change.
        self._current = current
        self.status_combo = EnumComboBox(list(ClientStatus), status_label)
        self.status_combo.set_value(current)
        self.note_label = QLabel()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Status baru"), self.status_combo)
        form.addRow(self.note_label, self.note_edit)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Ubah status"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_changed)
        self._on_status_combo_changed()

    def status(self) -> ClientStatus:
        status = self.status_combo.value()
        assert status is not None  # the combo has no "none" entry
        return status

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _on_status_combo_changed(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.status() is not self._current)
        declined = self.status() is ClientStatus.DECLINED
        self.note_label.setText(
            self.tr("Alasan menolak") if declined else self.tr("Catatan (opsional)")
        )
        self.note_edit.setPlaceholderText(
            self.tr("mis. bunga dianggap tinggi, belum butuh dana")
            if declined
            else self.tr("mis. berkas lengkap, diajukan ke komite")
        )
