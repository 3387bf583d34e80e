"""One save dialog for every file the app writes (Excel, PDF): the file type's suffix is
added by the dialog itself, so the overwrite question is asked about the name that will
really be written, and it is asked in Bahasa Indonesia.

Adding ".xlsx" after the dialog had closed (as each action once did) wrote "laporan.xlsx"
over an existing file without a word when the user typed "laporan". The command line
follows the same rule: an existing file is replaced only when the user says so (--force).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class SaveFileDialog(QFileDialog):
    """A save dialog with a default suffix and an Indonesian overwrite question.

    Qt's own question would be English (Qt ships no Indonesian translation); the
    platform's native dialog (Windows) asks in the system's language itself.
    """

    def __init__(self, parent: QWidget | None, title: str, start: Path, name_filter: str,
                 suffix: str) -> None:
        super().__init__(parent, title, str(start), name_filter)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.setDefaultSuffix(suffix.lstrip("."))
        self.selectFile(start.name)
        # The widget dialog's question is ours (below); a native dialog asks on its own.
        self.setOption(QFileDialog.Option.DontConfirmOverwrite, True)

    def final_path(self) -> Path | None:
        files = self.selectedFiles()
        if not files:
            return None
        path = Path(files[0])
        suffix = "." + self.defaultSuffix()
        return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)

    def accept(self) -> None:
        path = self.final_path()
        if path is not None and path.exists() and not _replace_confirmed(self, path):
            return  # stay in the dialog: the user picks another name
        super().accept()


def _replace_confirmed(parent: QWidget, path: Path) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("Berkas sudah ada"),
                      parent.tr("{name} sudah ada di folder ini. Ganti berkas itu?").format(
                          name=path.name),
                      QMessageBox.StandardButton.NoButton, parent)
    replace = box.addButton(parent.tr("Ganti"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(parent.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace


def ask_save_path(parent: QWidget | None, title: str, start: Path, name_filter: str,
                  suffix: str) -> Path | None:
    """The path the user chose to save to (with `suffix`), or None when cancelled."""
    dialog = SaveFileDialog(parent, title, start, name_filter, suffix)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        return dialog.final_path()
    finally:
        dialog.deleteLater()
