"""FieldMessage: the small line under a form field saying what is wrong with it.

Errors are red and block saving; warnings are amber and only inform; notes are grey
(e.g. "filled in from the NIK"). Empty means hidden, so the form does not jump around
more than needed.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from enum import Enum

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#9a6700"  # amber dark enough to read on white
NOTE_COLOR = "#5f6368"


class Severity(Enum):
    ERROR = ERROR_COLOR
    WARNING = WARNING_COLOR
    NOTE = NOTE_COLOR


class FieldMessage(QLabel):
    """A word-wrapped, coloured message; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.severity: Severity | None = None
        self.hide()

    def show_message(self, text: str, severity: Severity) -> None:
        self.severity = severity
        self.setText(text)
        self.setStyleSheet(f"color: {severity.value};")
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.severity = None
        self.clear()
        self.hide()


def field_cell(editor: QWidget, message: FieldMessage) -> QWidget:
    """An editor with its message right under it, as one cell of a form row."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(message)
    return cell


def show_touched_issues(messages: Mapping[str, FieldMessage], issues: Mapping[str, str],
                        touched: Container[str]) -> None:
    """Each field's error under it once the user has edited that field; the others clear."""
    for field, message in messages.items():
        if field in issues and field in touched:
            message.show_message(issues[field], Severity.ERROR)
        else:
            message.clear_message()
