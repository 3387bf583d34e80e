"""The Today panel's lines for client problems: overdue ones in red, those due today
in amber; the line carries the problem's id so a double click opens it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidgetItem

from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.problems.deadline import is_overdue
from ao_desktop.domain.problems.labels import category_label, status_label
from ao_desktop.domain.problems.problem import ProblemListItem
from ao_desktop.ui.problems.table_model import (
    DUE_TODAY_BACKGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
)

ProblemRole = Qt.ItemDataRole.UserRole + 3


def problem_entry(item: ProblemListItem, today: date) -> QListWidgetItem:
    p = item.problem
    late = is_overdue(p, today)
    when = format_date(p.deadline) if late else QCoreApplication.translate("TodayView", "hari ini")
    # Two short lines: the panel's third column is narrow on a 1366-pixel laptop.
    entry = QListWidgetItem(f"{when}  {item.client_name}\n    {category_label(p.category)} · {status_label(p.status)}")
    entry.setData(ProblemRole, p.id)
    entry.setToolTip(p.description)
    entry.setBackground(QBrush(OVERDUE_BACKGROUND if late else DUE_TODAY_BACKGROUND))
    if late:
        entry.setForeground(QBrush(OVERDUE_TEXT))
    return entry
