"""ConsentEditor: the client form's consent to be contacted (UU PDP).

Ticked: the day consent was given (today by default), what for, and over which channels.
Unticked on a client who had consent: the withdrawal, dated today, with an optional
reason, so taking consent back is recorded rather than a silent flip. The editor only
turns widgets into the client's `consent_*` fields and back; the service completes the
record (`settle_consent`) when the client is saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.consent import channel_label, purpose_label
from ao_desktop.domain.clients.enums import ALL_CHANNELS, ConsentPurpose
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.enum_combo import EnumComboBox


class ConsentEditor(QWidget):
    """The consent checkbox and, below it, either its details or its withdrawal."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._had_consent = False
        self._withdrawn_on: date | None = None
        self.box = QCheckBox(self.tr("Bersedia dihubungi"))
        self.given_on = OptionalDateEdit()
        self.given_on.set_maximum(date.today())
        self.purpose = EnumComboBox(ConsentPurpose, purpose_label)
        self.channels = {c: QCheckBox(channel_label(c)) for c in ALL_CHANNELS}
        self.withdrawal_note = QLabel()
        self.withdrawal_note.setWordWrap(True)
        self.withdrawal_reason = QLineEdit(
            placeholderText=self.tr("mis. tidak ingin ditawari produk lagi"))
        self._build_layout()
        self.box.toggled.connect(self._on_box_toggled)
        self.given_on.valueChanged.connect(lambda _v: self.changed.emit())
        self.purpose.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for check in self.channels.values():
            check.toggled.connect(lambda _on: self.changed.emit())
        self.withdrawal_reason.textChanged.connect(lambda _t: self.changed.emit())
        self._show_parts()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(20, 0, 0, 0)
        form.addRow(self.tr("Sejak"), self.given_on)
        form.addRow(self.tr("Untuk"), self.purpose)
        row = QHBoxLayout()
        for check in self.channels.values():
            row.addWidget(check)
        row.addStretch(1)
        form.addRow(self.tr("Lewat"), row)
        layout.addWidget(self.details)
        self.withdrawal = QWidget()
        form = QFormLayout(self.withdrawal)
        form.setContentsMargins(20, 0, 0, 0)
        form.addRow(self.withdrawal_note)
        form.addRow(self.tr("Alasan"), self.withdrawal_reason)
        layout.addWidget(self.withdrawal)

    # --- values ---------------------------------------------------------------------------
    def isChecked(self) -> bool:  # noqa: N802 - reads like the checkbox it replaces
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def load(self, client: Client) -> None:
        self._had_consent = client.consent_contact
        self._withdrawn_on = client.consent_withdrawn_on
        editors = (self.box, self.given_on, self.purpose, self.withdrawal_reason, *self.channels.values())
        for w in editors:
            w.blockSignals(True)
        try:
            self.box.setChecked(client.consent_contact)
            self.given_on.set_value(client.consent_given_on if client.consent_contact else None)
            self.purpose.set_value(client.consent_purpose)
            for channel, check in self.channels.items():
                check.setChecked(channel in client.consent_channels)
            self.withdrawal_reason.setText(client.consent_withdrawal_reason)
        finally:
            for w in editors:
                w.blockSignals(False)
        self._show_parts()

    def apply(self, client: Client) -> Client:
        """`client` with the consent fields as shown."""
        if self.box.isChecked():
            return replace(
                client, consent_contact=True,
                consent_given_on=self.given_on.value(),  # None: the service dates it today
                consent_purpose=self.purpose.value() or ConsentPurpose.SERVICE,
                consent_channels=tuple(c for c, check in self.channels.items() if check.isChecked()),
                consent_withdrawn_on=None, consent_withdrawal_reason="",
            )
        if self._had_consent:
            return replace(client, consent_contact=False, consent_withdrawn_on=date.today(),
                           consent_withdrawal_reason=self.withdrawal_reason.text().strip())
        return replace(client, consent_contact=False)

    # --- slots ----------------------------------------------------------------------------
    def _on_box_toggled(self, on: bool) -> None:
        if on and self.given_on.value() is None:
            self.given_on.set_value(date.today())
        if on and not any(check.isChecked() for check in self.channels.values()):
            for check in self.channels.values():
                check.setChecked(True)
        self._show_parts()
        self.changed.emit()

    def _show_parts(self) -> None:
        on = self.box.isChecked()
        self.details.setVisible(on)
        withdrawing = not on and self._had_consent
        withdrawn = not on and not self._had_consent and self._withdrawn_on is not None
        self.withdrawal.setVisible(bool(withdrawing or withdrawn))
        self.withdrawal_reason.setEnabled(withdrawing)
        if withdrawing:
            self.withdrawal_note.setText(self.tr(
                "Persetujuan akan dicatat dicabut hari ini ({d}).").format(d=format_date(date.today())))
        elif withdrawn:
            self.withdrawal_note.setText(self.tr("Persetujuan dicabut {d}.").format(
                d=format_date(self._withdrawn_on)))
