"""ReportsView (Laporan): build a work report, preview it in the app, save it as PDF,
print it, export it to Excel; set the monthly targets; reopen a report from the history.

Generating runs on a worker with progress and "Batal" (TaskProgress); the pages are
rendered on the worker too, so the GUI thread only shows them.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.reports.history import ReportRecord
from ao_desktop.domain.reports.report import ReportNotes
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.services.ports import Progress
from ao_desktop.services.reports.generate import GeneratedReport, generate_report, report_history
from ao_desktop.services.reports.monthly import ReportRequest
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.sheet_preview import choose_printer, print_pdf, render_pages
from ao_desktop.ui.reports.history_table import HistoryTable
from ao_desktop.ui.reports.report_form import ReportForm
from ao_desktop.ui.reports.targets_dialog import TargetsDialog
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.save_dialog import ask_save_path
from ao_desktop.ui.widgets.task_progress import TaskProgress

PREVIEW_SCALE = 1.0  # 72 dpi: a whole A4 width fits beside the form on a 1366-pixel screen


@dataclass(frozen=True)
class Shown:
    pdf: Path
    xlsx: Path | None
    title: str


class ReportsView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = date.today()
        self._officers = list_officers(context.uow)
        can_branch = context.role in (OfficerRole.SUPERVISOR, OfficerRole.ADMIN)
        self.form = ReportForm(self._officers, context.officer_id, can_branch, self._today)
        self.generate_button = QPushButton(self.tr("Buat laporan"))
        self.generate_button.setDefault(True)
        self.targets_button = QPushButton(self.tr("Target bulanan…"))
        left = QFrame()
        left.setFixedWidth(330)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.form, 1)
        left_layout.addWidget(self.generate_button)
        left_layout.addWidget(self.targets_button)
        # Preview tab: the pages one under another, and what can be done with them.
        self.title_label = QLabel(self.tr("Belum ada laporan. Pilih periode lalu klik Buat laporan."))
        self.title_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.excel_button = QPushButton(self.tr("Ekspor Excel…"))
        actions = QHBoxLayout()
        actions.addWidget(self.title_label, 1)
        for button in (self.save_button, self.print_button, self.excel_button):
            actions.addWidget(button)
        self.pages = QWidget()
        self.pages.setStyleSheet("background: #8a8a8a;")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(12)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.addLayout(actions)
        preview_layout.addWidget(self.scroll, 1)
        # History tab.
        self.history = HistoryTable()
        self.reopen_button = QPushButton(self.tr("Buka"))
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history, 1)
        history_buttons = QHBoxLayout()
        history_buttons.addStretch(1)
        history_buttons.addWidget(self.reopen_button)
        history_layout.addLayout(history_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(preview, self.tr("Pratinjau"))
        self.tabs.addTab(history, self.tr("Riwayat laporan"))
        layout = QHBoxLayout(self)
        layout.addWidget(left)
        layout.addWidget(self.tabs, 1)
        self._task = TaskProgress(self)
        self.shown: Shown | None = None
        self.generate_button.clicked.connect(self._on_generate_clicked)
        self.targets_button.clicked.connect(self._on_targets_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.excel_button.clicked.connect(self._on_excel_clicked)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        self.history.reopenRequested.connect(self._reopen)
        self._update_buttons()
        self._load_history()

    # --- generating -----------------------------------------------------------------------
    def _folder(self) -> Path:
        return self._context.reports_folder or Path(tempfile.gettempdir()) / "ao-desktop-reports"

    def _on_generate_clicked(self) -> None:
        try:
            request = ReportRequest(self.form.period(), self.form.report_scope(), self.form.notes(),
                                    self.form.chosen_sections())
        except DomainError as exc:
            show_exception(self, self.tr("Laporan tidak dapat dibuat"), exc)
            return
        uow, who, folder = self._context.uow, self._context.who, self._folder()

        def work(progress: Progress, cancelled) -> tuple[GeneratedReport, list[QImage]]:  # type: ignore[no-untyped-def]
            made = generate_report(uow, request, actor=who, actor_name=who.name, folder=folder,
                                   progress=progress, cancelled=cancelled)
            return made, render_pages(made.pdf, PREVIEW_SCALE)

        self._task.run(self.tr("Membuat laporan…"), work, self._on_generated,
                       failure_title=self.tr("Laporan tidak dapat dibuat"))

    def _on_generated(self, result: tuple[GeneratedReport, list[QImage]]) -> None:
        made, images = result
        r = made.report
        title = self.tr("{p} · {s} · versi {v} · {n} halaman").format(
            p=r.period.label, s=self.form.scope.currentText(), v=r.version, n=made.pages)
        self._show(Shown(made.pdf, made.xlsx, title), images)
        self._load_history()

    def _show(self, shown: Shown, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.shown = shown
        self.title_label.setText(shown.title)
        self.tabs.setCurrentIndex(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.shown is not None
        self.save_button.setEnabled(has)
        self.print_button.setEnabled(has)
        self.excel_button.setEnabled(has and self.shown is not None and self.shown.xlsx is not None)

    # --- what can be done with a report -----------------------------------------------------
    def _copy_to(self, source: Path, title: str, name_filter: str, suffix: str) -> None:
        target = ask_save_path(self, title, Path.home() / source.name, name_filter, suffix)
        if target is None:
            return
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            show_exception(self, self.tr("Berkas tidak tersimpan"), exc)

    def _on_save_clicked(self) -> None:
        if self.shown is not None:
            self._copy_to(self.shown.pdf, self.tr("Simpan laporan sebagai PDF"), self.tr("PDF (*.pdf)"), ".pdf")

    def _on_excel_clicked(self) -> None:
        if self.shown is not None and self.shown.xlsx is not None:
            self._copy_to(self.shown.xlsx, self.tr("Ekspor laporan ke Excel"), self.tr("Excel (*.xlsx)"), ".xlsx")

    def _on_print_clicked(self) -> None:
        if self.shown is None:
            return
        printer = choose_printer(self)
        if printer is None:
            return
        try:
            print_pdf(self.shown.pdf, printer)
        except OSError as exc:
            show_exception(self, self.tr("Laporan tidak tercetak"), exc)

    def _on_targets_clicked(self) -> None:
        TargetsDialog(self._context, self._officers, self._today, self).exec()

    # --- history --------------------------------------------------------------------------
    def reload(self) -> None:
        """The report history read again (the main window's "Coba lagi"); the form and a
        report on screen stay as they are."""
        self._load_history()

    def _load_history(self) -> None:
        self.history.show_records(report_history(self._context.uow, self._context.who))

    def _on_reopen_clicked(self) -> None:
        record = self.history.selected()
        if record is not None:
            self._reopen(record)

    def _reopen(self, record: ReportRecord) -> None:
        pdf = Path(record.pdf_path)
        if not pdf.is_file():
            QMessageBox.warning(self, self.tr("Laporan tidak ditemukan"), self.tr(
                "Berkas {p} sudah tidak ada (dipindah atau dihapus).").format(p=pdf))
            return
        xlsx = Path(record.xlsx_path) if record.xlsx_path and Path(record.xlsx_path).is_file() else None
        title = self.tr("{p} · {s} · versi {v} (dari riwayat)").format(
            p=record.period_label, s=record.scope_label, v=record.version)
        self._show(Shown(pdf, xlsx, title), render_pages(pdf, PREVIEW_SCALE))
        self.form.show_notes(ReportNotes(record.notes_obstacles, record.notes_plan))
