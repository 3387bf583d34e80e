"""RestoreDialog: pick the backup to restore, newest first, or any file on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.maintenance.backup import BackupInfo, describe_backup


class RestoreDialog(QDialog):
    """Lists this database's backups; `chosen` is the selected file after accept()."""

    def __init__(
        self, backups: list[BackupInfo], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pulihkan dari cadangan"))
        self.resize(560, 380)
        self.chosen: Path | None = None
        self._folder = folder
        intro = QLabel(
            self.tr(
                "Pilih cadangan yang akan dipulihkan. Database sekarang disimpan di sampingnya "
                "dan tidak dihapus."
            )
        )
        intro.setWordWrap(True)
        self.backup_list = QListWidget()
        for info in backups:
            item = QListWidgetItem(describe_backup(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.backup_list.addItem(item)
        if backups:
            self.backup_list.setCurrentRow(0)
        self.empty_label = QLabel(self.tr("Belum ada cadangan di {folder}.").format(folder=folder))
        self.empty_label.setVisible(not backups)
        self.other_button = QPushButton(self.tr("Berkas lain…"))
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("Pulihkan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(bool(backups))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._on_other_button_clicked)
        self.backup_list.itemDoubleClicked.connect(lambda _item: self._on_buttons_accepted())

    def _on_buttons_accepted(self) -> None:
        item = self.backup_list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def _on_other_button_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih berkas cadangan"),
            str(self._folder),
            self.tr("Database AO Desktop (*.sqlite *.db);;Semua berkas (*)"),
        )
        if name:
            self.chosen = Path(name)
            self.accept()
