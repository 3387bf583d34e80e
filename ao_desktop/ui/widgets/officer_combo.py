"""OfficerComboBox: pick an AO (or none/all) by name; `value()` is the officer id."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ao_desktop.domain.common.officer import Officer


class OfficerComboBox(QComboBox):
    """First entry `none_text` (None), then the officers; the signed-in AO is marked."""

    def __init__(
        self,
        officers: list[Officer],
        none_text: str,
        mine_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ids: list[int | None] = [None]
        self.addItem(none_text)
        for officer in officers:
            mine = officer.id is not None and officer.id == mine_id
            self._add(
                officer.id,
                self.tr("{name} (saya)").format(name=officer.name) if mine else officer.name,
            )
        # Long names must not widen the form or filter bar; the popup shows them in full.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def value(self) -> int | None:
        index = self.currentIndex()
        return self._ids[index] if 0 <= index < len(self._ids) else None

    def set_value(self, officer_id: int | None, name: str = "") -> None:
        """Select `officer_id`; one no longer active is added (with `name`) so it stays."""
        if officer_id not in self._ids:
            self._add(officer_id, self.tr("{name} (nonaktif)").format(name=name or officer_id))
        self.setCurrentIndex(self._ids.index(officer_id))

    def _add(self, officer_id: int | None, text: str) -> None:
        self._ids.append(officer_id)
        self.addItem(text)
