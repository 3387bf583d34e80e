"""A small coloured label for the status bar (e.g. DEMO), readable at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

DEMO_COLOR = "#e65100"


def badge(
    text: str, tooltip: str, color: str = DEMO_COLOR, parent: QWidget | None = None
) -> QLabel:
    label = QLabel(text, parent)
    label.setToolTip(tooltip)
    label.setStyleSheet(
        f"background: {color}; color: white; font-weight: bold; padding: 1px 8px; border-radius: 3px;"
    )
    return label
