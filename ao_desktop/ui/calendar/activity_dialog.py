"""ActivityDialog: plan a new activity or edit a planned one.

The client is picked by typing part of a name or phone number; an empty location
becomes the client's address when saved. A holiday, cuti bersama or weekend date shows
a warning under the date (a warning only: an AO may visit a market on Saturday).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.activity import DEFAULT_DURATION, Activity
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.calendar.labels import purpose_label, type_label
from ao_desktop.domain.common.errors import DomainError, ValidationFailed
from ao_desktop.domain.common.officer import Officer
from ao_desktop.services.calendar.activities import schedule_activity, update_activity
from ao_desktop.services.calendar.agenda import holiday_warning
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox

DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class ActivityDialog(QDialog):
    def __init__(self, context: UiContext, officers: list[Officer], parent: QWidget | None = None, *,
                 activity: Activity | None = None, client: tuple[int, str] | None = None,
                 start: datetime | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._original = activity
        self.saved: Activity | None = None
        self.setWindowTitle(self.tr("Ubah kegiatan") if activity else self.tr("Kegiatan baru"))
        self.client_picker = ReferrerPicker(context.uow, self)
        self.client_picker.setPlaceholderText(self.tr("Ketik nama atau no. HP nasabah…"))
        self.officer_combo = OfficerComboBox(officers, self.tr("— pilih AO —"), context.officer_id, self)
        self.type_combo = EnumComboBox(list(ActivityType), type_label, parent=self)
        self.purpose_combo = EnumComboBox(list(ActivityPurpose), purpose_label, parent=self)
        self.start_edit = QDateTimeEdit(self)
        self.start_edit.setDisplayFormat(DATETIME_FORMAT)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setRange(5, 720)
        self.duration_spin.setSingleStep(15)
        self.duration_spin.setSuffix(self.tr(" menit"))
        self.location_edit = QLineEdit(self)
        self.location_edit.setPlaceholderText(self.tr("Kosongkan untuk memakai alamat nasabah"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText(self.tr("Rencana pembicaraan, dokumen yang dibawa…"))
        self.notes_edit.setFixedHeight(70)
        self.warning_label = QLabel(self)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a15c00;")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        form = QFormLayout()
        form.addRow(self.tr("Nasabah"), self.client_picker)
        form.addRow(self.tr("AO"), self.officer_combo)
        form.addRow(self.tr("Jenis"), self.type_combo)
        form.addRow(self.tr("Tujuan"), self.purpose_combo)
        form.addRow(self.tr("Mulai"), self.start_edit)
        form.addRow("", self.warning_label)
        form.addRow(self.tr("Durasi"), self.duration_spin)
        form.addRow(self.tr("Lokasi"), self.location_edit)
        form.addRow(self.tr("Catatan"), self.notes_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.start_edit.dateTimeChanged.connect(self._on_start_edit_date_time_changed)
        self._fill(activity, client, start)

    def _fill(self, activity: Activity | None, client: tuple[int, str] | None, start: datetime | None) -> None:
        if activity is not None:
            self.client_picker.set_client(activity.client_id, client[1] if client else str(activity.client_id))
            self.officer_combo.set_value(activity.officer_id)
            self.type_combo.set_value(activity.type)
            self.purpose_combo.set_value(activity.purpose)
            self.start_edit.setDateTime(to_qdatetime(activity.starts_at))
            self.duration_spin.setValue(activity.duration_minutes)
            self.location_edit.setText(activity.location)
            self.notes_edit.setPlainText(activity.outcome)
            return
        if client is not None:
            self.client_picker.set_client(*client)
        if self._context.officer_id is not None:
            self.officer_combo.set_value(self._context.officer_id)
        self.purpose_combo.set_value(ActivityPurpose.FOLLOW_UP)
        default = start or (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0)
        self.start_edit.setDateTime(to_qdatetime(default.replace(second=0, microsecond=0)))
        self.duration_spin.setValue(DEFAULT_DURATION)
        self._on_start_edit_date_time_changed(self.start_edit.dateTime())

    def draft(self) -> Activity | None:
        """The activity as entered, or None (with a message) when client or AO is missing."""
        client_id, officer_id = self.client_picker.client_id(), self.officer_combo.value()
        if client_id is None:
            self.error_label.setText(self.tr("Pilih nasabah dari daftar saran."))
            return None
        if officer_id is None:
            self.error_label.setText(self.tr("Pilih AO."))
            return None
        values = dict(client_id=client_id, officer_id=officer_id, type=self.type_combo.value(),
                      purpose=self.purpose_combo.value(), starts_at=from_qdatetime(self.start_edit.dateTime()),
                      duration_minutes=self.duration_spin.value(), location=self.location_edit.text().strip(),
                      outcome=self.notes_edit.toPlainText().strip())
        if self._original is not None:
            return replace(self._original, **values)  # type: ignore[arg-type]
        return Activity(**values)  # type: ignore[arg-type]

    def _on_start_edit_date_time_changed(self, value: QDateTime) -> None:
        self.warning_label.setText(holiday_warning(self._context.uow, from_qdatetime(value).date()) or "")
        self.warning_label.setVisible(bool(self.warning_label.text()))

    def _on_buttons_accepted(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        try:
            if self._original is None:
                self.saved = schedule_activity(self._context.uow, draft, self._context.who)
            else:
                self.saved = update_activity(self._context.uow, self._original, draft, self._context.who)
        except ValidationFailed as exc:
            self.error_label.setText(str(exc))
            return
        except DomainError as exc:
            show_exception(self, self.tr("Kegiatan tidak disimpan"), exc, retry=self._on_buttons_accepted)
            return
        self.accept()
