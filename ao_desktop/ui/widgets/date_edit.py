"""OptionalDateEdit: a dd/MM/yyyy date edit that can also be empty.

QDateEdit has no empty state, so the minimum date serves as "no date" and shows a
format hint instead. Typing a digit into the empty field starts a date at its day
section; Delete or the clear button inside the field empties it again.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QStyle, QWidget

_EMPTY = QDate(1800, 1, 1)
_SEPARATORS = {Qt.Key.Key_Slash, Qt.Key.Key_Minus, Qt.Key.Key_Period}


class OptionalDateEdit(QDateEdit):
    """A date or nothing; `value()` is a `datetime.date` or None."""

    valueChanged = Signal(object)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None, *, start_page: date | None = None) -> None:
        super().__init__(parent)
        self._start_page = start_page or date.today()
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(self.tr("hh/bb/tttt"))
        self.setCalendarPopup(True)
        self.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendarWidget().installEventFilter(self)
        self._clear_action = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
            self.tr("Kosongkan tanggal"),
            self,
        )
        self._clear_action.triggered.connect(self.clear_value)
        self.lineEdit().addAction(
            self._clear_action, self.lineEdit().ActionPosition.TrailingPosition
        )
        self.setDate(_EMPTY)
        self.dateChanged.connect(self._on_self_date_changed)
        self._sync_clear_action()

    def value(self) -> date | None:
        qdate = self.date()
        return None if qdate == _EMPTY else date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))
        self._sync_clear_action()  # also when the caller blocked our signals

    def set_maximum(self, value: date) -> None:
        self.setMaximumDate(QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(_EMPTY)

    def is_empty(self) -> bool:
        return self.date() == _EMPTY

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Delete:
            self.clear_value()
            return
        if self.is_empty() and event.text().isdigit():
            # Start from a neutral date and type over it section by section: dd, MM, yyyy.
            self.setDate(QDate(2000, 1, 1))
            self.setCurrentSection(QDateTimeEdit.Section.DaySection)
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
        elif key in _SEPARATORS and not self.is_empty():
            # Qt inserts separators as text; treat one as "next section" unless the
            # section was just completed (Qt already moved on by itself).
            line = self.lineEdit()
            if not line.hasSelectedText():
                index = self.currentSectionIndex()
                if index + 1 < self.sectionCount():
                    self.setCurrentSectionIndex(index + 1)
                    self.setSelectedSection(self.currentSection())
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.calendarWidget()
            and event.type() == QEvent.Type.Show
            and self.is_empty()
        ):
            # Open the calendar near a plausible date, not at the "empty" sentinel year.
            self.calendarWidget().setCurrentPage(self._start_page.year, self._start_page.month)
        return super().eventFilter(watched, event)

    def _on_self_date_changed(self, _qdate: QDate) -> None:
        self._sync_clear_action()
        self.valueChanged.emit(self.value())

    def _sync_clear_action(self) -> None:
        empty = self.is_empty()
        self._clear_action.setVisible(not empty)
        # The format hint shown while empty must look like a placeholder, not a value.
        self.lineEdit().setStyleSheet("color: palette(placeholder-text);" if empty else "")
