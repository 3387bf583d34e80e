"""ApplicationsTableModel: credit applications with their computed figures as rows.

A branch holds hundreds of applications, not millions, so the model keeps the
assessments in memory (filters re-run the service) and formats a cell only when the
view asks; the sort role returns raw values.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.credit.labels import status_label
from ao_desktop.services.credit.applications import Assessment
from ao_desktop.ui.widgets.item_table_model import IdRole, ItemTableModel, SortRole

__all__ = ["ApplicationsTableModel", "Column", "IdRole", "SortRole", "column_title"]
WARNING = QColor("#B45309")


class Column(IntEnum):
    ID = 0
    CLIENT = 1
    PRODUCT = 2
    AMOUNT = 3
    TENOR = 4
    INSTALLMENT = 5
    DSR = 6
    RPC_RATIO = 7
    SCORE = 8
    STATUS = 9


def column_title(column: Column) -> str:
    tr = QCoreApplication.translate
    return {
        Column.ID: tr("ApplicationsTableModel", "No."),
        Column.CLIENT: tr("ApplicationsTableModel", "Nasabah"),
        Column.PRODUCT: tr("ApplicationsTableModel", "Produk"),
        Column.AMOUNT: tr("ApplicationsTableModel", "Plafond"),
        Column.TENOR: tr("ApplicationsTableModel", "Tenor"),
        Column.INSTALLMENT: tr("ApplicationsTableModel", "Angsuran"),
        Column.DSR: tr("ApplicationsTableModel", "DSR"),
        Column.RPC_RATIO: tr("ApplicationsTableModel", "Angsuran/RPC"),
        Column.SCORE: tr("ApplicationsTableModel", "Nilai 5C"),
        Column.STATUS: tr("ApplicationsTableModel", "Status"),
    }[column]


_NUMERIC = {Column.ID, Column.AMOUNT, Column.TENOR, Column.INSTALLMENT, Column.DSR, Column.RPC_RATIO,
            Column.SCORE}


class ApplicationsTableModel(ItemTableModel):
    columns = Column
    numeric = frozenset(_NUMERIC)

    def column_title(self, column: Column) -> str:
        return column_title(column)

    def item_id(self, item: Assessment) -> int | None:
        return item.application.id

    def extra_data(self, item: Assessment, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and self._warned(item, column):
            return QBrush(WARNING)
        return None

    @staticmethod
    def _warned(item: Assessment, column: Column) -> bool:
        """A ceiling exceeded shows in colour: a warning, never a block."""
        return (column is Column.DSR and item.ratios.dsr_exceeded) or (
            column is Column.RPC_RATIO and item.ratios.rpc_exceeded)

    def text(self, item: Assessment, column: Column) -> str:
        app, r = item.application, item.ratios
        match column:
            case Column.ID:
                return str(app.id)
            case Column.CLIENT:
                return item.client_name
            case Column.PRODUCT:
                return app.product_code
            case Column.AMOUNT:
                return format_rupiah(app.amount)
            case Column.TENOR:
                return QCoreApplication.translate("ApplicationsTableModel", "{n} bln").format(n=app.tenor_months)
            case Column.INSTALLMENT:
                return format_rupiah(app.installment)
            case Column.DSR:
                return format_pct(r.dsr_pct, 2) if r.dsr_pct is not None else "—"
            case Column.RPC_RATIO:
                return format_pct(r.rpc_ratio_pct, 2) if r.rpc_ratio_pct is not None else "—"
            case Column.SCORE:
                return f"{item.score:.2f} ({item.grade})".replace(".", ",") if item.score is not None else "—"
            case _:
                return status_label(app.status)

    def sort_key(self, item: Assessment, column: Column) -> Any:
        app, r = item.application, item.ratios
        match column:
            case Column.ID:
                return app.id
            case Column.CLIENT:
                return item.client_name.casefold()
            case Column.PRODUCT:
                return app.product_code
            case Column.AMOUNT:
                return app.amount
            case Column.TENOR:
                return app.tenor_months
            case Column.INSTALLMENT:
                return app.installment
            case Column.DSR:
                return float(r.dsr_pct) if r.dsr_pct is not None else -1.0  # sort key only
            case Column.RPC_RATIO:
                return float(r.rpc_ratio_pct) if r.rpc_ratio_pct is not None else -1.0
            case Column.SCORE:
                return float(item.score) if item.score is not None else -1.0
            case _:
                return app.status.value
