"""EnumComboBox: a combo box over the members of an enum, optionally with a "none" entry.

PySide turns a StrEnum stored as item data into a plain str, so the members are kept on
the Python side and `value()` always returns the enum member itself (or None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=Enum)


class EnumComboBox(QComboBox, Generic[E]):
    """Items are `label(member)`; `none_text` adds a first entry meaning None."""

    def __init__(
        self,
        members: Iterable[E],
        label: Callable[[E], str],
        none_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._members: list[E | None] = []
        if none_text is not None:
            self._members.append(None)
            self.addItem(none_text)
        for member in members:
            self._members.append(member)
            self.addItem(label(member))

    def value(self) -> E | None:
        index = self.currentIndex()
        return self._members[index] if 0 <= index < len(self._members) else None

    def set_value(self, member: E | None) -> None:
        """Select `member`; an unknown member (or None without a none entry) selects the first."""
        self.setCurrentIndex(self._members.index(member) if member in self._members else 0)

    def members(self) -> list[E | None]:
        return list(self._members)
