"""The admin's officers and security dialog: the branch's officers with their lock state,
unlocking one, setting a colleague's PIN (a new colleague, a forgotten PIN), adding an
officer with their first PIN, and the idle-lock minutes and retention years.

Every action is one service call that checks the admin role itself
(services/access/sign_in.py, officers.py, security_settings.py) and is audited there.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError, ValidationFailed
from ao_desktop.domain.common.officer import Officer, OfficerRole, role_label
from ao_desktop.services.access import officers as officer_services
from ao_desktop.services.access import security_settings
from ao_desktop.services.access import sign_in as sign_in_services
from ao_desktop.ui.access.pin_fields import PinFields
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.item_table_model import ItemTableModel


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    STATE = 2


class OfficerTableModel(ItemTableModel):
    columns = Column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked: set[int] = set()

    def column_title(self, column: Any) -> str:
        return {Column.NAME: self.tr("Nama"), Column.ROLE: self.tr("Peran"), Column.STATE: self.tr("Status")}[column]

    def text(self, item: Officer, column: Any) -> str:
        if column == Column.NAME:
            return item.name
        if column == Column.ROLE:
            return role_label(item.role)
        if item.id in self.locked:
            return self.tr("terkunci")
        return self.tr("aktif") if item.active else self.tr("nonaktif")

    def sort_key(self, item: Officer, column: Any) -> Any:
        return self.text(item, column)


class OfficersDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Petugas dan keamanan"))
        self.resize(680, 780)
        self.model = OfficerTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(200)
        self.unlock_button = QPushButton(self.tr("Buka kunci"))
        self.pin_fields = PinFields()
        self.set_pin_button = QPushButton(self.tr("Simpan PIN petugas terpilih"))
        self.new_name = QLineEdit(placeholderText=self.tr("nama lengkap"))
        self.new_phone = QLineEdit(placeholderText="0812-3456-7890")
        self.new_role = QComboBox()
        for role in OfficerRole:
            self.new_role.addItem(role_label(role), role.value)
        self.new_pin = PinFields()
        self.add_button = QPushButton(self.tr("Tambah petugas"))
        settings = security_settings.read_security_settings(context.uow)
        self.lock_spin = QSpinBox(minimum=1, maximum=240, suffix=self.tr(" menit"), value=settings.lock_minutes)
        self.retention_spin = QSpinBox(minimum=1, maximum=100, suffix=self.tr(" tahun"),
                                       value=settings.retention_years)
        self.save_settings_button = QPushButton(self.tr("Simpan pengaturan"))
        self.message = FieldMessage()

        pin_box = QGroupBox(self.tr("PIN baru untuk petugas terpilih (lupa PIN, petugas baru)"))
        pin_layout = QVBoxLayout(pin_box)
        pin_layout.addWidget(self.pin_fields)
        pin_layout.addWidget(self.set_pin_button)
        add_box = QGroupBox(self.tr("Tambah petugas"))
        add_form = QFormLayout(add_box)
        add_form.addRow(self.tr("Nama"), self.new_name)
        add_form.addRow(self.tr("Nomor HP"), self.new_phone)
        add_form.addRow(self.tr("Peran"), self.new_role)
        add_form.addRow(self.new_pin)
        add_form.addRow(self.add_button)
        settings_box = QGroupBox(self.tr("Keamanan"))
        settings_form = QFormLayout(settings_box)
        settings_form.addRow(self.tr("Kunci layar setelah tidak dipakai"), self.lock_spin)
        settings_form.addRow(self.tr("Simpan data nasabah setelah hubungan berakhir"), self.retention_spin)
        settings_form.addRow(self.save_settings_button)
        row = QHBoxLayout()
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(pin_box)
        layout.addWidget(add_box)
        layout.addWidget(settings_box)
        layout.addWidget(self.message)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.set_pin_button.clicked.connect(self._on_set_pin_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.save_settings_button.clicked.connect(self._on_save_settings_button_clicked)
        self.reload()

    def reload(self) -> None:
        try:
            officers = officer_services.list_all_officers(self._context.uow, self._context.who)
            self.model.locked = sign_in_services.locked_officers(self._context.uow, self._context.who)
        except DomainError as exc:
            self.model.set_items([])
            self.message.show_message(str(exc), Severity.ERROR)
            for button in (self.unlock_button, self.set_pin_button, self.add_button, self.save_settings_button):
                button.setEnabled(False)
            return
        self.model.set_items(sorted(officers, key=lambda o: o.id or 0))
        self.table.resizeColumnsToContents()

    def select_officer(self, officer_id: int) -> None:
        rows = [i for i, o in enumerate(self.model.items()) if o.id == officer_id]
        if rows:
            self.table.selectRow(rows[0])

    def _selected(self) -> Officer | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _run(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except ValidationFailed as exc:
            self.message.show_message("\n".join(i.message for i in exc.issues) or str(exc), Severity.ERROR)
            return
        except DomainError as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            return
        self.message.show_message(done, Severity.NOTE)
        self.reload()

    def _on_unlock_button_clicked(self) -> None:
        officer = self._selected()
        if officer is None or officer.id is None:
            self.message.show_message(self.tr("Pilih petugas di tabel."), Severity.ERROR)
            return
        officer_id = officer.id
        self._run(lambda: sign_in_services.unlock_officer(self._context.uow, officer_id, self._context.who),
                  self.tr("{n} dapat masuk lagi.").format(n=officer.name))

    def _on_set_pin_button_clicked(self) -> None:
        officer = self._selected()
        if officer is None or officer.id is None:
            self.message.show_message(self.tr("Pilih petugas di tabel."), Severity.ERROR)
            return
        if not self.pin_fields.is_valid():
            self.message.show_message(self.tr("Isi PIN baru dua kali dengan benar."), Severity.ERROR)
            return
        officer_id, pin = officer.id, self.pin_fields.pin()
        self._run(lambda: sign_in_services.reset_pin(self._context.uow, officer_id, pin, self._context.who),
                  self.tr("PIN {n} diganti; beri tahu PIN baru secara langsung.").format(n=officer.name))
        self.pin_fields.set_pin("", "")

    def _on_add_button_clicked(self) -> None:
        if not self.new_pin.is_valid():
            self.message.show_message(self.tr("Isi PIN petugas baru dua kali dengan benar."), Severity.ERROR)
            return
        name, phone, role, pin = (self.new_name.text(), self.new_phone.text(), OfficerRole(self.new_role.currentData()),
                                  self.new_pin.pin())
        self._run(lambda: officer_services.add_officer(self._context.uow, name, phone, role, pin, self._context.who),
                  self.tr("{n} ditambahkan.").format(n=name.strip()))

    def _on_save_settings_button_clicked(self) -> None:
        settings = security_settings.SecuritySettings(self.lock_spin.value(), self.retention_spin.value())
        self._run(lambda: security_settings.save_security_settings(self._context.uow, settings, self._context.who),
                  self.tr("Pengaturan keamanan disimpan; kunci layar berlaku saat aplikasi dibuka lagi."))


class ChangePinDialog(QDialog):
    """The signed-in officer changes their own PIN, proving the old one."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Ganti PIN"))
        self.old_edit = QLineEdit()
        self.old_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_fields = PinFields()
        self.save_button = QPushButton(self.tr("Simpan PIN baru"))
        self.message = FieldMessage()
        form = QFormLayout(self)
        form.addRow(self.tr("PIN lama"), self.old_edit)
        form.addRow(self.pin_fields)
        form.addRow(self.message)
        form.addRow(self.save_button)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def _on_save_button_clicked(self) -> None:
        try:
            sign_in_services.change_own_pin(self._context.uow, self._context.who, self.old_edit.text(),
                                            self.pin_fields.pin(), self.pin_fields.confirm_edit.text())
        except ValidationFailed as exc:
            self.message.show_message("\n".join(i.message for i in exc.issues) or str(exc), Severity.ERROR)
            return
        except DomainError as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            return
        self.accept()
