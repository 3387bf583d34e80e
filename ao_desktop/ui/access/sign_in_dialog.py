"""SignInDialog: who is working, proven with their PIN, before the main window opens.

The officer of this PC is preselected; an officer of a database made before sign-in
existed chooses a PIN here first (twice, to catch a typo). A refusal (wrong PIN, locked,
role changed outside the app) shows the service's own sentence under the field; five
wrong tries lock the officer in the database, so on every PC.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.access.pin import DEMO_PIN
from ao_desktop.domain.access.sign_in import Refusal, SignInChoice, SignInRefused
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import Actor, role_label
from ao_desktop.services.access import sign_in as sign_in_services
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity


class SignInDialog(QDialog):
    def __init__(self, uow: UnitOfWork, *, preselect: int | None = None, demo: bool = False,
                 title_detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._uow = uow
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Masuk — AO Desktop"))
        self.setMinimumWidth(440)
        self.choices: list[SignInChoice] = sign_in_services.sign_in_choices(uow)
        heading = QLabel(self.tr("<b>Masuk ke AO Desktop</b>"))
        detail = QLabel(self.tr("Database: {path}").format(path=title_detail))
        detail.setWordWrap(True)
        detail.setStyleSheet("color: palette(mid);")
        detail.setVisible(bool(title_detail))
        self.officer_combo = QComboBox()
        for choice in self.choices:
            self.officer_combo.addItem(f"{choice.name} — {role_label(choice.role)}", choice.id)
        if preselect is not None and (index := self.officer_combo.findData(preselect)) >= 0:
            self.officer_combo.setCurrentIndex(index)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN atau kata sandi"))
        self.confirm_label = QLabel(self.tr("Ulangi PIN"))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_pin_note = QLabel(self.tr(
            "Petugas ini belum punya PIN. Pilih PIN minimal 6 karakter lalu ulangi; PIN ini "
            "dipakai setiap kali membuka AO Desktop."))
        self.first_pin_note.setWordWrap(True)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(self.tr("Petugas"), self.officer_combo)
        form.addRow(self.tr("PIN"), self.pin_edit)
        form.addRow(self.confirm_label, self.confirm_edit)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(self.tr("Masuk"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Keluar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(detail)
        layout.addLayout(form)
        layout.addWidget(self.first_pin_note)
        layout.addWidget(self.message)
        if demo:
            self.demo_note = QLabel(self.tr("Database demo: PIN setiap petugas adalah <b>{pin}</b>.").format(pin=DEMO_PIN))
            self.demo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.demo_note)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.officer_combo.currentIndexChanged.connect(self._on_officer_combo_current_index_changed)
        self._on_officer_combo_current_index_changed()
        self.pin_edit.setFocus()

    def _choice(self) -> SignInChoice | None:
        officer_id = self.officer_combo.currentData()
        return next((c for c in self.choices if c.id == officer_id), None)

    def _on_officer_combo_current_index_changed(self, _index: int = 0) -> None:
        choice = self._choice()
        choosing = choice is not None and not choice.has_pin
        self.confirm_label.setVisible(choosing)
        self.confirm_edit.setVisible(choosing)
        self.first_pin_note.setVisible(choosing)
        self.sign_in_button.setText(self.tr("Simpan PIN dan masuk") if choosing else self.tr("Masuk"))
        self.message.clear_message()
        self.pin_edit.clear()
        self.confirm_edit.clear()
        self.pin_edit.setFocus()

    def _on_buttons_accepted(self) -> None:
        choice = self._choice()
        if choice is None:
            self.message.show_message(self.tr("Database ini belum punya petugas aktif."), Severity.ERROR)
            return
        try:
            if choice.has_pin:
                self.actor = sign_in_services.sign_in(self._uow, choice.id, self.pin_edit.text())
            else:
                self.actor = sign_in_services.choose_first_pin(
                    self._uow, choice.id, self.pin_edit.text(), self.confirm_edit.text())
        except SignInRefused as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            self.pin_edit.clear()
            if exc.reason is Refusal.NO_PIN:
                self.choices = sign_in_services.sign_in_choices(self._uow)
                self._on_officer_combo_current_index_changed()
            return
        except DomainError as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            return
        self.accept()
