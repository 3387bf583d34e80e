"""CompleteActivityDialog: record what happened and schedule the next step at once.

Status (done, not met, cancelled), the result with what it needs (a reason for "not
interested", a date and an amount for a promise to pay), the products discussed, notes,
and the next follow-up: saving writes both in one transaction (complete_activity).
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.activity import DEFAULT_DURATION, Activity, NextStep, Outcome
from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.calendar.labels import (
    purpose_label,
    result_label,
    status_label,
    type_label,
)
from ao_desktop.domain.common.errors import DomainError, ValidationFailed
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.products.product import Product
from ao_desktop.services.calendar.activities import complete_activity
from ao_desktop.services.calendar.holiday_calendar import add_working_days_from
from ao_desktop.ui.calendar.activity_dialog import DATETIME_FORMAT, from_qdatetime, to_qdatetime
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

FOLLOW_UP_WORKING_DAYS = 3


class CompleteActivityDialog(QDialog):
    def __init__(self, context: UiContext, activity: Activity, client_name: str,
                 products: list[Product], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._activity = activity
        self.saved: tuple[Activity, Activity | None] | None = None
        self.setWindowTitle(self.tr("Selesaikan kegiatan"))
        heading = QLabel(f"<b>{client_name}</b> — {type_label(activity.type)}, "
                         f"{purpose_label(activity.purpose)}, {format_datetime(activity.starts_at)}")
        heading.setWordWrap(True)
        self.status_combo = EnumComboBox(
            [ActivityStatus.DONE, ActivityStatus.NOT_MET, ActivityStatus.CANCELLED], status_label, parent=self)
        self.result_combo = EnumComboBox(list(ActivityResult), result_label, self.tr("— tanpa hasil —"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Misalnya: sudah punya pinjaman di bank lain"))
        self.promise_date = QDateEdit(self)
        self.promise_date.setDisplayFormat("dd/MM/yyyy")
        self.promise_date.setCalendarPopup(True)
        self.promise_date.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        start = activity.starts_at.date()
        self.promise_date.setDate(QDate(start.year, start.month, start.day).addDays(7))
        self.promise_amount = RupiahEdit(self)
        self.products_list = QListWidget(self)
        self.products_list.setFixedHeight(90)
        for product in products:
            entry = QListWidgetItem(f"{product.code} — {product.name}")
            entry.setData(Qt.ItemDataRole.UserRole, product.code)
            entry.setCheckState(Qt.CheckState.Checked if product.code in activity.products else Qt.CheckState.Unchecked)
            self.products_list.addItem(entry)
        self.notes_edit = QPlainTextEdit(activity.outcome, self)
        self.notes_edit.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status_combo)
        form.addRow(self.tr("Hasil"), self.result_combo)
        form.addRow(self.tr("Alasan tidak tertarik"), self.reason_edit)
        form.addRow(self.tr("Tanggal janji bayar"), self.promise_date)
        form.addRow(self.tr("Jumlah janji bayar"), self.promise_amount)
        form.addRow(self.tr("Produk dibahas"), self.products_list)
        form.addRow(self.tr("Catatan hasil"), self.notes_edit)
        self.next_group = QGroupBox(self.tr("Jadwalkan langkah berikutnya"), self)
        self.next_group.setCheckable(True)
        self.next_type = EnumComboBox(list(ActivityType), type_label, parent=self)
        self.next_type.set_value(ActivityType.PHONE)
        self.next_purpose = EnumComboBox(list(ActivityPurpose), purpose_label, parent=self)
        self.next_purpose.set_value(ActivityPurpose.FOLLOW_UP)
        self.next_start = QDateTimeEdit(self)
        self.next_start.setDisplayFormat(DATETIME_FORMAT)
        self.next_start.setCalendarPopup(True)
        after = add_working_days_from(context.uow, max(start, date.today()), FOLLOW_UP_WORKING_DAYS)
        self.next_start.setDateTime(to_qdatetime(datetime.combine(after, time(9, 0))))
        self.next_duration = QSpinBox(self)
        self.next_duration.setRange(5, 720)
        self.next_duration.setSingleStep(15)
        self.next_duration.setValue(DEFAULT_DURATION)
        self.next_duration.setSuffix(self.tr(" menit"))
        next_form = QFormLayout(self.next_group)
        next_form.addRow(self.tr("Jenis"), self.next_type)
        next_form.addRow(self.tr("Tujuan"), self.next_purpose)
        next_form.addRow(self.tr("Waktu"), self.next_start)
        next_form.addRow(self.tr("Durasi"), self.next_duration)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.next_group)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.status_combo.currentIndexChanged.connect(self._on_result_combo_current_index_changed)
        self.result_combo.currentIndexChanged.connect(self._on_result_combo_current_index_changed)
        self._on_result_combo_current_index_changed()

    def outcome(self) -> Outcome:
        d = self.promise_date.date()
        codes = tuple(self.products_list.item(n).data(Qt.ItemDataRole.UserRole)
                      for n in range(self.products_list.count())
                      if self.products_list.item(n).checkState() is Qt.CheckState.Checked)
        return Outcome(status=self.status_combo.value() or ActivityStatus.DONE,
                       outcome=self.notes_edit.toPlainText(), products=codes,
                       result=self.result_combo.value(), result_reason=self.reason_edit.text(),
                       promise_date=date(d.year(), d.month(), d.day()),
                       promise_amount=self.promise_amount.value() or 0)

    def next_step(self) -> NextStep | None:
        if not self.next_group.isChecked():
            return None
        return NextStep(self.next_type.value() or ActivityType.PHONE,
                        self.next_purpose.value() or ActivityPurpose.FOLLOW_UP,
                        from_qdatetime(self.next_start.dateTime()), self.next_duration.value())

    def _on_result_combo_current_index_changed(self, _index: int = 0) -> None:
        done = self.status_combo.value() is ActivityStatus.DONE
        self.result_combo.setEnabled(done)
        if not done:
            self.result_combo.set_value(None)
        result = self.result_combo.value()
        self.reason_edit.setEnabled(result is ActivityResult.NOT_INTERESTED)
        promise = result is ActivityResult.PROMISE_TO_PAY
        self.promise_date.setEnabled(promise)
        self.promise_amount.setEnabled(promise)
        if promise:
            self.next_purpose.set_value(ActivityPurpose.COLLECTION)
        # Interest, an application or a promise is followed up: the step is offered ticked.
        self.next_group.setChecked(result in (ActivityResult.INTERESTED, ActivityResult.APPLIED,
                                              ActivityResult.PROMISE_TO_PAY))

    def _on_buttons_accepted(self) -> None:
        try:
            self.saved = complete_activity(self._context.uow, self._activity, self.outcome(),
                                           self._context.who, self.next_step())
        except ValidationFailed as exc:
            self.error_label.setText(str(exc))
            return
        except DomainError as exc:
            show_exception(self, self.tr("Kegiatan tidak disimpan"), exc, retry=self._on_buttons_accepted)
            return
        self.accept()
