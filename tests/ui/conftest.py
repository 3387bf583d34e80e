"""Fixtures for GUI tests: a real SQLite file in tmp_path, officers, a UiContext.

Tests build their database through storage (allowed in tests) and services; the
widgets under test see only the unit of work, as in the app.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from ao_desktop.domain.clients.client import Client  # noqa: E402
from ao_desktop.domain.common.officer import Officer  # noqa: E402
from ao_desktop.services.clients import directory as client_services  # noqa: E402
from ao_desktop.storage.engine import open_database  # noqa: E402
from ao_desktop.storage.unit_of_work import SqlUnitOfWork  # noqa: E402
from ao_desktop.ui.context import UiContext  # noqa: E402
from ao_desktop.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """QSettings of the tests go to tmp_path, never to the developer's own config."""
    folder = tmp_path / "settings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def no_forgotten_modal(qapp: QApplication) -> Iterator[None]:
    """A message box nobody answers would hang the suite: close it and fail the test."""
    forgotten: list[str] = []
    seconds_open = {"n": 0}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        seconds_open["n"] = seconds_open["n"] + 1 if modal is not None else 0
        if modal is not None and seconds_open["n"] >= 10:
            forgotten.append(" | ".join(modal_texts(modal)))
            modal.close()

    watchdog = QTimer()
    watchdog.timeout.connect(check)
    watchdog.start(1000)
    yield
    watchdog.stop()
    assert not forgotten, f"an unanswered dialog was left open: {forgotten}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ao.sqlite"


@pytest.fixture
def uow(db_path: Path) -> Iterator[SqlUnitOfWork]:
    db = open_database(db_path, create=True)
    yield SqlUnitOfWork(db)
    # Background counts may still hold a connection; let them finish before closing.
    QThreadPool.globalInstance().waitForDone(5000)
    db.close()


@pytest.fixture
def officers(uow: SqlUnitOfWork) -> list[Officer]:
    with uow.write() as tx:
        return [tx.officers.add(Officer(name=n)) for n in ("Rina Marlina", "Dedi Kurniawan")]


@pytest.fixture
def context(uow: SqlUnitOfWork, db_path: Path, officers: list[Officer]) -> UiContext:
    return UiContext(
        uow=uow, database_label=str(db_path), shared=False, actor="rina", officer_id=officers[0].id
    )


@pytest.fixture
def pg_context(pg_link, home: Path) -> Iterator[UiContext]:  # noqa: ANN001
    """The app's context on the test's PostgreSQL database, opened as the app opens it
    (startup/opening.py) over a network link the test can cut (`pg_link`), with its
    first officer signed in by PIN. The location carries a password the UI must never show."""
    from ao_desktop.services.access.sign_in import sign_in
    from ao_desktop.startup.opening import OpenRequest, open_context
    from ao_desktop.ui.local_settings import RememberedOfficer

    rina = RememberedOfficer(None, "Rina Marlina", "+6281234567890")
    location = pg_link.url.replace("postgres@", "postgres:rahasia-cabang@")
    context = open_context(OpenRequest(location, False, False, officer=rina, add_officer=True))
    try:
        assert context.officer_id is not None
        yield context.signed_in_as(sign_in(context.uow, context.officer_id, "123456"))
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        context.uow.db.close()  # type: ignore[attr-defined]


@pytest.fixture
def add(uow: SqlUnitOfWork) -> Callable[..., Client]:
    """Store a client through the service, skipping the duplicate check."""

    def _add(full_name: str, **fields: object) -> Client:
        return client_services.add_client(
            uow, Client(full_name=full_name, **fields), actor="test", allow_duplicates=True
        )

    return _add


def modal_texts(modal: QWidget) -> list[str]:
    """Title, labels and table cells of a dialog: what the user reads."""
    texts = [modal.windowTitle()]
    if isinstance(modal, QMessageBox):
        texts.append(modal.text())
    texts += [label.text() for label in modal.findChildren(QLabel) if label.text()]
    for table in modal.findChildren(QTableWidget):
        texts += [
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
            if table.item(r, c)
        ]
    return texts


def on_next_modal(handle: Callable[[QWidget], None], timeout_ms: int = 3000) -> None:
    """Call `handle(dialog)` once the next modal dialog is open (inside its exec()).

    Call before the action that opens the modal.
    """

    def poll(remaining: int = timeout_ms) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            handle(modal)
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 20))

    QTimer.singleShot(0, poll)


def click_button(dialog: QWidget, text: str) -> None:
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            button.click()
            return
    dialog.close()  # the wanted button is missing: close, the test then fails
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}")


def answer_next_modal(button_text: str, timeout_ms: int = 3000) -> list[str]:
    """Click `button_text` on the next modal dialog or message box; returns its texts."""
    seen: list[str] = []

    def handle(modal: QWidget) -> None:
        seen.extend(modal_texts(modal))
        click_button(modal, button_text)

    on_next_modal(handle, timeout_ms)
    return seen


def answer_after(button_text: str, seen: list[str], before: Callable[[], None] = lambda: None,
                 timeout_ms: int = 10000) -> None:
    """On the next modal: note its texts and, as "[Text]", its buttons; run `before` (the
    network comes back while the message is read); click `button_text`."""

    def handle(modal: QWidget) -> None:
        seen.extend(modal_texts(modal))
        if isinstance(modal, QMessageBox):
            seen.extend(f"[{b.text()}]" for b in modal.buttons())
        before()
        click_button(modal, button_text)

    on_next_modal(handle, timeout_ms)


def answer_message_box(button_text: str, seen: list[str], timeout_ms: int = 10000) -> None:
    """Click `button_text` on the next QMessageBox (progress dialogs are let be)."""

    def poll(remaining: int = timeout_ms) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            seen.extend(modal_texts(modal))
            click_button(modal, button_text)
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 20))

    QTimer.singleShot(0, poll)


def open_main_window(context: UiContext, qtbot) -> MainWindow:  # noqa: ANN001
    """The main window on `context`, shown and exposed (as the app opens it)."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
