"""SetupWizard: the welcome on the very first start, before any database is opened.

Three pages: the bank and branch (with logo), the officer at this PC, and where the
database lives (this PC, the branch's shared folder where the app creates or joins the
database, or a PostgreSQL server: an empty database is prepared, an AO Desktop one joined). "Selesai" opens the database through the composition root, sets the
officer up in it and remembers the choice on this PC; an error keeps the wizard open
with the message on the page. The module imports only Qt widgets and light services, so
the wizard appears at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage

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

T = TypeVar("T")

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
        # Shown while Selesai creates or joins the database (a server far away, a slow
        # shared drive): the window keeps painting and says what it is doing.
        self.busy_label = QLabel(self.tr("Menyiapkan database…"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no steps to count: a moving bar
        self.busy_bar.setTextVisible(False)
        for widget in (self.busy_label, self.busy_bar):
            widget.hide()
            layout.addWidget(widget)
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
        self._busy = False  # Selesai is creating or joining the database
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

    def reject(self) -> None:
        if self._busy:  # the database is being made: closing now would leave it halfway
            return
        super().reject()

    def _off_gui_thread(self, work: Callable[[], T]) -> T:
        """`work()` on a helper thread while this window keeps painting (a local event
        loop, the wizard disabled, a moving bar); its result or its exception here.

        No cancel: a database half created or half joined is worse than a wait, and the
        wait is bounded (the server's connect timeout, the shared drive's busy timeout)."""
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["value"] = work()
            except BaseException as exc:  # handed over to the GUI thread
                outcome["error"] = exc

        page = self.database_page
        thread = threading.Thread(target=run, name="setup-database", daemon=True)
        loop = QEventLoop(self)
        poll = QTimer(self)
        poll.setInterval(30)
        poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
        self._busy = True
        self.setEnabled(False)
        page.busy_label.show()
        page.busy_bar.show()
        try:
            thread.start()
            poll.start()
            if thread.is_alive():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            thread.join()
        finally:
            poll.stop()
            self._busy = False
            self.setEnabled(True)
            page.busy_label.hide()
            page.busy_bar.hide()
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]

    def _finish(self) -> bool:
        """Create or join the database; False (the wizard stays open) on any problem."""
        page = self.database_page
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path, shared = page.fields.choice()
            name, phone = self.officer_page.fields.values()
            profile, pin = self.bank_page.fields.profile(), self.officer_page.pin_fields.pin()
            password = page.fields.server_password()
            self.outcome = self._off_gui_thread(lambda: set_up_database(
                self.env, path, shared, profile, name, phone, pin=pin, password=password,
            ))
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
