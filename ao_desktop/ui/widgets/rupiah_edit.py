"""RupiahEdit: a line edit for whole-Rupiah amounts that groups thousands with dots.

The user may type `6000000`, `6.000.000`, paste `Rp 6.000.000`, or write `5jt`, `1,5 juta`
or `750rb`: the text is read by `parse_rupiah`, the same parser as the client importer
and the command line, so an amount means the same everywhere. Plain digits are grouped
as they are typed (the cursor stays after the same digit); anything else is kept as typed
until the field is left, then shown in full (`5jt` -> `5.000.000`). Text the parser cannot
read stays as typed and `issue()` says why, for the form to show beside the field; it is
never silently read as another amount. Money is never a float.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.money_parse import MAX_TEXT, parse_rupiah

MAX_DIGITS = 15  # a trillion Rupiah and more; the domain rejects absurd amounts
# Digits and dots only, every group after the first at least three digits long: what the
# widget groups itself, or a digit typed into such a text. "1.5" is left alone: it may be
# the start of "1.5jt".
_GROUPABLE = re.compile(r"\d+(\.\d{3,})*")
_DIGITS_AND_DOTS = re.compile(r"[\d.]*")
_LEADING_RP = re.compile(r"\s*(rp\.?|r)?\s*", re.IGNORECASE)


def group_thousands(digits: str) -> str:
    """`6000000` -> `6.000.000` (digits only in, no sign)."""
    digits = digits.lstrip("0") or ("0" if digits else "")
    return f"{int(digits):,}".replace(",", ".") if digits else ""


class RupiahEdit(QLineEdit):
    """Whole Rupiah with a fixed `Rp` prefix and thousand dots; `value()` is an int."""

    valueChanged = Signal(object)  # noqa: N815 - Qt signal naming; int may exceed 32 bits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(MAX_TEXT)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0")
        self.setToolTip(self.tr("Misalnya 5.000.000, 5jt, 1,5 juta atau 750rb"))
        self._prefix = QLabel("Rp", self)
        self._prefix.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._prefix.setStyleSheet("color: palette(placeholder-text);")
        self._previous = ""
        self.textEdited.connect(self._on_self_text_edited)
        self.editingFinished.connect(self._on_self_editing_finished)

    def value(self) -> int:
        """The amount typed; 0 when the field is empty or cannot be read (see `issue`)."""
        text = self.text().strip()
        if not text:
            return 0
        try:
            return parse_rupiah(text)
        except ValidationFailed:
            return 0

    def issue(self, field: str = "amount") -> FieldIssue | None:
        """Why the text cannot be read as rupiah (an error on `field`); None when it can."""
        text = self.text().strip()
        if not text:
            return None
        try:
            parse_rupiah(text, field)
        except ValidationFailed as exc:
            return exc.issues[0]
        return None

    def set_value(self, amount: int) -> None:
        self.setText(group_thousands(str(max(0, amount))) if amount else "")
        self._previous = self.text()
        self.valueChanged.emit(self.value())

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().resizeEvent(event)
        hint = self._prefix.sizeHint()
        self._prefix.setGeometry(
            6, (self.height() - hint.height()) // 2, hint.width(), hint.height()
        )
        self.setTextMargins(hint.width() + 4, 0, 0, 0)

    def _on_self_text_edited(self, text: str) -> None:
        # A typed or pasted "Rp" is dropped once digits follow: the widget shows its own.
        body = text[_LEADING_RP.match(text).end() :]  # type: ignore[union-attr]
        shrank = len(text) < len(self._previous)
        groupable = _GROUPABLE.fullmatch(body) or (shrank and _DIGITS_AND_DOTS.fullmatch(body))
        if (body or text.strip()) and not groupable:
            self._previous = text  # a unit, a comma or a typo: read when the field is left
            self.valueChanged.emit(self.value())
            return
        cursor = self.cursorPosition()
        digits_before_cursor = sum(ch.isdigit() for ch in text[:cursor])
        digits = "".join(ch for ch in body if ch.isdigit())[:MAX_DIGITS]
        # A leading zero vanishes when regrouped; count it out of the cursor's digits too.
        stripped = len(digits) - len(digits.lstrip("0")) if digits.strip("0") else 0
        grouped = group_thousands(digits)
        self.setText(grouped)
        self._previous = grouped
        self.setCursorPosition(
            _position_after_digits(grouped, max(0, digits_before_cursor - stripped))
        )
        self.valueChanged.emit(self.value())

    def _on_self_editing_finished(self) -> None:
        # "5jt" becomes "5.000.000" so the AO sees the amount that will be used.
        if self.text().strip() and self.issue() is None:
            grouped = group_thousands(str(self.value()))
            if grouped != self.text():
                self.setText(grouped)
                self._previous = grouped


def _position_after_digits(text: str, count: int) -> int:
    """The cursor position right after the `count`-th digit of `text`."""
    if count <= 0:
        return 0
    seen = 0
    for pos, ch in enumerate(text):
        if ch.isdigit():
            seen += 1
            if seen == count:
                return pos + 1
    return len(text)
