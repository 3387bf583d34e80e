"""Running a callable off the GUI thread and getting its result back on the GUI thread.

`TaskRunner.submit(fn, on_result, on_error)` runs `fn(token)` in a QThreadPool. The
background code never touches a widget: it only returns a value (or raises), and the
value travels back by a queued signal to a QObject that lives in the GUI thread, where
`on_result`/`on_error` run. `token.cancelled` lets long work stop early; a cancelled
task never delivers, so a stale answer (the count of an old search) cannot overwrite a
fresh one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class CancelToken:
    """A flag the GUI thread sets and the background callable may poll."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class _Relay(QObject):
    """Created in the GUI thread, so its queued slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundTask(QObject, Generic[T]):
    """One submitted call: cancel it, or wait for it in tests."""

    finished = Signal()

    def __init__(
        self,
        fn: Callable[[CancelToken], T],
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._fn = fn
        self._on_result = on_result
        self._on_error = on_error
        self._done = False
        # Owned by the application, not by Python: were the view (and this task with it)
        # destroyed while the call runs, the pool thread would otherwise drop the last
        # reference and delete a GUI-thread QObject from the pool thread. deleteLater(),
        # called from the pool thread when done, hands the deletion to the GUI thread.
        self._relay = _Relay(QCoreApplication.instance())
        # Queued explicitly: the relay emits from the pool thread, the slots run here.
        self._relay.succeeded.connect(self._on_relay_succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_relay_failed, Qt.ConnectionType.QueuedConnection)

    @property
    def done(self) -> bool:
        """True once the result or error was delivered (or the task was cancelled)."""
        return self._done

    def cancel(self) -> None:
        self.token.cancel()
        if not self._done:
            self._done = True
            self.finished.emit()

    def run_in_pool_thread(self) -> None:
        """Called by the runnable in a pool thread; touches no widget."""
        relay = self._relay
        try:
            if self.token.cancelled:
                return
            try:
                result = self._fn(self.token)
            except BaseException as exc:  # delivered to the GUI thread, which decides what to show
                relay.failed.emit(exc)
            else:
                relay.succeeded.emit(result)
        finally:
            relay.deleteLater()  # after the queued delivery, in the GUI thread

    @Slot(object)
    def _on_relay_succeeded(self, result: Any) -> None:
        if self._finish():
            self._on_result(result)

    @Slot(object)
    def _on_relay_failed(self, exc: BaseException) -> None:
        if not self._finish():
            return
        if self._on_error is not None:
            self._on_error(exc)
        else:
            log.error("background task failed", exc_info=exc)

    def _finish(self) -> bool:
        if self._done or self.token.cancelled:
            return False
        self._done = True
        self.finished.emit()
        return True


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask[Any]) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run_in_pool_thread()


class TaskRunner(QObject):
    """Submits callables to a thread pool and keeps their handles alive until delivery."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._active: set[BackgroundTask[Any]] = set()

    def submit(
        self,
        fn: Callable[[CancelToken], T],
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> BackgroundTask[T]:
        task: BackgroundTask[T] = BackgroundTask(fn, on_result, on_error, self)
        self._active.add(task)
        task.finished.connect(lambda: self._active.discard(task))
        self._pool.start(_Runnable(task))
        return task

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def wait_for_idle(self, msecs: int = 5000) -> bool:
        """Block until the pool threads finished (tests, shutdown); delivery still needs
        the event loop to run."""
        return self._pool.waitForDone(msecs)
