"""ClientEmptyState: what the directory shows instead of an empty white table when there
is no client yet (the first run): a short hint and the three ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class ClientEmptyState(QWidget):
    """A hint and buttons that trigger the view's own actions (add, import, template)."""

    def __init__(
        self, add: QAction, import_: QAction, template: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Belum ada nasabah"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Tambahkan nasabah satu per satu, atau impor daftar nasabah yang sudah ada "
                "di Excel. Templat impor berisi kolom yang dibaca aplikasi."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # A centred, wrapped label gets one line's height from the layout: fix its size.
        hint.setFixedSize(420, hint.heightForWidth(420))
        self.add_button = QPushButton(self.tr("Tambah nasabah"))
        self.import_button = QPushButton(self.tr("Impor dari Excel…"))
        self.template_button = QPushButton(self.tr("Unduh templat impor…"))
        self.add_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, hint, self.add_button, self.import_button, self.template_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        # Buttons, not the actions themselves: the labels here speak to a first-time user.
        self.add_button.clicked.connect(add.trigger)
        self.import_button.clicked.connect(import_.trigger)
        self.template_button.clicked.connect(template.trigger)
