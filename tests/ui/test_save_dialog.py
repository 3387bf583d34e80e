"""The one save dialog: the suffix is added by the dialog, so the overwrite question is
asked about the file that will really be written, in Bahasa Indonesia."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ao_desktop.ui.widgets.save_dialog import SaveFileDialog


def _dialog(qtbot, folder: Path) -> SaveFileDialog:  # noqa: ANN001
    dialog = SaveFileDialog(None, "Simpan", folder / "nasabah.xlsx", "Buku kerja Excel (*.xlsx)", ".xlsx")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    return dialog


def _answer_question(button: str, seen: list[str]) -> None:
    def poll(remaining: int = 3000) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text() == button).click()
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 20))

    QTimer.singleShot(0, poll)


def test_a_name_typed_without_suffix_is_checked_with_it(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    existing = tmp_path / "laporan.xlsx"
    existing.write_bytes(b"data lama")
    dialog = _dialog(qtbot, tmp_path)
    dialog.selectFile(str(tmp_path / "laporan"))
    assert dialog.final_path() == existing
    seen: list[str] = []
    _answer_question("Batal", seen)
    dialog.accept()
    assert seen == ["laporan.xlsx sudah ada di folder ini. Ganti berkas itu?"]
    assert dialog.result() != QFileDialog.DialogCode.Accepted  # still choosing
    _answer_question("Ganti", seen)
    dialog.accept()
    assert dialog.result() == QFileDialog.DialogCode.Accepted
    assert existing.read_bytes() == b"data lama"  # the dialog itself never writes


def test_a_new_name_is_accepted_without_a_question(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, tmp_path)
    dialog.selectFile(str(tmp_path / "baru"))
    dialog.accept()
    assert dialog.result() == QFileDialog.DialogCode.Accepted
    assert dialog.final_path() == tmp_path / "baru.xlsx"
