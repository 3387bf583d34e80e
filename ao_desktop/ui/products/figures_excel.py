"""FiguresExcelButton: "Ekspor Excel…" under a simulation table (the loan schedule, the
deposit projection). Asks where, writes through services/figures_export.py and reports
where the file went. A table has at most 600 rows (well under 0.1 s), so it is written
on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ao_desktop.ui.local_settings import remember_folder, remembered_folder
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.save_dialog import ask_save_path

FOLDER_KEY = "products/excel_folder"


class FiguresExcelButton(QPushButton):
    """`export(path)` writes the current table and returns its row count; `name()` gives a
    file name without the folder. Enabled by the owner when there is a table to write."""

    written = Signal(str)  # what to show in the status line

    def __init__(
        self,
        export: Callable[[Path], int],
        name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Ekspor Excel…"), parent)
        self.setToolTip(self.tr("Simpan tabel ini sebagai buku kerja Excel (.xlsx)"))
        self._export = export
        self._name = name
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self) -> None:
        path = ask_save_path(self, self.tr("Simpan sebagai Excel"),
                             remembered_folder(FOLDER_KEY) / self._name(),
                             self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        try:
            rows = self._export(path)
        except Exception as exc:  # noqa: BLE001 - a locked or read-only file: told, never a traceback
            show_exception(self, self.tr("Berkas Excel tidak dapat ditulis"), exc)
            return
        remember_folder(FOLDER_KEY, path)
        self.written.emit(self.tr("Tabel disimpan ke {path} ({n} baris)").format(path=path, n=rows))


def file_name(kind: str, product_code: str, amount: int, tenor: int) -> str:
    """e.g. "jadwal-KPR-500000000-240bln-2026-11-27.xlsx"; only safe characters."""
    code = "".join(ch for ch in product_code if ch.isalnum() or ch in "-_") or "simulasi"
    return f"{kind}-{code}-{amount}-{tenor}bln-{date.today().isoformat()}.xlsx"
