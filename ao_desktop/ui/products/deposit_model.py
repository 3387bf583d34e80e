"""DepositProjectionTableModel: the periods of a deposit with automatic roll-over (ARO).

One row per period: the first placement, then each roll-over, with the balance it opens
with, the interest before and after tax, and the balance it closes with.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication

from ao_desktop.domain.products.deposit import DepositPeriod, DepositResult
from ao_desktop.ui.widgets.figures_table_model import FiguresTableModel, SortRole

__all__ = ["Column", "DepositProjectionTableModel", "SortRole"]


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


class DepositProjectionTableModel(FiguresTableModel[DepositPeriod]):
    COLUMNS = Column
    DATE_COLUMN = Column.MATURITY

    def set_result(self, result: DepositResult | None) -> None:
        self._set_rows(result.periods if result is not None else ())

    def title(self, column: int) -> str:
        return column_title(Column(column))

    def raw(self, row: DepositPeriod, column: int) -> int:
        match column:
            case Column.NO:
                return row.no
            case Column.MATURITY:
                return row.maturity_date.toordinal()
            case Column.OPENING:
                return row.opening_balance
            case Column.GROSS:
                return row.gross_interest
            case Column.TAX:
                return row.tax
            case Column.NET:
                return row.net_interest
            case _:
                return row.closing_balance
