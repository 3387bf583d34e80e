"""ClientImportDialog: check an AO's client sheet, then import it in one go.

The caller picks the file. On first show the preview runs on the worker (progress,
Batal): the sheet is read, the header row found, the columns mapped and every row
checked, writing nothing. The dialog shows the mapping (changeable per column), what
will happen to each row and the counts for the chosen duplicate policy. "Impor" runs
commit_import on the worker: all accepted rows in one transaction, or none on Batal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QPoint, QSignalBlocker, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.imports.import_plan import DuplicatePolicy, ImportCounts, policy_label
from ao_desktop.domain.imports.sheet_header import mapping_problems
from ao_desktop.services.imports.client_import import (
    ImportPreview,
    ImportResult,
    commit_import,
    preview_import,
    remember_mapping,
    write_error_report,
)
from ao_desktop.ui.clients.import_models import (
    Column,
    ColumnMappingTable,
    ImportPreviewTableModel,
    Planned,
    RowFilter,
    cell_text,
    filter_label,
    format_count,
    planned,
    summary_text,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import inform, show_exception
from ao_desktop.ui.widgets.task_progress import Cancelled, Progress, TaskProgress
from ao_desktop.ui.workers import BackgroundTask, TaskRunner

log = logging.getLogger(__name__)
SYNC_PLAN_ROWS = 5000  # up to here the plan takes < 50 ms and is made on the GUI thread
POLICIES = tuple(DuplicatePolicy)
PREVIEW_WIDTHS = {Column.ROW: 56, Column.ACTION: 78, Column.NAME: 170, Column.NIK: 140,
                  Column.PHONE: 120}  # fmt: skip
ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #3d6b35;"


class ClientImportDialog(QDialog):
    """Preview, mapping, duplicate policy and the import itself; `imported_ids` afterwards."""

    def __init__(self, context: UiContext, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._path = Path(path)
        self.preview: ImportPreview | None = None
        self.counts: ImportCounts | None = None
        self.imported_ids: list[int] = []
        self.tasks = TaskProgress(self)
        self.model = ImportPreviewTableModel(self)
        self._started = False
        self._pending: tuple[str | None, dict[int, str] | None] | None = None
        self._samples: dict[int, str] = {}
        self._planned: Planned = ([], None)
        # The user's choice for single duplicate rows (sheet row -> policy); a new preview
        # (another sheet or mapping) starts without any.
        self.overrides: dict[int, DuplicatePolicy] = {}
        self._planner = TaskRunner(self)
        self._plan_task: BackgroundTask[Planned] | None = None
        self.setWindowTitle(self.tr("Impor nasabah dari Excel"))
        self.resize(1100, 700)
        self._build()
        self._connect()

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_label = QLabel(self.tr("Berkas: <b>{name}</b>").format(name=self._path.name))
        self.file_label.setToolTip(str(self._path))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(160)
        self.header_label = QLabel()
        self.remembered_label = QLabel(self.tr("Pemetaan kolom diingat dari impor sebelumnya"))
        self.remembered_label.setStyleSheet(NOTE_STYLE)
        self.remembered_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.file_label)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Lembar:")))
        top.addWidget(self.sheet_combo)
        top.addSpacing(16)
        top.addWidget(self.header_label)
        top.addStretch(1)
        top.addWidget(self.remembered_label)

        self.mapping_table = ColumnMappingTable()
        self.problems_label = QLabel()
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        mapping_box = QGroupBox(self.tr("Pemetaan kolom"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table)
        mapping_layout.addWidget(self.problems_label)

        self.filter_combo = QComboBox()
        for row_filter in RowFilter:
            self.filter_combo.addItem(filter_label(row_filter), row_filter)
        table = self.table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100,000 rows.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.horizontalHeader().setStretchLastSection(True)
        for column, width in PREVIEW_WIDTHS.items():
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSortIndicator(Column.ROW, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts its index list, not a proxy
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.setToolTip(self.tr("Klik kanan baris duplikat untuk memilih tindakan khusus baris itu."))
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Tampilkan:")))
        filter_row.addWidget(self.filter_combo)
        filter_row.addStretch(1)
        preview_box = QGroupBox(self.tr("Pratinjau"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addLayout(filter_row)
        preview_layout.addWidget(self.table, 1)

        self.policy_group = QButtonGroup(self)
        policy_row = QHBoxLayout()
        policy_row.addWidget(QLabel(self.tr("Data yang sudah ada (duplikat):")))
        for index, policy in enumerate(POLICIES):
            button = QRadioButton(policy_label(policy))
            button.setChecked(policy is DuplicatePolicy.SKIP)
            self.policy_group.addButton(button, index)
            policy_row.addWidget(button)
        policy_row.addStretch(1)
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.summary_label.setWordWrap(True)

        self.note_label = QLabel(
            self.tr("Belum ada yang disimpan. Periksa pratinjau, lalu klik Impor.")
        )
        self.report_button = QPushButton(self.tr("Simpan laporan kesalahan…"))
        self.import_button = QPushButton(self.tr("Impor"))
        self.import_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setAutoDefault(False)
        self.report_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note_label)
        buttons.addStretch(1)
        for button in (self.report_button, self.import_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_box)
        layout.addWidget(preview_box, 1)
        layout.addLayout(policy_row)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        self._update_buttons()

    def _connect(self) -> None:
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_combo_current_index_changed)
        self.mapping_table.mappingChanged.connect(self._on_mapping_table_mapping_changed)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_current_index_changed)
        self.policy_group.idToggled.connect(self._on_policy_group_id_toggled)
        self.table.customContextMenuRequested.connect(self._on_table_custom_context_menu_requested)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.close_button.clicked.connect(self.reject)

    # --- state ------------------------------------------------------------------------------
    def policy(self) -> DuplicatePolicy:
        return POLICIES[max(self.policy_group.checkedId(), 0)]

    def _ready(self) -> bool:
        """A preview without problems whose mapping is the one on screen."""
        preview = self.preview
        return (preview is not None and not preview.problems and not self.tasks.busy
                and self._plan_task is None and preview.mapping == self.mapping_table.mapping())  # fmt: skip

    def _update_buttons(self) -> None:
        counts = self.counts if self._ready() else None
        accepted = counts.accepted if counts else 0
        self.import_button.setText(self.tr("Impor {n} nasabah").format(n=format_count(accepted)))
        self.import_button.setEnabled(accepted > 0)
        notes = self.preview is not None and any(p.note for p in self.preview.rows)
        self.report_button.setEnabled(bool(counts and (counts.rejected or notes)))

    # --- preview ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:  # the progress dialog needs a visible parent
            self._started = True
            self._start_preview(None, None)

    def _start_preview(self, sheet: str | None, mapping: Mapping[int, str] | None) -> None:
        if self.tasks.busy:  # one read at a time; the latest wish runs next
            self._pending = (sheet, dict(mapping) if mapping is not None else None)
            return
        uow, path, who, policy = self._context.uow, self._path, self._context.who, self.policy()

        def work(progress: Progress, cancelled: Cancelled) -> tuple[ImportPreview, Planned]:
            preview = preview_import(uow, path, who, sheet=sheet, mapping=mapping,
                                     progress=progress, cancelled=cancelled)  # fmt: skip
            return preview, planned(preview, policy)  # a new preview: no row choices yet

        self.tasks.run(self.tr("Membaca {name}…").format(name=path.name), work,
                       self._on_preview_done, on_error=self._on_preview_failed,
                       on_cancelled=self._on_preview_cancelled,
                       failure_title=self.tr("Berkas tidak dapat dibaca"))  # fmt: skip
        self._update_buttons()

    def _run_pending(self) -> bool:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start_preview(*pending)
        return pending is not None

    def _on_preview_done(self, result: tuple[ImportPreview, Planned]) -> None:
        preview, self._planned = result
        self.overrides = {}
        if self.preview is None or preview.sheet != self.preview.sheet:
            self._samples = {}
        if preview.rows:
            first = preview.rows[0].values
            self._samples = {c: cell_text(first[c]) for c in range(len(first))}
        self.preview = preview
        if not self._run_pending():
            self._show_preview()

    def _on_preview_failed(self, exc: BaseException) -> None:
        show_exception(self, self.tr("Berkas tidak dapat dibaca"), exc)
        self._on_preview_cancelled()

    def _on_preview_cancelled(self) -> None:
        if self.preview is None:
            self.reject()  # nothing was read: nothing to show
        elif not self._run_pending():
            self._show_preview()  # back to what the last good preview showed

    def _show_preview(self) -> None:
        preview = self.preview
        assert preview is not None
        with QSignalBlocker(self.sheet_combo):
            self.sheet_combo.clear()
            for info in preview.sheets:
                text = (
                    self.tr("{name} (tersembunyi)").format(name=info.name)
                    if info.hidden
                    else info.name
                )
                self.sheet_combo.addItem(text, info.name)
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(preview.sheet), 0))
        header = (self.tr("Baris judul: {n}").format(n=preview.header_row) if preview.header_row
                  else self.tr("Baris judul tidak ditemukan"))  # fmt: skip
        if preview.skipped_rows:
            header += self.tr(" \u00b7 {n} baris kosong dilewati").format(
                n=format_count(preview.skipped_rows)
            )
        self.header_label.setText(header)
        self.remembered_label.setVisible(preview.mapping_remembered)
        self.mapping_table.show_columns(preview.headers, preview.mapping, self._samples)
        self._show_problems(preview.problems)
        self._show_plan(self._planned)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))

    def _replan(self) -> None:
        """The plan for the chosen policy: here for small sheets, else on the worker (for
        100,000 rows it takes up to a second)."""
        if self._plan_task is not None:
            self._plan_task.cancel()  # a stale answer is never delivered
            self._plan_task = None
        preview, policy, overrides = self.preview, self.policy(), dict(self.overrides)
        if preview is None or not self._ready():
            self._show_plan(([], None))
        elif len(preview.rows) <= SYNC_PLAN_ROWS:
            self._show_plan(planned(preview, policy, overrides))
        else:
            self.summary_label.setText(self.tr("Menghitung…"))
            self._plan_task = self._planner.submit(
                lambda _token: planned(preview, policy, overrides), self._on_planner_done
            )
            self._update_buttons()

    def _on_planner_done(self, result: Planned) -> None:
        self._plan_task = None
        self._show_plan(result)

    def _show_plan(self, result: Planned) -> None:
        plan, self.counts = result
        preview = self.preview
        self.model.set_plan(plan, preview.mapping if preview is not None else {})
        if self.counts is not None and self._ready():
            self.summary_label.setText(summary_text(self.counts))
        else:
            self.counts = None
            self.summary_label.setText(
                self.tr("Tidak ada yang bisa diimpor sebelum masalah di atas diperbaiki.")
            )
        self._update_buttons()

    # --- slots ------------------------------------------------------------------------------
    def _on_sheet_combo_current_index_changed(self, _index: int) -> None:
        self._start_preview(self.sheet_combo.currentData(), None)

    def _on_mapping_table_mapping_changed(self) -> None:
        mapping, preview = self.mapping_table.mapping(), self.preview
        problems = mapping_problems(mapping)
        self._show_problems(problems)
        if problems or preview is None or mapping == preview.mapping:
            self._replan()  # nothing to read again: the mapping is wrong, or back as it was
        else:
            self._start_preview(preview.sheet, mapping)

    def _on_policy_group_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._replan()

    def _on_table_custom_context_menu_requested(self, pos: QPoint) -> None:
        rows = sorted({self.model.planned(i.row()).row.row
                       for i in self.table.selectionModel().selectedRows()
                       if self.model.planned(i.row()).duplicate is not None})  # fmt: skip
        if not rows:
            return
        menu = QMenu(self)
        title = (self.tr("Baris {r}:").format(r=rows[0]) if len(rows) == 1
                 else self.tr("{n} baris duplikat terpilih:").format(n=format_count(len(rows))))  # fmt: skip
        menu.addSection(title)
        for policy in POLICIES:
            action = menu.addAction(policy_label(policy))
            action.triggered.connect(lambda _c=False, p=policy: self.choose_for_rows(rows, p))
        menu.addAction(self.tr("Ikuti pilihan umum"),
                       lambda: self.choose_for_rows(rows, None))  # fmt: skip
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def choose_for_rows(self, rows: list[int], policy: DuplicatePolicy | None) -> None:
        """Set (or with None, clear) the duplicate choice for single sheet rows."""
        for row in rows:
            if policy is None:
                self.overrides.pop(row, None)
            else:
                self.overrides[row] = policy
        self._replan()

    def _on_filter_combo_current_index_changed(self, _index: int) -> None:
        self.model.set_filter(RowFilter(self.filter_combo.currentData()))

    def _on_report_button_clicked(self) -> None:
        preview, path = self.preview, self._choose_report_path()
        if preview is None or path is None:
            return
        self.tasks.run(self.tr("Menulis laporan kesalahan…"),
                       lambda _progress, _cancelled: write_error_report(preview, path),
                       lambda n: self._on_report_written(n, path),
                       failure_title=self.tr("Laporan kesalahan tidak tersimpan"),
                       cancellable=False)  # fmt: skip

    def _on_report_written(self, rows: int, path: Path) -> None:
        inform(self, self.tr("Laporan kesalahan"),
               self.tr("{n} baris yang ditolak beserta alasannya disimpan ke:\n{path}")
               .format(n=format_count(rows), path=path))  # fmt: skip

    def _on_import_button_clicked(self) -> None:
        preview = self.preview
        if preview is None or not self._ready():
            return
        uow, policy, who = self._context.uow, self.policy(), self._context.who
        overrides = dict(self.overrides)

        def work(progress: Progress, cancelled: Cancelled) -> ImportResult:
            result = commit_import(
                uow, preview, policy, who, overrides=overrides, progress=progress,
                cancelled=cancelled,
            )
            try:  # a convenience for next time: never fails an import that is done
                remember_mapping(uow, preview.layout_key, preview.mapping)
            except Exception:  # noqa: BLE001
                log.warning("could not remember the column mapping", exc_info=True)
            return result

        self.tasks.run(self.tr("Mengimpor nasabah…"), work, self._on_import_done,
                       on_cancelled=self._on_import_cancelled,
                       failure_title=self.tr("Impor gagal"))  # fmt: skip
        self._update_buttons()

    def _on_import_done(self, result: ImportResult) -> None:
        self.imported_ids = [*result.new_ids, *result.merged_ids]
        counts, n = result.counts, format_count
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        inform(self, self.tr("Impor selesai"), self.tr(
            "Impor selesai dalam {s} detik.\n\n{inserted} nasabah baru\n{merged} digabung ke "
            "data yang ada\n{skipped} dilewati\n{rejected} ditolak"
        ).format(s=seconds, inserted=n(counts.inserted), merged=n(counts.merged),
                 skipped=n(counts.skipped), rejected=n(counts.rejected)))  # fmt: skip
        self.accept()

    def _on_import_cancelled(self) -> None:
        self._update_buttons()
        inform(
            self, self.tr("Impor dibatalkan"), self.tr("Impor dibatalkan; database tidak berubah.")
        )

    def _choose_report_path(self) -> Path | None:
        """Where to save the error report (None: cancelled); tests replace this."""
        default = self._path.with_name(self.tr("{stem}-ditolak.xlsx").format(stem=self._path.stem))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan kesalahan"), str(default),
            self.tr("Buku kerja Excel (*.xlsx)"))  # fmt: skip
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def reject(self) -> None:
        if not self.tasks.busy:  # an import that runs is finished or cancelled first
            super().reject()
