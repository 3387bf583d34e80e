"""TaskProgress: one service call on the TaskRunner behind a modal progress dialog.

The call runs in the thread pool and gets `progress(what, done, total)` and
`cancelled()`; both are safe to call from the worker. Progress travels to the GUI thread
by a queued signal, where it updates the dialog's label and bar (a busy bar while the
total is unknown, 0). "Batal" only sets a flag: the service notices it, rolls back and
raises OperationCancelled, and that answer comes back like any other. So the caller
hears about a cancel only once the work has really stopped, and can then say truthfully
that nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from ao_desktop.domain.common.errors import OperationCancelled
from ao_desktop.services.ports import Progress
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.workers import CancelToken, TaskRunner

T = TypeVar("T")
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], T]

SHOW_AFTER_MS = 300  # a quick job never flashes a dialog
DIALOG_WIDTH = 420


def discard_progress_dialog(dialog: QProgressDialog) -> None:
    """Close a progress dialog for good, shown or not; every progress dialog ends here."""
    dialog.canceled.disconnect()  # closing would emit canceled again
    # QProgressDialog starts a timer when built that shows it after a few seconds.
    # deleteLater() waits for this event loop, and a result box's exec() runs a nested
    # one: without reset() the timer would pop up an empty modal dialog over the result
    # box and take its keyboard away.
    dialog.reset()
    dialog.close()
    dialog.deleteLater()


class ProgressRelay(QObject):
    """Emitted from the worker thread; delivered queued to a slot in the GUI thread."""

    changed = Signal(str, int, int)  # what, done, total (0 = unknown)


class TaskProgress(QObject):
    """Runs one call at a time; `busy` is True until its answer was delivered."""

    def __init__(self, parent: QWidget, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner or TaskRunner(self)
        self._dialog: QProgressDialog | None = None
        self._token: CancelToken | None = None
        self._cancel_button: QPushButton | None = None
        self._relay = ProgressRelay()
        self._relay.changed.connect(self._on_relay_changed, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._token is not None

    @property
    def token(self) -> CancelToken | None:
        """The running call's cancel flag (thread-safe: tests may set it from the worker)."""
        return self._token

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def run(
        self,
        label: str,
        work: Work[T],
        on_result: Callable[[T], None],
        *,
        failure_title: str,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
    ) -> bool:
        """Start `work(progress, cancelled)` in the pool; False if a call is still running.

        A cancelled call ends in `on_cancelled`; any other failure in `on_error`, or a
        message box titled `failure_title`.
        """
        if self._token is not None:
            return False
        token = self._token = CancelToken()
        emit = self._relay.changed.emit

        def job(_task_token: CancelToken) -> T:
            return work(emit, lambda: token.cancelled)

        def done(result: T) -> None:
            self._finish()
            on_result(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            if isinstance(exc, OperationCancelled) and token.cancelled:
                if on_cancelled is not None:
                    on_cancelled()
            elif on_error is not None:
                on_error(exc)
            else:
                show_exception(self._parent, failure_title, exc)

        self._open_dialog(label, cancellable)
        self._runner.submit(job, done, failed)
        return True

    def cancel(self) -> None:
        """What "Batal" does: ask the running call to stop; its answer still arrives."""
        if self._token is None:
            return
        self._token.cancel()
        dialog = self._dialog
        if dialog is not None:
            # QProgressDialog hides itself on cancel; keep it up until the work stopped.
            dialog.setLabelText(self.tr("Membatalkan…"))
            dialog.setRange(0, 0)
            if self._cancel_button is not None:
                self._cancel_button.setEnabled(False)
            dialog.show()

    # --- dialog -----------------------------------------------------------------------------
    def _open_dialog(self, label: str, cancellable: bool) -> None:
        dialog = QProgressDialog(label, self.tr("Batal"), 0, 0, self._parent)
        if cancellable:
            self._cancel_button = QPushButton(self.tr("Batal"))
            dialog.setCancelButton(self._cancel_button)
            dialog.canceled.connect(self._on_dialog_canceled)
        else:
            self._cancel_button = None
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self.tr("AO Desktop"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(DIALOG_WIDTH)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        self._dialog = dialog

    def _finish(self) -> None:
        self._token = None
        self._cancel_button = None
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            discard_progress_dialog(dialog)

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.cancel()

    @Slot(str, int, int)
    def _on_relay_changed(self, what: str, done: int, total: int) -> None:
        dialog = self._dialog
        if dialog is None or (self._token is not None and self._token.cancelled):
            return  # a late report must not overwrite "Membatalkan…"
        if what:
            dialog.setLabelText(what)
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)  # busy indicator
