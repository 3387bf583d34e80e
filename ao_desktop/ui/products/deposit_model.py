"""DepositProjectionTableModel: the periods of a deposit with automatic roll-over (ARO).

One row per period: the first placement, then each roll-over, with the balance it opens
with, the interest before and after tax, and the balance it closes with.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ao_desktop.domain.deposit import DepositPeriod, DepositResult
from ao_desktop.domain.formatting import format_date, format_rupiah

SortRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    NO = 0
    MATURITY = 1
    OPENING = 2
    GROSS = 3
    TAX = 4
    NET = 5
    CLOSING = 6


def column_title(column: Column) -> str:
    tr = QCoreApplication.translate
    return {
        Column.NO: tr("DepositProjectionTableModel", "Periode"),
        Column.MATURITY: tr("DepositProjectionTableModel", "Jatuh tempo"),
        Column.OPENING: tr("DepositProjectionTableModel", "Saldo awal"),
        Column.GROSS: tr("DepositProjectionTableModel", "Bunga kotor"),
        Column.TAX: tr("DepositProjectionTableModel", "Pajak"),
        Column.NET: tr("DepositProjectionTableModel", "Bunga bersih"),
        Column.CLOSING: tr("DepositProjectionTableModel", "Saldo akhir"),
    }[column]


def _raw(period: DepositPeriod, column: Column) -> int:
    match column:
        case Column.NO:
            return period.no
        case Column.MATURITY:
            return period.maturity_date.toordinal()
        case Column.OPENING:
            return period.opening_balance
        case Column.GROSS:
            return period.gross_interest
        case Column.TAX:
            return period.tax
        case Column.NET:
            return period.net_interest
        case Column.CLOSING:
            return period.closing_balance


class DepositProjectionTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._periods: tuple[DepositPeriod, ...] = ()

    def set_result(self, result: DepositResult | None) -> None:
        self.beginResetModel()
        self._periods = result.periods if result is not None else ()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._periods)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._periods):
            return None
        period, column = self._periods[index.row()], Column(index.column())
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.NO:
                return str(period.no)
            if column is Column.MATURITY:
                return format_date(period.maturity_date)
            return format_rupiah(_raw(period, column))
        if role == SortRole:
            return _raw(period, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if column is Column.MATURITY else _ALIGN_RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if section == Column.MATURITY else _ALIGN_RIGHT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
