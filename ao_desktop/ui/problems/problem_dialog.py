"""ProblemDialog: record a new client problem or edit one, with its computed deadline
shown as the AO types; an existing problem also shows its handling (resolution,
escalation, extension), its history and the action buttons.

Saving is one service call; a refusal (an empty description, an unknown client) is
shown on the form and the dialog stays open with what was typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from html import escape

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DatabaseUnreachable, DomainError
from ao_desktop.domain.common.formatting import format_date, format_datetime
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel
from ao_desktop.domain.problems.labels import category_label, channel_label, status_label
from ao_desktop.domain.problems.problem import ClientProblem
from ao_desktop.domain.problems.status_flow import ProblemAction, action_label
from ao_desktop.services.clients.directory import get_client, list_officers
from ao_desktop.services.problems.deadlines import deadline_rules, deadlines_for
from ao_desktop.services.problems.handling import record_problem, update_problem
from ao_desktop.services.problems.listing import get_problem
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.problems.action_bar import ProblemActionBar
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox

DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


class ProblemDialog(QDialog):
    def __init__(self, context: UiContext, problem_id: int | None = None, *,
                 client: tuple[int, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._problem: ClientProblem | None = None
        self.saved: ClientProblem | None = None
        self.resize(640, 560 if problem_id is None else 720)
        self.client_picker = ReferrerPicker(context.uow)
        self.client_picker.setPlaceholderText(self.tr("Ketik nama, NIK atau no. HP nasabah…"))
        self.client_label = QLabel()
        self.category_combo = EnumComboBox(list(ProblemCategory), category_label)
        self.channel_combo = EnumComboBox(list(ProblemChannel), channel_label)
        self.received_edit = QDateTimeEdit(_qdatetime(datetime.now()))
        self.received_edit.setDisplayFormat(DATETIME_FORMAT)
        self.received_edit.setCalendarPopup(True)
        self.officer_combo = OfficerComboBox(list_officers(context.uow), self.tr("(pilih AO)"), context.officer_id)
        self.officer_combo.setEnabled(context.role is not OfficerRole.AO or context.officer_id is None)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr(
            "Apa yang dikeluhkan nasabah, sejak kapan, nomor rekening/transaksi bila ada…"))
        self.deadline_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b91c1c;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Nasabah"), self.client_picker if problem_id is None and client is None
                    else self.client_label)
        (self.client_picker if problem_id is not None or client is not None else self.client_label).hide()
        form.addRow(self.tr("Kategori"), self.category_combo)
        form.addRow(self.tr("Saluran"), self.channel_combo)
        form.addRow(self.tr("Diterima"), self.received_edit)
        form.addRow(self.tr("AO penanggung jawab"), self.officer_combo)
        form.addRow(self.tr("Uraian"), self.description_edit)
        form.addRow(self.tr("Batas waktu"), self.deadline_label)
        self.handling = QTextBrowser()
        self.action_bar = ProblemActionBar(context, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Tutup"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.handling, 1)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.buttons)
        self._client = client
        self.received_edit.dateTimeChanged.connect(self._on_received_edit_date_time_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.action_bar.changed.connect(self._on_action_bar_changed)
        if problem_id is None:
            self._start_new(client)
        else:
            self._load(problem_id)

    # --- filling ----------------------------------------------------------------------------
    def _start_new(self, client: tuple[int, str] | None) -> None:
        self.setWindowTitle(self.tr("Permasalahan baru"))
        self.handling.hide()
        self.action_bar.hide()
        officer = self._context.officer_id
        if client is not None:
            self.client_label.setText(client[1])
            if self._context.role is not OfficerRole.AO or officer is None:
                officer = get_client(self._context.uow, client[0]).officer_id or officer  # the client's AO
        self.officer_combo.set_value(officer)
        self.category_combo.set_value(ProblemCategory.PAYMENT)
        self._on_received_edit_date_time_changed()

    def _load(self, problem_id: int) -> None:
        detail = get_problem(self._context.uow, problem_id)
        p = self._problem = detail.problem
        self.setWindowTitle(self.tr("Permasalahan no. {n} — {c}").format(n=p.id, c=detail.client_name))
        self.client_label.setText(detail.client_name)
        self.category_combo.set_value(p.category)
        self.channel_combo.set_value(p.channel)
        self.received_edit.setDateTime(_qdatetime(p.received_at))
        self.officer_combo.set_value(p.officer_id)
        self.description_edit.setPlainText(p.description)
        editable = p.is_open
        for widget in (self.category_combo, self.channel_combo, self.received_edit, self.description_edit):
            widget.setEnabled(editable)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)
        self.deadline_label.setText(self._deadline_text(p.original_deadline, p.deadline))
        self.action_bar.set_problem(p)
        self.handling.setHtml(self._handling_html(detail))

    def _deadline_text(self, original: date | None, current: date | None) -> str:
        rules = deadline_rules(self._context.uow)
        if original == current:
            return self.tr("{d} ({n} hari kerja sejak diterima; hari libur dan cuti bersama tidak dihitung)").format(
                d=format_date(current), n=rules.days)
        return self.tr("{d}, diperpanjang dari {o}").format(d=format_date(current), o=format_date(original))

    def _handling_html(self, detail) -> str:  # noqa: ANN001 - ProblemDetail
        p = detail.problem
        parts = [f"<p><b>{escape(self.tr('Status'))}:</b> {escape(status_label(p.status))}</p>"]
        if p.resolution:
            parts.append(f"<p><b>{escape(self.tr('Penyelesaian'))}:</b> {escape(p.resolution)}</p>")
        if p.escalated_to:
            parts.append(f"<p><b>{escape(self.tr('Eskalasi ke'))} {escape(detail.supervisor_name)}:</b> "
                         f"{escape(p.escalation_note)}</p>")
        if p.extended:
            parts.append(f"<p><b>{escape(self.tr('Alasan perpanjangan'))}:</b> {escape(p.extension_reason)}</p>")
        parts.append(f"<p><b>{escape(self.tr('Riwayat'))}</b></p><ul>")
        for event in reversed(detail.history):
            label = action_label(ProblemAction(event.action))
            note = f": {escape(event.note)}" if event.note else ""
            parts.append(f"<li>{escape(format_datetime(event.at))} · {escape(event.by)} — "
                         f"{escape(label)}{note}</li>")
        parts.append("</ul>")
        return "".join(parts)

    # --- slots ------------------------------------------------------------------------------
    def _on_received_edit_date_time_changed(self, *_args: object) -> None:
        if self._problem is not None and not self._problem.is_open:
            return
        received = self.received_edit.dateTime().toPython().date()
        extended = self._problem.extended if self._problem else False
        original, current = deadlines_for(self._context.uow, received, extended)
        self.deadline_label.setText(self._deadline_text(original, current))

    def _typed(self) -> ClientProblem:
        client_id = (self._problem.client_id if self._problem else
                     self._client[0] if self._client else self.client_picker.client_id())
        if client_id is None:
            raise DomainError(self.tr("Pilih nasabah dari daftar saran (ketik nama, NIK atau no. HP)."))
        officer_id = self.officer_combo.value()
        if officer_id is None:
            raise DomainError(self.tr("Pilih AO penanggung jawab."))
        values = dict(client_id=client_id, officer_id=officer_id, category=self.category_combo.value(),
                      channel=self.channel_combo.value(),
                      received_at=self.received_edit.dateTime().toPython().replace(second=0, microsecond=0),
                      description=self.description_edit.toPlainText())
        return replace(self._problem, **values) if self._problem else ClientProblem(**values)  # type: ignore[arg-type]

    def _on_buttons_accepted(self) -> None:
        try:
            problem = self._typed()
            who = self._context.who
            self.saved = (update_problem(self._context.uow, problem, who) if problem.id is not None
                          else record_problem(self._context.uow, problem, who))
        except DatabaseUnreachable as exc:
            show_exception(self, self.tr("Permasalahan tidak disimpan"), exc, retry=self._on_buttons_accepted)
            return
        except DomainError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()

    def _on_action_bar_changed(self, problem: ClientProblem) -> None:
        self.saved = problem
        assert problem.id is not None
        self._load(problem.id)
