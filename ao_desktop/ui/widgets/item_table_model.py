"""ItemTableModel: the table model of a short list held in memory.

Several views show tens to hundreds of rows (a day's activities, a branch's credit
applications): the rows are kept as domain objects and a cell is formatted only when
the view asks. A subclass names its columns (an IntEnum), their titles, which are
numeric (right-aligned) and how a row reads as text and as a sort key; anything more
(colours, tooltips) goes in `extra_data`. Big tables (the client directory) are paged
from SQL instead and do not use this.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

SortRole = Qt.ItemDataRole.UserRole + 1  # raw values, for QSortFilterProxyModel
IdRole = Qt.ItemDataRole.UserRole + 2  # the row's database id

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ItemTableModel(QAbstractTableModel):
    columns: ClassVar[type[IntEnum]]
    numeric: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    # --- what a subclass says ---------------------------------------------------------
    def column_title(self, column: Any) -> str:
        raise NotImplementedError

    def text(self, item: Any, column: Any) -> str:
        raise NotImplementedError

    def sort_key(self, item: Any, column: Any) -> Any:
        raise NotImplementedError

    def item_id(self, item: Any) -> Any:
        return item.id

    def extra_data(self, item: Any, column: Any, role: int) -> Any:
        return None

    # --- the rows -----------------------------------------------------------------------
    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._items[row]

    def items(self) -> list[Any]:
        return list(self._items)

    def refresh_all(self) -> None:
        """Every cell again (a display setting changed, not the rows)."""
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(self.columns) - 1))

    # --- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.column_title(self.columns(section))
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], self.columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, column)
        if role == SortRole:
            return self.sort_key(item, column)
        if role == IdRole:
            return self.item_id(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric:
            return _RIGHT
        return self.extra_data(item, column, role)
