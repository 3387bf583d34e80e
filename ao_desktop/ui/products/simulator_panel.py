"""LoanSimulatorPanel: the loan simulator's inputs and what they cost the client.

Every input change restarts a short timer; when it fires the schedule is recomputed
(one `simulate_product_loan` call, about a millisecond even for 360 months) and
`scheduleChanged` carries it to the table and chart. Bad input is shown in red under
its field, in the service's own words, and the previous result is cleared so a stale
figure is never read as the current one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DomainError, FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.user_dates import EARLIEST_START, LATEST_START
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule, method_label
from ao_desktop.domain.products.product import Product
from ao_desktop.services.clients.directory import get_client
from ao_desktop.services.products.catalog import (
    client_affordability,
    max_amount_for_client,
    simulate_product_loan,
)
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.affordability_box import AffordabilityBox
from ao_desktop.ui.products.comparison_panel import ComparisonEntry
from ao_desktop.ui.products.texts import (
    format_pct,
    installment_html,
    method_hint,
    rate_comparison_text,
    years_hint,
)
from ao_desktop.ui.widgets.field_message import WARNING_COLOR, FieldMessage, Severity
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

log = logging.getLogger(__name__)
RECOMPUTE_MS = 120
MAX_KUR_USE = 10


@dataclass(frozen=True)
class _KeptInputs:
    """What the AO last typed for one product, restored when they come back to it."""

    amount_text: str
    tenor_months: int
    method: InterestMethod | None
    kur_use: int


@dataclass(frozen=True)
class LoanInputs:
    """What the AO typed, as the services take it."""

    amount: int
    tenor_months: int
    method: InterestMethod | None
    start_date: date
    previous_uses: int
    client_id: int | None


def _with_message(field: QWidget | QLayout, message: FieldMessage) -> QVBoxLayout:
    """A form field with its message line right under it (hidden while empty)."""
    column = QVBoxLayout()
    column.setSpacing(2)
    if isinstance(field, QLayout):
        column.addLayout(field)
    else:
        column.addWidget(field)
    column.addWidget(message)
    return column


class LoanSimulatorPanel(QWidget):
    """Inputs, summary and the client's affordability for one loan product."""

    scheduleChanged = Signal(object)  # noqa: N815 - LoanSchedule or None
    compareRequested = Signal(object)  # noqa: N815 - a ComparisonEntry

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._product: Product | None = None
        self._schedule: LoanSchedule | None = None
        self._client: Client | None = None
        self._affordability: Affordability | None = None
        # Each product keeps its own last inputs: a tenor of 180 months for KPR survives a
        # look at a product whose maximum is 60.
        self._kept: dict[str, _KeptInputs] = {}
        self._tenor_note = ""
        self._max_cache: dict[tuple[object, ...], int | None] = {}
        self._timer = QTimer(self, singleShot=True, interval=RECOMPUTE_MS)
        self._timer.timeout.connect(self.recompute_now)
        self._build_inputs()
        self._build_summary()
        self.affordability = AffordabilityBox()
        self.compare_button = QPushButton(self.tr("Tambah ke perbandingan"))
        self.compare_button.setToolTip(self.tr("Taruh simulasi ini berdampingan dengan yang lain"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inputs_box)
        layout.addWidget(self.affordability)
        layout.addWidget(self.summary_box)
        layout.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._connect()
        self._show_summary(None)

    # --- building -------------------------------------------------------------------------
    def _build_inputs(self) -> None:
        self.amount_edit = RupiahEdit()
        self.amount_message = FieldMessage()
        self.tenor_spin = QSpinBox()
        self.tenor_spin.setRange(1, 600)
        self.tenor_spin.setSuffix(self.tr(" bulan"))
        self.tenor_spin.setValue(12)
        self.years_label = QLabel()
        self.tenor_message = FieldMessage()
        self.method_combo = QComboBox()
        self.method_message = FieldMessage()
        self.start_edit = QDateEdit(QDate.currentDate())
        self.start_edit.setDisplayFormat("dd/MM/yyyy")
        self.start_edit.setDateRange(QDate(EARLIEST_START), QDate(LATEST_START))  # as the domain checks
        self.start_edit.setCalendarPopup(True)
        self.start_edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.kur_spin = QSpinBox()
        self.kur_spin.setRange(1, MAX_KUR_USE)
        self.kur_spin.setPrefix(self.tr("ke-"))
        self.kur_rate_label = QLabel()
        self.client_picker = ReferrerPicker(self._context.uow)
        self.client_picker.setPlaceholderText(self.tr("Ketik nama atau no. HP nasabah…"))
        self.range_label = QLabel()
        self.range_label.setWordWrap(True)
        self.range_label.setStyleSheet("color: palette(placeholder-text);")
        self.general_message = FieldMessage()
        tenor_row = QHBoxLayout()
        tenor_row.addWidget(self.tenor_spin, 1)
        tenor_row.addWidget(self.years_label, 1)
        self._kur_row = QHBoxLayout()
        self._kur_row.addWidget(self.kur_spin, 1)
        self._kur_row.addWidget(self.kur_rate_label, 1)
        form = self.inputs_form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Plafon"), _with_message(self.amount_edit, self.amount_message))
        form.addRow(self.tr("Tenor"), _with_message(tenor_row, self.tenor_message))
        form.addRow(self.tr("Metode bunga"), _with_message(self.method_combo, self.method_message))
        form.addRow(self.tr("Tanggal pencairan"), self.start_edit)
        form.addRow(self.tr("Penggunaan KUR"), self._kur_row)
        form.addRow(self.tr("Nasabah"), self.client_picker)
        box = self.inputs_box = QGroupBox(self.tr("Data simulasi"))
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.range_label)
        layout.addWidget(self.general_message)

    def _build_summary(self) -> None:
        self.installment_value = QLabel()
        self.installment_value.setTextFormat(Qt.TextFormat.RichText)
        self.installment_value.setWordWrap(True)
        self.rate_value = QLabel()
        self.rate_value.setWordWrap(True)
        self.interest_value = QLabel()
        self.paid_value = QLabel()
        self.fees_value = QLabel()
        self.fees_value.setWordWrap(True)
        self.net_value = QLabel()
        self.net_value.setStyleSheet("font-weight: bold;")
        for label in (self.installment_value, self.rate_value, self.interest_value,
                      self.paid_value, self.fees_value, self.net_value):  # fmt: skip
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Angsuran per bulan"), self.installment_value)
        form.addRow(self.tr("Suku bunga"), self.rate_value)
        form.addRow(self.tr("Total bunga"), self.interest_value)
        form.addRow(self.tr("Total dibayar"), self.paid_value)
        form.addRow(self.tr("Biaya di muka"), self.fees_value)
        form.addRow(self.tr("Dana diterima"), self.net_value)
        self.summary_box = QGroupBox(self.tr("Ringkasan"))
        self.summary_box.setLayout(form)

    def _connect(self) -> None:
        self.amount_edit.valueChanged.connect(self._on_input_changed)
        self.tenor_spin.valueChanged.connect(self._on_tenor_spin_value_changed)
        self.method_combo.currentIndexChanged.connect(self._on_input_changed)
        self.start_edit.dateChanged.connect(self._on_input_changed)
        self.kur_spin.valueChanged.connect(self._on_input_changed)
        self.client_picker.referrerChanged.connect(self._on_client_picker_changed)
        self.affordability.useAmount.connect(self._on_affordability_use_amount)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)

    # --- state ----------------------------------------------------------------------------
    @property
    def product(self) -> Product | None:
        return self._product

    @property
    def schedule(self) -> LoanSchedule | None:
        return self._schedule

    @property
    def client(self) -> Client | None:
        return self._client

    @property
    def client_dsr(self) -> Affordability | None:
        """The picked client's DSR for the schedule on screen (None: no client or schedule)."""
        return self._affordability

    def inputs(self) -> LoanInputs:
        qdate = self.start_edit.date()
        return LoanInputs(
            amount=self.amount_edit.value(),
            tenor_months=self.tenor_spin.value(),
            method=self.method_combo.currentData(),
            start_date=date(qdate.year(), qdate.month(), qdate.day()),
            previous_uses=self.kur_spin.value() - 1,
            client_id=self._client.id if self._client else None,
        )

    def set_product(self, product: Product | None) -> None:
        """Drive the simulator by `product`: its methods, ranges and KUR tiers, and the
        inputs last used with it (a new product starts from the current ones; a tenor
        outside its range is brought inside with a note saying so)."""
        if self._product is not None and self._product.is_loan:
            self._kept[self._product.code] = _KeptInputs(
                self.amount_edit.text(), self.tenor_spin.value(),
                self.method_combo.currentData(), self.kur_spin.value(),
            )  # fmt: skip
        self._product = product
        self._max_cache.clear()
        self._tenor_note = ""
        if product is None or not product.is_loan:
            self._set_schedule(None)
            return
        kept = self._kept.get(product.code)
        self.method_combo.blockSignals(True)
        self.method_combo.clear()
        for method in product.methods:
            self.method_combo.addItem(method_label(method), method)
        self.method_combo.setEnabled(len(product.methods) > 1)
        if kept is not None and kept.method in product.methods:
            self.method_combo.setCurrentIndex(product.methods.index(kept.method))
        self.method_combo.blockSignals(False)
        for widget in (self.tenor_spin, self.amount_edit, self.kur_spin):
            widget.blockSignals(True)
        if kept is not None:
            self.amount_edit.setText(kept.amount_text)
            self.kur_spin.setValue(kept.kur_use)
        wanted = kept.tenor_months if kept is not None else self.tenor_spin.value()
        tenor = min(max(wanted, product.min_tenor_months), product.max_tenor_months)
        self.tenor_spin.setValue(tenor)
        if tenor != wanted:
            self._tenor_note = self.tr(
                "Tenor {wanted} bulan di luar batas produk ini; disesuaikan menjadi {tenor} bulan."
            ).format(wanted=wanted, tenor=tenor)
        for widget in (self.tenor_spin, self.amount_edit, self.kur_spin):
            widget.blockSignals(False)
        self.inputs_form.setRowVisible(self._kur_row, product.tiered_rate is not None)
        self.range_label.setText(
            self.tr("Plafon {low} \u2013 {high} \u00b7 tenor {tmin}\u2013{tmax} bulan").format(
                low=format_rupiah(product.min_amount),
                high=format_rupiah(product.max_amount),
                tmin=product.min_tenor_months,
                tmax=product.max_tenor_months,
            )
        )
        self.recompute_now()

    def set_amount(self, amount: int) -> None:
        self.amount_edit.set_value(amount)
        self.recompute_now()

    def set_client(self, client_id: int | None, label: str = "") -> None:
        self.client_picker.set_client(client_id, label)
        self._on_client_picker_changed()

    # --- computing ------------------------------------------------------------------------
    def recompute_now(self) -> None:
        """Simulate the current inputs now (the timer calls this after typing pauses)."""
        self._timer.stop()
        self._clear_messages()
        product = self._product
        if product is None or not product.is_loan:
            self._set_schedule(None)
            return
        self._update_hints(product)
        if self._tenor_note:
            self.tenor_message.show_message(self._tenor_note, Severity.NOTE)
        if not self.amount_edit.text().strip():
            self.amount_message.show_message(
                self.tr("Isi plafon untuk melihat angsurannya"), Severity.NOTE
            )
            self._set_schedule(None)
            return
        unreadable = self.amount_edit.issue()
        if unreadable is not None:
            self.amount_message.show_message(unreadable.message, Severity.ERROR)
            self._set_schedule(None)
            return
        inputs = self.inputs()
        try:
            schedule = simulate_product_loan(
                product,
                inputs.amount,
                inputs.tenor_months,
                method=inputs.method,
                start_date=inputs.start_date,
                previous_uses=inputs.previous_uses,
            )
        except ValidationFailed as exc:
            self._show_issues(exc.issues)
            schedule = None
        except DomainError as exc:
            self.general_message.show_message(str(exc), Severity.ERROR)
            schedule = None
        except Exception:  # noqa: BLE001 - a simulator must never take the app down
            log.exception("simulation failed")
            self.general_message.show_message(
                self.tr("Simulasi tidak dapat dihitung untuk isian ini."), Severity.ERROR
            )
            schedule = None
        self._set_schedule(schedule)

    def _set_schedule(self, schedule: LoanSchedule | None) -> None:
        self._schedule = schedule
        self._show_summary(schedule)
        self._update_affordability()
        self.compare_button.setEnabled(schedule is not None)
        self.scheduleChanged.emit(schedule)

    def _update_hints(self, product: Product) -> None:
        self.years_label.setText(years_hint(self.tenor_spin.value()))
        method = self.method_combo.currentData()
        self.method_message.show_message(method_hint(method) if method else "", Severity.NOTE)
        if product.tiered_rate is not None:
            rate = product.rate_for(self.kur_spin.value() - 1)
            self.kur_rate_label.setText(
                self.tr("bunga {rate} per tahun").format(rate=format_pct(rate))
            )

    def _show_issues(self, issues: list[FieldIssue]) -> None:
        targets = {
            "amount": self.amount_message,
            "tenor_months": self.tenor_message,
            "method": self.method_message,
        }
        for issue in issues:
            if issue.is_error:
                targets.get(issue.field, self.general_message).show_message(
                    issue.message, Severity.ERROR
                )

    def _clear_messages(self) -> None:
        for message in (self.amount_message, self.tenor_message, self.method_message,
                        self.general_message):  # fmt: skip
            message.clear_message()

    def _show_summary(self, schedule: LoanSchedule | None) -> None:
        self.summary_box.setEnabled(schedule is not None)
        if schedule is None:
            for label in (self.installment_value, self.rate_value, self.interest_value,
                          self.paid_value, self.fees_value, self.net_value):  # fmt: skip
                label.setText("\u2014")
            self.rate_value.setStyleSheet("")
            return
        self.installment_value.setText(installment_html(schedule))
        self.rate_value.setText(rate_comparison_text(schedule))
        # A flat rate looks cheap: its effective equivalent is what the client really pays.
        flat = InterestMethod(schedule.request.method) is InterestMethod.FLAT
        self.rate_value.setStyleSheet(f"color: {WARNING_COLOR}; font-weight: bold;" if flat else "")
        self.interest_value.setText(format_rupiah(schedule.total_interest))
        self.paid_value.setText(format_rupiah(schedule.total_paid))
        self.fees_value.setText(format_rupiah(schedule.total_fees))
        self.net_value.setText(format_rupiah(schedule.net_disbursement))

    def _update_affordability(self) -> None:
        client, product, schedule = self._client, self._product, self._schedule
        self._affordability = None
        self.affordability.show_client(client)
        if client is None or client.id is None or product is None or not product.is_loan:
            return
        affordability = None
        if schedule is not None:
            try:
                affordability = self._affordability = client_affordability(
                    self._context.uow, client.id, schedule, product
                )
            except DomainError as exc:
                self.general_message.show_message(str(exc), Severity.ERROR)
        self.affordability.show_dsr(
            affordability,
            schedule.max_installment if schedule else 0,
            client.monthly_obligations,
        )
        self.affordability.show_max_amount(client, product, self._max_amount(client.id, product))

    def _max_amount(self, client_id: int, product: Product) -> int | None:
        """The largest affordable amount for the tenor; None when the tenor is invalid."""
        inputs = self.inputs()
        key = (client_id, product.code, inputs.tenor_months, inputs.method, inputs.previous_uses)
        if key not in self._max_cache:
            try:
                self._max_cache[key] = max_amount_for_client(
                    self._context.uow,
                    client_id,
                    product,
                    inputs.tenor_months,
                    inputs.method,
                    inputs.previous_uses,
                )
            except DomainError:
                self._max_cache[key] = None
        return self._max_cache[key]

    # --- slots ----------------------------------------------------------------------------
    def _on_input_changed(self, *_args: object) -> None:
        self._timer.start()

    def _on_tenor_spin_value_changed(self, months: int) -> None:
        self._tenor_note = ""  # the AO chose this tenor
        self.years_label.setText(years_hint(months))
        self._timer.start()

    def _on_client_picker_changed(self) -> None:
        client_id = self.client_picker.client_id()
        self._max_cache.clear()
        try:
            self._client = get_client(self._context.uow, client_id) if client_id else None
        except DomainError as exc:
            self._client = None
            self.general_message.show_message(str(exc), Severity.ERROR)
        self._update_affordability()

    def _on_affordability_use_amount(self, amount: int) -> None:
        self.set_amount(amount)

    def _on_compare_button_clicked(self) -> None:
        if self._product is not None and self._schedule is not None:
            self.compareRequested.emit(
                ComparisonEntry(self._product.code, self._product.name, self._schedule)
            )
