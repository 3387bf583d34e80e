"""ClientForm: every editable field of a client, with inline validation.

After each edit the form runs the domain's `clean_client` on what is typed and shows
each issue under its field: red for errors (they block saving), amber for warnings.
A field's message appears once the user has touched it, so a fresh form is not covered
in red; `first_error()` still reports untouched problems for the dialog's summary line.
The form only turns widgets into a `Client` and back; saving is the dialog's job.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.client_rules import clean_client
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.clients.labels import (
    FIELD_LABELS,
    kind_label,
    sex_label,
    source_label,
    status_label,
)
from ao_desktop.domain.clients.nik import NikError, parse_nik
from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.ui.clients.consent_editor import ConsentEditor
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

INDIVIDUAL_ONLY = ("nik", "birth_date", "sex")
BUSINESS_ONLY = ("business_name", "nib", "npwp")
ADDRESS_FIELDS = ("street", "kelurahan", "kecamatan", "city", "province", "postal_code")
# Client fields shown as they are stored, in a plain QLineEdit of the same name.
TEXT_FIELDS = ("full_name", "business_name", "nik", "nib", "npwp", "occupation", "refusal_reason")
# The form's groups, column by column: (title, fields); each field's editor is the attribute
# of the same name (referrer_id and officer_id: `referrer`, `officer`).
COLUMNS: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = (
    (
        (
            QT_TRANSLATE_NOOP("ClientForm", "Identitas"),
            (
                "kind",
                "full_name",
                "business_name",
                "nik",
                "birth_date",
                "sex",
                "nib",
                "npwp",
                "occupation",
            ),
        ),
        (QT_TRANSLATE_NOOP("ClientForm", "Kontak"), ("mobile", "landline", "consent_contact")),
        (QT_TRANSLATE_NOOP("ClientForm", "Keuangan"), ("monthly_income", "monthly_obligations")),
    ),
    (
        (QT_TRANSLATE_NOOP("ClientForm", "Alamat"), ADDRESS_FIELDS),
        (
            QT_TRANSLATE_NOOP("ClientForm", "Status dan sumber"),
            (
                "status",
                "lead_source",
                "referrer_id",
                "refusal_reason",
                "officer_id",
                "tags",
                "notes",
            ),
        ),
    ),
)


class ClientForm(QWidget):
    """The fields of one client; `edited(base)` is `base` with the typed values."""

    changed = Signal()

    def __init__(
        self, uow: UnitOfWork, officers: list[Officer], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._base = Client(full_name="")
        self._touched: set[str] = set()
        self._notes: dict[str, str] = {}
        self._issues: list[FieldIssue] = []
        self._messages: dict[str, FieldMessage] = {}
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        self._build_editors(uow, officers)
        self._build_layout()
        self._connect_editors()
        self._on_kind_changed()

    # --- building -------------------------------------------------------------------------
    def _build_editors(self, uow: UnitOfWork, officers: list[Officer]) -> None:
        self.kind = EnumComboBox(ClientKind, kind_label)
        self.full_name = QLineEdit()
        self.business_name = QLineEdit()
        self.nik = QLineEdit(placeholderText=self.tr("16 digit sesuai KTP"), maxLength=24)
        self.nib = QLineEdit(placeholderText=self.tr("13 digit"), maxLength=20)
        self.npwp = QLineEdit(placeholderText=self.tr("15 atau 16 digit"), maxLength=24)
        self.birth_date = OptionalDateEdit(start_page=date(date.today().year - 35, 1, 1))
        self.birth_date.set_maximum(date.today())
        self.sex = EnumComboBox(Sex, sex_label, self.tr("— belum diisi —"))
        self.occupation = QLineEdit(placeholderText=self.tr("mis. pedagang, karyawan swasta"))
        self.mobile = QLineEdit(placeholderText="0812-3456-7890", maxLength=24)
        self.landline = QLineEdit(placeholderText="(021) 5551234", maxLength=24)
        self.consent_contact = ConsentEditor()
        self.street = QLineEdit(placeholderText=self.tr("Jl. Melati No. 5, RT 003/RW 002"))
        self.kelurahan = QLineEdit()
        self.kecamatan = QLineEdit()
        self.city = QLineEdit()
        self.province = QLineEdit()
        self.postal_code = QLineEdit(maxLength=10)
        self.monthly_income = RupiahEdit()
        self.monthly_obligations = RupiahEdit()
        self.status = EnumComboBox(ClientStatus, status_label)
        self.lead_source = EnumComboBox(LeadSource, source_label)
        self.referrer = ReferrerPicker(uow)
        self.refusal_reason = QLineEdit(placeholderText=self.tr("mis. bunga dianggap tinggi"))
        self.officer = OfficerComboBox(officers, self.tr("— belum ditentukan —"))
        self.tags = QLineEdit(placeholderText=self.tr("pisahkan dengan koma, mis. umkm, pasar"))
        self.notes = QPlainTextEdit(
            placeholderText=self.tr("mis. minta ditelepon sore hari (catatan bertanggal: tab Catatan)")
        )
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)

    def _group(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, editor in rows:
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(editor)
            message = FieldMessage()
            cell_layout.addWidget(message)
            self._messages[field] = message
            form.addRow(FIELD_LABELS.get(field, field) if field != "consent_contact" else "", cell)
            self._rows[field] = (form, cell)
        return box

    def _editor(self, field: str) -> QWidget:
        special: dict[str, QWidget] = {"referrer_id": self.referrer, "officer_id": self.officer}
        return special[field] if field in special else getattr(self, field)

    def _build_layout(self) -> None:
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        for groups in COLUMNS:
            column = QVBoxLayout()
            boxes = [
                self._group(self.tr(title), [(f, self._editor(f)) for f in fields])
                for title, fields in groups
            ]
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
            _align_labels(boxes)
            columns.addLayout(column, 1)

    def _connect_editors(self) -> None:
        for field in (*TEXT_FIELDS, "mobile", "landline", "tags", *ADDRESS_FIELDS):
            editor: QLineEdit = getattr(self, field)
            editor.textChanged.connect(self._on_editor_changed)
            editor.editingFinished.connect(lambda f=field: self._touch(f))
        for field in ("monthly_income", "monthly_obligations"):
            money: RupiahEdit = getattr(self, field)
            money.valueChanged.connect(self._on_editor_changed)
            money.editingFinished.connect(lambda f=field: self._touch(f))
        self.nik.textEdited.connect(self._on_nik_text_edited)
        self.birth_date.valueChanged.connect(lambda _v: self._touch("birth_date"))
        self.birth_date.editingFinished.connect(lambda: self._touch("birth_date"))
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.status.currentIndexChanged.connect(self._on_status_changed)
        for combo, field in (
            (self.sex, "sex"),
            (self.lead_source, "lead_source"),
            (self.officer, "officer_id"),
        ):
            combo.currentIndexChanged.connect(lambda _i, f=field: self._touch(f))
        self.referrer.referrerChanged.connect(lambda: self._touch("referrer_id"))
        self.consent_contact.changed.connect(self._on_editor_changed)
        self.notes.textChanged.connect(lambda: self._touch("notes"))

    # --- values ---------------------------------------------------------------------------
    def load(
        self, client: Client, referrer_label: str = "", officer_name: str = "", *, new: bool
    ) -> None:
        """Show `client`; a stored client's fields count as touched (show their issues)."""
        self._base = client
        widgets = [self, *self.findChildren(QWidget)]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.kind.set_value(client.kind)
            for field in TEXT_FIELDS:
                getattr(self, field).setText(getattr(client, field))
            self.mobile.setText(_phone_text(client.mobile))
            self.landline.setText(_phone_text(client.landline))
            for field in ADDRESS_FIELDS:
                getattr(self, field).setText(getattr(client.address, field))
            self.birth_date.set_value(client.birth_date)
            self.sex.set_value(client.sex)
            self.monthly_income.set_value(client.monthly_income)
            self.monthly_obligations.set_value(client.monthly_obligations)
            self.status.set_value(client.status)
            self.lead_source.set_value(client.lead_source)
            self.referrer.set_client(client.referrer_id, referrer_label)
            self.referrer.exclude(client.id)
            self.officer.set_value(client.officer_id, officer_name)
            self.tags.setText(", ".join(client.tags))
            self.notes.setPlainText(client.notes)
            self.consent_contact.load(client)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.status.setEnabled(new)
        self.status.setToolTip(
            "" if new else self.tr("Status diubah lewat tombol \u201cUbah status\u201d.")
        )
        self._rows["status"][0].labelForField(self._rows["status"][1]).setText(
            self.tr("Status awal") if new else FIELD_LABELS["status"]
        )
        self._notes.clear()
        self._touched = set() if new else set(FIELD_LABELS) | set(ADDRESS_FIELDS)
        self._on_kind_changed()
        self._on_status_changed()

    def edited(self) -> Client:
        """The loaded client with every field as currently typed (not yet cleaned)."""
        return self.consent_contact.apply(replace(
            self._base,
            kind=self.kind.value(),
            full_name=self.full_name.text(),
            business_name=self.business_name.text(),
            nik=self.nik.text(),
            nib=self.nib.text(),
            npwp=self.npwp.text(),
            birth_date=self.birth_date.value(),
            sex=self.sex.value(),
            mobile=self.mobile.text(),
            landline=self.landline.text(),
            address=Address(**{f: getattr(self, f).text() for f in ADDRESS_FIELDS}),
            occupation=self.occupation.text(),
            monthly_income=self.monthly_income.value(),
            monthly_obligations=self.monthly_obligations.value(),
            status=self.status.value(),
            lead_source=self.lead_source.value(),
            referrer_id=self.referrer.client_id(),
            refusal_reason=self.refusal_reason.text(),
            officer_id=self.officer.value(),
            tags=tuple(self.tags.text().split(",")),
            notes=self.notes.toPlainText(),
        ))

    # --- validation -----------------------------------------------------------------------
    def validate(self) -> list[FieldIssue]:
        """Run the domain rules on the typed values and show the touched fields' issues."""
        _cleaned, self._issues = clean_client(self.edited())
        # Unreadable money is read as 0 by the rules; the typo is what the AO must see.
        for field in ("monthly_income", "monthly_obligations"):
            unreadable = getattr(self, field).issue(field)
            if unreadable is not None:
                self._issues.append(unreadable)
        self._show_issues()
        return self._issues

    def has_errors(self) -> bool:
        return any(i.is_error for i in self._issues)

    def first_error(self) -> FieldIssue | None:
        return next((i for i in self._issues if i.is_error), None)

    def touch_all(self) -> None:
        self._touched |= set(self._messages)
        self.validate()

    def show_issues(self, issues: list[FieldIssue]) -> None:
        """Show issues the service found (e.g. a referrer deleted meanwhile)."""
        self._touched |= {i.field for i in issues}
        self._issues = issues
        self._show_issues()

    def message(self, field: str) -> FieldMessage:
        return self._messages[field]

    def _show_issues(self) -> None:
        by_field: dict[str, list[FieldIssue]] = {}
        for issue in self._issues:
            by_field.setdefault(issue.field, []).append(issue)
        for field, label in self._messages.items():
            issues = by_field.get(field, []) if field in self._touched else []
            errors = [i.message for i in issues if i.is_error]
            warnings = [i.message for i in issues if not i.is_error]
            if errors:
                label.show_message("\n".join(errors), Severity.ERROR)
            elif warnings:
                label.show_message("\n".join(warnings), Severity.WARNING)
            elif field in self._notes:
                label.show_message(self._notes[field], Severity.NOTE)
            else:
                label.clear_message()

    # --- slots ----------------------------------------------------------------------------
    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._on_editor_changed()

    def _on_editor_changed(self, *_args: object) -> None:
        self.validate()
        self.changed.emit()

    def _on_nik_text_edited(self, text: str) -> None:
        self._notes.pop("nik", None)
        try:
            info = parse_nik(text)
        except NikError:
            return
        self._touched.add("nik")  # a complete NIK: say at once whether it matches
        filled = []
        if self.birth_date.is_empty():
            self.birth_date.set_value(info.birth_date)
            filled.append(self.tr("tanggal lahir"))
        if self.sex.value() is None:
            self.sex.set_value(info.sex)
            filled.append(self.tr("jenis kelamin"))
        if filled:
            self._notes["nik"] = self.tr("Diisi dari NIK: {fields}. Periksa kembali.").format(
                fields=self.tr(" dan ").join(filled)
            )
        self._on_editor_changed()

    def _on_kind_changed(self, *_args: object) -> None:
        business = self.kind.value() is ClientKind.BUSINESS
        for field in INDIVIDUAL_ONLY:
            self._set_row_visible(field, not business)
        for field in BUSINESS_ONLY:
            self._set_row_visible(field, business)
        form, cell = self._rows["full_name"]
        form.labelForField(cell).setText(
            self.tr("Nama pemilik/pengurus") if business else FIELD_LABELS["full_name"]
        )
        self._touch("kind")

    def _on_status_changed(self, *_args: object) -> None:
        declined = self.status.value() is ClientStatus.DECLINED
        self.refusal_reason.setEnabled(declined)
        if declined and self.status.isEnabled():
            self._touched.add("refusal_reason")  # ask for the reason right away
        self._touch("status")

    def _set_row_visible(self, field: str, visible: bool) -> None:
        form, cell = self._rows[field]
        form.setRowVisible(cell, visible)


def _align_labels(boxes: list[QGroupBox]) -> None:
    """Give the label columns of stacked groups one width, so their fields line up."""
    # Direct children only: the consent editor's own small form keeps its narrow labels.
    labels = [w for box in boxes
              for w in box.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
              if w.buddy() is not None]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def _phone_text(e164: str) -> str:
    """Stored `+62812...` shown the way AOs write it: `0812-3456-7890`."""
    if not e164:
        return ""
    try:
        return normalize_phone(e164).display
    except PhoneError:
        return e164
