"""Table models of the Portofolio view: the collections worklist and the movement since
the previous extract. Both lists are bounded (the worklist at 1,000 accounts in arrears,
the movement at 2,000 changes) and already ordered by SQL and the service, so they are
held in memory and a proxy sorts them on the raw values of SortRole."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ao_desktop.domain.common.formatting import format_date, format_number, format_rupiah
from ao_desktop.domain.portfolio.collections import WorkItem
from ao_desktop.domain.portfolio.summary import MovementItem, movement_label

SortRole = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NPL_INK = QColor("#B42318")
WATCH_INK = QColor("#B45309")
T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioTables", text)


class WorkColumn(IntEnum):
    ACCOUNT = 0
    CLIENT = 1
    OFFICER = 2
    DPD = 3
    KOL = 4
    ARREARS = 5
    OUTSTANDING = 6
    DUE = 7
    PROMISES = 8
    LETTER = 9


class MoveColumn(IntEnum):
    KIND = 0
    ACCOUNT = 1
    CLIENT = 2
    OFFICER = 3
    KOL = 4
    DPD = 5
    OUTSTANDING = 6


_WORK_TITLES = {WorkColumn.ACCOUNT: "No. rekening", WorkColumn.CLIENT: "Nasabah", WorkColumn.OFFICER: "AO",
                WorkColumn.DPD: "Hari tunggakan", WorkColumn.KOL: "Kol", WorkColumn.ARREARS: "Tunggakan",
                WorkColumn.OUTSTANDING: "Baki debet", WorkColumn.DUE: "Jatuh tempo",
                WorkColumn.PROMISES: "Janji bayar", WorkColumn.LETTER: "Surat"}
_MOVE_TITLES = {MoveColumn.KIND: "Pergerakan", MoveColumn.ACCOUNT: "No. rekening", MoveColumn.CLIENT: "Nasabah",
                MoveColumn.OFFICER: "AO", MoveColumn.KOL: "Kol (sebelum → sesudah)",
                MoveColumn.DPD: "Hari tunggakan", MoveColumn.OUTSTANDING: "Baki debet"}


class _ListModel(QAbstractTableModel, Generic[T]):
    columns: type[IntEnum]
    titles: dict[Any, str]
    numeric: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    def set_items(self, items: list[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return _tr(self.titles[self.columns(section)])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, column)
        if role == SortRole:
            return self.raw(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric:
            return int(RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.ink(item)
        return None

    def text(self, item: T, column: int) -> str:
        raise NotImplementedError

    def raw(self, item: T, column: int) -> Any:
        raise NotImplementedError

    def ink(self, item: T) -> QBrush | None:
        return None


class WorklistTableModel(_ListModel[WorkItem]):
    columns = WorkColumn
    titles = _WORK_TITLES
    numeric = frozenset({WorkColumn.DPD, WorkColumn.KOL, WorkColumn.ARREARS, WorkColumn.OUTSTANDING})

    def text(self, item: WorkItem, column: int) -> str:
        c = WorkColumn(column)
        if c is WorkColumn.PROMISES:
            parts = []
            if item.open_promise:
                parts.append(_tr("menunggu {d}").format(d=format_date(item.open_promise)))
            if item.broken_promises:
                parts.append(_tr("{n}× diingkari").format(n=item.broken_promises))
            return ", ".join(parts) or "—"
        if c is WorkColumn.LETTER:
            return f"SP{item.last_letter}" if item.last_letter else "—"
        if c is WorkColumn.DPD:
            return format_number(item.days_past_due)
        if c is WorkColumn.KOL:
            return str(item.collectibility)
        if c is WorkColumn.ARREARS:
            return format_rupiah(item.arrears)
        if c is WorkColumn.OUTSTANDING:
            return format_rupiah(item.outstanding)
        if c is WorkColumn.DUE:
            return format_date(item.next_due)
        return str(self.raw(item, column) or "")

    def raw(self, item: WorkItem, column: int) -> Any:
        return {WorkColumn.ACCOUNT: item.account_no, WorkColumn.CLIENT: item.borrower_name,
                WorkColumn.OFFICER: item.officer_name, WorkColumn.DPD: item.days_past_due,
                WorkColumn.KOL: item.collectibility, WorkColumn.ARREARS: item.arrears,
                WorkColumn.OUTSTANDING: item.outstanding,
                WorkColumn.DUE: item.next_due.isoformat() if item.next_due else "",
                WorkColumn.PROMISES: item.broken_promises, WorkColumn.LETTER: item.last_letter}[WorkColumn(column)]

    def ink(self, item: WorkItem) -> QBrush | None:
        if item.collectibility >= 3:
            return QBrush(NPL_INK)
        return QBrush(WATCH_INK) if item.broken_promises else None


class MovementTableModel(_ListModel[MovementItem]):
    columns = MoveColumn
    titles = _MOVE_TITLES
    numeric = frozenset({MoveColumn.DPD, MoveColumn.OUTSTANDING})

    def text(self, item: MovementItem, column: int) -> str:
        c = MoveColumn(column)
        if c is MoveColumn.KIND:
            return movement_label(item.kind)
        if c is MoveColumn.KOL:
            before = str(item.level_before) if item.level_before else "—"
            after = str(item.level_after) if item.level_after else "—"
            return f"{before} → {after}"
        if c is MoveColumn.DPD:
            before = format_number(item.dpd_before) if item.dpd_before is not None else "—"
            after = format_number(item.dpd_after) if item.dpd_after is not None else "—"
            return f"{before} → {after}"
        if c is MoveColumn.OUTSTANDING:
            return format_rupiah(item.outstanding_after if item.level_after else item.outstanding_before)
        return str(self.raw(item, column) or "")

    def raw(self, item: MovementItem, column: int) -> Any:
        return {MoveColumn.KIND: item.kind, MoveColumn.ACCOUNT: item.account_no,
                MoveColumn.CLIENT: item.borrower_name, MoveColumn.OFFICER: item.officer_name,
                MoveColumn.KOL: (item.level_after or 0) - (item.level_before or 0),
                MoveColumn.DPD: item.dpd_after or 0,
                MoveColumn.OUTSTANDING: item.outstanding_after or item.outstanding_before}[MoveColumn(column)]

    def ink(self, item: MovementItem) -> QBrush | None:
        return QBrush(NPL_INK) if item.kind == "memburuk" else None
