"""AgendaTableModel: the activities of a day (or a few days) as table rows.

A day holds tens of activities, so the model keeps the items in memory and formats a
cell only when the view asks; the sort role returns raw values.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.labels import purpose_label, status_label, type_label
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.ui.calendar.colors import ColorMode, activity_color

SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    TIME = 0
    CLIENT = 1
    TYPE = 2
    PURPOSE = 3
    STATUS = 4
    LOCATION = 5
    PHONE = 6


def column_title(column: Column) -> str:
    tr = QCoreApplication.translate
    return {
        Column.TIME: tr("AgendaTableModel", "Waktu"),
        Column.CLIENT: tr("AgendaTableModel", "Nasabah"),
        Column.TYPE: tr("AgendaTableModel", "Jenis"),
        Column.PURPOSE: tr("AgendaTableModel", "Tujuan"),
        Column.STATUS: tr("AgendaTableModel", "Status"),
        Column.LOCATION: tr("AgendaTableModel", "Lokasi"),
        Column.PHONE: tr("AgendaTableModel", "No. HP"),
    }[column]


def display_phone(e164: str) -> str:
    try:
        return normalize_phone(e164).display if e164 else ""
    except PhoneError:
        return e164


class AgendaTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, *, show_date: bool = False) -> None:
        super().__init__(parent)
        self._items: list[ActivityItem] = []
        self._mode = ColorMode.TYPE
        self._show_date = show_date

    def set_items(self, items: list[ActivityItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def set_color_mode(self, mode: ColorMode) -> None:
        self._mode = mode
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(Column) - 1))

    def item(self, row: int) -> ActivityItem:
        return self._items[row]

    def items(self) -> list[ActivityItem]:
        return list(self._items)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return column_title(Column(section))
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == SortRole:
            return self._raw(item, column)
        if role == IdRole:
            return item.id
        if role == Qt.ItemDataRole.DecorationRole and column is Column.TIME:
            return activity_color(item, self._mode)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.LOCATION:
            return item.location or None
        return None

    def _text(self, item: ActivityItem, column: Column) -> str:
        match column:
            case Column.TIME:
                when = f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}"
                return f"{format_date(item.starts_at.date())} {when}" if self._show_date else when
            case Column.CLIENT:
                return item.client_name
            case Column.TYPE:
                return type_label(item.type)
            case Column.PURPOSE:
                return purpose_label(item.purpose)
            case Column.STATUS:
                return status_label(item.status)
            case Column.LOCATION:
                return item.location
            case _:
                return display_phone(item.mobile or item.landline)

    def _raw(self, item: ActivityItem, column: Column) -> Any:
        match column:
            case Column.TIME:
                return item.starts_at.isoformat()
            case Column.TYPE | Column.PURPOSE | Column.STATUS:
                return self._text(item, column)
            case Column.CLIENT:
                return item.client_name.casefold()
            case Column.LOCATION:
                return item.location.casefold()
            case _:
                return item.mobile or item.landline
