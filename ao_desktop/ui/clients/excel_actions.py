"""ClientExcelActions: "Impor Excel…", "Ekspor Excel…" and "Templat impor…" of the
client directory.

Import picks a file and opens ClientImportDialog; export writes the directory's current
query (its filter and its sort order) on the worker with progress and Batal; the
template is the blank workbook to fill in. The folder last used is remembered on this PC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.services.imports.client_export import export_clients, write_import_template
from ao_desktop.ui.clients.import_dialog import ClientImportDialog
from ao_desktop.ui.clients.import_models import format_count
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import remember_folder, remembered_folder
from ao_desktop.ui.widgets.messages import inform
from ao_desktop.ui.widgets.save_dialog import ask_save_path
from ao_desktop.ui.widgets.task_progress import Cancelled, Progress, TaskProgress

FOLDER_KEY = "clients/excel_folder"


def export_file_name(today: date | None = None) -> str:
    return f"nasabah-{(today or date.today()).isoformat()}.xlsx"


class ClientExcelActions(QObject):
    """The three actions; `imported` carries the ids an import wrote or merged."""

    imported = Signal(list)

    def __init__(
        self, context: UiContext, parent: QWidget, query: Callable[[], ClientQuery]
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self._query = query
        self.tasks = TaskProgress(parent)
        self.import_action = QAction(self.tr("Impor Excel…"), parent)
        self.import_action.setToolTip(self.tr("Impor nasabah dari berkas Excel, ODS atau CSV"))
        self.export_action = QAction(self.tr("Ekspor Excel…"), parent)
        self.export_action.setToolTip(
            self.tr("Simpan daftar nasabah (filter dan urutan sekarang) ke berkas Excel")
        )
        self.template_action = QAction(self.tr("Templat impor…"), parent)
        self.template_action.setToolTip(
            self.tr("Simpan berkas Excel kosong untuk diisi lalu diimpor")
        )
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.template_action.triggered.connect(self._on_template_action_triggered)

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.template_action]

    # --- slots ------------------------------------------------------------------------------
    def _on_import_action_triggered(self) -> None:
        path = self._choose_open(
            self.tr("Impor nasabah dari Excel"),
            self.tr("Berkas spreadsheet (*.xlsx *.xlsm *.xls *.ods *.csv)"),
        )
        if path is not None:
            self.import_from(path)

    def _on_export_action_triggered(self) -> None:
        path = self._choose_save(self.tr("Ekspor daftar nasabah"), export_file_name())
        if path is not None:
            self.export_to(path)

    def _on_template_action_triggered(self) -> None:
        path = self._choose_save(
            self.tr("Simpan templat impor"), self.tr("templat-impor-nasabah.xlsx")
        )
        if path is not None:
            self.write_template_to(path)

    # --- the work ---------------------------------------------------------------------------
    def import_from(self, path: Path) -> None:
        """Open the import dialog on `path`; `imported` fires when clients were written."""
        dialog = ClientImportDialog(self._context, path, self._parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            ids = list(dialog.imported_ids)
        finally:
            dialog.deleteLater()
        if accepted:
            self.imported.emit(ids)

    def export_to(self, path: Path) -> None:
        uow, query, who = self._context.uow, self._query(), self._context.who

        def work(progress: Progress, cancelled: Cancelled) -> int:
            return export_clients(uow, query, path, who, progress=progress, cancelled=cancelled)

        self.tasks.run(self.tr("Mengekspor nasabah…"), work,
                       lambda n: inform(self._parent, self.tr("Ekspor selesai"), self.tr(
                           "{n} nasabah diekspor ke {file}").format(n=format_count(n), file=path)),
                       failure_title=self.tr("Ekspor gagal"))  # fmt: skip

    def write_template_to(self, path: Path) -> None:
        uow = self._context.uow
        self.tasks.run(self.tr("Menyimpan templat impor…"),
                       lambda _progress, _cancelled: write_import_template(uow, path),
                       lambda _none: inform(self._parent, self.tr("Templat impor"), self.tr(
                           "Templat impor disimpan ke {file}. Isi lembar Nasabah, lalu impor "
                           "lewat \u201cImpor Excel…\u201d.").format(file=path)),
                       failure_title=self.tr("Templat tidak tersimpan"), cancellable=False)  # fmt: skip

    # --- file dialogs (tests replace these two) ---------------------------------------------
    def _choose_open(self, title: str, name_filter: str) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._parent, title, str(self._folder()), name_filter
        )
        return self._remember(chosen)

    def _choose_save(self, title: str, default_name: str) -> Path | None:
        chosen = ask_save_path(self._parent, title, self._folder() / default_name,
                               self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        return self._remember(str(chosen) if chosen else "")

    @staticmethod
    def _remember(chosen: str) -> Path | None:
        if not chosen:
            return None
        path = Path(chosen)
        remember_folder(FOLDER_KEY, path)
        return path

    @staticmethod
    def _folder() -> Path:
        return remembered_folder(FOLDER_KEY)
