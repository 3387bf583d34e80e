"""Message boxes with Indonesian buttons (Qt ships no Indonesian translation).

Every error a service raises is a `DomainError` whose text is meant for the user, so
it is shown as is; anything else gets a general sentence, never a traceback. A database
out of reach (server or shared drive gone) offers "Coba lagi" where the caller can redo
what failed: the form it came from is still open, its input untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ao_desktop.domain.common.errors import DatabaseUnreachable, DomainError

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def inform(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    """A message with one "Tutup" button: a finished task, a result, a warning."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(_tr("Tutup"))
    box.exec()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    inform(parent, title, text, QMessageBox.Icon.Warning)


def show_exception(
    parent: QWidget | None, title: str, exc: BaseException, retry: Callable[[], None] | None = None
) -> None:
    """A service refused (DomainError: its own message) or something broke (generic).

    `retry` redoes what failed (the form's save, the view's load): offered as "Coba lagi"
    when the database was out of reach, and run once this message is closed."""
    if isinstance(exc, DatabaseUnreachable):
        if offer_retry(parent, title, str(exc), retry is not None) and retry is not None:
            # After the slot that showed this message has returned: the retry is a fresh
            # attempt, never one nested inside the failed one.
            QTimer.singleShot(0, retry)
        return
    if isinstance(exc, DomainError):
        show_error(parent, title, str(exc))
        return
    log.error("unexpected error", exc_info=exc)
    show_error(
        parent,
        title,
        _tr(
            "Terjadi kesalahan yang tidak terduga. Data yang sudah "
            "tersimpan tidak berubah. Coba lagi; bila terulang, hubungi admin."
        ),
    )


def offer_retry(parent: QWidget | None, title: str, text: str, can_retry: bool) -> bool:
    """The database-out-of-reach message: "Coba lagi" (default) and "Tutup", or "Tutup"
    alone when there is nothing to redo; True when the user chose to try again."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    again = box.addButton(_tr("Coba lagi"), QMessageBox.ButtonRole.AcceptRole) if can_retry else None
    close = box.addButton(_tr("Tutup"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again or close)
    box.exec()
    return again is not None and box.clickedButton() is again


def confirm(
    parent: QWidget | None, title: str, text: str, yes_text: str, no_text: str | None = None
) -> bool:
    """Ask a yes/no question; the safe answer (no) is the default button."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.button(QMessageBox.StandardButton.No).setText(no_text or _tr("Batal"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
