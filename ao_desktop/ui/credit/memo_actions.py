"""Preview, print and save the credit memo (MAK) of one application.

A memo is written in well under half a second, so it is written on the GUI thread under
a wait cursor rather than through a worker; the preview and printing reuse the product
sheet's PDFium rendering.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.services.credit.credit_memo import write_memo
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.sheet_preview import (
    PdfPreviewDialog,
    choose_printer,
    print_pdf,
    render_pages,
)
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.save_dialog import SaveFileDialog


class MemoActions(QObject):
    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.application_id: int | None = None

    def _write(self, out: Path) -> bool:
        assert self.application_id is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_memo(self._context.uow, self.application_id, out)
        except (DomainError, OSError) as exc:
            show_exception(self._parent, self.tr("Memo tidak dapat dibuat"), exc)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True

    def _temp(self) -> Path:
        handle, name = tempfile.mkstemp(prefix="mak-", suffix=".pdf")
        os.close(handle)
        return Path(name)

    def preview(self) -> None:
        if self.application_id is None:
            return
        temp = self._temp()
        try:
            if not self._write(temp):
                return
            pages = render_pages(temp)
        finally:
            temp.unlink(missing_ok=True)
        dialog = PdfPreviewDialog(self.tr("Memorandum Analisa Kredit no. {i}").format(i=self.application_id),
                                  pages, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printRequested.connect(self.print)
        dialog.saveRequested.connect(self.save)
        dialog.open()

    def save(self) -> None:
        if self.application_id is None:
            return
        dialog = SaveFileDialog(self._parent, self.tr("Simpan memo"), Path.home() / f"MAK-{self.application_id}.pdf",
                                self.tr("PDF (*.pdf)"), ".pdf")
        if dialog.exec() and (path := dialog.final_path()) is not None:
            self._write(path)

    def print(self) -> None:
        if self.application_id is None:
            return
        printer = choose_printer(self._parent)
        if printer is None:
            return
        temp = self._temp()
        try:
            if self._write(temp):
                print_pdf(temp, printer)
        except OSError as exc:
            show_exception(self._parent, self.tr("Memo tidak tercetak"), exc)
        finally:
            temp.unlink(missing_ok=True)
