"""DepositPanel: a time deposit's interest, tax and value at maturity, and its roll-overs.

The catalog holds one product per tenor (Deposito 1, 3, 6, 12 bulan), so the tenor box
lists those products and picking a tenor switches to its product (and its rate). The tax
and LPS rules are the bank's settings (`deposit_rules`); a rate above the LPS guarantee
rate is shown in amber where the client cannot miss it.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError, ValidationFailed
from ao_desktop.domain.common.formatting import format_date, format_pct, format_rupiah
from ao_desktop.domain.common.user_dates import EARLIEST_START, LATEST_START
from ao_desktop.domain.products.deposit import MAX_ROLLOVERS, DepositResult, DepositRules
from ao_desktop.domain.products.product import Product
from ao_desktop.services.products.catalog import deposit_rules, simulate_product_deposit
from ao_desktop.services.products.figures_export import export_deposit_projection
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.deposit_model import DepositProjectionTableModel
from ao_desktop.ui.products.figures_excel import FiguresExcelButton, file_name
from ao_desktop.ui.widgets.field_message import NOTE_COLOR, FieldMessage, Severity
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

log = logging.getLogger(__name__)
RECOMPUTE_MS = 120
USUAL_TENORS = (1, 3, 6, 12, 24, 36)
WARNING_STYLE = (
    "QLabel { background: #fff4d6; color: #6d4c00; border: 1px solid #e0a800;"
    " border-radius: 4px; padding: 6px 8px; font-weight: bold; }"
)


class DepositPanel(QWidget):
    """Inputs and results of one deposit product; `productRequested` switches tenor."""

    productRequested = Signal(str)  # noqa: N815 - the code of the product for a tenor
    resultChanged = Signal(object)  # noqa: N815 - DepositResult or None

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._product: Product | None = None
        self._result: DepositResult | None = None
        self._rules = DepositRules()
        self._options: list[tuple[Product, int]] = []
        self._tenor = 0
        self._timer = QTimer(self, singleShot=True, interval=RECOMPUTE_MS)
        self._timer.timeout.connect(self.recompute_now)
        self._build()
        self._connect()
        self._show_result(None)

    def _build(self) -> None:
        self.amount_edit = RupiahEdit()
        self.amount_message = FieldMessage()
        self.tenor_combo = QComboBox()
        self.start_edit = QDateEdit(QDate.currentDate())
        self.start_edit.setDisplayFormat("dd/MM/yyyy")
        self.start_edit.setDateRange(QDate(EARLIEST_START), QDate(LATEST_START))  # as the domain checks
        self.start_edit.setCalendarPopup(True)
        self.start_edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.aro_check = QCheckBox(self.tr("Otomatis (ARO)"))
        self.rollover_spin = QSpinBox()
        self.rollover_spin.setRange(0, MAX_ROLLOVERS)
        self.rollover_spin.setSuffix(self.tr(" kali"))
        self.general_message = FieldMessage()
        amount_column = QVBoxLayout()
        amount_column.setSpacing(2)
        amount_column.addWidget(self.amount_edit)
        amount_column.addWidget(self.amount_message)
        aro_row = QHBoxLayout()
        aro_row.addWidget(self.aro_check)
        aro_row.addWidget(QLabel(self.tr("proyeksi")))
        aro_row.addWidget(self.rollover_spin, 1)
        aro_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Nominal"), amount_column)
        form.addRow(self.tr("Tenor"), self.tenor_combo)
        form.addRow(self.tr("Tanggal penempatan"), self.start_edit)
        form.addRow(self.tr("Perpanjangan"), aro_row)
        self.inputs_box = QGroupBox(self.tr("Data simulasi deposito"))
        inputs = QVBoxLayout(self.inputs_box)
        inputs.addLayout(form)
        inputs.addWidget(self.general_message)

        self.maturity_value = QLabel()
        self.gross_value = QLabel()
        self.tax_label = QLabel(self.tr("Pajak bunga"))
        self.tax_value = QLabel()
        self.tax_value.setWordWrap(True)
        self.net_value = QLabel()
        self.value_value = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self.value_value.setFont(big)
        self.final_label = QLabel(self.tr("Saldo akhir proyeksi"))
        self.final_value = QLabel()
        summary = self.summary_form = QFormLayout()
        summary.addRow(self.tr("Jatuh tempo"), self.maturity_value)
        summary.addRow(self.tr("Bunga kotor"), self.gross_value)
        summary.addRow(self.tax_label, self.tax_value)
        summary.addRow(self.tr("Bunga bersih"), self.net_value)
        summary.addRow(self.tr("Nilai saat jatuh tempo"), self.value_value)
        summary.addRow(self.final_label, self.final_value)
        self.summary_box = QGroupBox(self.tr("Hasil"))
        self.summary_box.setLayout(summary)

        self.lps_warning = QLabel()
        self.lps_warning.setWordWrap(True)
        self.lps_warning.setStyleSheet(WARNING_STYLE)
        self.lps_note = QLabel()
        self.lps_note.setWordWrap(True)
        self.lps_note.setStyleSheet(f"color: {NOTE_COLOR};")

        self.projection_model = DepositProjectionTableModel(self)
        self.projection_table = QTableView()
        self.projection_table.setModel(self.projection_model)
        self.projection_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.projection_table.verticalHeader().hide()
        self.projection_table.setAlternatingRowColors(True)
        header = self.projection_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.projection_box = QGroupBox(self.tr("Proyeksi perpanjangan otomatis (ARO)"))
        projection = QVBoxLayout(self.projection_box)
        projection.addWidget(self.projection_table)
        self.excel_button = FiguresExcelButton(self._export_projection, self._projection_file_name)
        projection.addWidget(self.excel_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inputs_box, 0, 0)
        layout.addWidget(self.summary_box, 0, 1)
        layout.addWidget(self.lps_warning, 1, 0, 1, 2)
        layout.addWidget(self.lps_note, 2, 0, 1, 2)
        layout.addWidget(self.projection_box, 3, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(4, 1)  # below the projection: keeps the rows at the top
        layout.setRowStretch(3, 100)

    def _connect(self) -> None:
        self.amount_edit.valueChanged.connect(self._on_input_changed)
        self.start_edit.dateChanged.connect(self._on_input_changed)
        self.rollover_spin.valueChanged.connect(self._on_input_changed)
        self.aro_check.toggled.connect(self._on_aro_check_toggled)
        self.tenor_combo.activated.connect(self._on_tenor_combo_activated)

    # --- state ----------------------------------------------------------------------------
    @property
    def product(self) -> Product | None:
        return self._product

    @property
    def result(self) -> DepositResult | None:
        return self._result

    @property
    def tenor_months(self) -> int:
        return self._tenor

    @property
    def aro(self) -> bool:
        return self.aro_check.isChecked()

    @property
    def rollovers(self) -> int:
        return self.rollover_spin.value() if self.aro else 0

    def start_date(self) -> date:
        qdate = self.start_edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_product(self, product: Product | None, siblings: list[Product]) -> None:
        """Simulate `product`; `siblings` are the deposit products offered by tenor."""
        self._product = product
        self.tenor_combo.clear()
        if product is None:
            self._show_result(None)
            return
        try:
            self._rules = deposit_rules(self._context.uow)
        except DomainError:
            log.exception("deposit rules unreadable; using the defaults")
            self._rules = DepositRules()
        self._options = deposit_options(product, siblings)
        for option, tenor in self._options:
            self.tenor_combo.addItem(
                self.tr("{n} bulan \u00b7 {rate} per tahun").format(
                    n=tenor, rate=format_pct(option.rate_pa)
                )
            )
        current = (
            self._tenor
            if product.min_tenor_months <= self._tenor <= product.max_tenor_months
            else product.min_tenor_months
        )
        self._select_option(product.code, current)
        self.aro_check.setEnabled(product.aro_available)
        if not product.aro_available:
            self.aro_check.setChecked(False)
        self.rollover_spin.setEnabled(self.aro)
        self.recompute_now()

    def set_amount(self, amount: int) -> None:
        self.amount_edit.set_value(amount)
        self.recompute_now()

    # --- computing ------------------------------------------------------------------------
    def recompute_now(self) -> None:
        self._timer.stop()
        self.amount_message.clear_message()
        self.general_message.clear_message()
        product = self._product
        if product is None:
            self._show_result(None)
            return
        if not self.amount_edit.text().strip():
            self.amount_message.show_message(
                self.tr("Isi nominal deposito (minimal {low})").format(
                    low=format_rupiah(product.min_amount)
                ),
                Severity.NOTE,
            )
            self._show_result(None)
            return
        unreadable = self.amount_edit.issue()
        if unreadable is not None:
            self.amount_message.show_message(unreadable.message, Severity.ERROR)
            self._show_result(None)
            return
        try:
            result = simulate_product_deposit(
                product, self.amount_edit.value(), self._tenor,
                start_date=self.start_date(), aro=self.aro, rollovers=self.rollovers,
                rules=self._rules,
            )  # fmt: skip
        except ValidationFailed as exc:
            for issue in exc.issues:
                target = self.amount_message if issue.field == "amount" else self.general_message
                target.show_message(issue.message, Severity.ERROR)
            result = None
        except Exception as exc:  # noqa: BLE001 - a simulator must never take the app down
            log.exception("deposit simulation failed")
            text = (
                str(exc)
                if isinstance(exc, DomainError)
                else self.tr("Simulasi tidak dapat dihitung untuk isian ini.")
            )
            self.general_message.show_message(text, Severity.ERROR)
            result = None
        self._show_result(result)

    def _export_projection(self, path: Path) -> int:
        if self._result is None:
            return 0
        product = self._product
        return export_deposit_projection(self._result, path, product.name if product else "")

    def _projection_file_name(self) -> str:
        request = self._result.request if self._result is not None else None
        return file_name("deposito", self._product.code if self._product else "",
                         request.amount if request else 0, request.tenor_months if request else 0)  # fmt: skip

    def _show_result(self, result: DepositResult | None) -> None:
        self._result = result
        self.summary_box.setEnabled(result is not None)
        self.projection_model.set_result(result)
        self.projection_box.setVisible(result is not None and len(result.periods) > 1)
        warnings = result.warnings if result is not None else ()
        self.lps_warning.setText("\n".join(f"\u26a0 {w}" for w in warnings))
        self.lps_warning.setVisible(bool(warnings))
        if result is None:
            for label in (self.maturity_value, self.gross_value, self.tax_value,
                          self.net_value, self.value_value):  # fmt: skip
                label.setText("\u2014")
            self.summary_form.setRowVisible(self.final_label, False)
            self.lps_note.hide()
            self.resultChanged.emit(None)
            return
        rules = result.rules
        self.maturity_value.setText(
            self.tr("{date} ({days} hari)").format(
                date=format_date(result.maturity_date), days=result.days
            )
        )
        self.gross_value.setText(format_rupiah(result.gross_interest))
        self.tax_label.setText(self.tr("Pajak bunga ({pct})").format(pct=format_pct(rules.tax_pct)))
        if result.tax:
            self.tax_value.setText(format_rupiah(result.tax))
        else:
            self.tax_value.setText(
                self.tr("Rp0 (nominal tidak lebih dari {limit}: bebas pajak)").format(
                    limit=format_rupiah(rules.tax_free_threshold)
                )
            )
        self.net_value.setText(format_rupiah(result.net_interest))
        self.value_value.setText(format_rupiah(result.value_at_maturity))
        rolled = len(result.periods) > 1
        self.summary_form.setRowVisible(self.final_label, rolled)
        if rolled:
            self.final_label.setText(
                self.tr("Saldo setelah {n} kali ARO").format(n=len(result.periods) - 1)
            )
            self.final_value.setText(format_rupiah(result.final_balance))
        self.lps_note.setVisible(result.lps_guaranteed)
        self.lps_note.setText(
            self.tr(
                "Dijamin LPS sampai {limit} per nasabah per bank, selama suku bunga tidak "
                "melebihi tingkat bunga penjaminan LPS ({rate})."
            ).format(
                limit=format_rupiah(rules.lps_max_balance), rate=format_pct(rules.lps_max_rate_pa)
            )
        )
        self.resultChanged.emit(result)

    # --- slots ----------------------------------------------------------------------------
    def _on_input_changed(self, *_args: object) -> None:
        self._timer.start()

    def _on_aro_check_toggled(self, checked: bool) -> None:
        self.rollover_spin.setEnabled(checked)
        self._timer.start()

    def _on_tenor_combo_activated(self, index: int) -> None:
        if not 0 <= index < len(self._options):
            return
        option, tenor = self._options[index]
        self._tenor = tenor
        if self._product is not None and option.code != self._product.code:
            self.productRequested.emit(option.code)  # the view calls set_product again
        else:
            self.recompute_now()

    def _select_option(self, code: str, tenor: int) -> None:
        self._tenor = tenor
        for index, (option, months) in enumerate(self._options):
            if option.code == code and months == tenor:
                self.tenor_combo.setCurrentIndex(index)
                self._tenor = tenor
                return


def deposit_options(product: Product, siblings: list[Product]) -> list[tuple[Product, int]]:
    """(product, tenor) pairs for the tenor box, shortest first: each deposit product's
    own tenor, or the usual tenors (1, 3, 6, 12, 24, 36 months) within a product's range."""
    options: dict[tuple[str, int], tuple[Product, int]] = {}
    for option in {p.code: p for p in [*siblings, product]}.values():
        low, high = option.min_tenor_months, option.max_tenor_months
        tenors = [t for t in USUAL_TENORS if low <= t <= high] or [low]
        if low not in tenors:
            tenors.insert(0, low)
        for tenor in tenors:
            options[(option.code, tenor)] = (option, tenor)
    return sorted(options.values(), key=lambda item: (item[1], item[0].code))
