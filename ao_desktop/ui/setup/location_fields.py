"""DatabaseLocationFields: where the database lives, as the wizard and Settings ask it: on
this PC (the default file in the user's data folder), in the branch's shared folder, or
on a PostgreSQL server (server_fields.py) for a big branch or several branches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.server_address import is_server_location
from ao_desktop.services import setup as setup_services
from ao_desktop.ui.setup.server_fields import ServerAccess, ServerFields
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity


class DatabaseLocationFields(QWidget):
    """On this PC (the default file in the user's data folder), in a shared folder, or on
    a PostgreSQL server (offered when the composition root lends `server` access)."""

    changed = Signal()

    def __init__(self, default_path: Path, parent: QWidget | None = None,
                 server: ServerAccess | None = None) -> None:
        super().__init__(parent)
        self.default_path = default_path  # the file "Di komputer ini" stands for
        self.current: Path | str | None = None  # the database open now (Settings), if any
        self.local = QRadioButton(self.tr("Di komputer ini"))
        self.shared = QRadioButton(self.tr("Di shared drive cabang (dipakai bersama rekan AO)"))
        self.server = QRadioButton(self.tr("Server PostgreSQL (untuk cabang besar / beberapa cabang)"))
        self.server_fields = ServerFields(server) if server is not None else None
        self._group = QButtonGroup(self)
        for button in (self.local, self.shared, self.server):
            self._group.addButton(button)
        self.local_path = QLabel(str(default_path))
        self.local_path.setWordWrap(True)
        self.local_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_path.setStyleSheet("color: #5f6368;")
        self.folder = QLineEdit(
            placeholderText=self.tr("mis. S:\\AO Desktop atau \\\\server\\data\\AO")
        )
        self.browse = QPushButton(self.tr("Pilih folder…"))
        self.status = FieldMessage()
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(24, 0, 0, 0)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.local)
        local_row = QHBoxLayout()
        local_row.setContentsMargins(24, 0, 0, 8)
        local_row.addWidget(self.local_path)
        layout.addLayout(local_row)
        layout.addWidget(self.shared)
        layout.addLayout(folder_row)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(24, 0, 0, 0)
        status_row.addWidget(self.status)
        layout.addLayout(status_row)
        layout.addWidget(self.server)
        if self.server_fields is not None:
            server_row = QHBoxLayout()
            server_row.setContentsMargins(24, 0, 0, 0)
            server_row.addWidget(self.server_fields)
            layout.addLayout(server_row)
            self.server_fields.changed.connect(self.changed)
        else:
            self.server.hide()
        layout.addStretch(1)
        self.local.setChecked(True)
        self._group.buttonToggled.connect(lambda _button, on: on and self._refresh())
        self.folder.textChanged.connect(self._refresh)
        self.browse.clicked.connect(self._on_browse_clicked)
        self._refresh()

    def set_choice(self, path: Path | str, shared: bool) -> None:
        if is_server_location(path):
            self.server.setChecked(True)
            if self.server_fields is not None:
                self.server_fields.set_location(str(path))
        elif shared:
            self.shared.setChecked(True)
            self.folder.setText(str(Path(path).parent))
        else:
            # The local file as chosen before (normally the default one).
            self.default_path = Path(path)
            self.local_path.setText(str(path))
            self.local.setChecked(True)
        self._refresh()

    def set_current(self, path: Path | str) -> None:
        """Name the database in use, so choosing it again says so instead of "join"."""
        self.current = path
        self._refresh()

    def _is_current(self, path: Path) -> bool:
        if self.current is None or is_server_location(self.current):
            return False
        try:
            return path.resolve() == Path(self.current).resolve()
        except OSError:
            return False

    @property
    def on_server(self) -> bool:
        return self.server.isChecked() and self.server_fields is not None

    def choice(self) -> tuple[Path | str, bool]:
        """(database file or server location, shared); raises ValidationFailed for an
        unusable folder."""
        if self.local.isChecked():
            return self.default_path, False
        if self.on_server:
            assert self.server_fields is not None
            return self.server_fields.location(), False
        return setup_services.shared_database_file(self.folder.text()), True

    def server_password(self) -> str:
        """The password typed for the server ("" when none, or not on a server)."""
        return self.server_fields.typed_password() if self.on_server and self.server_fields else ""

    def is_valid(self) -> bool:
        if self.on_server:
            assert self.server_fields is not None
            return self.server_fields.is_valid()
        return self.local.isChecked() or bool(self.folder.text().strip())

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Pilih folder database bersama"), self.folder.text()
        )
        if folder:
            self.shared.setChecked(True)
            self.folder.setText(folder)

    def _refresh(self) -> None:
        shared = self.shared.isChecked()
        self.folder.setEnabled(shared)
        self.browse.setEnabled(shared)
        if self.server_fields is not None:
            # The server's five fields need the room: the file choices fold to one line each.
            on_server = self.server.isChecked()
            self.server_fields.setVisible(on_server)
            for widget in (self.local_path, self.folder, self.browse):
                widget.setVisible(not on_server)
        folder = self.folder.text().strip()
        if self.server.isChecked():
            self.status.clear_message()  # the server fields say their own
        elif not shared and self._is_current(self.default_path):
            self.status.show_message(self.tr("Database ini yang sedang dipakai."), Severity.NOTE)
        elif not shared:
            exists = self.default_path.is_file()
            self.status.show_message(
                self.tr("Database di komputer ini sudah ada dan akan dipakai.")
                if exists
                else self.tr("Database baru akan dibuat di folder data Anda."),
                Severity.NOTE,
            )
        elif not folder:
            self.status.show_message(
                self.tr("Pilih folder bersama cabang, mis. drive S: atau \\\\server\\data."),
                Severity.NOTE,
            )
        elif not Path(folder).is_dir():
            self.status.show_message(
                self.tr("Folder ini tidak ditemukan. Periksa sambungan ke shared drive."),
                Severity.ERROR,
            )
        elif self._is_current(Path(folder) / setup_services.DATABASE_FILE_NAME):
            self.status.show_message(
                self.tr("Database bersama ini yang sedang dipakai."), Severity.NOTE
            )
        elif setup_services.database_exists_in(folder):
            self.status.show_message(
                self.tr(
                    "Database bersama sudah ada di folder ini: AO Desktop akan bergabung. Nama bank, "
                    "cabang dan logo yang tersimpan di sana tetap dipakai."
                ),
                Severity.NOTE,
            )
        else:
            self.status.show_message(
                self.tr(
                    "Database bersama baru ({name}) akan dibuat di folder ini; rekan AO lain memilih "
                    "folder yang sama untuk bergabung."
                ).format(name=setup_services.DATABASE_FILE_NAME),
                Severity.NOTE,
            )
        self.changed.emit()
