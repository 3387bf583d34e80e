"""Showing and printing a product sheet PDF inside the app.

QtPdf is not part of PySide6-Essentials, so pages are rasterised with pypdfium2 (PDFium)
into QImages straight from its RGBX buffer (no PIL). Rendering a page is plain CPU work
that touches no widget, so the preview's pages are rendered on the worker thread that
wrote the PDF; printing renders one page at a time at the printer's resolution (capped,
so an A4 page stays within a few tens of megabytes) and paints it onto the QPrinter.
The printer chosen last is remembered and preselected next time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import pypdfium2 as pdfium

POINTS_PER_INCH = 72
PREVIEW_SCALE = 1.5  # 108 dpi: an A4 page is 893 x 1263 pixels, sharp on a laptop screen
MAX_PRINT_DPI = 300  # an A4 page at 300 dpi is ~35 MB as RGBX; at 600 it would be 140 MB
PRINTER_KEY = "products/printer"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SheetPreview", text)


def render_page(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """One page as a QImage, copied out of PDFium's buffer before the bitmap is freed."""
    page = document[index]
    try:
        bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        try:
            # rev_byteorder + prefer_bgrx give R, G, B, X bytes: RGBX8888 on any endianness.
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # fmt: skip
        finally:
            bitmap.close()
    finally:
        page.close()
    return image


def render_pages(path: Path, scale: float = PREVIEW_SCALE) -> list[QImage]:
    """Every page of the PDF at `path` (any thread: QImage is not a widget)."""
    import pypdfium2 as pdfium  # ~75 ms to load: only when a sheet is shown or printed

    document = pdfium.PdfDocument(str(path))
    try:
        return [render_page(document, i, scale) for i in range(len(document))]
    finally:
        document.close()


def print_pdf(path: Path, printer: QPrinter, max_dpi: int = MAX_PRINT_DPI) -> int:
    """Paint every page of the PDF onto `printer`, fitted to its page; the pages printed."""
    dpi = min(printer.resolution(), max_dpi)
    import pypdfium2 as pdfium  # ~75 ms to load: only when a sheet is shown or printed

    document = pdfium.PdfDocument(str(path))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise OSError(_tr("Printer tidak dapat dipakai."))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = painter.viewport()
        count = len(document)
        for index in range(count):
            if index:
                printer.newPage()
            image = render_page(document, index, dpi / POINTS_PER_INCH)
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - size.width()) // 2
            y = target.y() + (target.height() - size.height()) // 2
            painter.setViewport(x, y, size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            painter.setWindow(target)
        return count
    finally:
        if painter.isActive():
            painter.end()
        document.close()


# --- the remembered printer ---------------------------------------------------------------
def _settings() -> QSettings:
    # The application's own store (the same as main_window.app_settings).
    return QSettings("AO Desktop", "AO Desktop")


def remember_printer(printer: QPrinter) -> None:
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        _settings().setValue(PRINTER_KEY, printer.printerName())


def remembered_printer() -> str:
    value = _settings().value(PRINTER_KEY, "")
    return value if isinstance(value, str) else ""


def preselect_printer(printer: QPrinter) -> None:
    """Point `printer` at the printer chosen last time, if it is still installed."""
    name = remembered_printer()
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The system print dialog with the remembered printer preselected; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the sheet is A4
    preselect_printer(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Cetak lembar produk"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    remember_printer(printer)
    return printer


class PdfPreviewDialog(QDialog):
    """The rendered pages one under another, with Cetak…, Simpan PDF… and Tutup."""

    printRequested = Signal()  # noqa: N815 - Qt signal naming
    saveRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, title: str, pages: list[QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(980, 720)
        self.page_labels: list[QLabel] = []
        column = QWidget()
        column.setStyleSheet("background: #8a8a8a;")
        pages_layout = QVBoxLayout(column)
        pages_layout.setSpacing(14)
        pages_layout.setContentsMargins(16, 16, 16, 16)
        for image in pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QFrame.Shape.Box)
            label.setStyleSheet("background: white; border: 1px solid #555;")
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.count_label = QLabel(self.tr("{n} halaman").format(n=len(pages)))
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            self.tr("Cetak…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = buttons.addButton(
            self.tr("Simpan PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.addButton(
            self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.print_button.clicked.connect(self.printRequested)
        self.save_button.clicked.connect(self.saveRequested)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        footer = QVBoxLayout()
        footer.addWidget(self.count_label)
        layout.addLayout(footer)
        layout.addWidget(buttons)
