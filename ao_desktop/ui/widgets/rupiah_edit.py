"""RupiahEdit: a line edit for whole-Rupiah amounts that groups thousands with dots.

The user may type `6000000`, `6.000.000` or paste `Rp 6.000.000`; the text is kept as
`6.000.000` while typing (the cursor stays after the same digit) and `value()` is the
int 6000000. Money is never a float.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

MAX_DIGITS = 15  # a trillion Rupiah and more; the domain rejects absurd amounts


def group_thousands(digits: str) -> str:
    """`6000000` -> `6.000.000` (digits only in, no sign)."""
    digits = digits.lstrip("0") or ("0" if digits else "")
    return f"{int(digits):,}".replace(",", ".") if digits else ""


class RupiahEdit(QLineEdit):
    """Whole Rupiah with a fixed `Rp` prefix and thousand dots; `value()` is an int."""

    valueChanged = Signal(object)  # noqa: N815 - Qt signal naming; int may exceed 32 bits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Letters are refused outright; separators and spaces are tolerated and regrouped.
        pattern = QRegularExpression(r"^\s*(Rp\.?)?\s*[\d.,\s]*$")
        pattern.setPatternOptions(QRegularExpression.PatternOption.CaseInsensitiveOption)
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0")
        self._prefix = QLabel("Rp", self)
        self._prefix.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._prefix.setStyleSheet("color: palette(placeholder-text);")
        self.textEdited.connect(self._on_self_text_edited)

    def value(self) -> int:
        digits = "".join(ch for ch in self.text() if ch.isdigit())
        return int(digits) if digits else 0

    def set_value(self, amount: int) -> None:
        self.setText(group_thousands(str(max(0, amount))) if amount else "")
        self.valueChanged.emit(self.value())

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().resizeEvent(event)
        hint = self._prefix.sizeHint()
        self._prefix.setGeometry(
            6, (self.height() - hint.height()) // 2, hint.width(), hint.height()
        )
        self.setTextMargins(hint.width() + 4, 0, 0, 0)

    def _on_self_text_edited(self, text: str) -> None:
        body = text.strip()
        if body.lower().startswith("rp"):
            body = body[2:]
        cursor = self.cursorPosition()
        digits_before_cursor = sum(ch.isdigit() for ch in text[:cursor])
        digits = "".join(ch for ch in body if ch.isdigit())[:MAX_DIGITS]
        # A leading zero vanishes when regrouped; count it out of the cursor's digits too.
        stripped = len(digits) - len(digits.lstrip("0")) if digits.strip("0") else 0
        grouped = group_thousands(digits)
        self.setText(grouped)
        self.setCursorPosition(
            _position_after_digits(grouped, max(0, digits_before_cursor - stripped))
        )
        self.valueChanged.emit(self.value())


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
