"""The tabs of the client 360 panel: profile, status history, referrals, notes.

Each tab shows one part of a `ClientProfile` (read in one transaction by the panel) and
has a `title(profile)` for its tab label. The notes tab is the only one that writes:
adding a note is one service call, after which the panel reloads.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.enums import ActivityType
from ao_desktop.domain.clients.client import ClientProfile, age_on
from ao_desktop.domain.clients.consent import consent_summary
from ao_desktop.domain.clients.enums import ClientKind
from ao_desktop.domain.clients.labels import (
    FIELD_LABELS,
    kind_label,
    sex_label,
    source_label,
    status_label,
)
from ao_desktop.domain.clients.nik import NikError, parse_nik
from ao_desktop.domain.common.formatting import format_date, format_datetime, format_rupiah
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, PhoneNumber, normalize_phone
from ao_desktop.services.calendar.contact import contact_block_reason
from ao_desktop.services.clients.directory import add_client_note
from ao_desktop.ui.clients.table_model import display_name
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception

EMPTY = "—"


def debt_ratio_text(obligations: int, income: int) -> str:
    """Other installments as a share of income, `25,0%` (Indonesian decimal comma)."""
    if income <= 0:
        return EMPTY
    percent = (Decimal(obligations) * 100 / Decimal(income)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{percent}%".replace(".", ",")


def _nik_text(nik: str) -> str:
    if not nik:
        return EMPTY
    try:
        info = parse_nik(nik)
    except NikError as exc:
        return f"{nik}  ({exc})"
    region = f"{info.province_code}.{info.regency_code}.{info.district_code}"
    derived = QCoreApplication.translate(
        "ProfileTab", "{sex}, lahir {date}, kode wilayah {region}"
    ).format(sex=sex_label(info.sex), date=format_date(info.birth_date), region=region)
    return f"{nik}  ({derived})"


class _PhoneRow(QWidget):
    """A phone number with Salin (copy) and, for mobiles, a WhatsApp button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(EMPTY)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.whatsapp_button = QToolButton(text=self.tr("WhatsApp"))
        self.whatsapp_button.setToolTip(self.tr("Buka chat WhatsApp dengan nomor ini"))
        self.copy_button = QToolButton(text=self.tr("Salin"))
        self.copy_button.setToolTip(self.tr("Salin nomor ke clipboard"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.whatsapp_button)
        layout.addWidget(self.copy_button)
        layout.addStretch(1)
        self._phone: PhoneNumber | None = None
        self.whatsapp_button.clicked.connect(self._on_whatsapp_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)

    def set_number(self, e164: str) -> None:
        try:
            self._phone = normalize_phone(e164) if e164 else None
        except PhoneError:
            self._phone = None
        self.label.setText(self._phone.display if self._phone else (e164 or EMPTY))
        self.copy_button.setVisible(bool(e164))
        self.whatsapp_button.setVisible(
            self._phone is not None and self._phone.kind is PhoneKind.MOBILE
        )

    def set_blocked(self, reason: str | None) -> None:
        """Disable WhatsApp when the client's consent does not allow it; the tooltip says why."""
        self.whatsapp_button.setEnabled(reason is None)
        self.whatsapp_button.setToolTip(reason or self.tr("Buka chat WhatsApp dengan nomor ini"))

    def is_landline(self) -> bool:
        return self._phone is not None and self._phone.kind is PhoneKind.LANDLINE

    def whatsapp_url(self) -> QUrl:
        return QUrl(self._phone.whatsapp_link()) if self._phone else QUrl()

    def _on_whatsapp_button_clicked(self) -> None:
        QDesktopServices.openUrl(self.whatsapp_url())

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(
            self._phone.national if self._phone else self.label.text()
        )


class ProfileTab(QScrollArea):
    """Identity, contact, address, finances and pipeline facts of one client."""

    ROWS = (
        "kind",
        "business_name",
        "nik",
        "nib",
        "npwp",
        "birth_date",
        "sex",
        "mobile",
        "landline",
        "address",
        "occupation",
        "monthly_income",
        "monthly_obligations",
        "ratio",
        "officer_id",
        "lead_source",
        "refusal_reason",
        "tags",
        "consent_contact",
        "notes",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self._form = QFormLayout(body)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # A narrow panel puts a long row's value under its label instead of clipping it.
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._values: dict[str, QLabel] = {}
        self.mobile = _PhoneRow()
        self.landline = _PhoneRow()
        titles = dict(
            FIELD_LABELS, address=self.tr("Alamat"), ratio=self.tr("Rasio angsuran (DSR)"),
            consent_contact=self.tr("Persetujuan kontak"),
        )
        self.mobile_title = QLabel(titles["mobile"])
        for key in self.ROWS:
            if key == "mobile":
                self._form.addRow(self.mobile_title, self.mobile)
            elif key == "landline":
                self._form.addRow(titles[key], self.landline)
            else:
                label = QLabel(EMPTY)
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self._values[key] = label
                self._form.addRow(titles[key], label)
        self._values["ratio"].setToolTip(
            self.tr("Angsuran lain per bulan dibagi penghasilan per bulan (DSR)")
        )
        self.setWidget(body)

    def title(self, _profile: ClientProfile) -> str:
        return self.tr("Profil")

    def value(self, key: str) -> str:
        return self._values[key].text()

    def show_profile(self, profile: ClientProfile) -> None:
        c = profile.client
        business = c.kind is ClientKind.BUSINESS
        age = (
            self.tr(" ({n} tahun)").format(n=age_on(c.birth_date, date.today()))
            if c.birth_date
            else ""
        )
        texts = {
            "kind": kind_label(c.kind),
            "business_name": c.business_name,
            "nik": _nik_text(c.nik),
            "nib": c.nib,
            "npwp": c.npwp,
            "birth_date": format_date(c.birth_date) + age if c.birth_date else "",
            "sex": sex_label(c.sex) if c.sex else "",
            "address": c.address.one_line(),
            "occupation": c.occupation,
            "monthly_income": format_rupiah(c.monthly_income) if c.monthly_income else "",
            "monthly_obligations": format_rupiah(c.monthly_obligations)
            if c.monthly_obligations
            else "",
            "ratio": debt_ratio_text(c.monthly_obligations, c.monthly_income),
            "officer_id": profile.officer_name,
            "lead_source": source_label(c.lead_source)
            + (
                self.tr(" — dari {name}").format(name=profile.referrer.full_name)
                if profile.referrer
                else ""
            ),
            "refusal_reason": c.refusal_reason,
            "tags": ", ".join(c.tags),
            "consent_contact": consent_summary(c),
            "notes": c.notes,
        }
        for key, text in texts.items():
            self._values[key].setText(text or EMPTY)
        self.mobile.set_number(c.mobile)
        # An older import may have put a landline in the mobile field: name it for what it is.
        self.mobile_title.setText(
            self.tr("Telepon") if self.mobile.is_landline() else FIELD_LABELS["mobile"]
        )
        self.landline.set_number(c.landline)
        blocked = contact_block_reason(c, ActivityType.WHATSAPP)
        self.mobile.set_blocked(blocked)
        self.landline.set_blocked(blocked)
        for key in ("business_name", "nib", "npwp"):
            self._form.setRowVisible(self._values[key], business or bool(getattr(c, key)))
        for key in ("birth_date", "sex"):
            self._form.setRowVisible(self._values[key], not business)
        self._form.setRowVisible(self._values["refusal_reason"], bool(c.refusal_reason))


def _read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HistoryTab(QWidget):
    """The pipeline steps of the client, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _read_only_table(
            [self.tr("Tanggal"), self.tr("Status"), self.tr("Oleh"), self.tr("Catatan")]
        )
        # Long notes wrap in the stretched last column; rows grow to fit them.
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        QVBoxLayout(self).addWidget(self.table)

    def _on_header_section_resized(self, *_args: object) -> None:
        self.table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # The note column's width is only final after layout: measure rows again then.
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def title(self, profile: ClientProfile) -> str:
        return self.tr("Riwayat status ({n})").format(n=len(profile.history))

    def show_profile(self, profile: ClientProfile) -> None:
        steps = list(reversed(profile.history))  # stored oldest first; the newest matters most
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            cells = (
                format_datetime(step.changed_at),
                status_label(step.status),
                step.changed_by,
                step.note,
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()


class ReferralsTab(QWidget):
    """Who referred this client, and whom this client referred (double-click opens)."""

    clientRequested = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.referrer_button = QPushButton()
        self.referrer_button.setFlat(True)
        self.referrer_button.setStyleSheet("text-align: left; color: palette(link);")
        self.no_referrer = QLabel(EMPTY)
        self.referred_label = QLabel()
        self.referred = QListWidget()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Direferensikan oleh:")))
        top.addWidget(self.referrer_button)
        top.addWidget(self.no_referrer)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.referred_label)
        layout.addWidget(self.referred, 1)
        self._referrer_id: int | None = None
        self.referrer_button.clicked.connect(self._on_referrer_button_clicked)
        self.referred.itemActivated.connect(self._on_referred_item_activated)

    def title(self, profile: ClientProfile) -> str:
        # Counts everyone linked by referral: the referrer (if any) and the referred.
        return self.tr("Referensi ({n})").format(
            n=len(profile.referrals) + (profile.referrer is not None)
        )

    def show_profile(self, profile: ClientProfile) -> None:
        ref = profile.referrer
        self._referrer_id = ref.id if ref else None
        self.referrer_button.setText(display_name(ref) if ref else "")
        self.referrer_button.setVisible(ref is not None)
        self.no_referrer.setVisible(ref is None)
        self.referred_label.setText(
            self.tr("Nasabah yang direferensikan ({n}):").format(n=len(profile.referrals))
        )
        self.referred.clear()
        for item in profile.referrals:
            entry = QListWidgetItem(f"{display_name(item)} — {status_label(item.status)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.referred.addItem(entry)

    def _on_referrer_button_clicked(self) -> None:
        if self._referrer_id is not None:
            self.clientRequested.emit(self._referrer_id)

    def _on_referred_item_activated(self, item: QListWidgetItem) -> None:
        self.clientRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class NotesTab(QWidget):
    """Dated notes about the client, and a box to add one."""

    noteAdded = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client_id: int | None = None
        self.notes = QTextBrowser()
        self.notes.setOpenLinks(False)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Tulis catatan baru, mis. hasil telepon hari ini…"))
        self.editor.setFixedHeight(60)
        self.add_button = QPushButton(self.tr("Tambah catatan"))
        self.add_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)

    def title(self, profile: ClientProfile) -> str:
        return self.tr("Catatan ({n})").format(n=len(profile.notes))

    def show_profile(self, profile: ClientProfile) -> None:
        self._client_id = profile.client.id
        notes = sorted(profile.notes, key=lambda n: (n.created_at, n.id or 0), reverse=True)
        self.notes.setHtml(
            "".join(
                f"<p><b>{escape(format_datetime(n.created_at))}</b> · {escape(n.author)}<br>"
                f"{escape(n.text).replace(chr(10), '<br>')}</p>"
                for n in notes
            )
            or f"<p>{escape(self.tr('Belum ada catatan.'))}</p>"
        )

    def _on_editor_text_changed(self) -> None:
        self.add_button.setEnabled(bool(self.editor.toPlainText().strip()))

    def _on_add_button_clicked(self) -> None:
        if self._client_id is None:
            return
        try:
            add_client_note(
                self._context.uow, self._client_id, self.editor.toPlainText(), self._context.actor
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            show_exception(self, self.tr("Catatan tidak tersimpan"), exc)
            return
        self.editor.clear()
        self.noteAdded.emit()
