"""ProductsView: the catalog, the product explained, its simulator, and the product sheet.

Left, the catalog (catalog_panel.py). Right, the chosen product under three tabs:
"Penjelasan" (product_page.py), "Simulasi" (the loan simulator with its schedule table
and chart, or the deposit simulator) and "Perbandingan" (up to three options side by
side). Above the tabs, the product sheet's "Pratinjau", "Simpan PDF…" and "Cetak…",
written on a worker thread while a busy bar runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.formatting import format_date, format_rupiah
from ao_desktop.domain.products.affordability import over_limit_text
from ao_desktop.domain.products.loan_schedule import LoanSchedule
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.products.figures_export import export_loan_schedule
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.catalog_panel import CatalogPanel
from ao_desktop.ui.products.comparison_actions import ComparisonActions, ComparisonRequest
from ao_desktop.ui.products.comparison_panel import MAX_ENTRIES, ComparisonEntry, ComparisonPanel
from ao_desktop.ui.products.deposit_panel import DepositPanel
from ao_desktop.ui.products.figures_excel import FiguresExcelButton, file_name
from ao_desktop.ui.products.product_page import ProductPage
from ao_desktop.ui.products.schedule_chart import ScheduleChart
from ao_desktop.ui.products.schedule_model import Column, ScheduleTableModel
from ao_desktop.ui.products.sheet_actions import SheetActions, SheetRequest
from ao_desktop.ui.products.simulator_panel import LoanSimulatorPanel

TAB_PAGE, TAB_SIMULATION, TAB_COMPARISON = 0, 1, 2


class ProductsView(QWidget):
    """The Products view (Produk) of the main window."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._product: Product | None = None
        self.catalog = CatalogPanel(context)
        self.page = ProductPage()
        self.simulator = LoanSimulatorPanel(context)
        self.deposit = DepositPanel(context)
        self.comparison = ComparisonPanel()
        self.schedule_model = ScheduleTableModel(self)
        self.chart = ScheduleChart()
        self.sheet = SheetActions(context, self.sheet_request, self)
        self.comparison_sheet = ComparisonActions(context, self.comparison_request, self)
        self._build_header()
        self._build_simulation_tab()
        self._build_layout()
        self._connect()
        self.setFocusProxy(self.catalog.search_edit)
        self.catalog.reload()

    # --- building -------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.title_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_button = QPushButton(self.tr("Pratinjau"))
        self.preview_button.setToolTip(self.tr("Lihat lembar produk untuk nasabah sebelum dicetak"))
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: the sheet takes well under a second
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        self.status_label.setWordWrap(True)

    def _build_simulation_tab(self) -> None:
        table = self.schedule_table = QTableView()
        table.setModel(self.schedule_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        schedule_box = QWidget()
        schedule_layout = QVBoxLayout(schedule_box)
        schedule_layout.setContentsMargins(0, 0, 0, 0)
        schedule_layout.addWidget(table, 1)
        self.schedule_excel = FiguresExcelButton(self._export_schedule, self._schedule_file_name)
        self.schedule_excel.setEnabled(False)
        totals_row = QHBoxLayout()
        totals_row.addWidget(self.totals_label, 1)
        totals_row.addWidget(self.schedule_excel, 0, Qt.AlignmentFlag.AlignTop)
        schedule_layout.addLayout(totals_row)
        self.results_splitter = QSplitter(Qt.Orientation.Vertical)
        self.results_splitter.addWidget(schedule_box)
        self.results_splitter.addWidget(self.chart)
        self.results_splitter.setSizes([330, 230])
        self.results_splitter.setChildrenCollapsible(False)
        inputs = QScrollArea()
        inputs.setWidget(self.simulator)
        inputs.setWidgetResizable(True)
        inputs.setFrameShape(QFrame.Shape.NoFrame)
        inputs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inputs.setMinimumWidth(340)
        self.loan_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.loan_splitter.addWidget(inputs)
        self.loan_splitter.addWidget(self.results_splitter)
        self.loan_splitter.setStretchFactor(0, 2)
        self.loan_splitter.setStretchFactor(1, 3)
        self.loan_splitter.setSizes([395, 600])
        self.loan_splitter.setChildrenCollapsible(False)
        self.no_simulation_label = QLabel()
        self.no_simulation_label.setWordWrap(True)
        self.no_simulation_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.simulation_stack = QStackedWidget()
        for page in (self.loan_splitter, self.deposit, self.no_simulation_label):
            self.simulation_stack.addWidget(page)

    def _build_layout(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self.page, self.tr("Penjelasan"))
        self.tabs.addTab(self.simulation_stack, self.tr("Simulasi"))
        self.tabs.addTab(self.comparison, self.tr("Perbandingan"))
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.busy_bar)
        for button in (self.preview_button, self.save_button, self.print_button):
            header.addWidget(button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.status_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.catalog)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 1000])  # wide enough for product names like "KUR Mikro"
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.catalog.productSelected.connect(self._on_catalog_product_selected)
        self.catalog.statusMessage.connect(self.status_label.setText)
        self.simulator.scheduleChanged.connect(self._on_simulator_schedule_changed)
        self.simulator.compareRequested.connect(self._on_simulator_compare_requested)
        self.deposit.resultChanged.connect(lambda _r: self._update_sheet_buttons())
        self.deposit.productRequested.connect(self.catalog.select_code)
        self.comparison.entriesChanged.connect(self._on_comparison_entries_changed)
        self.preview_button.clicked.connect(self.sheet.preview)
        self.save_button.clicked.connect(self.sheet.save)
        self.print_button.clicked.connect(self.sheet.print)
        self.sheet.busyChanged.connect(self._on_sheet_busy_changed)
        self.sheet.finished.connect(self.status_label.setText)
        self.comparison.save_button.clicked.connect(self.comparison_sheet.save)
        self.comparison.print_button.clicked.connect(self.comparison_sheet.print)
        self.comparison_sheet.busyChanged.connect(self._on_sheet_busy_changed)
        self.comparison_sheet.finished.connect(self.status_label.setText)
        self.schedule_excel.written.connect(self.status_label.setText)
        self.deposit.excel_button.written.connect(self.status_label.setText)

    # --- state ----------------------------------------------------------------------------
    @property
    def product(self) -> Product | None:
        return self._product

    def select_product(self, code: str) -> bool:
        return self.catalog.select_code(code)

    def sheet_request(self) -> SheetRequest | None:
        """The simulation on screen for the product sheet; None while it is invalid."""
        product = self._product
        if product is None:
            return None
        if product.is_loan:
            if self.simulator.schedule is None:
                return None
            inputs = self.simulator.inputs()
            client = self.simulator.client
            return SheetRequest(
                code=product.code, product_name=product.name, amount=inputs.amount,
                tenor_months=inputs.tenor_months, method=inputs.method,
                start_date=inputs.start_date, previous_uses=inputs.previous_uses,
                client_id=inputs.client_id, client_name=client.display_name if client else "",
                comparison_methods=self._sheet_comparison(self.simulator.schedule),
                dsr_warning=over_limit_text(self.simulator.client_dsr)
                if self.simulator.client_dsr else "",
            )  # fmt: skip
        if product.kind is ProductKind.DEPOSIT:
            if self.deposit.result is None:
                return None
            return SheetRequest(
                code=product.code, product_name=product.name,
                amount=self.deposit.result.request.amount, tenor_months=self.deposit.tenor_months,
                start_date=self.deposit.start_date(), aro=self.deposit.aro,
                rollovers=self.deposit.rollovers,
            )  # fmt: skip
        return SheetRequest(code=product.code, product_name=product.name)

    def comparison_request(self) -> ComparisonRequest | None:
        """The options on the Perbandingan tab, for the client picked in the simulator."""
        entries = self.comparison.model.entries
        if not entries:
            return None
        client = self.simulator.client
        return ComparisonRequest(
            options=tuple((e.product_name, e.schedule) for e in entries),
            client_id=client.id if client else None,
            client_name=client.display_name if client else "",
        )

    def _sheet_comparison(self, schedule: LoanSchedule) -> tuple:  # type: ignore[type-arg]
        """The compared methods of this product at this amount and tenor, for the sheet."""
        request = schedule.request
        methods = [
            e.method
            for e in self.comparison.model.entries
            if e.product_code == self._product.code  # type: ignore[union-attr]
            and e.schedule.request.amount == request.amount
            and e.schedule.request.tenor_months == request.tenor_months
        ]
        unique = tuple(dict.fromkeys(methods))
        return unique if len(unique) > 1 else ()

    def reload(self) -> None:
        """The catalog read again, the selected product kept (the main window's "Coba
        lagi" after the database was out of reach, or another officer's change)."""
        self.catalog.reload()

    def save_settings(self, settings: QSettings) -> None:
        for key, splitter in self._splitters().items():
            settings.setValue(key, splitter.saveState())

    def restore_settings(self, settings: QSettings) -> None:
        for key, splitter in self._splitters().items():
            state = settings.value(key)
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(QByteArray(state))

    def _splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "loan_splitter": self.loan_splitter,
                "results_splitter": self.results_splitter}  # fmt: skip

    def _update_sheet_buttons(self) -> None:
        ready = self.sheet_request() is not None and not self.sheet.busy
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setEnabled(ready)
        self.preview_button.setToolTip(
            self.tr("Lihat lembar produk untuk nasabah sebelum dicetak")
            if ready or self.sheet.busy
            else self.tr("Lengkapi simulasi dulu: lembar produk memuat simulasinya")
        )

    def _update_compare_button(self) -> None:
        full = self.comparison.full
        can = self.simulator.schedule is not None and not full
        self.simulator.compare_button.setEnabled(can)
        self.simulator.compare_button.setToolTip(
            self.tr("Perbandingan sudah berisi {n} pilihan; hapus salah satu dulu").format(
                n=MAX_ENTRIES
            )
            if full
            else self.tr("Taruh simulasi ini berdampingan dengan yang lain")
        )

    # --- slots ----------------------------------------------------------------------------
    def _on_catalog_product_selected(self, product: Product | None) -> None:
        self._product = product
        self.title_label.setText(product.name if product else self.tr("Belum ada produk"))
        self.page.show_product(product)
        if product is not None and product.is_loan:
            self.simulation_stack.setCurrentWidget(self.loan_splitter)
            self.simulator.set_product(product)
        elif product is not None and product.kind is ProductKind.DEPOSIT:
            self.simulation_stack.setCurrentWidget(self.deposit)
            siblings = [
                p for p in self.catalog.products() if p.kind is ProductKind.DEPOSIT and p.active
            ]
            self.deposit.set_product(product, siblings)
        else:
            self.simulation_stack.setCurrentWidget(self.no_simulation_label)
            self.no_simulation_label.setText(
                self.tr("Produk ini tidak memerlukan simulasi. Lembar produknya tetap dapat "
                        "dicetak dari tombol di atas.") if product else ""
            )  # fmt: skip
        self._update_sheet_buttons()

    def _fit_schedule_columns(self, schedule: LoanSchedule) -> None:
        """Column widths from the widest figure of each column (computed, not measured
        row by row: the table is refilled on every keystroke)."""
        metrics, rows = self.schedule_table.fontMetrics(), schedule.installments
        widest = {
            Column.NO: str(len(rows)),
            Column.DUE_DATE: max((format_date(r.due_date) for r in rows), key=len),
            Column.INSTALLMENT: format_rupiah(max(r.installment for r in rows)),
            Column.PRINCIPAL: format_rupiah(max(r.principal for r in rows)),
            Column.INTEREST: format_rupiah(max(r.interest for r in rows)),
            Column.BALANCE: format_rupiah(schedule.request.amount),
        }
        for column, text in widest.items():
            title = self.schedule_model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(title))
            self.schedule_table.setColumnWidth(column, width + 14)

    def _export_schedule(self, path: Path) -> int:
        schedule, product = self.simulator.schedule, self.simulator.product
        if schedule is None:
            return 0
        return export_loan_schedule(schedule, path, product.name if product else "")

    def _schedule_file_name(self) -> str:
        schedule, product = self.simulator.schedule, self.simulator.product
        request = schedule.request if schedule is not None else None
        return file_name("jadwal", product.code if product else "",
                         request.amount if request else 0, request.tenor_months if request else 0)  # fmt: skip

    def _on_simulator_schedule_changed(self, schedule: LoanSchedule | None) -> None:
        self.schedule_model.set_schedule(schedule)
        self.schedule_excel.setEnabled(schedule is not None)
        if schedule is not None:
            self._fit_schedule_columns(schedule)
        self.chart.set_schedule(schedule)
        if schedule is None:
            self.totals_label.clear()
        else:
            self.totals_label.setText(
                self.tr("Jumlah {n} angsuran: {paid} = pokok {principal} + bunga {interest}").format(
                    n=len(schedule.installments), paid=format_rupiah(schedule.total_paid),
                    principal=format_rupiah(schedule.request.amount),
                    interest=format_rupiah(schedule.total_interest),
                )
            )  # fmt: skip
        self._update_sheet_buttons()
        self._update_compare_button()

    def _on_simulator_compare_requested(self, entry: ComparisonEntry) -> None:
        if self.comparison.add(entry):
            self.status_label.setText(
                self.tr("Ditambahkan ke perbandingan sebagai Pilihan {n}").format(
                    n=len(self.comparison.model.entries)
                )
            )

    def _on_comparison_entries_changed(self, count: int) -> None:
        title = self.tr("Perbandingan ({n})").format(n=count) if count else self.tr("Perbandingan")
        self.tabs.setTabText(TAB_COMPARISON, title)
        self._update_compare_button()

    def _on_sheet_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        # Cleared when done; a save or print then reports its own result in the same line.
        self.status_label.setText(self.tr("Menyiapkan PDF…") if busy else "")
        self._update_sheet_buttons()
