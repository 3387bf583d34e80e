"""ServerFields: the PostgreSQL server a branch's database lives on (#18), as the wizard
and Settings ask for it: address, port, database, user and password, each checked under
its field, and "Uji koneksi", which connects off the GUI thread and says plainly what is
there (an empty database to prepare, an AO Desktop database to join) or what went wrong.

The password is never part of the location kept on this PC; saving puts it in the
Windows credential store through `ServerAccess` (handed in by the composition root).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError, ServerConnectionFailed
from ao_desktop.domain.common.server_address import (
    ServerAddress,
    parse_server_address,
    server_address_issues,
    server_location,
)
from ao_desktop.ui.widgets.field_message import (
    FieldMessage,
    Severity,
    field_cell,
    show_touched_issues,
)
from ao_desktop.ui.workers import TaskRunner

FIELDS = ("host", "port", "database", "user", "password")


@dataclass(frozen=True)
class ServerCheck:
    """What "Uji koneksi" found on the server (nothing was changed there)."""

    label: str  # postgresql://user@host:port/dbname, never the password
    schema_version: int  # 0: no AO Desktop schema yet
    foreign_tables: int  # tables of something else, in a database without our schema
    clients: int
    app_schema_version: int  # the schema this app writes

    @property
    def usable(self) -> bool:
        return self.schema_version <= self.app_schema_version and not self.foreign_tables

    @property
    def joins(self) -> bool:
        """An AO Desktop database is there already: this PC joins it."""
        return self.schema_version > 0


@dataclass(frozen=True)
class ServerAccess:
    """What the composition root lends the server fields (the UI never imports storage)."""

    check: Callable[[str, str | None], ServerCheck]  # raises ServerConnectionFailed
    use_password: Callable[[str, str], None]  # for this run only, in memory
    keep_password: Callable[[str, str], bool]  # the credential store; False: none here
    store_available: Callable[[], bool]


def check_text(check: ServerCheck) -> tuple[str, Severity]:
    """The verdict of "Uji koneksi" as the user reads it."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("ServerFields", text)

    if check.schema_version > check.app_schema_version:
        return tr("Database ini dibuat oleh versi AO Desktop yang lebih baru (skema {v}). "
                  "Perbarui AO Desktop di komputer ini dulu.").format(v=check.schema_version), \
            Severity.ERROR
    if check.foreign_tables:
        return tr("Database ini sudah berisi {n} tabel lain dan bukan database AO Desktop. "
                  "AO Desktop tidak akan mengubahnya: minta TI membuat database kosong.").format(
            n=check.foreign_tables), Severity.ERROR
    if not check.joins:
        return tr("Koneksi berhasil. Database masih kosong: AO Desktop menyiapkannya saat "
                  "Anda menekan Selesai."), Severity.NOTE
    return tr("Koneksi berhasil. Database AO Desktop dengan {n} nasabah sudah ada: AO Desktop "
              "akan bergabung. Nama bank, cabang dan logo yang tersimpan di sana tetap "
              "dipakai.").format(n=f"{check.clients:,}".replace(",", ".")), Severity.NOTE


class ServerFields(QWidget):
    """Address, port, database, user, password and "Uji koneksi"."""

    changed = Signal()
    checked = Signal(object)  # the ServerCheck, or the exception, once "Uji koneksi" answered

    def __init__(self, access: ServerAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.last_check: ServerCheck | None = None
        self._touched: set[str] = set()
        self._runner = TaskRunner(self)
        self.host = QLineEdit(placeholderText=self.tr("mis. 192.168.1.20 atau server-cabang"),
                              maxLength=253)
        self.port = QLineEdit("5432", maxLength=5)
        self.port.setMaximumWidth(80)
        self.database = QLineEdit(placeholderText=self.tr("mis. ao_cabang"), maxLength=63)
        self.user = QLineEdit(placeholderText=self.tr("mis. ao_bogor"), maxLength=63)
        self.password = QLineEdit(maxLength=200)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.messages = {name: FieldMessage() for name in FIELDS}
        self.test_button = QPushButton(self.tr("Uji koneksi"))
        self.status = FieldMessage()
        test_row = QHBoxLayout()
        test_row.setContentsMargins(0, 0, 0, 0)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name, editor in (
            (self.tr("Alamat server"), "host", self.host),
            (self.tr("Port"), "port", self.port),
            (self.tr("Nama database"), "database", self.database),
            (self.tr("Nama pengguna"), "user", self.user),
            (self.tr("Kata sandi"), "password", self.password),
        ):
            form.addRow(label, field_cell(editor, self.messages[name]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.status)
        for name in FIELDS:
            editor: QLineEdit = getattr(self, name)
            editor.textEdited.connect(lambda _text, n=name: self._on_edited(n))
        self.test_button.clicked.connect(self._on_test_clicked)
        self._show_store_note()

    # --- values ---------------------------------------------------------------------------
    def address(self) -> ServerAddress:
        return ServerAddress(self.host.text(), self.port.text(), self.database.text(),
                             self.user.text())

    def location(self) -> str:
        """postgresql://user@host:port/dbname (no password); call only when is_valid()."""
        return server_location(self.address())

    def typed_password(self) -> str:
        return self.password.text()

    def set_location(self, location: str) -> None:
        address = parse_server_address(location)
        self.host.setText(address.host)
        self.port.setText(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self._refresh()

    def is_valid(self) -> bool:
        return not server_address_issues(self.address())

    def touch_all(self) -> None:
        self._touched.update(FIELDS)
        self._refresh()

    def show_failure(self, exc: BaseException) -> None:
        """A connection's failure beside the field to correct (or under the button)."""
        field = exc.field if isinstance(exc, ServerConnectionFailed) else None
        text = str(exc) if isinstance(exc, DomainError) else self.tr(
            "Tidak dapat terhubung ke server: {e}").format(e=exc)
        if field in self.messages:
            self.messages[field].show_message(text, Severity.ERROR)
            self.status.clear_message()
        else:
            self.status.show_message(text, Severity.ERROR)

    # --- slots ----------------------------------------------------------------------------
    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self.last_check = None  # what was tested is not what is typed any more
        self.status.clear_message()
        self._refresh()

    def _on_test_clicked(self) -> None:
        self.touch_all()
        if not self.is_valid():
            return
        location, password = self.location(), self.typed_password() or None
        self.test_button.setEnabled(False)
        self.status.show_message(self.tr("Menghubungi server…"), Severity.NOTE)
        self._runner.submit(lambda _token: self.access.check(location, password),
                            self._on_check_result, self._on_check_failed)

    def _on_check_result(self, check: ServerCheck) -> None:
        self.test_button.setEnabled(True)
        self.last_check = check
        self.status.show_message(*check_text(check))
        self.checked.emit(check)

    def _on_check_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.last_check = None
        self.show_failure(exc)
        self.checked.emit(exc)

    # --- messages -------------------------------------------------------------------------
    def _refresh(self) -> None:
        issues = {i.field: i.message for i in server_address_issues(self.address())}
        show_touched_issues({k: v for k, v in self.messages.items() if k != "password"},
                            issues, self._touched)
        self._show_store_note()
        self.changed.emit()

    def _show_store_note(self) -> None:
        """Where the password goes, said under its field (never a plain file)."""
        if self.access.store_available():
            text, severity = self.tr(
                "Disimpan di Pengelola Kredensial Windows, tidak di berkas."), Severity.NOTE
        else:
            text, severity = self.tr(
                "Komputer ini tidak punya Pengelola Kredensial: kata sandi tidak disimpan dan "
                "ditanyakan setiap kali AO Desktop dibuka. Atau TI mengaturnya lewat PGPASSWORD "
                "atau berkas pgpass."), Severity.WARNING
        self.messages["password"].show_message(text, severity)
