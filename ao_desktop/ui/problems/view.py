"""ProblemsView (Permasalahan): the client problems of the branch (or the signed-in AO)
with the counts on top, filters (status, AO, category, overdue only), the paged table
with overdue lines in red, and the handling steps of the selected problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemStatus
from ao_desktop.domain.problems.labels import category_label, status_label
from ao_desktop.domain.problems.problem import ProblemListItem
from ao_desktop.domain.problems.query import ProblemQuery
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.services.problems.listing import problems_needing_attention, status_counts
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.problems.action_bar import ProblemActionBar
from ao_desktop.ui.problems.problem_dialog import ProblemDialog
from ao_desktop.ui.problems.table_model import Column, ProblemsTableModel
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox


def open_problem(context: UiContext, parent: QWidget, problem_id: int | None = None,
                 client: tuple[int, str] | None = None) -> bool:
    """The problem dialog; True when something was saved (edited or a step taken)."""
    dialog = ProblemDialog(context, problem_id, client=client, parent=parent)
    dialog.exec()
    return dialog.saved is not None


class ProblemsView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today or date.today()
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_combo = EnumComboBox(list(ProblemStatus), status_label, self.tr("Semua status"))
        self.category_combo = EnumComboBox(list(ProblemCategory), category_label, self.tr("Semua kategori"))
        self.officer_combo = OfficerComboBox(list_officers(context.uow), self.tr("Semua AO"), context.officer_id)
        if context.officer_id is not None:
            self.officer_combo.set_value(context.officer_id)
        # An AO sees their own problems only (the service enforces it too).
        self.officer_combo.setEnabled(context.role is not OfficerRole.AO or context.officer_id is None)
        self.overdue_check = QCheckBox(self.tr("Hanya yang terlambat"))
        self.new_button = QPushButton(self.tr("+ Permasalahan baru…"))
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Status"), self.status_combo), (self.tr("Kategori"), self.category_combo),
                              (self.tr("AO"), self.officer_combo)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.overdue_check)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        self.model = ProblemsTableModel(context.uow, self._query(), context.who, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        # No indicator: the first order is the model's own (open ones first, by deadline).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.ID, 48), (Column.DEADLINE, 200), (Column.CLIENT, 190),
                              (Column.CATEGORY, 100), (Column.CHANNEL, 120), (Column.RECEIVED, 130),
                              (Column.STATUS, 85), (Column.OFFICER, 130)):
            self.table.setColumnWidth(column, width)
        self.edit_button = QPushButton(self.tr("Buka…"))
        self.action_bar = ProblemActionBar(context, self)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.action_bar)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        for combo in (self.status_combo, self.category_combo, self.officer_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.overdue_check.toggled.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.modelReset.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.action_bar.changed.connect(self._on_action_bar_changed)
        self._show_counts()
        self._on_table_selection_changed()

    def _query(self) -> ProblemQuery:
        return ProblemQuery(self._today, officer_id=self.officer_combo.value(), status=self.status_combo.value(),
                            category=self.category_combo.value(), overdue_only=self.overdue_check.isChecked())

    def reload(self) -> None:
        keep = self.selected()
        query = self._query()
        self.model.set_query(replace(query, sort=self.model.query.sort, descending=self.model.query.descending))
        self._show_counts()
        if keep is not None and keep.problem.id is not None:
            self.select(keep.problem.id)

    def _show_counts(self) -> None:
        officer = self.officer_combo.value()
        counts = status_counts(self._context.uow, officer)
        attention = problems_needing_attention(self._context.uow, self._today, officer, limit=0)
        parts = [f"{status_label(s)}: <b>{counts[s]}</b>" for s in ProblemStatus]
        parts.append(self.tr("<span style='color:#9B1C1C'>Terlambat: <b>{n}</b></span>").format(
            n=attention.overdue_count))
        parts.append(self.tr("Jatuh tempo hari ini: <b>{n}</b>").format(n=attention.due_today_count))
        self.counts_label.setText(" &nbsp;·&nbsp; ".join(parts))

    def selected(self) -> ProblemListItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select(self, problem_id: int) -> None:
        row = self.model.row_of(problem_id)
        if row is not None:
            self.table.selectRow(row)

    # --- slots ------------------------------------------------------------------------------
    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def _on_table_selection_changed(self, *_args: object) -> None:
        current = self.selected()
        self.action_bar.set_problem(current.problem if current else None)
        self.edit_button.setEnabled(current is not None)

    def _on_edit_button_clicked(self, *_args: object) -> None:
        current = self.selected()
        if current is not None and open_problem(self._context, self, current.problem.id):
            self.reload()

    def _on_new_button_clicked(self) -> None:
        if open_problem(self._context, self):
            self.reload()

    def _on_action_bar_changed(self, _problem: object) -> None:
        self.reload()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        # Back from the Today panel or a client: show what changed meanwhile.
        self.reload()
        super().showEvent(event)
