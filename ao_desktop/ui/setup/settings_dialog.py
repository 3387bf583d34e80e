"""SettingsDialog ("Berkas › Pengaturan…"): what the first-run wizard asked, editable later.

- Bank and branch with the logo: stored in the database, so an admin changes them for
  every PC sharing it; others see them read-only.
- The officer signed in on this PC: their name and mobile number.
- Where the database lives: remembered on this PC; the new database is created or joined
  at once (so a typo in the folder shows now, not tomorrow morning) and used from the next
  start, because the open windows keep working on the current one. IT may switch this PC
  to a PostgreSQL server, or give the server's new password (kept in the Windows
  credential store, never in a file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError, ServerConnectionFailed, ValidationFailed
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.common.phone import normalize_phone
from ao_desktop.domain.common.server_address import is_server_location
from ao_desktop.services import setup as setup_services
from ao_desktop.services.products.riplay_issuer import (
    read_issuer_settings,
    save_issuer_settings,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import (
    RememberedOfficer,
    load_database_choice,
    load_officer,
    save_officer,
)
from ao_desktop.ui.setup.riplay_fields import TEXT_FIELDS as RIPLAY_TEXT_FIELDS
from ao_desktop.ui.setup.riplay_fields import RiplayIssuerFields
from ao_desktop.ui.setup.setup_actions import logo_folder, set_up_database, with_installed_logo
from ao_desktop.ui.setup.setup_fields import (
    BankFields,
    DatabaseLocationFields,
    OfficerFields,
    SetupEnvironment,
)
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity

FIELD_TABS = {
    "bank_name": 0,
    "branch_name": 0,
    "logo": 0,
    "officer_name": 1,
    "officer_phone": 1,
    "folder": 2,
    **{name: 2 for name in ("host", "port", "database", "user", "password")},
    **{name: 3 for name in RIPLAY_TEXT_FIELDS},
    "valid_days": 3,
}


SERVER_TAB_HEIGHT = 640


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368;")
    return label


def _spacer(height: int = 6) -> QWidget:
    spacer = QWidget()
    spacer.setFixedHeight(height)
    return spacer


def _tab(*widgets: QWidget) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return tab


class SettingsDialog(QDialog):
    """Edit the bank profile, the signed-in officer and the database location."""

    officer_changed = Signal(object)  # the saved Officer
    database_changed = Signal(object)  # the new database file (used after a restart)

    def __init__(
        self, context: UiContext, env: SetupEnvironment, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.env = context, env
        self.setWindowTitle(self.tr("Pengaturan"))
        self.profile = setup_services.read_profile(context.uow)
        self.issuer = read_issuer_settings(context.uow)
        self.officer: Officer | None = (
            setup_services.get_officer(context.uow, context.officer_id)
            if context.officer_id
            else None
        )
        choice = load_database_choice()
        self.saved_location = (
            (choice.path, choice.shared) if choice else (env.default_database_path, False)
        )
        self._password_kept: bool | None = None  # a server password saved just now: stored?
        self._build()
        self._load()

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.bank = BankFields()
        self.officer_fields = OfficerFields()
        self.location = DatabaseLocationFields(self.env.default_database_path,
                                               server=self.env.server)
        self.riplay = RiplayIssuerFields()
        admin = self.context.who.is_admin
        bank_note = _note(
            self.tr("Disimpan di database: berlaku di semua komputer yang memakai database ini.")
            if admin
            else self.tr("Hanya admin yang dapat mengubah nama bank, cabang dan logo.")
        )
        officer_note = _note(
            self.tr("Nama dan nomor ini dicetak di lembar produk yang Anda berikan kepada nasabah.")
            if self.officer
            else self.tr(
                "Sesi ini tidak memakai petugas yang terdaftar (mode demo atau "
                "--db). Nama dan nomor ini dipakai bila lokasi database diganti."
            )
        )
        mode = (self.tr("server PostgreSQL") if self._on_server_now
                else self.tr("bersama (shared drive)") if self.context.shared else self.tr("lokal"))
        current = _note(
            self.tr("Sedang dipakai: {path} — {mode}").format(
                path=self.context.database_label, mode=mode
            )
        )
        current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        restart = _note(
            self.tr(
                "Lokasi baru dipakai setelah AO Desktop ditutup dan dibuka lagi. Database "
                "lama tidak dihapus. Kata sandi server yang diisi di sini langsung disimpan."
            )
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(_tab(self.bank, bank_note), self.tr("Bank dan cabang"))
        self.tabs.addTab(_tab(self.officer_fields, officer_note), self.tr("Petugas"))
        self.tabs.addTab(_tab(current, _spacer(), self.location, restart), self.tr("Database"))
        riplay_note = _note(
            self.tr("Dicetak di setiap RIPLAY (ringkasan informasi produk) untuk nasabah. RIPLAY "
                    "tidak dapat dicetak sebelum nama bank, kantor dan telepon pengaduan diisi.")
            if admin
            else self.tr("Hanya admin yang dapat mengubah data bank untuk RIPLAY.")
        )  # fmt: skip
        self.tabs.addTab(_tab(self.riplay, riplay_note), self.tr("RIPLAY dan pengaduan"))
        self.error = FieldMessage()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_clicked)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.bank.set_editable(admin)
        self.riplay.set_editable(admin)
        self.resize(620, 440)
        self.location.server.toggled.connect(self._on_server_toggled)

    def _on_server_toggled(self, on: bool) -> None:
        if on and self.height() < SERVER_TAB_HEIGHT:
            self.resize(self.width(), SERVER_TAB_HEIGHT)  # the server's fields fit uncut

    def _load(self) -> None:
        self.bank.set_profile(self.profile)
        self.riplay.set_issuer(self.issuer)
        if self.officer is not None:
            self.officer_fields.set_values(
                self.officer.name, self._display_phone(self.officer.phone)
            )
        elif (remembered := load_officer()) is not None:
            self.officer_fields.set_values(remembered.name, self._display_phone(remembered.phone))
        label = self.context.database_label
        self.location.set_current(label if self._on_server_now else Path(label))
        self.location.set_choice(*self.saved_location)
        if self.location.server_fields is not None and self._on_server_now:
            self.location.server_fields.password.setPlaceholderText(
                self.tr("kosongkan bila tidak berubah"))

    @property
    def _on_server_now(self) -> bool:
        """This session's database is on a server (its label is the server's location)."""
        return is_server_location(self.context.database_label)

    @staticmethod
    def _display_phone(e164: str) -> str:
        if setup_services.officer_phone_issue(e164) is None:
            return normalize_phone(e164).display
        return e164

    # --- saving ---------------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        self.error.clear_message()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            moved = self._save()
        except ServerConnectionFailed as exc:
            self.tabs.setCurrentIndex(FIELD_TABS["host"])
            if self.location.server_fields is not None:
                self.location.server_fields.show_failure(exc)
            self.error.show_message(str(exc), Severity.ERROR)
            return
        except DomainError as exc:
            self._show_error(exc)
            return
        except OSError as exc:
            self.error.show_message(
                self.tr("Tidak dapat disimpan: {e}").format(e=exc), Severity.ERROR
            )
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if moved is not None:
            self.database_changed.emit(moved)
            self._tell(self.tr(
                "Lokasi database disimpan:\n{path}\n\nAO Desktop memakainya setelah ditutup dan "
                "dibuka lagi.").format(path=moved) + self._password_note())
        elif self._password_kept is not None:
            self._tell(self.tr("Kata sandi server diperiksa dan diganti.") + self._password_note())
        self.accept()

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Pengaturan"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Tutup"))
        box.exec()

    def _password_note(self) -> str:
        if self._password_kept is None:
            return ""
        if self._password_kept:
            return "\n\n" + self.tr("Kata sandi disimpan di Pengelola Kredensial Windows.")
        return "\n\n" + self.tr(
            "Kata sandi tidak disimpan: komputer ini tidak punya Pengelola Kredensial. AO Desktop "
            "menanyakannya setiap kali dibuka, kecuali TI mengaturnya lewat PGPASSWORD atau "
            "berkas pgpass.")

    def _save(self) -> Path | str | None:
        """Save what changed; the new database file (or server) when the location changed."""
        self._password_kept = None
        self.bank.touch_all()
        self.officer_fields.touch_all()
        typed = self.bank.profile()
        if self.context.who.is_admin and typed != self.profile:
            folder = logo_folder(self.env, self.context.database_label)
            self.profile = setup_services.save_profile(
                self.context.uow,
                with_installed_logo(setup_services.clean_profile(typed), folder),
                self.context.who,
            )
            self.bank.set_profile(self.profile)
        typed_issuer = self.riplay.issuer()
        if self.context.who.is_admin and typed_issuer != self.issuer:
            self.issuer = save_issuer_settings(self.context.uow, typed_issuer, self.context.who)
            self.riplay.set_issuer(self.issuer)
        name, phone = self.officer_fields.values()
        if self.officer is not None and (name, phone) != (
            self.officer.name,
            self._display_phone(self.officer.phone),
        ):
            self.officer = setup_services.update_officer_contact(
                self.context.uow, self.officer, name, phone, self.context.who
            )
            save_officer(RememberedOfficer(self.officer.id, self.officer.name, self.officer.phone))
            self.officer_changed.emit(self.officer)
        path, shared = self.location.choice()
        password = self.location.server_password()
        if (path, shared) == self.saved_location:
            if password and self.env.server is not None:
                self._password_kept = self._replace_password(str(path), password)
            return None
        outcome = set_up_database(self.env, path, shared, self.profile, name, phone,
                                  password=password)
        outcome.opened.close()
        self.saved_location = (path, shared)
        self._password_kept = outcome.password_kept
        return path

    def _replace_password(self, location: str, password: str) -> bool:
        """The server's new password: tried first (a typo is said beside the field, nothing
        kept), then used for this run and kept in the credential store when there is one."""
        assert self.env.server is not None
        self.env.server.check(location, password)  # short timeout; raises what went wrong
        self.env.server.use_password(location, password)
        return self.env.server.keep_password(location, password)

    def _show_error(self, exc: DomainError) -> None:
        if isinstance(exc, ValidationFailed) and exc.issues:
            first = exc.issues[0]
            self.tabs.setCurrentIndex(FIELD_TABS.get(first.field, self.tabs.currentIndex()))
            self.officer_fields.show_issue(first.field, first.message)
            self.error.show_message(
                "\n".join(i.message for i in exc.issues if i.is_error), Severity.ERROR
            )
        else:
            self.error.show_message(str(exc), Severity.ERROR)
