"""The RIPLAY tab of the client 360 panel: every personal RIPLAY handed to the client
(when, which product, amount, tenor, rate, terms version, AO), newest first, and
"Simpan ulang PDF…" to write the identical document again from the record.

The reprint is one service call on a worker thread; it reads the record's snapshot,
never today's catalog, so the copy shows what the client received.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.common.formatting import format_datetime, format_pct, format_rupiah
from ao_desktop.domain.products.riplay import RiplayRecord
from ao_desktop.services.products.riplay_records import list_riplay_records, reprint_riplay
from ao_desktop.ui.clients.detail_tabs import _read_only_table
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import remember_folder, remembered_folder
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.workers import TaskRunner

FOLDER_KEY = "products/sheet_folder"  # the folder the product sheets are saved to


class RiplayTab(QWidget):
    """The client's recorded RIPLAYs and their reprint."""

    reprinted = Signal(str)  # noqa: N815 - the path written, for a status line

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._records: list[RiplayRecord] = []
        self._runner = TaskRunner(self)
        self.table = _read_only_table(
            [self.tr("Tanggal"), self.tr("Produk"), self.tr("Nominal"), self.tr("Tenor"),
             self.tr("Bunga"), self.tr("Versi ketentuan"), self.tr("AO")]
        )  # fmt: skip
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.hint_label = QLabel(
            self.tr(
                "RIPLAY personal yang dicetak atau disimpan untuk nasabah ini tercatat di sini."
            )
        )
        self.hint_label.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("Simpan ulang PDF…"))
        self.reprint_button.setToolTip(
            self.tr("Dokumen yang sama persis dengan yang diterima nasabah, dari catatan ini")
        )
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def title(self, _profile: ClientProfile) -> str:
        count = len(self._records)
        return self.tr("RIPLAY ({n})").format(n=count) if count else self.tr("RIPLAY")

    def show_profile(self, profile: ClientProfile) -> None:
        client_id = profile.client.id
        self._records = list_riplay_records(self._context.uow, client_id) if client_id else []
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            tenor = self.tr("{n} bulan").format(n=record.tenor_months) if record.tenor_months else "—"
            cells = (
                format_datetime(record.printed_at),
                f"{record.product_name} ({record.product_code})",
                format_rupiah(record.amount) if record.amount else "—",
                tenor,
                format_pct(record.rate_pa),
                record.terms_version,
                record.officer_name or "—",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.reprint_button.setEnabled(False)

    def selected_record(self) -> RiplayRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else None

    def reprint_to(self, path: Path) -> None:
        """Write the selected record's document to `path` off the GUI thread."""
        record = self.selected_record()
        if record is None or record.id is None:
            return
        remember_folder(FOLDER_KEY, path)
        record_id = record.id
        self.reprint_button.setEnabled(False)

        def done(_pages: int) -> None:
            self.reprint_button.setEnabled(self.selected_record() is not None)
            self.reprinted.emit(str(path))

        def failed(exc: BaseException) -> None:
            self.reprint_button.setEnabled(self.selected_record() is not None)
            show_exception(self, self.tr("RIPLAY tidak tersimpan"), exc)

        self._runner.submit(
            lambda _token: reprint_riplay(self._context.uow, record_id, path), done, failed
        )

    def _on_table_item_selection_changed(self) -> None:
        self.reprint_button.setEnabled(self.selected_record() is not None)

    def _on_reprint_button_clicked(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        name = f"RIPLAY {record.product_code} - {record.printed_at:%Y-%m-%d %H%M}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan ulang RIPLAY"), str(remembered_folder(FOLDER_KEY) / name),
            self.tr("Dokumen PDF (*.pdf)"),
        )  # fmt: skip
        if path:
            self.reprint_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))
