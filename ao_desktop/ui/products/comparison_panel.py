"""ComparisonPanel: up to three simulations side by side, so the client sees the cost.

Each column is one option (a product, a method, an amount and tenor); the rows are what
a client compares: the rate and its effective equivalent, the effective cost after
up-front fees, the installment, total interest and total paid. The cheapest option is
the one with the lowest effective cost: total paid cannot rank loans of different tenors.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from functools import cached_property
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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.products.effective_cost import (
    cheapest_by_cost,
    comparison_notes,
    effective_cost_pa,
)
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule, method_label
from ao_desktop.ui.products.texts import installment_short, tenor_text

MAX_ENTRIES = 3
SortRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_BEST = QColor("#e8f5e9")


@dataclass(frozen=True)
class ComparisonEntry:
    product_code: str
    product_name: str
    schedule: LoanSchedule

    @property
    def method(self) -> InterestMethod:
        return InterestMethod(self.schedule.request.method)

    @cached_property
    def cost_pa(self) -> Decimal:
        """The effective annual cost after up-front fees (computed once per option)."""
        return effective_cost_pa(self.schedule)


class Row(IntEnum):
    """The rows of the comparison (the columns are the options)."""

    PRODUCT = 0
    METHOD = 1
    AMOUNT = 2
    TENOR = 3
    RATE = 4
    EFFECTIVE = 5
    COST = 6
    INSTALLMENT = 7
    TOTAL_INTEREST = 8
    TOTAL_PAID = 9
    NET = 10


def row_title(row: Row) -> str:
    tr = QCoreApplication.translate
    return {
        Row.PRODUCT: tr("ComparisonTableModel", "Produk"),
        Row.METHOD: tr("ComparisonTableModel", "Metode bunga"),
        Row.AMOUNT: tr("ComparisonTableModel", "Plafon"),
        Row.TENOR: tr("ComparisonTableModel", "Tenor"),
        Row.RATE: tr("ComparisonTableModel", "Suku bunga per tahun"),
        Row.EFFECTIVE: tr("ComparisonTableModel", "Setara bunga efektif"),
        Row.COST: tr("ComparisonTableModel", "Biaya efektif per tahun (dengan biaya di muka)"),
        Row.INSTALLMENT: tr("ComparisonTableModel", "Angsuran per bulan"),
        Row.TOTAL_INTEREST: tr("ComparisonTableModel", "Total bunga"),
        Row.TOTAL_PAID: tr("ComparisonTableModel", "Total dibayar"),
        Row.NET: tr("ComparisonTableModel", "Dana diterima"),
    }[row]


def _cell(entry: ComparisonEntry, row: Row) -> tuple[str, Any]:
    """The text and the raw value of one cell."""
    s = entry.schedule
    match row:
        case Row.PRODUCT:
            return entry.product_name, entry.product_name
        case Row.METHOD:
            return method_label(entry.method), entry.method.value
        case Row.AMOUNT:
            return format_rupiah(s.request.amount), s.request.amount
        case Row.TENOR:
            return tenor_text(s.request.tenor_months), s.request.tenor_months
        case Row.RATE:
            return format_pct(s.request.rate_pa), str(s.request.rate_pa)
        case Row.EFFECTIVE:
            return format_pct(s.effective_rate_pa, 2), str(s.effective_rate_pa)
        case Row.COST:
            return format_pct(entry.cost_pa, 2), str(entry.cost_pa)
        case Row.INSTALLMENT:
            return installment_short(s), s.first_installment
        case Row.TOTAL_INTEREST:
            return format_rupiah(s.total_interest), s.total_interest
        case Row.TOTAL_PAID:
            return format_rupiah(s.total_paid), s.total_paid
        case Row.NET:
            return format_rupiah(s.net_disbursement), s.net_disbursement


class ComparisonTableModel(QAbstractTableModel):
    """Rows are the figures, columns the options (Pilihan 1..3)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ComparisonEntry] = []
        self._best: int | None = None  # ranked on every change, not on every paint

    @property
    def entries(self) -> list[ComparisonEntry]:
        return list(self._entries)

    def add(self, entry: ComparisonEntry) -> bool:
        """Append an option; False when the comparison already holds three."""
        if len(self._entries) >= MAX_ENTRIES:
            return False
        column = len(self._entries)
        self.beginInsertColumns(QModelIndex(), column, column)
        self._entries.append(entry)
        self._rank()
        self.endInsertColumns()
        return True

    def remove(self, column: int) -> None:
        if 0 <= column < len(self._entries):
            self.beginRemoveColumns(QModelIndex(), column, column)
            del self._entries[column]
            self._rank()
            self.endRemoveColumns()

    def clear(self) -> None:
        self.beginResetModel()
        self._entries = []
        self._rank()
        self.endResetModel()

    def cheapest(self) -> int | None:
        """The column with the lowest effective cost, when there is something to compare."""
        return self._best

    def _rank(self) -> None:
        self._best = cheapest_by_cost([e.schedule for e in self._entries])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Row)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._entries):
            return None
        if not 0 <= index.row() < len(Row):
            return None
        row, entry = Row(index.row()), self._entries[index.column()]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, row)[0]
        if role == SortRole:
            return _cell(entry, row)[1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignLeft if row <= Row.METHOD else Qt.AlignmentFlag.AlignRight
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        best = index.column() == self.cheapest()
        if role == Qt.ItemDataRole.BackgroundRole and best:
            return QBrush(_BEST)
        if role == Qt.ItemDataRole.FontRole and row is Row.COST and best:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(Row):
            return row_title(Row(section))
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._entries):
            return self.tr("Pilihan {n}").format(n=section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ComparisonPanel(QWidget):
    """The comparison table with "Hapus pilihan" and "Kosongkan"."""

    entriesChanged = Signal(int)  # noqa: N815 - Qt signal naming; the number of options

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ComparisonTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.hint = QLabel(
            self.tr(
                "Tekan \u201cTambah ke perbandingan\u201d di tab Simulasi untuk menaruh hingga "
                "{n} pilihan berdampingan: produk lain, metode bunga lain, atau tenor lain."
            ).format(n=MAX_ENTRIES)
        )
        self.hint.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("Hapus pilihan"))
        self.remove_button.setToolTip(
            self.tr("Hapus pilihan yang dipilih (tanpa pilihan: yang terakhir)")
        )
        self.clear_button = QPushButton(self.tr("Kosongkan"))
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setToolTip(self.tr("Simpan perbandingan ini sebagai PDF untuk nasabah"))
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setToolTip(self.tr("Cetak perbandingan ini untuk nasabah"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        # As tall as its ten rows: the note and buttons sit right under the figures.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self._sync()

    @property
    def full(self) -> bool:
        return len(self.model.entries) >= MAX_ENTRIES

    def add(self, entry: ComparisonEntry) -> bool:
        added = self.model.add(entry)
        self._sync()
        return added

    def _selected_column(self) -> int | None:
        columns = self.table.selectionModel().selectedColumns()
        return columns[0].column() if columns else None

    def _on_remove_button_clicked(self) -> None:
        column = self._selected_column()
        self.model.remove(len(self.model.entries) - 1 if column is None else column)
        self._sync()

    def _on_clear_button_clicked(self) -> None:
        self.model.clear()
        self._sync()

    def _sync(self) -> None:
        count = len(self.model.entries)
        for button in (self.remove_button, self.clear_button, self.save_button, self.print_button):
            button.setEnabled(count > 0)
        self.note.setText("\n".join(comparison_notes([e.schedule for e in self.model.entries])))
        self.entriesChanged.emit(count)
