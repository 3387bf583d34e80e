"""RiplayIssuerFields: the bank's RIPLAY details in Settings: its full name, the OJK/LPS
line, the complaint channels, OJK's contact and how long printed figures hold.

Plain editors only; saving is one service call (`save_issuer_settings`) made by the
Settings dialog, which shows what the rules refuse.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QSpinBox, QWidget

from ao_desktop.domain.products.riplay import (
    DEFAULT_OJK_CONTACT,
    MAX_VALID_DAYS,
    RiplayIssuer,
)

# The field names of RiplayIssuer, in the order of the form.
TEXT_FIELDS = ("full_name", "supervision", "complaint_branch", "complaint_phone",
               "complaint_email", "complaint_website", "ojk_contact")  # fmt: skip


class RiplayIssuerFields(QWidget):
    """One editor per RiplayIssuer field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.edits["full_name"].setPlaceholderText(self.tr("mis. PT BPR Sejahtera Mandiri"))
        self.edits["supervision"].setPlaceholderText(
            self.tr("Kosong: \u201c... berizin dan diawasi oleh OJK serta peserta penjaminan LPS\u201d")
        )
        self.edits["complaint_branch"].setPlaceholderText(
            self.tr("Kantor dan alamat layanan pengaduan (kosong: nama cabang)")
        )
        self.edits["complaint_phone"].setPlaceholderText(self.tr("mis. (022) 2501234"))
        self.edits["complaint_email"].setPlaceholderText(self.tr("mis. pengaduan@bank.co.id"))
        self.edits["ojk_contact"].setPlaceholderText(DEFAULT_OJK_CONTACT)
        self.valid_days_spin = QSpinBox(minimum=1, maximum=MAX_VALID_DAYS, suffix=self.tr(" hari"))
        labels = {
            "full_name": self.tr("Nama lengkap bank"),
            "supervision": self.tr("Izin dan pengawasan"),
            "complaint_branch": self.tr("Kantor pengaduan"),
            "complaint_phone": self.tr("Telepon pengaduan"),
            "complaint_email": self.tr("Email pengaduan"),
            "complaint_website": self.tr("Situs web pengaduan"),
            "ojk_contact": self.tr("Kontak OJK"),
        }
        form = QFormLayout(self)
        for name in TEXT_FIELDS:
            form.addRow(labels[name], self.edits[name])
        form.addRow(self.tr("Angka berlaku"), self.valid_days_spin)

    def set_issuer(self, issuer: RiplayIssuer) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(issuer, name))
        self.valid_days_spin.setValue(issuer.valid_days)

    def issuer(self) -> RiplayIssuer:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        return RiplayIssuer(**values, valid_days=self.valid_days_spin.value())

    def set_editable(self, editable: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        self.valid_days_spin.setReadOnly(not editable)
