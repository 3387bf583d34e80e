"""The fields the first-run wizard and the Settings dialog share: bank and branch with the
logo, the officer, and where the database lives (location_fields.py, re-exported). Each group validates inline through
services/setup.py and shows what is wrong under the field, once the user touched it.

Opening a database is not the UI's business: app.py hands in a `SetupEnvironment` whose
`open_database` creates or joins the file and returns an `OpenedDatabase`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.phone import normalize_phone
from ao_desktop.services import setup as setup_services
from ao_desktop.services.setup import BranchProfile
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.setup.location_fields import DatabaseLocationFields as DatabaseLocationFields
from ao_desktop.ui.setup.server_fields import ServerAccess
from ao_desktop.ui.widgets.field_message import (
    FieldMessage,
    Severity,
    field_cell,
    show_touched_issues,
)

LOGO_PREVIEW_SIZE = (200, 72)


@dataclass(frozen=True)
class OpenedDatabase:
    context: UiContext
    close: Callable[[], None]


@dataclass(frozen=True)
class SetupEnvironment:
    """What the composition root lends the setup screens."""

    default_database_path: Path  # "Di komputer ini": the file in the user's data folder
    # (file path or postgresql:// location, shared) -> opened, migrated
    open_database: Callable[[Path | str, bool], OpenedDatabase]
    server: ServerAccess | None = None  # None: no "Server PostgreSQL" choice offered


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


class BankFields(QWidget):
    """Bank name, branch name and the logo with its preview."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._touched: set[str] = set()
        self._logo_source = ""  # the file chosen (or the installed copy); "" = no logo
        self._logo_error = ""
        self.bank_name = QLineEdit(
            placeholderText=self.tr("mis. BPR Sejahtera Mandiri"), maxLength=80
        )
        self.branch_name = QLineEdit(placeholderText=self.tr("mis. Cabang Bogor"), maxLength=80)
        self.logo_preview = QLabel(self.tr("Belum ada logo"))
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(*LOGO_PREVIEW_SIZE)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet(
            "#logoPreview { border: 1px dashed #9aa0a6; color: #5f6368; }"
        )
        self.choose_logo = QPushButton(self.tr("Pilih gambar…"))
        self.remove_logo = QPushButton(self.tr("Hapus logo"))
        self.messages = {name: FieldMessage() for name in ("bank_name", "branch_name", "logo")}
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo)
        buttons.addWidget(self.remove_logo)
        buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        logo_box = QWidget()
        logo_box_layout = QVBoxLayout(logo_box)
        logo_box_layout.setContentsMargins(0, 0, 0, 0)
        logo_box_layout.addLayout(logo_row)
        hint = QLabel(self.tr("PNG atau JPG, dicetak di kepala lembar produk. Boleh dikosongkan."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        logo_box_layout.addWidget(hint)
        form = _form()
        form.addRow(self.tr("Nama bank"), field_cell(self.bank_name, self.messages["bank_name"]))
        form.addRow(self.tr("Nama cabang"), field_cell(self.branch_name, self.messages["branch_name"]))
        form.addRow(self.tr("Logo"), field_cell(logo_box, self.messages["logo"]))
        self.setLayout(form)
        self.bank_name.textEdited.connect(lambda: self._on_edited("bank_name"))
        self.branch_name.textEdited.connect(lambda: self._on_edited("branch_name"))
        self.choose_logo.clicked.connect(self._on_choose_logo_clicked)
        self.remove_logo.clicked.connect(lambda: self.set_logo(""))
        self._show_logo()

    # --- values ---------------------------------------------------------------------------
    def profile(self) -> BranchProfile:
        """What is typed; `logo_path` is the chosen image (installed on saving)."""
        return BranchProfile(self.bank_name.text(), self.branch_name.text(), self._logo_source)

    def set_profile(self, profile: BranchProfile) -> None:
        self.bank_name.setText(profile.bank_name)
        self.branch_name.setText(profile.branch_name)
        self.set_logo(profile.logo_path, touched=False)

    def set_logo(self, path: str | Path, *, touched: bool = True) -> None:
        self._logo_source = str(path) if path else ""
        if touched:
            self._touched.add("logo")
        self._show_logo()
        self._refresh()

    def set_editable(self, editable: bool) -> None:
        for widget in (self.bank_name, self.branch_name):
            widget.setReadOnly(not editable)
        self.choose_logo.setEnabled(editable)
        self.remove_logo.setEnabled(editable and bool(self._logo_source))

    # --- validation -----------------------------------------------------------------------
    def is_valid(self) -> bool:
        return not setup_services.profile_issues(self.profile()) and not self._logo_error

    def touch_all(self) -> None:
        self._touched.update(self.messages)
        self._refresh()

    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self._refresh()

    def _refresh(self) -> None:
        issues = {i.field: i.message for i in setup_services.profile_issues(self.profile())}
        if self._logo_error:
            issues["logo"] = self._logo_error
        show_touched_issues(self.messages, issues, self._touched)
        self.changed.emit()

    # --- the logo -------------------------------------------------------------------------
    def _on_choose_logo_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih logo bank"),
            "",
            self.tr("Gambar PNG atau JPG (*.png *.jpg *.jpeg)"),
        )
        if path:
            self.set_logo(path)

    def _show_logo(self) -> None:
        self._logo_error = ""
        self.remove_logo.setEnabled(bool(self._logo_source) and self.choose_logo.isEnabled())
        if not self._logo_source:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("Belum ada logo"))
            return
        pixmap = QPixmap(self._logo_source)
        if (
            pixmap.isNull()
            or Path(self._logo_source).suffix.lower() not in setup_services.LOGO_SUFFIXES
        ):
            self._logo_error = self.tr("Berkas ini bukan gambar PNG atau JPG yang bisa dibuka")
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("Tidak dapat ditampilkan"))
            return
        width, height = LOGO_PREVIEW_SIZE
        self.logo_preview.setPixmap(
            pixmap.scaled(
                width - 8,
                height - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class OfficerFields(QWidget):
    """The officer's name and mobile number (printed on product sheets for WhatsApp)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._touched: set[str] = set()
        self.officer_name = QLineEdit(placeholderText=self.tr("nama lengkap"), maxLength=120)
        self.officer_phone = QLineEdit(placeholderText="0812-3456-7890", maxLength=24)
        self.messages = {name: FieldMessage() for name in ("officer_name", "officer_phone")}
        form = _form()
        form.addRow(
            self.tr("Nama petugas"), field_cell(self.officer_name, self.messages["officer_name"])
        )
        form.addRow(self.tr("Nomor HP"), field_cell(self.officer_phone, self.messages["officer_phone"]))
        self.setLayout(form)
        self.officer_name.textEdited.connect(lambda: self._on_edited("officer_name"))
        self.officer_phone.textEdited.connect(lambda: self._on_edited("officer_phone"))
        self.officer_phone.editingFinished.connect(self._on_phone_finished)

    def values(self) -> tuple[str, str]:
        return self.officer_name.text(), self.officer_phone.text()

    def set_values(self, name: str, phone: str) -> None:
        self.officer_name.setText(name)
        self.officer_phone.setText(phone)
        self._refresh()

    def is_valid(self) -> bool:
        return not setup_services.officer_issues(*self.values())

    def touch_all(self) -> None:
        self._touched.update(self.messages)
        self._refresh()

    def show_issue(self, field: str, text: str) -> None:
        """A message from saving (e.g. the number belongs to a colleague)."""
        if field in self.messages:
            self.messages[field].show_message(text, Severity.ERROR)

    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self._refresh()

    def _on_phone_finished(self) -> None:
        # Show the number the way it is stored and printed once it is valid.
        phone = self.officer_phone.text()
        if setup_services.officer_phone_issue(phone) is None:
            self.officer_phone.setText(normalize_phone(phone).display)

    def _refresh(self) -> None:
        issues = {i.field: i.message for i in setup_services.officer_issues(*self.values())}
        show_touched_issues(self.messages, issues, self._touched)
        self.changed.emit()
