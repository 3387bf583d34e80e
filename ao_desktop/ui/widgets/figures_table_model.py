"""FiguresTableModel: a read-only table of money figures, the shape shared by the loan
schedule and the deposit roll-over projection.

Column 0 is a sequence number, one column a date, every other column whole Rupiah. A
subclass names its `Column` enum, its `DATE_COLUMN`, the titles and how to read a raw
value from a row; display text, alignment and the sort role all follow from that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ao_desktop.domain.common.formatting import format_date, format_rupiah

SortRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

R = TypeVar("R")


class FiguresTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: ClassVar[type[IntEnum]]
    DATE_COLUMN: ClassVar[int]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[R, ...] = ()

    # --- what a subclass provides ---------------------------------------------------------
    def raw(self, row: R, column: int) -> int:
        """The column's value as an int: the number, the date's ordinal, or Rupiah."""
        raise NotImplementedError

    def title(self, column: int) -> str:
        raise NotImplementedError

    # --- the table ------------------------------------------------------------------------
    def _set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def _align(self, column: int) -> int:
        return _ALIGN_LEFT if column == self.DATE_COLUMN else _ALIGN_RIGHT

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.raw(row, column)
            if column == 0:
                return str(value)
            if column == self.DATE_COLUMN:
                return format_date(date.fromordinal(value))
            return format_rupiah(value)
        if role == SortRole:
            return self.raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align(column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
