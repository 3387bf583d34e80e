"""AgendaTableModel: the activities of a day (or a few days) as table rows.

A day holds tens of activities, so the model keeps the items in memory and formats a
cell only when the view asks; the sort role returns raw values.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.labels import purpose_label, status_label, type_label
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.ui.calendar.colors import ColorMode, activity_color
from ao_desktop.ui.widgets.item_table_model import IdRole, ItemTableModel, SortRole

__all__ = ["AgendaTableModel", "Column", "IdRole", "SortRole", "column_title", "display_phone"]


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


class AgendaTableModel(ItemTableModel):
    columns = Column

    def __init__(self, parent: QObject | None = None, *, show_date: bool = False) -> None:
        super().__init__(parent)
        self._mode = ColorMode.TYPE
        self._show_date = show_date

    def set_color_mode(self, mode: ColorMode) -> None:
        self._mode = mode
        self.refresh_all()

    def column_title(self, column: Column) -> str:
        return column_title(column)

    def extra_data(self, item: ActivityItem, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column is Column.TIME:
            return activity_color(item, self._mode)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.LOCATION:
            return item.location or None
        return None

    def text(self, item: ActivityItem, column: Column) -> str:
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

    def sort_key(self, item: ActivityItem, column: Column) -> Any:
        match column:
            case Column.TIME:
                return item.starts_at.isoformat()
            case Column.TYPE | Column.PURPOSE | Column.STATUS:
                return self.text(item, column)
            case Column.CLIENT:
                return item.client_name.casefold()
            case Column.LOCATION:
                return item.location.casefold()
            case _:
                return item.mobile or item.landline
