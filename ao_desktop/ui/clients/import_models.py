"""The tables of the client import dialog and what they show: the preview table model
and its row filter, the column mapping table, the plan and the texts (summary line, cell
values as the sheet had them).

ImportPreviewTableModel holds the import plan (one PlannedRow per data row, in sheet
order) and a list of indexes into it. Filtering and sorting rebuild that index list; the
rows themselves are never copied, so 100,000 rows cost one list of ints. Display text is
made only for the rows the view paints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
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
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ao_desktop.domain.common.formatting import format_date_numeric
from ao_desktop.domain.imports.client_sheet import IMPORT_COLUMNS
from ao_desktop.domain.imports.import_plan import (
    DuplicatePolicy,
    ImportCounts,
    PlannedRow,
    RowAction,
    count_plan,
)
from ao_desktop.domain.imports.sheet_header import column_letter
from ao_desktop.services.imports.client_import import ImportPreview
from ao_desktop.ui.clients.table_model import display_phone

SortRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
REJECTED_TINT = QColor("#fbe3e3")  # light red
FLAGGED_TINT = QColor("#fff1cc")  # light amber
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClientImport", text)


def format_count(n: int) -> str:
    """`1234` -> `1.234` (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def cell_text(value: Any) -> str:
    """A raw cell as the sheet showed it: 81234567890.0 -> "81234567890", dates as
    dd/mm/yyyy; never raises."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _tr("Ya") if value else _tr("Tidak")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return format_date_numeric(day)
    return " ".join(str(value).split())


def summary_text(counts: ImportCounts) -> str:
    n = format_count
    return _tr(
        "{rows} baris: {accepted} akan diimpor ({inserted} baru, {merged} digabung), "
        "{skipped} dilewati, {rejected} ditolak, {flagged} dengan peringatan, "
        "{duplicates} duplikat"
    ).format(
        rows=n(counts.rows),
        accepted=n(counts.accepted),
        inserted=n(counts.inserted),
        merged=n(counts.merged),
        skipped=n(counts.skipped),
        rejected=n(counts.rejected),
        flagged=n(counts.flagged),
        duplicates=n(counts.duplicates),
    )


def action_label(action: RowAction) -> str:
    return {
        RowAction.INSERT: _tr("Baru"),
        RowAction.MERGE: _tr("Digabung"),
        RowAction.SKIP: _tr("Dilewati"),
        RowAction.REJECT: _tr("Ditolak"),
    }[action]


_ACTION_ORDER = {RowAction.REJECT: 0, RowAction.INSERT: 1, RowAction.MERGE: 2, RowAction.SKIP: 3}


def problems_of(planned: PlannedRow) -> list[str]:
    """Every issue of the row, errors first, then why it counts as a duplicate."""
    issues = sorted(planned.row.issues, key=lambda i: not i.is_error)
    lines = [f"{i.column}: {i.message}" if i.column else i.message for i in issues]
    if planned.duplicate is not None:
        lines.append(_tr("Duplikat: {what}").format(what=planned.duplicate.describe()))
    return lines


class RowFilter(IntEnum):
    ALL = 0
    REJECTED = 1
    FLAGGED = 2
    DUPLICATE = 3
    ACCEPTED = 4


def filter_label(row_filter: RowFilter) -> str:
    return {
        RowFilter.ALL: _tr("Semua"),
        RowFilter.REJECTED: _tr("Ditolak"),
        RowFilter.FLAGGED: _tr("Peringatan"),
        RowFilter.DUPLICATE: _tr("Duplikat"),
        RowFilter.ACCEPTED: _tr("Akan diimpor"),
    }[row_filter]


def _keeps(row_filter: RowFilter, planned: PlannedRow) -> bool:
    if row_filter is RowFilter.REJECTED:
        return planned.action is RowAction.REJECT
    if row_filter is RowFilter.FLAGGED:
        return planned.row.flagged
    if row_filter is RowFilter.DUPLICATE:
        return planned.duplicate is not None
    if row_filter is RowFilter.ACCEPTED:
        return planned.action in (RowAction.INSERT, RowAction.MERGE)
    return True


class Column(IntEnum):
    ROW = 0
    ACTION = 1
    NAME = 2
    NIK = 3
    PHONE = 4
    PROBLEMS = 5


def column_title(column: Column) -> str:
    return {
        Column.ROW: _tr("Baris"),
        Column.ACTION: _tr("Tindakan"),
        Column.NAME: _tr("Nama"),
        Column.NIK: _tr("NIK"),
        Column.PHONE: _tr("No. HP"),
        Column.PROBLEMS: _tr("Masalah"),
    }[column]


class ImportPreviewTableModel(QAbstractTableModel):
    """The rows of an import plan, filtered and sorted through a list of indexes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan: Sequence[PlannedRow] = ()
        self._index: list[int] = []
        self._filter = RowFilter.ALL
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Sheet column of the name, NIK and phone, for rows without a client (rejected).
        self._cells: dict[Column, int] = {}

    # --- feeding ----------------------------------------------------------------------------
    def set_plan(
        self, plan: Sequence[PlannedRow], mapping: Mapping[int, str] | None = None
    ) -> None:
        """Show `plan`; `mapping` (column index -> field) says where the raw cells are."""
        if mapping is not None:
            self._cells = {}
            for column, fields in (
                (Column.NAME, ("full_name",)),
                (Column.NIK, ("nik",)),
                (Column.PHONE, ("phone", "landline")),
            ):
                found = [c for f in fields for c, m in sorted(mapping.items()) if m == f]
                if found:
                    self._cells[column] = found[0]
        self.beginResetModel()
        self._plan = plan
        self._rebuild()
        self.endResetModel()

    def set_filter(self, row_filter: RowFilter) -> None:
        self.beginResetModel()
        self._filter = row_filter
        self._rebuild()
        self.endResetModel()

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def planned(self, row: int) -> PlannedRow:
        return self._plan[self._index[row]]

    def _rebuild(self) -> None:
        plan, row_filter = self._plan, self._filter
        if row_filter is RowFilter.ALL:
            self._index = list(range(len(plan)))
        else:
            self._index = [i for i, p in enumerate(plan) if _keeps(row_filter, p)]
        if self._sort is None:
            return
        column, descending = Column(self._sort[0]), self._sort[1] == Qt.SortOrder.DescendingOrder
        if column is Column.ROW:  # the plan is in sheet order already
            if descending:
                self._index.reverse()
            return
        raw = self.raw
        self._index.sort(key=lambda i: raw(plan[i], column), reverse=descending)

    # --- values -----------------------------------------------------------------------------
    def _cell(self, planned: PlannedRow, column: Column) -> str:
        col = self._cells.get(column)
        values = planned.row.values
        return cell_text(values[col]) if col is not None and col < len(values) else ""

    def text(self, planned: PlannedRow, column: Column) -> str:
        client = planned.row.client
        if column is Column.ROW:
            return format_count(planned.row.row)
        if column is Column.ACTION:
            return action_label(planned.action)
        if column is Column.PROBLEMS:
            return "; ".join(problems_of(planned))
        if client is None:  # rejected: show what the sheet says
            return self._cell(planned, column)
        if column is Column.NAME:
            return client.full_name
        if column is Column.NIK:
            return client.nik
        return display_phone(client.mobile or client.landline)

    def raw(self, planned: PlannedRow, column: Column) -> Any:
        """The value the rows sort by (never None); cheap, as 100,000 rows sort by it."""
        if column is Column.ROW:
            return planned.row.row
        if column is Column.ACTION:
            return _ACTION_ORDER[planned.action]
        if column is Column.PROBLEMS:
            # Errors, then warnings, then duplicates only, then nothing; then by the reason.
            issues = planned.row.issues
            if issues:
                return (0 if planned.row.rejected else 1, issues[0].column, issues[0].message)
            return (2, "", "") if planned.duplicate is not None else (3, "", "")
        client = planned.row.client
        if client is None:
            return self._cell(planned, column).casefold()
        if column is Column.NAME:
            return client.full_name.casefold()
        if column is Column.NIK:
            return client.nik
        return client.mobile or client.landline  # E.164 sorts like the national number

    # --- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._index)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._index):
            return None
        planned, column, role = self.planned(index.row()), Column(index.column()), int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(planned, column)
        if role == SortRole:
            return self.raw(planned, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.PROBLEMS:
            return "\n".join(problems_of(planned)) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if planned.action is RowAction.REJECT:
                return REJECTED_TINT
            if planned.row.flagged:
                return FLAGGED_TINT
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.ROW:
            return _ALIGN_RIGHT
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return column_title(Column(section))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        keys = [self._index[i.row()] for i in old]
        self._sort = (column, order)
        self._rebuild()
        position = {plan_index: row for row, plan_index in enumerate(self._index)}
        self.changePersistentIndexList(
            old, [self.index(position[k], i.column()) for k, i in zip(keys, old, strict=True)]
        )
        self.layoutChanged.emit()


Planned = tuple[list[PlannedRow], ImportCounts | None]


def planned(
    preview: ImportPreview,
    policy: DuplicatePolicy,
    overrides: Mapping[int, DuplicatePolicy] | None = None,
) -> Planned:
    """What happens to every row under `policy` (and the user's choices for single rows),
    and the counts; pure, any thread."""
    if preview.problems:
        return [], None
    plan = preview.plan(policy, overrides)
    return plan, count_plan(plan)


MAPPING_ROWS = ("Judul di berkas", "Contoh isi", "Diimpor sebagai")
MAPPING_COLUMN_WIDTH = 175
_HEADER, _SAMPLE, _FIELD = range(3)


class ColumnMappingTable(QTableWidget):
    """The sheet's columns as the sheet lays them out (A, B, C…), with rows for the header
    text, a sample value and a combo choosing the field each column is imported as. A
    short list held in widgets: a sheet has tens of columns, not thousands."""

    mappingChanged = Signal()  # the user chose another field for a column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(MAPPING_ROWS), 0, parent)
        self.setVerticalHeaderLabels([_tr(t) for t in MAPPING_ROWS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultSectionSize(MAPPING_COLUMN_WIDTH)
        self.horizontalHeader().setHighlightSections(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 4)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def show_columns(
        self, headers: Sequence[str], mapping: Mapping[int, str], samples: Mapping[int, str]
    ) -> None:
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels([column_letter(c) for c in range(len(headers))])
        for col, header in enumerate(headers):
            texts = {_HEADER: header or _tr("(tanpa judul)"), _SAMPLE: samples.get(col, "")}
            for row, text in texts.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, col, item)
            combo = QComboBox()
            combo.addItem(_tr("(abaikan)"), None)
            for column in IMPORT_COLUMNS:
                combo.addItem(column.label, column.field)
            combo.setCurrentIndex(max(combo.findData(mapping.get(col)), 0))
            combo.currentIndexChanged.connect(self.mappingChanged)
            self.setCellWidget(_FIELD, col, combo)
        # Exactly the three rows and the scroll bar: the preview below gets the rest.
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height()
            + self.verticalHeader().length()
            + self.horizontalScrollBar().sizeHint().height()
            + 2 * self.frameWidth()
        )

    def combo(self, col: int) -> QComboBox:
        widget = self.cellWidget(_FIELD, col)
        assert isinstance(widget, QComboBox)
        return widget

    def mapping(self) -> dict[int, str]:
        """The mapping the combos show (column index -> field)."""
        return {
            col: str(self.combo(col).currentData())
            for col in range(self.columnCount())
            if self.combo(col).currentData()
        }
