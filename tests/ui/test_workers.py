"""TaskRunner: work runs in the pool, results and errors come back on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThread

from ao_desktop.domain.common.errors import NotFound
from ao_desktop.ui.workers import CancelToken, TaskRunner


def test_result_is_delivered_on_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    worker_threads: list[threading.Thread] = []
    delivered: list[tuple[int, bool]] = []

    def work(_token: CancelToken) -> int:
        worker_threads.append(threading.current_thread())
        return 42

    def on_result(value: int) -> None:
        delivered.append((value, QThread.currentThread() is QCoreApplication.instance().thread()))

    runner.submit(work, on_result)
    qtbot.waitUntil(lambda: delivered == [(42, True)])
    assert worker_threads[0] is not threading.main_thread()
    assert not runner.busy


def test_error_is_delivered_to_on_error(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work(_token: CancelToken) -> int:
        raise NotFound("Nasabah tidak ditemukan.")

    runner.submit(work, lambda _v: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], NotFound)


def test_a_cancelled_task_never_delivers(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    release = threading.Event()
    seen_cancel: list[bool] = []
    delivered: list[int] = []

    started = threading.Event()

    def work(token: CancelToken) -> int:
        started.set()
        release.wait(5)
        seen_cancel.append(token.cancelled)
        return 1

    task = runner.submit(work, delivered.append)
    assert started.wait(5)  # cancelled while running, not before it started
    task.cancel()
    release.set()
    assert runner.wait_for_idle()
    QCoreApplication.sendPostedEvents()  # deliver a (wrongly) queued result now, if any
    assert delivered == [] and task.done
    assert seen_cancel == [True]  # the work saw the flag and could have stopped early
