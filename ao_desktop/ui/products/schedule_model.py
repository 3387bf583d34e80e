"""ScheduleTableModel: the installment schedule of one simulation, one row per month.

A schedule has at most 600 rows and is recomputed on every input change, so the model
holds the domain `Installment`s and formats a row only when the view asks for it.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject

from ao_desktop.domain.products.loan_schedule import Installment, LoanSchedule
from ao_desktop.ui.widgets.figures_table_model import FiguresTableModel, SortRole

__all__ = ["Column", "ScheduleTableModel", "SortRole"]


class Column(IntEnum):
    NO = 0
    DUE_DATE = 1
    INSTALLMENT = 2
    PRINCIPAL = 3
    INTEREST = 4
    BALANCE = 5


def column_title(column: Column) -> str:
    return {
        Column.NO: QCoreApplication.translate("ScheduleTableModel", "No"),
        Column.DUE_DATE: QCoreApplication.translate("ScheduleTableModel", "Jatuh tempo"),
        Column.INSTALLMENT: QCoreApplication.translate("ScheduleTableModel", "Angsuran"),
        Column.PRINCIPAL: QCoreApplication.translate("ScheduleTableModel", "Pokok"),
        Column.INTEREST: QCoreApplication.translate("ScheduleTableModel", "Bunga"),
        Column.BALANCE: QCoreApplication.translate("ScheduleTableModel", "Sisa pokok"),
    }[column]


class ScheduleTableModel(FiguresTableModel[Installment]):
    """The rows of the current schedule; empty while the simulator's input is invalid."""

    COLUMNS = Column
    DATE_COLUMN = Column.DUE_DATE

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._schedule: LoanSchedule | None = None

    @property
    def schedule(self) -> LoanSchedule | None:
        return self._schedule

    def set_schedule(self, schedule: LoanSchedule | None) -> None:
        self._schedule = schedule
        self._set_rows(schedule.installments if schedule is not None else ())

    def title(self, column: int) -> str:
        return column_title(Column(column))

    def raw(self, row: Installment, column: int) -> int:
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
            case _:
                return row.balance
