"""ExtractImportDialog: import the branch's core-banking loan extract.

The AO picks the file and the extract's as-of date; "Periksa" reads and checks it on the
worker (progress, Batal) without writing: the header row, the column mapping (one combo
per column, the user confirms or changes it), the rows that will be imported, each
rejected row with its reason, the accounts that match no client and the Kode AO that
match no officer. After a mapping change "Periksa" runs again. "Impor" stores the
extract on the worker in one transaction (Batal rolls back).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_number, format_rupiah
from ao_desktop.domain.imports.sheet_header import column_letter
from ao_desktop.domain.portfolio.extract_columns import EXTRACT_COLUMNS
from ao_desktop.services.portfolio.extract_import import (
    ExtractPreview,
    ExtractResult,
    commit_extract,
    preview_extract,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.task_progress import Cancelled, Progress, TaskProgress

SHOWN_ISSUES = 500


def last_month_end(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


class ExtractImportDialog(QDialog):
    imported = Signal(object)  # ExtractResult

    def __init__(self, context: UiContext, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Impor ekstrak kredit dari core banking"))
        self.resize(900, 640)
        self._context = context
        self.preview: ExtractPreview | None = None
        self.result: ExtractResult | None = None
        self.task = TaskProgress(self)
        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setPlaceholderText(self.tr("Berkas .xlsx, .xls atau .csv"))
        browse = QPushButton(self.tr("Pilih berkas…"))
        browse.clicked.connect(self._on_browse_clicked)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("dd/MM/yyyy")
        self.as_of_edit.setMaximumWidth(160)
        today = date.today()
        self.as_of_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        end = last_month_end(today)
        self.as_of_edit.setDate(QDate(end.year, end.month, end.day))
        self.replace_check = QCheckBox(self.tr("Ganti ekstrak lama (izinkan tanggal posisi yang lebih lama "
                                               "dari ekstrak terbaru)"))
        self.check_button = QPushButton(self.tr("Periksa"))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Berkas"), file_row)
        form.addRow(self.tr("Tanggal posisi"), self.as_of_edit)
        form.addRow("", self.replace_check)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Kolom"), self.tr("Judul di berkas"),
                                                      self.tr("Dibaca sebagai")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary_label = QLabel(self.tr("Pilih berkas dan tanggal posisi, lalu klik Periksa."))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.issues_text = QPlainTextEdit()
        self.issues_text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Impor"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Tutup"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(self.tr("Pemetaan kolom (periksa, ubah bila perlu, lalu Periksa lagi):")))
        layout.addWidget(self.mapping_table, 2)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.issues_text, 2)
        layout.addWidget(self.buttons)

    # --- inputs -------------------------------------------------------------------------
    def as_of(self) -> date:
        d = self.as_of_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_as_of(self, day: date) -> None:
        self.as_of_edit.setDate(QDate(day.year, day.month, day.day))

    def mapping(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for row in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(row, 2)
            if isinstance(combo, QComboBox) and combo.currentData():
                out[row] = str(combo.currentData())
        return out

    def set_field(self, column: int, field: str | None) -> None:
        combo = self.mapping_table.cellWidget(column, 2)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def _on_browse_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Pilih ekstrak kredit"), self.path_edit.text(),
            self.tr("Lembar kerja (*.xlsx *.xlsm *.xls *.csv);;Semua berkas (*)"))
        if name:
            self.path_edit.setText(name)
            self.mapping_table.setRowCount(0)

    # --- check --------------------------------------------------------------------------
    def _on_check_button_clicked(self) -> None:
        self.check()

    def check(self) -> bool:
        """Start the preview on the worker; False when a task is still running."""
        path = Path(self.path_edit.text().strip())
        if not path.is_file():
            self._show_problem(self.tr("Berkas {p} tidak ditemukan.").format(p=path))
            return False
        mapping = self.mapping() if self.mapping_table.rowCount() else None
        as_of, replace = self.as_of(), self.replace_check.isChecked()
        uow = self._context.uow

        def work(progress: Progress, cancelled: Cancelled) -> ExtractPreview:
            return preview_extract(uow, path, as_of, mapping=mapping, replace=replace, progress=progress,
                                   cancelled=cancelled)

        self.import_button.setEnabled(False)
        return self.task.run(self.tr("Memeriksa ekstrak…"), work, self._on_preview_ready,
                             failure_title=self.tr("Ekstrak tidak dapat dibaca"), on_error=self._on_failed,
                             on_cancelled=lambda: self._show_problem(self.tr("Pemeriksaan dibatalkan.")))

    def _on_failed(self, exc: BaseException) -> None:
        self._show_problem(str(exc) if isinstance(exc, DomainError | OSError) else repr(exc))

    def _show_problem(self, text: str) -> None:
        self.summary_label.setText("<span style='color:#B42318'><b>" + text.replace("<", "&lt;") + "</b></span>")
        self.import_button.setEnabled(False)

    def _fill_mapping(self, preview: ExtractPreview) -> None:
        self.mapping_table.setRowCount(len(preview.headers))
        for index, header in enumerate(preview.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(column_letter(index)))
            self.mapping_table.setItem(index, 1, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(self.tr("(abaikan)"), None)
            for column in EXTRACT_COLUMNS:
                combo.addItem(column.label, column.field)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(index))))
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.mapping_table.setCellWidget(index, 2, combo)

    def _on_mapping_changed(self, *_args: object) -> None:
        self.import_button.setEnabled(False)
        self.summary_label.setText(self.tr("Pemetaan diubah: klik <b>Periksa</b> lagi sebelum mengimpor."))

    def _on_preview_ready(self, preview: ExtractPreview) -> None:
        self.preview = preview
        if preview.headers and (self.mapping_table.rowCount() != len(preview.headers)):
            self._fill_mapping(preview)
        if preview.problems:
            self._show_problem(" ".join(preview.problems))
            self.issues_text.setPlainText("")
            return
        n, rejected = len(preview.rows), len(preview.rejected)
        parts = [self.tr("Lembar <b>{s}</b>, judul kolom di baris {h}.").format(s=preview.sheet, h=preview.header_row),
                 self.tr("<b>{n}</b> rekening akan diimpor (baki debet {os}).").format(
                     n=format_number(n), os=format_rupiah(preview.outstanding)),
                 self.tr("{r} baris ditolak; {u} rekening tidak cocok dengan nasabah (tetap diimpor); "
                         "{a} rekening dengan Kode AO tak dikenal (tetap diimpor, tanpa AO).").format(
                     r=format_number(rejected), u=format_number(len(preview.unmatched)),
                     a=format_number(sum(preview.unassigned.values())))]
        if preview.replaces_same_date:
            parts.append(self.tr("<b>Ekstrak posisi yang sama sudah ada dan akan diganti.</b>"))
        self.summary_label.setText(" ".join(parts))
        lines = [self.tr("DITOLAK baris {r}: {why}").format(r=row, why=why)
                 for row, why in preview.rejected_reasons[:SHOWN_ISSUES]]
        lines += [self.tr("Tidak cocok: rekening {a} (NIK {n}, CIF {c}) baris {r}").format(
            a=u.account_no, n=u.nik or "-", c=u.cif or "-", r=u.row) for u in preview.unmatched[:SHOWN_ISSUES]]
        lines += [self.tr("Kode AO {c} tidak dikenal: {n} rekening").format(c=c, n=n)
                  for c, n in sorted(preview.unassigned.items())]
        lines += [self.tr("Peringatan baris {r}: {c}: {m}").format(r=i.row, c=i.column, m=i.message)
                  for i in preview.issues if not i.is_error][:SHOWN_ISSUES]
        self.issues_text.setPlainText("\n".join(lines) or self.tr("Tidak ada masalah."))
        self.import_button.setEnabled(n > 0)

    # --- import -------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.start_import()

    def start_import(self) -> bool:
        preview = self.preview
        if preview is None or preview.problems or not self.import_button.isEnabled():
            return False
        uow, actor = self._context.uow, self._context.who

        def work(progress: Progress, cancelled: Cancelled) -> ExtractResult:
            return commit_extract(uow, preview, actor, progress=progress, cancelled=cancelled)

        self.import_button.setEnabled(False)
        return self.task.run(self.tr("Mengimpor ekstrak…"), work, self._on_imported,
                             failure_title=self.tr("Impor gagal"), on_error=self._on_failed,
                             on_cancelled=lambda: self._show_problem(
                                 self.tr("Impor dibatalkan; database tidak berubah.")))

    def _on_imported(self, result: ExtractResult) -> None:
        self.result = result
        self.imported.emit(result)
        self.accept()
