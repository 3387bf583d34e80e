"""PinFields: a new PIN typed twice (the first-run wizard's officer, changing one's PIN).

The PIN's rules are the service's (domain/access/pin.py, via pin_issues): at least six
characters, no surrounding spaces, not one character repeated. Messages appear under a
field once it has been edited, like the wizard's other fields.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ao_desktop.domain.access.pin import MAX_LENGTH, pin_issues
from ao_desktop.ui.widgets.field_message import (
    FieldMessage,
    field_cell,
    show_touched_issues,
)


class PinFields(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._touched: set[str] = set()
        self.pin_edit = QLineEdit(maxLength=MAX_LENGTH, placeholderText=self.tr("minimal 6 karakter"))
        self.confirm_edit = QLineEdit(maxLength=MAX_LENGTH)
        for edit in (self.pin_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.messages = {"pin": FieldMessage(), "confirm": FieldMessage()}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("PIN"), field_cell(self.pin_edit, self.messages["pin"]))
        form.addRow(self.tr("Ulangi PIN"), field_cell(self.confirm_edit, self.messages["confirm"]))
        self.pin_edit.textEdited.connect(lambda: self._on_edited("pin"))
        self.confirm_edit.textEdited.connect(lambda: self._on_edited("confirm"))

    def pin(self) -> str:
        return self.pin_edit.text()

    def set_pin(self, pin: str, confirm: str | None = None) -> None:
        self.pin_edit.setText(pin)
        self.confirm_edit.setText(pin if confirm is None else confirm)
        self._touched.update(self.messages)
        self._refresh()

    def _issues(self) -> dict[str, str]:
        issues = {i.field: i.message for i in pin_issues(self.pin())}
        if self.confirm_edit.text() != self.pin():
            issues["confirm"] = self.tr("Ulangi PIN yang sama.")
        return issues

    def is_valid(self) -> bool:
        return not self._issues()

    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self._refresh()

    def _refresh(self) -> None:
        issues = self._issues()
        show_touched_issues(self.messages, issues, self._touched)
        self.changed.emit()
