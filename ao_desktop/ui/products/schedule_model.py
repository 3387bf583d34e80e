"""ScheduleTableModel: the installment schedule of one simulation, one row per month.

A schedule has at most 600 rows and is recomputed on every input change, so the model
holds the domain `Installment`s and formats a row only when the view asks for it.
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

from ao_desktop.domain.formatting import format_date, format_rupiah
from ao_desktop.domain.loan_schedule import Installment, LoanSchedule

SortRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    NO = 0
    DUE_DATE = 1
    INSTALLMENT = 2
    PRINCIPAL = 3
    INTEREST = 4
    BALANCE = 5


MONEY_COLUMNS = frozenset({Column.INSTALLMENT, Column.PRINCIPAL, Column.INTEREST, Column.BALANCE})


def column_title(column: Column) -> str:
    return {
        Column.NO: QCoreApplication.translate("ScheduleTableModel", "No"),
        Column.DUE_DATE: QCoreApplication.translate("ScheduleTableModel", "Jatuh tempo"),
        Column.INSTALLMENT: QCoreApplication.translate("ScheduleTableModel", "Angsuran"),
        Column.PRINCIPAL: QCoreApplication.translate("ScheduleTableModel", "Pokok"),
        Column.INTEREST: QCoreApplication.translate("ScheduleTableModel", "Bunga"),
        Column.BALANCE: QCoreApplication.translate("ScheduleTableModel", "Sisa pokok"),
    }[column]


def _raw(row: Installment, column: Column) -> int:
    match column:
        case Column.NO:
            return row.no
        case Column.DUE_DATE:
            return row.due_date.toordinal()
        case Column.INSTALLMENT:
            return row.installment
        case Column.PRINCIPAL:
            return row.principal
        case Column.INTEREST:
            return row.interest
        case Column.BALANCE:
            return row.balance


def _display(row: Installment, column: Column) -> str:
    if column is Column.NO:
        return str(row.no)
    if column is Column.DUE_DATE:
        return format_date(row.due_date)
    return format_rupiah(_raw(row, column))


class ScheduleTableModel(QAbstractTableModel):
    """The rows of the current schedule; empty while the simulator's input is invalid."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._schedule: LoanSchedule | None = None
        self._rows: tuple[Installment, ...] = ()

    @property
    def schedule(self) -> LoanSchedule | None:
        return self._schedule

    def set_schedule(self, schedule: LoanSchedule | None) -> None:
        self.beginResetModel()
        self._schedule = schedule
        self._rows = schedule.installments if schedule is not None else ()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SortRole:
            return _raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if column is Column.DUE_DATE else _ALIGN_RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if section == Column.DUE_DATE else _ALIGN_RIGHT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
