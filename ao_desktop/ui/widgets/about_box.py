"""The 'Tentang AO Desktop' box: name, version and what the app is for."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    try:
        return metadata.version("ao-desktop")
    except metadata.PackageNotFoundError:
        return "dev"


def show_about(parent: QWidget | None) -> None:
    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("AboutBox", "Tentang AO Desktop"),
        tr(
            "AboutBox",
            "<b>AO Desktop</b> versi {version}<br>Alat kerja Account Officer: nasabah, "
            "produk, kunjungan, portofolio kredit dan laporan dalam satu aplikasi.",
        ).format(version=app_version()),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.button(QMessageBox.StandardButton.Close).setText(tr("AboutBox", "Tutup"))
    box.exec()
