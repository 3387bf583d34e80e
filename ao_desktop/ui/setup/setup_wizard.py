"""SetupWizard: the welcome on the very first start, before any database is opened.

Three pages: the bank and branch (with logo), the officer at this PC, and where the
database lives (this PC, the branch's shared folder where the app creates or joins the
database, or a PostgreSQL server: an empty database is prepared, an AO Desktop one joined). "Selesai" opens the database through the composition root, sets the
officer up in it and remembers the choice on this PC; an error keeps the wizard open
with the message on the page. The module imports only Qt widgets and light services, so
the wizard appears at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from ao_desktop.domain.common.errors import DomainError, ServerConnectionFailed, ValidationFailed
from ao_desktop.ui.access.pin_fields import PinFields
from ao_desktop.ui.setup.setup_actions import SetUpDatabase, set_up_database
from ao_desktop.ui.setup.setup_fields import (
    BankFields,
    DatabaseLocationFields,
    OfficerFields,
    SetupEnvironment,
)
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity

WIZARD_SIZE = (620, 440)
SERVER_PAGE_HEIGHT = 600  # the server's fields and the answer of "Uji koneksi" fit uncut


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class BankPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Selamat datang di AO Desktop"))
        self.setSubTitle(
            self.tr(
                "Tiga langkah singkat sebelum mulai. Semuanya dapat diubah nanti "
                "di Berkas › Pengaturan."
            )
        )
        self.fields = BankFields()
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                self.tr("Nama bank, cabang dan logo dicetak di kepala lembar produk dan laporan.")
            )
        )
        layout.addWidget(self.fields)
        layout.addStretch(1)
        self.fields.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.fields.is_valid()


class OfficerPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Petugas di komputer ini"))
        self.setSubTitle(
            self.tr(
                "Nama dan nomor HP Anda dicetak di lembar produk, agar nasabah "
                "dapat menghubungi Anda lewat WhatsApp. PIN diminta setiap kali AO Desktop dibuka."
            )
        )
        self.fields = OfficerFields()
        # The PIN asked at every start (the first officer of a new database is its admin).
        self.pin_fields = PinFields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.pin_fields)
        layout.addStretch(1)
        self.fields.changed.connect(self.completeChanged)
        self.pin_fields.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.fields.is_valid() and self.pin_fields.is_valid()


class DatabasePage(QWizardPage):
    def __init__(self, env: SetupEnvironment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Lokasi database"))
        self.setSubTitle(
            self.tr(
                "Di mana data nasabah disimpan. Pilih shared drive bila rekan AO "
                "di cabang memakai data yang sama, atau server PostgreSQL yang disiapkan TI."
            )
        )
        self.fields = DatabaseLocationFields(env.default_database_path, server=env.server)
        self.error = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        self.fields.changed.connect(self._on_fields_changed)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.fields.is_valid()

    def _on_fields_changed(self) -> None:
        self.error.clear_message()
        self.completeChanged.emit()


class SetupWizard(QWizard):
    """Collects the first-run answers; after `accept()` `self.outcome` holds the opened,
    set-up database (the caller shows the main window on it)."""

    def __init__(self, env: SetupEnvironment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.outcome: SetUpDatabase | None = None
        self.setWindowTitle(self.tr("AO Desktop — Persiapan"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        # Qt has no Indonesian translation: every button is named here.
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("Kembali")),
            (QWizard.WizardButton.NextButton, self.tr("Lanjut")),
            (QWizard.WizardButton.FinishButton, self.tr("Selesai")),
            (QWizard.WizardButton.CancelButton, self.tr("Batal")),
            (QWizard.WizardButton.CommitButton, self.tr("Simpan")),
            (QWizard.WizardButton.HelpButton, self.tr("Bantuan")),
        ):
            self.setButtonText(button, text)
        self.bank_page = BankPage()
        self.officer_page = OfficerPage()
        self.database_page = DatabasePage(env)
        for page in (self.bank_page, self.officer_page, self.database_page):
            self.addPage(page)
        self.resize(*WIZARD_SIZE)
        self.database_page.fields.server.toggled.connect(self._on_server_toggled)

    def _on_server_toggled(self, on: bool) -> None:
        if on and self.height() < SERVER_PAGE_HEIGHT:
            self.resize(self.width(), SERVER_PAGE_HEIGHT)

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentPage() is not self.database_page:
            return super().validateCurrentPage()
        return self._finish()

    def _finish(self) -> bool:
        """Create or join the database; False (the wizard stays open) on any problem."""
        page = self.database_page
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path, shared = page.fields.choice()
            name, phone = self.officer_page.fields.values()
            self.outcome = set_up_database(
                self.env, path, shared, self.bank_page.fields.profile(), name, phone,
                pin=self.officer_page.pin_fields.pin(), password=page.fields.server_password(),
            )
        except ServerConnectionFailed as exc:
            if page.fields.server_fields is not None:
                page.fields.server_fields.show_failure(exc)  # beside the field to correct
            else:
                page.error.show_message(str(exc), Severity.ERROR)
            return False
        except ValidationFailed as exc:
            page.error.show_message(self._describe(exc), Severity.ERROR)
            return False
        except DomainError as exc:
            page.error.show_message(str(exc), Severity.ERROR)
            return False
        except OSError as exc:
            page.error.show_message(
                self.tr("Database tidak dapat dibuat di sana: {e}").format(e=exc), Severity.ERROR
            )
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True

    def _describe(self, exc: ValidationFailed) -> str:
        """Where the problem is: a field on an earlier page is named with its page."""
        pages = {
            "bank_name": self.tr("Nama bank"),
            "branch_name": self.tr("Nama cabang"),
            "logo": self.tr("Logo"),
            "officer_name": self.tr("Nama petugas"),
            "officer_phone": self.tr("Nomor HP"),
            "pin": self.tr("PIN"),
        }
        parts = []
        for issue in exc.issues:
            label = pages.get(issue.field)
            parts.append(f"{label}: {issue.message}" if label else issue.message)
        return "\n".join(parts) or str(exc)
