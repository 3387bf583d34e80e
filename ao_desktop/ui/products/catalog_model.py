"""ProductCatalogTableModel: the catalog list on the left of the Products view.

A catalog holds a few dozen products, so the model keeps them all in memory, grouped
by kind (Kredit, Deposito, Tabungan, Lainnya) in catalog order; `CatalogFilterModel`
(a proxy: fine for a short in-memory list) narrows it by kind, search text and the
"Tampilkan nonaktif" switch without asking the database again.
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
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ao_desktop.domain.clients.names import name_search_key
from ao_desktop.domain.common.formatting import format_pct
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label

SortRole = Qt.ItemDataRole.UserRole + 1
CodeRole = Qt.ItemDataRole.UserRole + 2
KIND_ORDER = {kind: position for position, kind in enumerate(ProductKind)}
_Index = QModelIndex | QPersistentModelIndex
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    NAME = 0
    KIND = 1
    RATE = 2


def column_title(column: Column) -> str:
    return {
        Column.NAME: QCoreApplication.translate("ProductCatalogTableModel", "Produk"),
        Column.KIND: QCoreApplication.translate("ProductCatalogTableModel", "Jenis"),
        Column.RATE: QCoreApplication.translate("ProductCatalogTableModel", "Bunga"),
    }[column]


def rate_cell(product: Product) -> str:
    """`8,5%`, or the KUR ladder's range `6-9%`; empty for a product without a rate."""
    if product.tiered_rate is not None and len(set(product.tiered_rate.rates_by_use)) > 1:
        rates = product.tiered_rate.rates_by_use
        low, high = format_pct(min(rates)), format_pct(max(rates))
        return f"{low[:-1]}\u2013{high}"
    return format_pct(product.rate_pa) if product.rate_pa else ""


class ProductCatalogTableModel(QAbstractTableModel):
    """Every product of the catalog (inactive ones too), grouped by kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._products: list[Product] = []

    def set_products(self, products: list[Product]) -> None:
        """Show `products`: by kind, then in the catalog's own order (DEP-1 before DEP-12)."""
        order = {id(p): i for i, p in enumerate(products)}
        self.beginResetModel()
        self._products = sorted(products, key=lambda p: (KIND_ORDER[p.kind], order[id(p)]))
        self.endResetModel()

    def product(self, row: int) -> Product:
        return self._products[row]

    def products(self) -> list[Product]:
        return list(self._products)

    def row_of(self, code: str) -> int | None:
        for row, product in enumerate(self._products):
            if product.code == code:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._products):
            return None
        product, column = self._products[index.row()], Column(index.column())
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(product, column)
        if role == SortRole:
            return _raw(product, column)
        if role == CodeRole:
            return product.code
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column is Column.RATE else _ALIGN_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{product.name} ({product.code})"
            if product.short_description:
                tip += "\n" + product.short_description
            if not product.active:
                tip += "\n" + self.tr("Nonaktif: tidak ditawarkan lagi")
            return tip
        if not product.active:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(128, 128, 128))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if section == Column.RATE else _ALIGN_LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _display(product: Product, column: Column) -> str:
    match column:
        case Column.NAME:
            return product.name
        case Column.KIND:
            return product_kind_label(product.kind)
        case Column.RATE:
            return rate_cell(product)


def _raw(product: Product, column: Column) -> Any:
    match column:
        case Column.NAME:
            return product.name
        case Column.KIND:
            return KIND_ORDER[product.kind]
        case Column.RATE:
            return str(product.rate_pa)


class CatalogFilterModel(QSortFilterProxyModel):
    """The catalog narrowed by kind, text (name, code, description) and active flag."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind: ProductKind | None = None
        self._words: list[str] = []
        self._show_inactive = False
        self.setSortRole(SortRole)

    def set_filter(self, kind: ProductKind | None, text: str, show_inactive: bool) -> None:
        self.beginFilterChange()
        self._kind = kind
        self._words = name_search_key(text).split()
        self._show_inactive = show_inactive
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, ProductCatalogTableModel):
            return True
        product = model.product(source_row)
        if not product.active and not self._show_inactive:
            return False
        if self._kind is not None and product.kind is not self._kind:
            return False
        if not self._words:
            return True
        haystack = name_search_key(f"{product.name} {product.code} {product.short_description}")
        return all(word in haystack for word in self._words)
