"""TaskProgress after a quick job: the progress dialog never shows up later."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from ao_desktop.ui.widgets.task_progress import Cancelled, Progress, TaskProgress

# QProgressDialog starts a 4 s timer when it is built; waiting past it is the point.
PAST_QT_FORCE_SHOW_MS = 4500


def _visible_progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_a_quick_job_leaves_no_progress_dialog_behind_its_result_box(qtbot, key) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    tasks = TaskProgress(parent)
    seen: dict[str, object] = {}

    def work(_progress: Progress, _cancelled: Cancelled) -> int:
        return 1

    def on_result(_value: int) -> None:
        # The result box runs its own event loop, as inform() does in the app.
        box = QMessageBox(QMessageBox.Icon.Information, "Selesai", "Impor selesai.",
                          QMessageBox.StandardButton.Ok, parent)

        def probe() -> None:
            seen["progress_shown"] = bool(_visible_progress_dialogs())
            seen["modal_is_box"] = QApplication.activeModalWidget() is box
            QTest.keyClick(QApplication.activeModalWidget() or box, key)
            seen["box_answered"] = not box.isVisible()
            if box.isVisible():  # keep the suite alive when the key was swallowed
                box.done(0)
                for dialog in _visible_progress_dialogs():
                    dialog.hide()

        QTimer.singleShot(PAST_QT_FORCE_SHOW_MS, probe)
        box.exec()
        seen["closed"] = True

    assert tasks.run("Mengimpor…", work, on_result, failure_title="x")
    qtbot.waitUntil(lambda: "closed" in seen, timeout=15000)
    assert seen == {"progress_shown": False, "modal_is_box": True, "box_answered": True,
                    "closed": True}
    assert not _visible_progress_dialogs()
