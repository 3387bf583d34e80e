"""CatalogPanel: the product list on the left, its filters and the admin's catalog actions.

Anyone may browse and export the catalog; adding, editing, withdrawing and importing
products are for admins (the actions are disabled for others, and the services refuse
them anyway). The Excel import runs on a worker thread and is all or nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.services.products.catalog import (
    ImportSummary,
    export_catalog,
    import_catalog,
    list_products,
    set_product_active,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.catalog_model import (
    CatalogFilterModel,
    CodeRole,
    Column,
    ProductCatalogTableModel,
)
from ao_desktop.ui.products.product_dialog import ProductDialog
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.messages import confirm, show_error, show_exception
from ao_desktop.ui.widgets.save_dialog import ask_save_path
from ao_desktop.ui.workers import TaskRunner

MAX_IMPORT_ISSUES_SHOWN = 15


class CatalogPanel(QWidget):
    """Search, kind filter, "Tampilkan nonaktif", the list, and "Kelola katalog"."""

    productSelected = Signal(object)  # noqa: N815 - Product or None
    statusMessage = Signal(str)  # noqa: N815 - a short sentence for the status line

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._runner = TaskRunner(self)
        self.model = ProductCatalogTableModel(self)
        self.proxy = CatalogFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = QLineEdit(placeholderText=self.tr("Cari produk…"))
        self.search_edit.setClearButtonEnabled(True)
        self.kind_combo = EnumComboBox(
            [ProductKind.LOAN, ProductKind.DEPOSIT, ProductKind.SAVINGS, ProductKind.OTHER],
            product_kind_label,
            self.tr("Semua jenis"),
        )
        self.inactive_check = QCheckBox(self.tr("Tampilkan nonaktif"))
        self._build_table()
        self._build_actions()
        filters = QHBoxLayout()
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.manage_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.inactive_check)
        self.search_edit.textChanged.connect(self._apply_filter)
        self.kind_combo.currentIndexChanged.connect(self._apply_filter)
        self.inactive_check.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_action.trigger())
        self._apply_filter()

    def _build_table(self) -> None:
        table = self.table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.RATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)

    def _build_actions(self) -> None:
        self.new_action = QAction(self.tr("Produk baru…"), self)
        self.edit_action = QAction(self.tr("Ubah produk…"), self)
        self.toggle_action = QAction(self.tr("Nonaktifkan"), self)
        self.export_action = QAction(self.tr("Ekspor katalog ke Excel…"), self)
        self.import_action = QAction(self.tr("Impor katalog dari Excel…"), self)
        menu = QMenu(self)
        for action in (self.new_action, self.edit_action, self.toggle_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        self.manage_button = QPushButton(self.tr("Kelola katalog"))
        self.manage_button.setMenu(menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.edit_action, self.toggle_action])
        self.new_action.triggered.connect(self._on_new_action_triggered)
        self.edit_action.triggered.connect(self._on_edit_action_triggered)
        self.toggle_action.triggered.connect(self._on_toggle_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.import_action.triggered.connect(self._on_import_action_triggered)
        if not self.is_admin:
            tip = self.tr("Hanya admin yang dapat mengubah katalog produk")
            for action in (
                self.new_action,
                self.edit_action,
                self.toggle_action,
                self.import_action,
            ):
                action.setToolTip(tip)
                action.setStatusTip(tip)

    # --- state ----------------------------------------------------------------------------
    @property
    def is_admin(self) -> bool:
        return self._context.role is OfficerRole.ADMIN

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def reload(self, select_code: str | None = None) -> None:
        """Read the catalog again and select `select_code` (or keep the selection)."""
        keep = select_code or (self.current_product().code if self.current_product() else None)
        self.model.set_products(list_products(self._context.uow, include_inactive=True))
        if not (keep and self.select_code(keep)):
            self._select_first()
        self._update_actions()

    def current_product(self) -> Product | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_of(index.data(CodeRole))
        return self.model.product(row) if row is not None else None

    def products(self) -> list[Product]:
        return self.model.products()

    def select_code(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show everything so the product can be seen
            self.search_edit.clear()
            self.kind_combo.set_value(None)
            if not self.model.product(row).active:
                self.inactive_check.setChecked(True)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.productSelected.emit(None)

    def _apply_filter(self, *_args: object) -> None:
        before = self.current_product()
        self.proxy.set_filter(
            self.kind_combo.value(), self.search_edit.text(), self.inactive_check.isChecked()
        )
        if self.current_product() is None or self.current_product() != before:
            self._select_first()

    def _update_actions(self) -> None:
        product = self.current_product()
        admin = self.is_admin
        self.new_action.setEnabled(admin)
        self.import_action.setEnabled(admin)
        self.edit_action.setEnabled(admin and product is not None)
        self.toggle_action.setEnabled(admin and product is not None)
        active = product is None or product.active
        self.toggle_action.setText(self.tr("Nonaktifkan") if active else self.tr("Aktifkan lagi"))

    # --- slots ----------------------------------------------------------------------------
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        self.productSelected.emit(self.current_product() if current.isValid() else None)

    def _on_new_action_triggered(self) -> None:
        self._open_dialog(None)

    def _on_edit_action_triggered(self) -> None:
        if self.is_admin and (product := self.current_product()) is not None:
            self._open_dialog(product)

    def _open_dialog(self, product: Product | None) -> None:
        dialog = ProductDialog(self._context, product, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_product is not None:
            self.reload(dialog.saved_product.code)
            self.statusMessage.emit(
                self.tr("Produk {name} disimpan").format(name=dialog.saved_product.name)
            )

    def _on_toggle_action_triggered(self) -> None:
        product = self.current_product()
        if product is None:
            return
        if product.active and not confirm(
            self,
            self.tr("Nonaktifkan produk"),
            self.tr(
                "Nonaktifkan {name}? Produk tidak ditawarkan lagi dan disembunyikan dari "
                "daftar; datanya tetap ada dan bisa diaktifkan lagi."
            ).format(name=product.name),
            self.tr("Nonaktifkan"),
        ):
            return
        try:
            set_product_active(
                self._context.uow, product.code, not product.active, self._context.who
            )
        except Exception as exc:  # noqa: BLE001 - PermissionDenied and others: shown
            show_exception(self, self.tr("Status produk tidak berubah"), exc)
            return
        self.reload(product.code)

    def _on_export_action_triggered(self) -> None:
        default = Path.home() / self.tr("Katalog produk {d}.xlsx").format(
            d=date.today().isoformat()
        )
        path = ask_save_path(self, self.tr("Ekspor katalog produk"), default,
                             self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        uow = self._context.uow
        self._runner.submit(
            lambda _t: export_catalog(uow, path),
            lambda n: self.statusMessage.emit(
                self.tr("{n} produk diekspor ke {p}").format(n=n, p=path)
            ),
            lambda exc: show_exception(self, self.tr("Katalog tidak terekspor"), exc),
        )

    def _on_import_action_triggered(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("Impor katalog produk"),
            str(Path.home()),
            self.tr("Buku kerja Excel (*.xlsx)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        uow, who = self._context.uow, self._context.who
        self.statusMessage.emit(self.tr("Mengimpor katalog…"))
        self._runner.submit(
            lambda _t: import_catalog(uow, path, who),
            self._on_import_done,
            lambda exc: show_exception(self, self.tr("Katalog tidak terimpor"), exc),
        )

    def _on_import_done(self, summary: ImportSummary) -> None:
        if summary.errors:
            lines = [str(issue) for issue in summary.errors[:MAX_IMPORT_ISSUES_SHOWN]]
            if len(summary.errors) > MAX_IMPORT_ISSUES_SHOWN:
                lines.append(
                    self.tr("… dan {n} masalah lain").format(
                        n=len(summary.errors) - MAX_IMPORT_ISSUES_SHOWN
                    )
                )
            show_error(
                self,
                self.tr("Katalog tidak diimpor"),
                self.tr(
                    "Tidak ada yang diubah, karena berkas berisi masalah berikut:\n\n{lines}"
                ).format(lines="\n".join(lines)),
            )
            self.statusMessage.emit(self.tr("Impor dibatalkan: berkas berisi masalah"))
            return
        self.reload()
        self.statusMessage.emit(
            self.tr("Impor selesai: {a} produk baru, {u} diubah, {s} tetap").format(
                a=summary.added, u=summary.updated, s=summary.unchanged
            )
        )
