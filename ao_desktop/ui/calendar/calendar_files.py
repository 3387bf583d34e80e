"""Files the calendar writes: the day's visit list (saved as PDF or printed through the
print dialog) and the officer's schedule as .ics for the phone. The writing runs off
the GUI thread; results and errors come back as signals."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ao_desktop.services.calendar.agenda import write_visit_list_pdf
from ao_desktop.services.calendar.calendar_export import export_calendar
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import remember_folder, remembered_folder
from ao_desktop.ui.products.sheet_preview import preselect_printer, print_pdf, remember_printer
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.save_dialog import ask_save_path
from ao_desktop.ui.workers import TaskRunner

FOLDER_KEY = "folders/calendar"
EXPORT_WEEKS = 8


class CalendarFiles(QObject):
    finished = Signal(str)  # what was done, for the status line

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.runner = TaskRunner(self)

    def save_visit_list(self, day: date, officer_id: int | None) -> None:
        start = remembered_folder(FOLDER_KEY) / f"kunjungan-{day.isoformat()}.pdf"
        path = ask_save_path(self._parent, self.tr("Simpan daftar kunjungan"), start,
                             self.tr("PDF (*.pdf)"), ".pdf")
        if path is not None:
            remember_folder(FOLDER_KEY, path)
            self.write_visit_list(path, day, officer_id)

    def write_visit_list(self, path: Path, day: date, officer_id: int | None) -> None:
        uow = self._context.uow
        self._submit(lambda: write_visit_list_pdf(uow, path, day, officer_id),
                     lambda n: self.tr("{n} kunjungan ditulis ke {p}").format(n=n, p=path),
                     self.tr("Daftar kunjungan tidak tersimpan"))

    def print_visit_list(self, day: date, officer_id: int | None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        preselect_printer(printer)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(self.tr("Cetak daftar kunjungan"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        remember_printer(printer)
        self.print_visit_list_to(printer, day, officer_id)

    def print_visit_list_to(self, printer: QPrinter, day: date, officer_id: int | None) -> None:
        uow = self._context.uow
        temp = Path(tempfile.mkstemp(prefix="ao-kunjungan-", suffix=".pdf")[1])

        def work() -> Path:
            write_visit_list_pdf(uow, temp, day, officer_id)
            return temp

        def printed(path: Path) -> str:
            try:
                pages = print_pdf(path, printer)
            finally:
                path.unlink(missing_ok=True)
            return self.tr("{n} halaman dikirim ke printer").format(n=pages)

        self._submit(work, printed, self.tr("Daftar kunjungan tidak tercetak"),
                     cleanup=lambda: temp.unlink(missing_ok=True))

    def export_ics(self, officer_id: int | None, first: date) -> None:
        start = remembered_folder(FOLDER_KEY) / "jadwal-ao.ics"
        path = ask_save_path(self._parent, self.tr("Ekspor jadwal ke kalender ponsel"), start,
                             self.tr("iCalendar (*.ics)"), ".ics")
        if path is not None:
            remember_folder(FOLDER_KEY, path)
            self.write_ics(path, officer_id, first)

    def write_ics(self, path: Path, officer_id: int | None, first: date) -> None:
        uow = self._context.uow
        last = first + timedelta(weeks=EXPORT_WEEKS)
        self._submit(lambda: export_calendar(uow, path, first, last, officer_id),
                     lambda n: self.tr("{n} kegiatan diekspor ke {p}; buka berkas itu di ponsel "
                                       "untuk memasukkannya ke kalender").format(n=n, p=path),
                     self.tr("Jadwal tidak diekspor"))

    def _submit(self, work: Callable[[], Any], done: Callable[[Any], str], failed_title: str,
                cleanup: Callable[[], None] | None = None) -> None:
        def on_result(result: Any) -> None:
            try:
                self.finished.emit(done(result))
            except Exception as exc:  # noqa: BLE001 - a printer problem is shown, not a crash
                show_exception(self._parent, failed_title, exc)

        def on_error(exc: BaseException) -> None:
            if cleanup is not None:
                cleanup()
            show_exception(self._parent, failed_title, exc)

        self.runner.submit(lambda _token: work(), on_result, on_error)
