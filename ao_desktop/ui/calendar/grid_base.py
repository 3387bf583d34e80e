"""What the month and week grids share: the activities by day, the holiday names, the
colour mode, and dragging a planned activity to another slot.

The grids paint themselves (no widget per activity): a month with 2,000 activities
paints in a few milliseconds. Dragging is tracked by the grid itself rather than QDrag,
so it stays inside the window and a drop is one `activityDropped` signal.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.enums import ActivityStatus
from ao_desktop.ui.calendar.colors import ColorMode

WEEKDAYS = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")  # the week starts on Monday


class CalendarGrid(QWidget):
    """Base of MonthGrid and WeekGrid: subclasses lay out `self._chips` and paint."""

    daySelected = Signal(object)  # noqa: N815 - date
    activityActivated = Signal(int)  # noqa: N815 - double-click: open or complete it
    activitySelected = Signal(int)  # noqa: N815
    activityDropped = Signal(int, object)  # noqa: N815 - id, new datetime (time kept in month)
    newRequested = Signal(object)  # noqa: N815 - datetime of an empty slot double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(False)
        self.setMinimumSize(420, 300)
        self._items: dict[int, ActivityItem] = {}
        self._by_day: dict[date, list[ActivityItem]] = defaultdict(list)
        self._holidays: dict[date, str] = {}
        self._today = date.today()
        self._mode = ColorMode.TYPE
        self._chips: list[tuple[QRect, int]] = []  # painted activity rectangles, hit-tested
        self._selected: int | None = None
        self._press: tuple[QPoint, int] | None = None
        self._dragging = False
        self._drop_target: datetime | None = None

    # --- data ---------------------------------------------------------------------------
    def set_items(self, items: list[ActivityItem], holidays: dict[date, str], today: date) -> None:
        self._items = {i.id: i for i in items}
        self._by_day = defaultdict(list)
        for item in items:
            self._by_day[item.starts_at.date()].append(item)
        self._holidays = dict(holidays)
        self._today = today
        self._relayout()

    def set_color_mode(self, mode: ColorMode) -> None:
        self._mode = mode
        self.update()

    def item(self, activity_id: int) -> ActivityItem | None:
        return self._items.get(activity_id)

    def items_on(self, day: date) -> list[ActivityItem]:
        return list(self._by_day.get(day, []))

    def chip_rect(self, activity_id: int) -> QRect | None:
        """Where an activity is painted (None when it did not fit): tests and tooltips."""
        return next((r for r, i in self._chips if i == activity_id), None)

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    # --- for subclasses ------------------------------------------------------------------
    def _relayout(self) -> None:
        raise NotImplementedError

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The date-time a point of the grid stands for (None outside the days)."""
        raise NotImplementedError

    def drop_time(self, activity: ActivityItem, slot: datetime) -> datetime:
        return slot

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    # --- mouse --------------------------------------------------------------------------
    def _chip_at(self, pos: QPoint) -> int | None:
        for rect, activity_id in reversed(self._chips):
            if rect.contains(pos):
                return activity_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() is not Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        hit = self._chip_at(pos)
        if hit is not None:
            self._selected = hit
            self.activitySelected.emit(hit)
            if self._items[hit].status is ActivityStatus.PLANNED:
                self._press = (pos, hit)
        slot = self.slot_at(pos)
        if slot is not None:
            self.daySelected.emit(slot.date())
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None:
            return
        pos = event.position().toPoint()
        if not self._dragging and (pos - self._press[0]).manhattanLength() < QApplication.startDragDistance():
            return
        self._dragging = True
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._drop_target = self.slot_at(pos)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        press, dragging = self._press, self._dragging
        self._press, self._dragging = None, False
        self.unsetCursor()
        target, self._drop_target = self._drop_target, None
        self.update()
        if press is None or not dragging:
            return
        slot = self.slot_at(event.position().toPoint()) or target
        if slot is None:
            return
        item = self._items[press[1]]
        new_start = self.drop_time(item, slot)
        if new_start != item.starts_at:
            self.activityDropped.emit(item.id, new_start)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        hit = self._chip_at(pos)
        if hit is not None:
            self.activityActivated.emit(hit)
            return
        slot = self.slot_at(pos)
        if slot is not None:
            self.newRequested.emit(slot)
