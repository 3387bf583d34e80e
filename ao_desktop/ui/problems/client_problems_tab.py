"""The client panel's Permasalahan tab: every problem of the client, newest first, with
overdue ones in red; a double click opens one, a button records a new one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.problems.deadline import is_due_today, is_overdue
from ao_desktop.domain.problems.labels import category_label, status_label
from ao_desktop.domain.problems.problem import ProblemListItem
from ao_desktop.services.problems.listing import client_problems
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.problems.table_model import (
    DUE_TODAY_BACKGROUND,
    OVERDUE_BACKGROUND,
    deadline_text,
)

ProblemRole = Qt.ItemDataRole.UserRole + 1


def problem_line(item: ProblemListItem, today: date) -> str:
    p = item.problem
    text = (f"{format_date(p.received_at.date())}  {category_label(p.category)} · {status_label(p.status)} · "
            f"batas {deadline_text(item, today)}")
    summary = p.description if len(p.description) <= 90 else p.description[:87] + "…"
    return f"{text}\n    {summary}"


class ClientProblemsTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today or date.today()
        self._profile: ClientProfile | None = None
        self._items: list[ProblemListItem] = []
        self.problems_list = QListWidget()
        self.problems_list.setAlternatingRowColors(True)
        self.new_button = QPushButton(self.tr("+ Catat permasalahan…"))
        self.open_button = QPushButton(self.tr("Buka…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems_list, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.problems_list.itemActivated.connect(self._on_problems_list_item_activated)

    def title(self, profile: ClientProfile) -> str:
        n = len(self._items)
        return self.tr("Permasalahan ({n})").format(n=n) if n else self.tr("Permasalahan")

    def show_profile(self, profile: ClientProfile) -> None:
        self._profile = profile
        self.reload()

    def reload(self) -> None:
        if self._profile is None or self._profile.client.id is None:
            return
        self._items = client_problems(self._context.uow, self._profile.client.id, self._today)
        self.problems_list.clear()
        for item in self._items:
            entry = QListWidgetItem(problem_line(item, self._today))
            entry.setData(ProblemRole, item.problem.id)
            entry.setToolTip(item.problem.description)
            if is_overdue(item.problem, self._today):
                entry.setBackground(QBrush(OVERDUE_BACKGROUND))
            elif is_due_today(item.problem, self._today):
                entry.setBackground(QBrush(DUE_TODAY_BACKGROUND))
            self.problems_list.addItem(entry)
        if not self._items:
            placeholder = QListWidgetItem(self.tr("Belum ada permasalahan yang dicatat untuk nasabah ini."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.problems_list.addItem(placeholder)

    def _on_new_button_clicked(self) -> None:
        from ao_desktop.ui.problems.view import open_problem

        client = self._profile.client if self._profile else None
        if client is not None and client.id is not None and open_problem(
                self._context, self, client=(client.id, client.display_name)):
            self.reload()

    def _on_open_button_clicked(self) -> None:
        entry = self.problems_list.currentItem()
        if entry is not None and entry.data(ProblemRole) is not None:
            self._on_problems_list_item_activated(entry)

    def _on_problems_list_item_activated(self, entry: QListWidgetItem) -> None:
        from ao_desktop.ui.problems.view import open_problem

        if entry.data(ProblemRole) is not None and open_problem(self._context, self, entry.data(ProblemRole)):
            self.reload()
