"""Locking the app after N idle minutes (a database setting, 10 by default).

IdleLock watches the application's input events; after the idle time it shows the
LockScreen: a frameless window over the whole screen that hides the data and asks the
signed-in officer's PIN. Every window and dialog underneath stays as it was, so unsaved
input (a half-filled client form) is there again after unlocking. Wrong PINs count toward
the lockout like at sign-in; "Keluar" closes the app without saving.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.access.sign_in import SignInRefused
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.access import sign_in as sign_in_services
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})  # fmt: skip


class LockScreen(QDialog):
    """The app is locked: only the signed-in officer's PIN opens it again."""

    def __init__(self, uow: UnitOfWork, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self._uow, self._actor = uow, actor
        self.setWindowTitle(self.tr("AO Desktop terkunci"))
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #1f3b57; } #lockScreen QLabel { color: white; }")
        title = QLabel(self.tr("<h2>AO Desktop terkunci</h2>"))
        who = QLabel(self.tr("Dikunci karena tidak ada aktivitas. Masukkan PIN {name} untuk "
                             "melanjutkan; pekerjaan yang belum disimpan tetap ada.").format(name=actor.name))
        who.setWordWrap(True)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setMaximumWidth(260)
        self.message = FieldMessage()
        self.message.setStyleSheet("color: #ffcdd2;")
        self.unlock_button = QPushButton(self.tr("Buka"))
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Keluar dari aplikasi"))
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.quit_button.clicked.connect(self._on_quit_button_clicked)
        box = QWidget()
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addWidget(self.pin_edit)
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        screen = (parent.screen() if parent is not None else QApplication.primaryScreen())
        self.setGeometry(screen.geometry())
        self.pin_edit.setFocus()

    def _on_unlock_button_clicked(self) -> None:
        if self._actor.officer_id is None:
            self.accept()
            return
        try:
            sign_in_services.sign_in(self._uow, self._actor.officer_id, self.pin_edit.text())
        except SignInRefused as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            self.message.setStyleSheet("color: #ffcdd2;")
            self.pin_edit.clear()
            return
        self.accept()

    def _on_quit_button_clicked(self) -> None:
        self.done(2)  # QUIT: app.py closes the app

    def reject(self) -> None:  # noqa: D102 - Escape does not unlock
        pass


QUIT = 2


class IdleLock(QObject):
    """Counts idle time from the application's input events and locks after `minutes`."""

    def __init__(self, minutes: int, lock: Callable[[], None], parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.minutes = max(1, minutes)
        self._lock, self._clock = lock, clock
        self._last = clock()
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self._on_timer_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.locked and event.type() in INPUT_EVENTS:
            self._last = self._clock()
        return False

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def _on_timer_timeout(self) -> None:
        self.check()

    def check(self) -> None:
        if not self.locked and self.idle_seconds() >= self.minutes * 60:
            self.locked = True
            try:
                self._lock()
            finally:
                self.locked = False
                self._last = self._clock()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
