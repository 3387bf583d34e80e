"""ServerPasswordDialog: the start's question when the PostgreSQL server this PC uses wants
a password that is nowhere (not in the credential store, not set by IT through PGPASSWORD
or a pgpass file), or refused the one kept (#18). Asked instead of an error: the password
is used for this run, and kept in the Windows credential store when the box is ticked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.ui.widgets.field_message import FieldMessage, Severity


class ServerPasswordDialog(QDialog):
    """The server's password, masked, and whether to keep it in the credential store."""

    def __init__(self, label: str, problem: str, store_available: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kata sandi server database"))
        intro = QLabel(self.tr("AO Desktop perlu kata sandi untuk membuka database di "
                               "server:\n{s}").format(s=label))
        intro.setWordWrap(True)
        self.problem = FieldMessage()
        self.problem.show_message(problem, Severity.ERROR)
        self.password_edit = QLineEdit(maxLength=200)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(self.tr("Simpan di Pengelola Kredensial Windows"))
        self.keep.setChecked(store_available)
        self.keep.setEnabled(store_available)
        note = FieldMessage()
        if not store_available:
            note.show_message(self.tr(
                "Komputer ini tidak punya Pengelola Kredensial: kata sandi hanya dipakai sampai "
                "AO Desktop ditutup. TI dapat mengaturnya lewat PGPASSWORD atau berkas pgpass."),
                Severity.WARNING)
        form = QFormLayout()
        form.addRow(self.tr("Kata sandi"), self.password_edit)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(self.tr("Hubungkan"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(self.tr("Keluar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        self.connect_button.setEnabled(False)
        self.connect_button.clicked.connect(self.accept)
        quit_button.clicked.connect(self.reject)
        self.password_edit.textChanged.connect(
            lambda text: self.connect_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.keep)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def password(self) -> str:
        return self.password_edit.text()

    def keep_password(self) -> bool:
        return self.keep.isEnabled() and self.keep.isChecked()
