"""MonthGrid: six weeks of seven days (Monday first) with holiday names, the day's
activities as coloured lines ("09:00 Siti Aminah") and "+n lagi" when a day is full."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.enums import ActivityStatus
from ao_desktop.ui.calendar import colors
from ao_desktop.ui.calendar.grid_base import WEEKDAYS, CalendarGrid

HEADER = 22


def month_start(year: int, month: int) -> date:
    """The Monday on or before the 1st: the grid's first cell."""
    first = date(year, month, 1)
    return first - timedelta(days=first.weekday())


class MonthGrid(CalendarGrid):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._year, self._month = date.today().year, date.today().month
        self._more: dict[date, int] = {}

    def set_month(self, year: int, month: int) -> None:
        self._year, self._month = year, month
        self._relayout()

    @property
    def first_day(self) -> date:
        return month_start(self._year, self._month)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=41)

    def more_count(self, day: date) -> int:
        return self._more.get(day, 0)

    def _cell(self, index: int) -> QRect:
        w, h = self.width() / 7, (self.height() - HEADER) / 6
        col, row = index % 7, index // 7
        return QRect(int(col * w), int(HEADER + row * h), int(w), int(h))

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _relayout(self) -> None:
        self._chips, self._more = [], {}
        line = self._line_height()
        for index in range(42):
            day = self.first_day + timedelta(days=index)
            items = self._by_day.get(day, [])
            if not items:
                continue
            cell = self._cell(index)
            top = cell.top() + line + (line if day in self._holidays else 0)
            room = max(0, (cell.bottom() - top) // line)
            shown = items if len(items) <= room else items[: max(room - 1, 0)]
            for n, item in enumerate(shown):
                self._chips.append((QRect(cell.left() + 2, top + n * line, cell.width() - 4, line - 1), item.id))
            if len(shown) < len(items):
                self._more[day] = len(items) - len(shown)
        self.update()

    def slot_at(self, pos: QPoint) -> datetime | None:
        if pos.y() < HEADER or not self.rect().contains(pos):
            return None
        w, h = self.width() / 7, (self.height() - HEADER) / 6
        index = min(int((pos.y() - HEADER) // h), 5) * 7 + min(int(pos.x() // w), 6)
        return datetime.combine(self.first_day + timedelta(days=index), time(9, 0))

    def drop_time(self, activity: ActivityItem, slot: datetime) -> datetime:
        # A month cell is a day: the activity keeps its time of day.
        return datetime.combine(slot.date(), activity.starts_at.time())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        grid, muted = palette.color(QPalette.ColorRole.Mid), palette.color(QPalette.ColorRole.PlaceholderText)
        p.fillRect(self.rect(), base)
        w = self.width() / 7
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        for col, name in enumerate(WEEKDAYS):
            p.setPen(QColor("#c0392b") if col == 6 else text)
            p.drawText(QRect(int(col * w), 0, int(w), HEADER), Qt.AlignmentFlag.AlignCenter, name)
        line = self._line_height()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0))
        for index in range(42):
            day = self.first_day + timedelta(days=index)
            cell = self._cell(index)
            if day == self._today:
                p.fillRect(cell, colors.TODAY)
            elif day in self._holidays:
                p.fillRect(cell, colors.HOLIDAY)
            elif day.weekday() >= 5:
                p.fillRect(cell, colors.WEEKEND)
            if self._drop_target is not None and self._drop_target.date() == day:
                p.fillRect(cell, QColor(78, 121, 167, 60))
            p.setPen(grid)
            p.drawRect(cell.adjusted(0, 0, -1, -1))
            in_month = day.month == self._month
            red = day in self._holidays or day.weekday() == 6
            p.setFont(bold if day == self._today else self.font())
            p.setPen(QColor("#c0392b") if red and in_month else (text if in_month else muted))
            p.drawText(cell.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       str(day.day))
            p.setFont(small)
            if day in self._holidays:
                p.setPen(QColor("#c0392b"))
                name = p.fontMetrics().elidedText(self._holidays[day], Qt.TextElideMode.ElideRight, cell.width() - 8)
                p.drawText(QRect(cell.left() + 4, cell.top() + line, cell.width() - 8, line),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            if day in self._more:
                p.setPen(muted)
                p.drawText(QRect(cell.left() + 4, cell.bottom() - line, cell.width() - 8, line),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           self.tr("+{n} lagi").format(n=self._more[day]))
        for rect, activity_id in self._chips:
            self._paint_chip(p, rect, self._items[activity_id], text)
        p.end()

    def _paint_chip(self, p: QPainter, rect: QRect, item: ActivityItem, text: QColor) -> None:
        color = colors.activity_color(item, self._mode)
        p.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), color)
        if item.id == self._selected:
            p.fillRect(rect.adjusted(4, 0, 0, 0), QColor(color.red(), color.green(), color.blue(), 70))
        font = QFont(p.font())
        font.setStrikeOut(item.status is ActivityStatus.CANCELLED)
        p.setFont(font)
        p.setPen(text)
        label = f"{item.starts_at:%H:%M} {item.client_name}"
        p.drawText(rect.adjusted(7, 0, -2, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 9))
