"""The 'Tentang AO Desktop' box: name, version and what this installed version offers.

The list comes from the views the main window registers, so the box never promises a
view (visits, portfolio, reports) that the installed version does not have yet.
"""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    try:
        return metadata.version("ao-desktop")
    except metadata.PackageNotFoundError:
        return "dev"


def about_text(features: list[str]) -> str:
    tr = QCoreApplication.translate
    items = "".join(f"<li>{escape(f)}</li>" for f in features)
    return tr("AboutBox", "<b>AO Desktop</b> versi {version}<br>Alat kerja Account Officer. "
                          "Versi ini berisi:").format(version=app_version()) + f"<ul>{items}</ul>"


def show_about(parent: QWidget | None, features: list[str]) -> None:
    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("AboutBox", "Tentang AO Desktop"),
        about_text(features),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.button(QMessageBox.StandardButton.Close).setText(tr("AboutBox", "Tutup"))
    box.exec()
