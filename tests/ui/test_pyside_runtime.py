"""The Qt binding must not drain references to None. PySide6 6.12.0 does so on Python
3.11 (every void call such as QLabel.clear() drops one), which aborts a long session with
"deallocating None"; that is why pyproject pins 6.11.3. This guards the pin."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_the_reference_count_of_none(qtbot) -> None:  # noqa: ANN001
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.clear()
    assert sys.getrefcount(None) - before > -100
