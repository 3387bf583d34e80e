"""HandoverDialog: a supervisor or admin moves one officer's clients, loan accounts,
planned activities, applications in progress and open problems to another officer (an
AO leaves or changes branch).

The dialog shows what will move before anything does, asks once, then makes one service
call (services/access/privacy.py), which checks the role itself and records the
handover in the audit; the menu entry being hidden for an AO is only a convenience.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.access import privacy
from ao_desktop.services.access.officers import list_all_officers
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.messages import confirm
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox


class HandoverDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Pindahkan nasabah AO"))
        self.resize(620, 300)
        self.message = FieldMessage()
        try:
            officers = list_all_officers(context.uow, context.who)
        except DomainError as exc:
            officers = []
            self.message.show_message(str(exc), Severity.ERROR)
        self._names = {o.id: o.name for o in officers}
        receivers = [o for o in officers if o.active and o.role is not OfficerRole.MARKETING]
        self.from_combo = OfficerComboBox(officers, self.tr("pilih petugas asal"))
        self.to_combo = OfficerComboBox(receivers, self.tr("pilih petugas tujuan"))
        self.preview_label = QLabel()  # one count a line: the height never depends on the width
        self.move_button = QPushButton(self.tr("Pindahkan…"))
        intro = QLabel(self.tr("Semua nasabah, rekening pinjaman, kegiatan yang masih direncanakan, pengajuan "
                               "kredit yang berjalan dan permasalahan yang masih terbuka milik petugas asal "
                               "dipindahkan ke petugas tujuan dalam satu tindakan yang dicatat di jejak audit. "
                               "Kegiatan yang sudah selesai tetap atas nama petugas asal."),
                       wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Dari petugas"), self.from_combo)
        form.addRow(self.tr("Ke petugas"), self.to_combo)
        form.addRow(self.tr("Akan dipindahkan"), self.preview_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.from_combo.currentIndexChanged.connect(self._on_from_combo_current_index_changed)
        self.to_combo.currentIndexChanged.connect(self._on_to_combo_current_index_changed)
        self.move_button.clicked.connect(self._on_move_button_clicked)
        self._counts: dict[str, int] | None = None
        self._refresh_preview()

    def select(self, from_id: int | None, to_id: int | None) -> None:
        """Choose both officers (tests, and a caller that knows them)."""
        self.from_combo.set_value(from_id, self._names.get(from_id, ""))
        self.to_combo.set_value(to_id, self._names.get(to_id, ""))

    def preview_text(self, counts: dict[str, int]) -> str:
        return "\n".join((
            self.tr("{n} nasabah").format(n=format_number(counts["clients"])),
            self.tr("{n} rekening pinjaman").format(n=format_number(counts["loans"])),
            self.tr("{n} kegiatan terencana").format(n=format_number(counts["activities"])),
            self.tr("{n} pengajuan kredit berjalan").format(n=format_number(counts["applications"])),
            self.tr("{n} permasalahan terbuka").format(n=format_number(counts["problems"]))))

    def counts_text(self, counts: dict[str, int]) -> str:
        return self.tr("{c} nasabah, {l} rekening pinjaman, {a} kegiatan terencana, {p} pengajuan kredit berjalan "
                       "dan {m} permasalahan terbuka").format(
            c=format_number(counts["clients"]), l=format_number(counts["loans"]),
            a=format_number(counts["activities"]), p=format_number(counts["applications"]),
            m=format_number(counts["problems"]))

    def _refresh_preview(self) -> None:
        self._counts = None
        from_id = self.from_combo.value()
        if from_id is None:
            self.preview_label.setText(self.tr("pilih petugas asal"))
        else:
            try:
                self._counts = privacy.handover_preview(self._context.uow, from_id, self._context.who)
                self.preview_label.setText(self.preview_text(self._counts))
            except DomainError as exc:
                self.preview_label.setText("")
                self.message.show_message(str(exc), Severity.ERROR)
        self._fit_height()
        to_id = self.to_combo.value()
        self.move_button.setEnabled(self._counts is not None and any(self._counts.values())
                                    and to_id is not None and to_id != from_id)

    def _fit_height(self) -> None:
        """Grow to what the texts now need (a top-level dialog does not by itself)."""
        self.layout().activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _on_from_combo_current_index_changed(self, _index: int) -> None:
        self.message.clear_message()
        self._refresh_preview()

    def _on_to_combo_current_index_changed(self, _index: int) -> None:
        self.message.clear_message()
        self._refresh_preview()

    def _on_move_button_clicked(self) -> None:
        from_id, to_id = self.from_combo.value(), self.to_combo.value()
        if from_id is None or to_id is None or self._counts is None:
            return
        question = self.tr("Pindahkan {what} dari {a} ke {b}? Tindakan ini dicatat di jejak audit.").format(
            what=self.counts_text(self._counts), a=self._names.get(from_id, from_id), b=self._names.get(to_id, to_id))
        if confirm(self, self.tr("Pindahkan nasabah AO"), question, self.tr("Pindahkan")):
            self.hand_over(from_id, to_id)

    def hand_over(self, from_id: int, to_id: int) -> None:
        """The confirmed handover: one service call, its result or refusal shown."""
        try:
            handover = privacy.hand_over_portfolio(self._context.uow, from_id, to_id, self._context.who)
        except DomainError as exc:
            self.message.show_message(str(exc), Severity.ERROR)
            return
        self._refresh_preview()
        self.message.show_message(self.tr("Selesai: {what} dipindahkan ke {b}.").format(
            what=self.counts_text(handover.counts), b=self._names.get(to_id, to_id)), Severity.NOTE)
        self._fit_height()

