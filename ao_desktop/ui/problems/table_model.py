"""ProblemsTableModel: client problems fetched from SQL in pages of 200 rows.

The model holds the lines loaded so far; scrolling to the end fetches the next page
(`canFetchMore`/`fetchMore`) and a header click re-runs the query in SQL in the new
order. Overdue lines (open, past the deadline) are red, those due today amber.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
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
from PySide6.QtGui import QBrush, QColor

from ao_desktop.domain.common.formatting import format_date, format_datetime
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.problems.deadline import is_due_today, is_overdue
from ao_desktop.domain.problems.labels import category_label, channel_label, status_label
from ao_desktop.domain.problems.problem import ProblemListItem
from ao_desktop.domain.problems.query import ProblemQuery, ProblemSort
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.problems.listing import count_problems, list_problems

PAGE_SIZE = 200
IdRole = Qt.ItemDataRole.UserRole + 2
OVERDUE_BACKGROUND = QColor("#FDE2E1")
OVERDUE_TEXT = QColor("#9B1C1C")
DUE_TODAY_BACKGROUND = QColor("#FEF3C7")
_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ID = 0
    DEADLINE = 1
    CLIENT = 2
    CATEGORY = 3
    CHANNEL = 4
    RECEIVED = 5
    STATUS = 6
    OFFICER = 7
    DESCRIPTION = 8


SORT_OF_COLUMN: dict[Column, ProblemSort] = {
    Column.ID: ProblemSort.ID, Column.DEADLINE: ProblemSort.DEADLINE, Column.CLIENT: ProblemSort.CLIENT,
    Column.CATEGORY: ProblemSort.CATEGORY, Column.CHANNEL: ProblemSort.CHANNEL,
    Column.RECEIVED: ProblemSort.RECEIVED, Column.STATUS: ProblemSort.STATUS,
    Column.OFFICER: ProblemSort.OFFICER,
}  # fmt: skip


def column_title(column: Column) -> str:
    tr = QCoreApplication.translate
    return {
        Column.ID: tr("ProblemsTableModel", "No."),
        Column.DEADLINE: tr("ProblemsTableModel", "Batas waktu"),
        Column.CLIENT: tr("ProblemsTableModel", "Nasabah"),
        Column.CATEGORY: tr("ProblemsTableModel", "Kategori"),
        Column.CHANNEL: tr("ProblemsTableModel", "Saluran"),
        Column.RECEIVED: tr("ProblemsTableModel", "Diterima"),
        Column.STATUS: tr("ProblemsTableModel", "Status"),
        Column.OFFICER: tr("ProblemsTableModel", "AO"),
        Column.DESCRIPTION: tr("ProblemsTableModel", "Uraian"),
    }[column]


def deadline_text(item: ProblemListItem, today: date) -> str:
    p = item.problem
    text = format_date(p.deadline)
    if p.extended:
        text += QCoreApplication.translate("ProblemsTableModel", " (diperpanjang)")
    if is_overdue(p, today):
        text += QCoreApplication.translate("ProblemsTableModel", " — terlambat")
    elif is_due_today(p, today):
        text += QCoreApplication.translate("ProblemsTableModel", " — hari ini")
    return text


class ProblemsTableModel(QAbstractTableModel):
    def __init__(self, uow: UnitOfWork, query: ProblemQuery, actor: Actor | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._uow = uow
        self._actor = actor
        self._query = query
        self._items: list[ProblemListItem] = []
        self._total = 0
        self.refresh()

    @property
    def query(self) -> ProblemQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: ProblemQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._items = list_problems(self._uow, self._query, 0, PAGE_SIZE, self._actor)
        self._total = count_problems(self._uow, self._query, self._actor)
        self.endResetModel()

    def item(self, row: int) -> ProblemListItem:
        return self._items[row]

    def row_of(self, problem_id: int) -> int | None:
        return next((r for r, i in enumerate(self._items) if i.problem.id == problem_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._items) < self._total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid():
            return
        page = list_problems(self._uow, self._query, len(self._items), PAGE_SIZE, self._actor)
        if page:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(page) - 1)
            self._items += page
            self.endInsertRows()
        else:
            self._total = len(self._items)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return column_title(Column(section))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORT_OF_COLUMN.get(Column(column)) if 0 <= column < len(Column) else None
        if sort is None:
            return
        self.set_query(replace(self._query, sort=sort, descending=order is Qt.SortOrder.DescendingOrder))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], Column(index.column())
        today = self._query.today
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column, today)
        if role == IdRole:
            return item.problem.id
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.DESCRIPTION:
            return item.problem.description
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_overdue(item.problem, today):
                return QBrush(OVERDUE_BACKGROUND)
            if is_due_today(item.problem, today):
                return QBrush(DUE_TODAY_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and is_overdue(item.problem, today):
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: ProblemListItem, column: Column, today: date) -> str:
        p = item.problem
        match column:
            case Column.ID:
                return str(p.id)
            case Column.DEADLINE:
                return deadline_text(item, today)
            case Column.CLIENT:
                return item.client_name
            case Column.CATEGORY:
                return category_label(p.category)
            case Column.CHANNEL:
                return channel_label(p.channel)
            case Column.RECEIVED:
                return format_datetime(p.received_at)
            case Column.STATUS:
                return status_label(p.status)
            case Column.OFFICER:
                return item.officer_name
            case _:
                return p.description.replace("\n", " ")
