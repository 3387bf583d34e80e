"""WeekGrid: Monday to Sunday in columns, office hours in rows; activities are blocks
placed by time and length, side by side where they overlap. A drag moves a planned
activity to another day and time, in quarter hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.common.formatting import MONTHS_SHORT
from ao_desktop.ui.calendar import colors
from ao_desktop.ui.calendar.grid_base import WEEKDAYS, CalendarGrid

FIRST_HOUR, LAST_HOUR = 7, 19  # the rows shown; earlier or later activities sit at the edge
HEADER = 38
GUTTER = 44
SNAP_MINUTES = 15


def _overlapping_groups(items: list[ActivityItem]) -> list[list[ActivityItem]]:
    """Items (sorted by start) cut into runs whose times overlap one another."""
    groups: list[list[ActivityItem]] = []
    end: datetime | None = None
    for item in items:
        if end is None or item.starts_at >= end:
            groups.append([])
            end = item.ends_at
        groups[-1].append(item)
        end = max(end, item.ends_at)
    return groups


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


class WeekGrid(CalendarGrid):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._monday = week_start(date.today())

    def set_week(self, any_day: date) -> None:
        self._monday = week_start(any_day)
        self._relayout()

    @property
    def first_day(self) -> date:
        return self._monday

    @property
    def last_day(self) -> date:
        return self._monday + timedelta(days=6)

    def _col_width(self) -> float:
        return (self.width() - GUTTER) / 7

    def _minute_height(self) -> float:
        return (self.height() - HEADER) / ((LAST_HOUR - FIRST_HOUR) * 60)

    def _y_of(self, moment: time) -> int:
        minutes = (moment.hour - FIRST_HOUR) * 60 + moment.minute
        minutes = max(0, min(minutes, (LAST_HOUR - FIRST_HOUR) * 60 - SNAP_MINUTES))
        return int(HEADER + minutes * self._minute_height())

    def _relayout(self) -> None:
        self._chips = []
        w, mh = self._col_width(), self._minute_height()
        for col in range(7):
            items = sorted(self._by_day.get(self._monday + timedelta(days=col), []),
                           key=lambda i: (i.starts_at, i.id))
            for cluster in _overlapping_groups(items):
                lanes: list[datetime] = []  # end time of the last block in each lane
                placed: list[tuple[ActivityItem, int]] = []
                for item in cluster:
                    lane = next((n for n, end in enumerate(lanes) if end <= item.starts_at), None)
                    if lane is None:
                        lanes.append(item.ends_at)
                        lane = len(lanes) - 1
                    else:
                        lanes[lane] = item.ends_at
                    placed.append((item, lane))
                # Side by side only within a group of overlapping activities.
                width = w / len(lanes)
                for item, lane in placed:
                    top = self._y_of(item.starts_at.time())
                    height = max(int(item.duration_minutes * mh), self.fontMetrics().height() + 2)
                    rect = QRect(int(GUTTER + col * w + lane * width) + 1, top, int(width) - 2, height)
                    self._chips.append((rect, item.id))
        self.update()

    def slot_at(self, pos: QPoint) -> datetime | None:
        if pos.x() < GUTTER or pos.y() < HEADER or not self.rect().contains(pos):
            return None
        col = min(int((pos.x() - GUTTER) // self._col_width()), 6)
        minutes = int((pos.y() - HEADER) / self._minute_height())
        minutes = minutes // SNAP_MINUTES * SNAP_MINUTES
        start = datetime.combine(self._monday + timedelta(days=col), time(FIRST_HOUR))
        return start + timedelta(minutes=minutes)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        palette = self.palette()
        text, grid = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Mid)
        p.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        w, hour = self._col_width(), 60 * self._minute_height()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0))
        for col in range(7):
            day = self._monday + timedelta(days=col)
            column = QRect(int(GUTTER + col * w), 0, int(w), self.height())
            if day == self._today:
                p.fillRect(column, colors.TODAY)
            elif day in self._holidays:
                p.fillRect(column, colors.HOLIDAY)
            elif day.weekday() >= 5:
                p.fillRect(column, colors.WEEKEND)
            red = day in self._holidays or day.weekday() == 6
            p.setPen(QColor("#c0392b") if red else text)
            p.setFont(self.font())
            p.drawText(QRect(column.left(), 0, column.width(), HEADER // 2 + 2), Qt.AlignmentFlag.AlignCenter,
                       f"{WEEKDAYS[col]} {day.day} {MONTHS_SHORT[day.month - 1]}")
            if day in self._holidays:
                p.setFont(small)
                p.drawText(QRect(column.left() + 2, HEADER // 2, column.width() - 4, HEADER // 2),
                           Qt.AlignmentFlag.AlignCenter,
                           p.fontMetrics().elidedText(self._holidays[day], Qt.TextElideMode.ElideRight,
                                                      column.width() - 4))
        p.setPen(grid)
        for n in range(LAST_HOUR - FIRST_HOUR + 1):
            y = int(HEADER + n * hour)
            p.drawLine(GUTTER, y, self.width(), y)
            if n < LAST_HOUR - FIRST_HOUR:
                p.setFont(small)
                p.drawText(QRect(0, y, GUTTER - 4, int(hour)), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                           f"{FIRST_HOUR + n:02d}:00")
        for col in range(8):
            x = int(GUTTER + col * w)
            p.drawLine(x, HEADER, x, self.height())
        if self._drop_target is not None:
            col = (self._drop_target.date() - self._monday).days
            y = self._y_of(self._drop_target.time())
            p.fillRect(QRect(int(GUTTER + col * w), y, int(w), int(30 * self._minute_height())),
                       QColor(78, 121, 167, 90))
        p.setFont(small)
        for rect, activity_id in self._chips:
            item = self._items[activity_id]
            color = colors.activity_color(item, self._mode)
            p.fillRect(rect, color.lighter(160))
            p.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), color)
            if activity_id == self._selected:
                p.setPen(text)
                p.drawRect(rect.adjusted(0, 0, -1, -1))
            p.setPen(QColor("#1d1d1d"))
            label = f"{item.starts_at:%H:%M} {item.client_name}"
            inner = rect.adjusted(5, 0, -2, 0)
            if inner.height() < 2 * p.fontMetrics().height():  # a short call: one elided line
                p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, inner.width()))
            else:
                p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                           | Qt.TextFlag.TextWordWrap, label)
        p.end()
