"""ClientDirectoryView: the client directory (Direktori Nasabah).

A filter bar (type-ahead search, status, lead source, AO, archived), the paged table
(table_model.py) and the 360 panel (detail_panel.py) side by side. Typing re-runs the
query after a short pause; the count comes from a worker thread. The buttons
(client_actions.py, excel_actions.py) open a dialog or call one presenter action; the
view then refreshes the table and selects the client concerned.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Client, ClientListItem
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.domain.clients.labels import source_label, status_label
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.ui.clients.client_actions import ClientActions
from ao_desktop.ui.clients.detail_panel import ClientDetailPanel
from ao_desktop.ui.clients.empty_state import ClientEmptyState
from ao_desktop.ui.clients.excel_actions import ClientExcelActions
from ao_desktop.ui.clients.presenter import DirectoryFilters, build_query
from ao_desktop.ui.clients.table_model import (
    COUNT_FAILED,
    COUNTING,
    ClientTableModel,
    Column,
    IdRole,
    sort_indicator,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox

SEARCH_DEBOUNCE_MS = 150
# Columns take the width of their first page's content, up to these widths: a long
# business name or city is elided rather than pushing the other columns out of sight.
COLUMN_MAX_WIDTHS = {
    Column.NAME: 260,
    Column.NIK: 150,
    Column.MOBILE: 130,
    Column.CITY: 150,
    Column.STATUS: 120,
    Column.SOURCE: 120,
    Column.OFFICER: 140,
    Column.INCOME: 120,
}


def format_count(n: int) -> str:
    """`1234` -> `1.234` (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


class ClientDirectoryView(QWidget):
    """Search, filter, browse and edit clients."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = ClientTableModel(context.uow, self)
        self.detail = ClientDetailPanel(context)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._keep_id: int | None = None  # the client to select again after the table reloads
        self._build_filter_bar()
        self._build_actions()
        self._build_table()
        self._build_layout()
        self.setFocusProxy(self.search_edit)  # opening the view puts the cursor in the search
        self._connect()
        self._apply_filters()

    # --- building -------------------------------------------------------------------------
    def _build_filter_bar(self) -> None:
        self.search_edit = QLineEdit(placeholderText=self.tr("Cari nama, NIK, no. HP, alamat…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(160)
        self.status_combo = EnumComboBox(ClientStatus, status_label, self.tr("Semua status"))
        self.source_combo = EnumComboBox(LeadSource, source_label, self.tr("Semua sumber"))
        self.officer_combo = OfficerComboBox(
            list_officers(self._context.uow), self.tr("Semua AO"), self._context.officer_id
        )
        self.archived_check = QCheckBox(self.tr("Tampilkan arsip"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setContentsMargins(0, 0, 6, 0)

    def _build_actions(self) -> None:
        self.client_actions = ClientActions(self._context, self, self._selected_item)
        self.add_action = self.client_actions.add_action
        self.edit_action = self.client_actions.edit_action
        self.status_action = self.client_actions.status_action
        self.archive_action = self.client_actions.archive_action
        self.addActions(self.client_actions.actions())
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions(self.client_actions.actions())
        self.excel_actions = ClientExcelActions(self._context, self, lambda: self.model.query)
        self.toolbar.addSeparator()
        self.toolbar.addActions(self.excel_actions.actions())

    def _build_table(self) -> None:
        table = self.table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights let the view skip measuring rows (fast with many rows).
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        self._columns_fitted = False  # once per session, unless the user's widths are restored
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        # Not setSortingEnabled: it would sort at once, and the indicator is also set by
        # code (to describe the query) with signals blocked; only clicks re-sort.
        self._sync_sort_indicator()
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions([self.edit_action, self.status_action, self.archive_action])

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        for widget in (
            self.status_combo,
            self.source_combo,
            self.officer_combo,
            self.archived_check,
        ):
            filters.addWidget(widget)
        actions = QHBoxLayout()
        actions.addWidget(self.toolbar)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(actions)
        self.empty_state = ClientEmptyState(
            self.add_action, self.excel_actions.import_action, self.excel_actions.template_action
        )
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_state)
        left_layout.addWidget(self.table_stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The table grows with the window; the panel keeps a reading width.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([900, 340])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self._search_timer.timeout.connect(self._apply_filters)
        for combo in (self.status_combo, self.source_combo, self.officer_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.archived_check.toggled.connect(self._apply_filters)
        self.model.totalChanged.connect(self._on_model_total_changed)
        self.model.modelReset.connect(self._on_model_reset)
        # The selection, not the current row: a mouse press moves the current row before
        # it selects it, so buttons following the current row saw nothing selected.
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            self._on_header_sort_indicator_changed
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                self.table,
                self.edit_action.trigger,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        QShortcut(
            QKeySequence.StandardKey.Find,
            self,
            self._on_find_shortcut_activated,
            context=Qt.ShortcutContext.WindowShortcut,
        )
        self.client_actions.changed.connect(self._on_client_actions_changed)
        self.client_actions.failed.connect(lambda: self._refresh(select_id=self.selected_id()))
        self.client_actions.openRequested.connect(
            lambda client_id: self._refresh(select_id=client_id, show_anyway=True)
        )
        self.detail.clientChanged.connect(lambda _id: self._refresh(select_id=self.selected_id()))
        self.excel_actions.imported.connect(lambda _ids: self._refresh(select_id=self.selected_id()))

    # --- state ----------------------------------------------------------------------------
    def filters(self) -> DirectoryFilters:
        return DirectoryFilters(
            text=self.search_edit.text(),
            status=self.status_combo.value(),
            source=self.source_combo.value(),
            officer_id=self.officer_combo.value(),
            show_archived=self.archived_check.isChecked(),
        )

    def selected_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        return index.data(IdRole)

    def reload(self) -> None:
        """Read the rows again, keeping the selection (the main window's "Coba lagi")."""
        self._refresh(self.selected_id())

    def select_client(self, client_id: int | None) -> bool:
        """Select the row of `client_id` if it is loaded; returns whether it was."""
        row = self.model.row_of(client_id) if client_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("header", self.table.horizontalHeader().saveState())

    def restore_settings(self, settings: QSettings) -> None:
        """Column widths/order and the splitter; the sort order always starts as relevance."""
        splitter_state, header_state = settings.value("splitter"), settings.value("header")
        if isinstance(splitter_state, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter_state))
        if isinstance(header_state, QByteArray | bytes):
            self._columns_fitted = True
            with QSignalBlocker(
                self.table.horizontalHeader()
            ):  # a saved indicator must not re-sort
                self.table.horizontalHeader().restoreState(QByteArray(header_state))
        self._sync_sort_indicator()
        self.table.doItemsLayout()

    def _sync_sort_indicator(self) -> None:
        """Show how the rows are ordered without asking the model to sort again."""
        header = self.table.horizontalHeader()
        section, order = sort_indicator(self.model.query)
        with QSignalBlocker(header):
            header.setSortIndicator(section, order)
        header.viewport().update()

    def _apply_filters(self, *_args: object) -> None:
        self._search_timer.stop()
        self._keep_id = self.selected_id()
        self.model.set_query(build_query(self.filters(), self.model.query))

    def _refresh(self, select_id: int | None, show_anyway: bool = False) -> None:
        self._keep_id = select_id
        self.model.refresh()
        if show_anyway and self.selected_id() != select_id:
            self.detail.show_client(select_id)

    def _selected_item(self) -> tuple[int, ClientListItem] | None:
        client_id = self.selected_id()
        row = self.model.row_of(client_id) if client_id is not None else None
        return None if client_id is None or row is None else (client_id, self.model.item(row))

    def _update_actions(self) -> None:
        selected = self._selected_item()
        archived = selected is not None and selected[1].archived
        self.client_actions.update(selected is not None, archived)

    # --- slots ----------------------------------------------------------------------------
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_edit_return_pressed(self) -> None:
        self._apply_filters()
        if self.model.rowCount() and self.selected_id() is None:
            self.select_client(self.model.client_id(0))
        self.table.setFocus()

    def _on_find_shortcut_activated(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_model_total_changed(self, total: int) -> None:
        if total == COUNTING:
            text, tip = self.tr("menghitung…"), ""
        elif total == COUNT_FAILED:
            text = self.tr("jumlah tidak terbaca")
            tip = self.tr("Jumlah nasabah tidak dapat dihitung (database tidak terjangkau). "
                          "Daftar di bawah tetap berlaku; jumlah dihitung lagi saat daftar dimuat ulang.")
        else:
            text, tip = self.tr("{n} nasabah").format(n=format_count(total)), ""
        self.count_label.setText(text)
        self.count_label.setToolTip(tip)
        # The hint only when nothing is filtered out: an empty search keeps its table.
        unfiltered = replace(self.filters(), officer_id=None) == DirectoryFilters()
        self.table_stack.setCurrentWidget(
            self.empty_state if total == 0 and unfiltered else self.table
        )

    def _fit_columns(self) -> None:
        if self._columns_fitted or not self.model.rowCount():
            return
        self._columns_fitted = True
        header = self.table.horizontalHeader()
        for column, most in COLUMN_MAX_WIDTHS.items():
            fits = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, min(fits, most))

    def _on_model_reset(self) -> None:
        self._fit_columns()
        self._sync_sort_indicator()
        if not self.select_client(self._keep_id):
            self.detail.clear()
        self._update_actions()

    def _on_selection_changed(self, *_args: object) -> None:
        self.detail.show_client(self.selected_id())
        self._update_actions()

    def _on_header_sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        self._keep_id = self.selected_id()
        self.model.sort(section, order)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_action.trigger()

    def _on_client_actions_changed(self, client: Client) -> None:
        # Reselecting the row reloads the panel; a client outside the filter is shown anyway.
        self._refresh(select_id=client.id, show_anyway=not client.archived)
