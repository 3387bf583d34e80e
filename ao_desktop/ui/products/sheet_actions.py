"""SheetActions: "Pratinjau", "Simpan PDF…" and "Cetak…" of the product sheet.

The sheet is written by one service call (`make_riplay`) on a worker thread, so
the window stays responsive while a 360-line schedule is laid out; `busyChanged` drives
the view's busy indicator. The preview's pages are rendered on the same worker; the
printer is asked for first (a dialog belongs to the GUI thread), then the sheet is
written to a temporary file, printed page by page and deleted.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import remember_folder, remembered_folder
from ao_desktop.ui.products.sheet_preview import (
    PdfPreviewDialog,
    choose_printer,
    print_pdf,
    render_pages,
)
from ao_desktop.ui.widgets.messages import confirm, show_exception
from ao_desktop.ui.widgets.save_dialog import ask_save_path
from ao_desktop.ui.workers import CancelToken, TaskRunner

log = logging.getLogger(__name__)
FOLDER_KEY = "products/sheet_folder"
T = TypeVar("T")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class SheetRequest:
    """The simulation on screen, as the sheet service takes it."""

    code: str
    product_name: str
    amount: int = 0
    tenor_months: int = 0
    method: InterestMethod | None = None
    start_date: date | None = None
    previous_uses: int = 0
    client_id: int | None = None
    client_name: str = ""
    comparison_methods: tuple[InterestMethod, ...] = ()
    aro: bool = False
    rollovers: int = 0
    # The client's DSR is over the product's limit: said, and asked about, before the
    # sheet goes to the client.
    dsr_warning: str = ""


def default_file_name(request: SheetRequest, today: date | None = None) -> str:
    """`Simulasi KPR - Siti Nurhaliza - 2026-11-27.pdf` (safe on Windows)."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", request.product_name).strip() or request.code
    parts = [f"Simulasi {name}"]
    if request.client_name.strip():
        parts.append(request.client_name.strip())
    parts.append((today or date.today()).isoformat())
    text = _UNSAFE.sub(" ", " - ".join(parts))
    return " ".join(text.split())[:150] + ".pdf"


def _temp_pdf() -> Path:
    fd, name = tempfile.mkstemp(prefix="ao-sheet-", suffix=".pdf")
    os.close(fd)
    return Path(name)


class SheetActions(QObject):
    """Runs the sheet's three actions for whatever `request()` describes right now."""

    busyChanged = Signal(bool)  # noqa: N815 - Qt signal naming
    finished = Signal(str)  # noqa: N815 - a short sentence for the status line

    def __init__(
        self,
        context: UiContext,
        request: Callable[[], SheetRequest | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._request = request
        self._parent = parent
        self._runner = TaskRunner(self)
        self._busy = False
        self.preview_dialog: PdfPreviewDialog | None = None

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def busy(self) -> bool:
        return self._busy

    # --- the three actions ----------------------------------------------------------------
    def preview(self) -> None:
        request = self._request()
        if request is None or self.busy:
            return

        def work(_token: CancelToken) -> list[QImage]:
            temp = _temp_pdf()
            try:
                self._write(request, temp)
                return render_pages(temp)
            finally:
                temp.unlink(missing_ok=True)

        self._submit(work, lambda pages: self._show_preview(request, pages),
                     self.tr("Pratinjau gagal"))  # fmt: skip

    def save(self) -> None:
        request = self._request()
        if request is None or self.busy or not self._confirm(request, self.tr("Tetap simpan")):
            return
        folder = self._folder()
        path = ask_save_path(self._parent, self.tr("Simpan {doc}").format(doc=self._noun().lower()),
                             folder / self._file_name(request), self.tr("Dokumen PDF (*.pdf)"), ".pdf")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        """Write the sheet to `path` off the GUI thread (replaced only by a whole PDF)."""
        request = self._request()
        if request is None or self.busy:
            return
        remember_folder(FOLDER_KEY, path)
        self._submit(
            lambda _token: self._write(request, path, record=True),
            lambda pages: self.finished.emit(
                self.tr("{doc} disimpan: {path} ({n} halaman)").format(
                    doc=self._noun(), path=path, n=pages
                )
            ),
            self.tr("{doc} tidak tersimpan").format(doc=self._noun()),
        )

    def print(self) -> None:
        request = self._request()
        if request is None or self.busy or not self._confirm(request, self.tr("Tetap cetak")):
            return
        printer = choose_printer(self._parent)
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Write the sheet to a temporary file off the GUI thread, then print it here."""
        request = self._request()
        if request is None or self.busy:
            return

        def work(_token: CancelToken) -> Path:
            temp = _temp_pdf()
            try:
                self._write(request, temp, record=True)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
            return temp

        self._submit(work, lambda temp: self._print_file(temp, printer),
                     self.tr("{doc} tidak tercetak").format(doc=self._noun()))  # fmt: skip

    # --- what a subclass changes -----------------------------------------------------------
    def _noun(self) -> str:
        """The document, as the messages name it."""
        return self.tr("Lembar produk")

    def _file_name(self, request: SheetRequest) -> str:
        return default_file_name(request)

    # --- helpers --------------------------------------------------------------------------
    def _confirm(self, request: SheetRequest, go_on: str) -> bool:
        """Ask before a sheet over the client's DSR limit goes to the client."""
        if not request.dsr_warning:
            return True
        text = request.dsr_warning + "\n\n" + self.tr(
            "Lembar ini memuat simulasi yang melebihi kemampuan bayar nasabah. Lanjutkan?"
        )
        return confirm(self._parent, self.tr("DSR melebihi batas"), text, go_on)

    def _write(self, request: SheetRequest, out: Path, record: bool = False) -> int:
        """The one service call behind every action (runs on the worker thread). A saved or
        printed personal RIPLAY is recorded on the client (`record`); a preview is not."""
        spec = SheetSpec(
            code=request.code, amount=request.amount, tenor_months=request.tenor_months,
            officer_id=self._context.officer_id, client_id=request.client_id,
            method=request.method, start_date=request.start_date,
            previous_uses=request.previous_uses, comparison_methods=request.comparison_methods,
            aro=request.aro, rollovers=request.rollovers,
        )  # fmt: skip
        return make_riplay(self._context.uow, spec, out, record=record).pages

    def _submit(
        self,
        work: Callable[[CancelToken], T],
        on_result: Callable[[T], None],
        failure_title: str,
    ) -> None:
        self._set_busy(True)

        def done(result: T) -> None:
            self._set_busy(False)
            on_result(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            show_exception(self._parent, failure_title, exc)

        self._runner.submit(work, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit(busy)

    def _show_preview(self, request: SheetRequest, pages: list[QImage]) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        title = self.tr("Pratinjau lembar produk \u2014 {name}").format(name=request.product_name)
        dialog = self.preview_dialog = PdfPreviewDialog(title, pages, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printRequested.connect(self.print)
        dialog.saveRequested.connect(self.save)
        dialog.destroyed.connect(self._on_preview_destroyed)
        dialog.open()

    def _on_preview_destroyed(self) -> None:
        self.preview_dialog = None

    def _print_file(self, temp: Path, printer: QPrinter) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_pdf(temp, printer)
        except Exception as exc:  # noqa: BLE001 - a printer problem is shown, never a crash
            show_exception(
                self._parent, self.tr("{doc} tidak tercetak").format(doc=self._noun()), exc
            )
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            temp.unlink(missing_ok=True)
        self.finished.emit(self.tr("{n} halaman dikirim ke printer").format(n=pages))

    def _folder(self) -> Path:
        return remembered_folder(FOLDER_KEY)
