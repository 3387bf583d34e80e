"""ClientTableModel: the directory table, fetched from SQL in pages of 200 rows.

The model holds only the `ClientListItem`s loaded so far. Scrolling to the end asks for
the next page (`canFetchMore`/`fetchMore`); sorting and filtering re-run the query in
SQL through `search_clients` (no proxy model: the table may hold a million clients).
The total count runs in a worker thread so typing in the search box never waits for a
COUNT over the whole table; the first page itself is a fast, synchronous query.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ao_desktop.domain.clients.client import ClientListItem
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.labels import source_label, status_label
from ao_desktop.domain.common.formatting import format_date, format_rupiah
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.services.clients.directory import MAX_PAGE, count_clients, search_clients
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.ui.workers import BackgroundTask, TaskRunner

log = logging.getLogger(__name__)

PAGE_SIZE = 200
# totalChanged's values for a count not (yet) known.
COUNTING = -1
COUNT_FAILED = -2
SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT = int(SortRole)
_ID = int(IdRole)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    NIK = 1
    MOBILE = 2
    CITY = 3
    STATUS = 4
    SOURCE = 5
    OFFICER = 6
    INCOME = 7
    UPDATED = 8


_INCOME = int(Column.INCOME)  # a plain int for the hot path in data()
_NAME = int(Column.NAME)


SORT_OF_COLUMN: dict[Column, ClientSort] = {
    Column.NAME: ClientSort.NAME,
    Column.NIK: ClientSort.NIK,
    Column.MOBILE: ClientSort.MOBILE,
    Column.CITY: ClientSort.CITY,
    Column.STATUS: ClientSort.STATUS,
    Column.SOURCE: ClientSort.SOURCE,
    Column.OFFICER: ClientSort.OFFICER,
    Column.INCOME: ClientSort.INCOME,
    Column.UPDATED: ClientSort.UPDATED,
}
COLUMN_OF_SORT: dict[ClientSort, Column] = {s: c for c, s in SORT_OF_COLUMN.items()}


def sort_indicator(query: ClientQuery) -> tuple[int, Qt.SortOrder]:
    """The header section and order that describe how `query` orders its rows (-1: none)."""
    order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
    if query.sort is ClientSort.RELEVANCE:
        # Without search text relevance is the name order; with text it is no column's.
        return (-1, order) if query.text.strip() else (Column.NAME, Qt.SortOrder.AscendingOrder)
    return COLUMN_OF_SORT[query.sort], order


def column_title(column: Column) -> str:
    titles = {
        Column.NAME: QCoreApplication.translate("ClientTableModel", "Nama"),
        Column.NIK: QCoreApplication.translate("ClientTableModel", "NIK"),
        Column.MOBILE: QCoreApplication.translate("ClientTableModel", "No. HP"),
        Column.CITY: QCoreApplication.translate("ClientTableModel", "Kota"),
        Column.STATUS: QCoreApplication.translate("ClientTableModel", "Status"),
        Column.SOURCE: QCoreApplication.translate("ClientTableModel", "Sumber"),
        Column.OFFICER: QCoreApplication.translate("ClientTableModel", "AO"),
        Column.INCOME: QCoreApplication.translate("ClientTableModel", "Penghasilan"),
        Column.UPDATED: QCoreApplication.translate("ClientTableModel", "Diubah"),
    }
    return titles[column]


def display_phone(e164: str) -> str:
    """`+6281234567890` -> `0812-3456-7890`, `+62215551234` -> `(021) 5551234`: the
    number's own kind, as a landline imported into the mobile column is still a landline;
    anything unparsable is shown as stored."""
    if not e164:
        return ""
    try:
        return normalize_phone(e164).display
    except PhoneError:
        return e164


def display_name(item: ClientListItem) -> str:
    if item.business_name:
        return f"{item.business_name} ({item.full_name})" if item.full_name else item.business_name
    return item.full_name


def _display(item: ClientListItem, column: Column) -> str:
    match column:
        case Column.NAME:
            return display_name(item)
        case Column.NIK:
            return item.nik
        case Column.MOBILE:
            return display_phone(item.mobile)
        case Column.CITY:
            return item.city
        case Column.STATUS:
            return status_label(item.status)
        case Column.SOURCE:
            return source_label(item.lead_source)
        case Column.OFFICER:
            return item.officer_name
        case Column.INCOME:
            return format_rupiah(item.monthly_income) if item.monthly_income else ""
        case Column.UPDATED:
            return format_date(item.updated_at.date()) if item.updated_at else ""


def _raw(item: ClientListItem, column: Column) -> Any:
    match column:
        case Column.NAME:
            return display_name(item)
        case Column.NIK:
            return item.nik
        case Column.MOBILE:
            return item.mobile
        case Column.CITY:
            return item.city
        case Column.STATUS:
            return item.status.value
        case Column.SOURCE:
            return item.lead_source.value
        case Column.OFFICER:
            return item.officer_name
        case Column.INCOME:
            return item.monthly_income
        case Column.UPDATED:
            return item.updated_at


class ClientTableModel(QAbstractTableModel):
    """Directory rows for one `ClientQuery`, loaded page by page."""

    totalChanged = Signal(int)  # noqa: N815 - Qt signal naming
    """The number of clients matching the query, once known (COUNTING while counting,
    COUNT_FAILED when the count could not be read, e.g. the database went out of reach)."""

    def __init__(
        self, uow: UnitOfWork, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._uow = uow
        self._page_size = page_size
        # Relevance (newest matches first) is the type-ahead order: the index streams it
        # without sorting every hit; without search text it is the name order.
        self._query = ClientQuery(sort=ClientSort.RELEVANCE)
        self._rows: list[ClientListItem] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> formatted cells, filled lazily
        self._exhausted = True
        self._total: int | None = 0
        self._runner = TaskRunner(self)
        self._count_task: BackgroundTask[int] | None = None
        # A sort's first page comes from a worker; until it arrives the old rows stay on
        # screen, in the order of `_shown` (which fetchMore keeps following).
        self._page_task: BackgroundTask[list[ClientListItem]] | None = None
        self._shown = self._query

    # --- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ClientQuery:
        return self._query

    @property
    def shown_query(self) -> ClientQuery:
        """The query whose rows are on screen; differs from `query` while a sort's first
        page is on its way."""
        return self._shown

    @property
    def total(self) -> int | None:
        """Clients matching the query; None while the count is still running."""
        return self._total

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def set_query(self, query: ClientQuery) -> None:
        """Show the first page of `query`; the count follows from a worker thread."""
        self._query = query
        self._reload(self._page_size)

    def _request_page(self, query: ClientQuery) -> None:
        """Show the first page of `query` when a worker has fetched it (a sort click at a
        million clients must not hold the GUI thread); a newer request supersedes it."""
        self._cancel_page()
        self._query = query
        uow, limit = self._uow, self._page_size
        self._page_task = self._runner.submit(
            lambda _token: search_clients(uow, query, 0, limit),
            lambda rows: self._on_page_done(query, rows),
            self._on_page_failed,
        )

    def _on_page_done(self, query: ClientQuery, rows: list[ClientListItem]) -> None:
        self._page_task = None
        if query == self._query:
            # Only the order changed: a count already known still holds.
            self._show(rows, self._page_size, recount=self._total is None)

    def _on_page_failed(self, exc: BaseException) -> None:
        # The old rows stay; re-running on the GUI thread shows the error as any query would.
        self._page_task = None
        self._reload(self._page_size)

    def _cancel_page(self) -> None:
        if self._page_task is not None:
            self._page_task.cancel()
            self._page_task = None

    def refresh(self) -> None:
        """Re-run the query after a change, keeping about as many rows as were loaded."""
        self._reload(min(max(len(self._rows), self._page_size), MAX_PAGE))

    def _reload(self, limit: int) -> None:
        self._cancel_page()
        self._show(search_clients(self._uow, self._query, 0, limit), limit)

    def _show(self, rows: list[ClientListItem], limit: int, recount: bool = True) -> None:
        self._shown = self._query
        self.beginResetModel()
        self._rows = rows
        self._texts = {}
        self._exhausted = len(rows) < limit
        self.endResetModel()
        if recount:
            self._start_count()

    def _start_count(self) -> None:
        if self._count_task is not None:
            self._count_task.cancel()
            self._count_task = None
        if self._exhausted:  # everything is loaded: the count is known for free
            self._set_total(len(self._rows))
            return
        self._set_total(None)
        uow, query = self._uow, self._query
        self._count_task = self._runner.submit(
            lambda _token: count_clients(uow, query), self._on_count_done, self._on_count_failed
        )

    def _on_count_done(self, total: int) -> None:
        self._count_task = None
        self._set_total(total)

    def _on_count_failed(self, exc: BaseException) -> None:
        # The rows on screen still hold; only the count is unknown. Saying "counting"
        # forever would be a lie: the label says the count failed, and the next load
        # (a search, "Coba lagi", a save) counts again.
        self._count_task = None
        log.warning("client count failed: %s", exc)
        self._total = None
        self.totalChanged.emit(COUNT_FAILED)

    def _set_total(self, total: int | None) -> None:
        self._total = total
        self.totalChanged.emit(COUNTING if total is None else total)

    # --- rows -----------------------------------------------------------------------------
    def item(self, row: int) -> ClientListItem:
        return self._rows[row]

    def client_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, client_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == client_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        page = search_clients(self._uow, self._shown, len(self._rows), self._page_size)
        self._exhausted = len(page) < self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~1,000 times per repaint: plain ints and a per-row cache of the formatted
        # texts keep a keystroke's repaint within budget (enum conversions dominated).
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        role = int(role)
        column = index.column()
        if role == _DISPLAY:
            texts = self._texts.get(row)
            if texts is None:
                item = self._rows[row]
                texts = self._texts[row] = tuple(_display(item, c) for c in Column)
            return texts[column]
        if role == _ALIGN:
            return _ALIGN_RIGHT if column == _INCOME else _ALIGN_LEFT
        if role == _SORT:
            return _raw(self._rows[row], Column(column))
        if role == _ID:
            return self._rows[row].id
        if role == _TOOLTIP and column == _NAME and not self._rows[row].archived:
            # A long business name can hide its owner in the column: hovering tells both.
            return display_name(self._rows[row])
        if self._rows[row].archived:
            if role == _FOREGROUND:
                return QBrush(QColor(128, 128, 128))
            if role == _FONT:
                font = QFont()
                font.setItalic(True)
                return font
            if role == _TOOLTIP:
                return self.tr("Diarsipkan")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if column is Column.INCOME
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # The first click on Penghasilan/Diubah shows the largest/newest first.
            descending = column in (Column.INCOME, Column.UPDATED)
            return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-run the query in SQL, ordered by `column` (-1: relevance, the default)."""
        if column >= len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        sort = SORT_OF_COLUMN[Column(column)] if column >= 0 else ClientSort.RELEVANCE
        if sort == self._query.sort and descending == self._query.descending and self._rows:
            return
        self._request_page(replace(self._query, sort=sort, descending=descending))
