"""Message boxes with Indonesian buttons (Qt ships no Indonesian translation).

Every error a service raises is a `DomainError` whose text is meant for the user, so
it is shown as is; anything else gets a general sentence, never a traceback.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ao_desktop.domain.common.errors import DomainError

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


def show_exception(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A service refused (DomainError: its own message) or something broke (generic)."""
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
