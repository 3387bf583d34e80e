"""Dialogs for the two refusals a save can meet: a suspected duplicate and a stale edit.

`DuplicateDialog` lists the look-alike clients with the reasons and lets the AO save
anyway or open the chosen existing client instead; `StaleEditDialog` says who changed the client meanwhile and what, field by
field (before -> after), and offers to reload. Neither dialog saves anything itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Address
from ao_desktop.domain.clients.duplicates import DuplicateMatch
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.clients.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.common.errors import FieldChange, StaleEdit
from ao_desktop.domain.common.formatting import format_date, format_datetime, format_rupiah
from ao_desktop.domain.common.phone import PhoneError, normalize_phone

MONEY_FIELDS = {"monthly_income", "monthly_obligations"}
PHONE_FIELDS = {"mobile", "landline"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialogs", text)


def format_value(field: str, value: Any, officer_names: dict[int, str] | None = None) -> str:
    """A stored field value as the AO reads it (for 'before -> after' lists)."""
    if value is None or value == "" or value == ():
        return _tr("(kosong)")
    if field in MONEY_FIELDS and isinstance(value, int):
        return format_rupiah(value)
    if field in PHONE_FIELDS:
        try:
            return normalize_phone(value).display
        except PhoneError:
            return str(value)
    if field == "officer_id":
        return (officer_names or {}).get(value, _tr("AO #{id}").format(id=value))
    if field == "referrer_id":
        return _tr("nasabah #{id}").format(id=value)
    match value:
        case bool():
            return _tr("Ya") if value else _tr("Tidak")
        case ClientStatus():
            return status_label(value)
        case LeadSource():
            return source_label(value)
        case ClientKind():
            return kind_label(value)
        case Sex():
            return sex_label(value)
        case Address():
            return value.one_line() or _tr("(kosong)")
        case datetime():
            return format_datetime(value)
        case date():
            return format_date(value)
        case tuple():
            return ", ".join(str(v) for v in value)
    return str(value)


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeRowsToContents()
    return table


class DuplicateDialog(QDialog):
    """'This looks like an existing client': accept = save anyway, reject = go back,
    OPEN_EXISTING = open the selected stored client (`chosen_id()`) instead."""

    OPEN_EXISTING = 2  # a result code beside Accepted (1) and Rejected (0)

    def __init__(
        self, message: str, matches: list[DuplicateMatch], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ids = [m.existing.id for m in matches]
        self.setWindowTitle(self.tr("Kemungkinan data ganda"))
        self.resize(720, 300)
        layout = QVBoxLayout(self)
        intro = QLabel(
            message
            + " "
            + self.tr(
                "Periksa dulu apakah orang/usaha yang sama sudah terdaftar. "
                "Simpan tetap hanya bila memang nasabah yang berbeda."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = [
            [
                m.existing.display_name,
                m.existing.nik or "—",
                format_value("mobile", m.existing.mobile),
                m.existing.address.city or "—",
                ", ".join(m.reasons),
            ]
            for m in matches
        ]
        self.table = _table(
            [
                self.tr("Nama"),
                self.tr("NIK"),
                self.tr("No. HP"),
                self.tr("Kota"),
                self.tr("Alasan"),
            ],
            rows,
        )
        # One row is chosen for "Buka nasabah yang ada": the first, or the one clicked.
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectRow(0)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("Buka nasabah yang ada"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(bool(matches))
        self.save_button = buttons.addButton(
            self.tr("Tetap simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setDefault(True)  # the safe choice is the default
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.table.doubleClicked.connect(self._on_open_button_clicked)
        layout.addWidget(buttons)

    def chosen_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def _on_open_button_clicked(self, *_args: object) -> None:
        self.done(self.OPEN_EXISTING)


class StaleEditDialog(QDialog):
    """'A colleague saved first': accept = reload the current data, reject = keep the form."""

    def __init__(
        self,
        error: StaleEdit,
        officer_names: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Data sudah diubah rekan lain"))
        self.resize(680, 320)
        layout = QVBoxLayout(self)
        message = QLabel(str(error))
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        rows = [_change_row(c, officer_names) for c in error.changes]
        self.table = _table([self.tr("Isian"), self.tr("Sebelumnya"), self.tr("Sekarang")], rows)
        self.table.setVisible(bool(rows))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(
            self.tr("Muat ulang data terbaru"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = buttons.addButton(
            self.tr("Kembali ke formulir"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.reload_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _change_row(change: FieldChange, officer_names: dict[int, str] | None) -> list[str]:
    return [
        change.label,
        format_value(change.field, change.before, officer_names),
        format_value(change.field, change.after, officer_names),
    ]
