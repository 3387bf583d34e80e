"""TodayView (Hari ini): the first thing the app shows. Today's agenda, overdue
follow-ups, promises to pay falling due, and clients not contacted for N days (a
setting shared by the database). Each line opens its client or completes its activity.

The lists are short (at most 50 lines each, with the true count in the title), so they
are plain QListWidgets. Three lists come from one quick read (`today_summary`); the
clients not contacted need every client of the officer, so that list fills a moment
later from a worker thread (`uncontacted_loaded` fires when it has).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.agenda import TodaySummary
from ao_desktop.domain.calendar.labels import purpose_label, status_label, type_label
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_date, format_date_long, format_rupiah
from ao_desktop.services.calendar.agenda import (
    set_days_without_contact,
    today_summary,
    uncontacted_clients,
)
from ao_desktop.services.problems.listing import problems_needing_attention
from ao_desktop.ui.calendar.activity_actions import ActivityActions
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.problems.today_entries import ProblemRole, problem_entry
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.workers import BackgroundTask, TaskRunner

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ActivityRole = Qt.ItemDataRole.UserRole + 1  # (activity id, client name) or None
ClientRole = Qt.ItemDataRole.UserRole + 2


class TodayView(QWidget):
    uncontacted_loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today or date.today()
        self.summary: TodaySummary | None = None
        self.runner = TaskRunner(self)
        self._uncontacted_task: BackgroundTask | None = None  # type: ignore[type-arg]
        self.actions_ = ActivityActions(context, self)
        self.actions_.changed.connect(self.reload)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.holiday_label = QLabel()
        self.holiday_label.setStyleSheet("color: #c0392b;")
        self.refresh_button = QPushButton(self.tr("Muat ulang"))
        self.new_button = QPushButton(self.tr("+ Kegiatan baru"))
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.holiday_label, 1)
        header.addWidget(self.new_button)
        header.addWidget(self.refresh_button)
        self.agenda_list, self.agenda_box = self._box()
        self.overdue_list, self.overdue_box = self._box()
        self.promises_list, self.promises_box = self._box()
        self.uncontacted_list, self.uncontacted_box = self._box()
        # The problems area's box: overdue problems and those due today (one click opens).
        self.problems_list, self.problems_box = self._box()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 3650)
        self.days_spin.setSuffix(self.tr(" hari"))
        self.days_spin.setToolTip(self.tr("Batas hari tanpa kontak (berlaku untuk semua PC di database ini)"))
        days_row = QHBoxLayout()
        days_row.addWidget(QLabel(self.tr("Batas:")))
        days_row.addWidget(self.days_spin)
        days_row.addStretch(1)
        self.uncontacted_box.layout().insertLayout(0, days_row)  # type: ignore[union-attr]
        self.complete_button = QPushButton(self.tr("Selesaikan kegiatan…"))
        self.open_client_button = QPushButton(self.tr("Buka nasabah…"))
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.complete_button)
        actions.addWidget(self.open_client_button)
        grid = QGridLayout()
        grid.addWidget(self.agenda_box, 0, 0)
        grid.addWidget(self.overdue_box, 0, 1)
        grid.addWidget(self.promises_box, 1, 0)
        grid.addWidget(self.uncontacted_box, 1, 1)
        grid.addWidget(self.problems_box, 0, 2, 2, 1)
        for column, stretch in enumerate((4, 4, 3)):
            grid.setColumnStretch(column, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)
        for widget in self.lists():
            widget.itemActivated.connect(self._on_list_item_activated)
            widget.currentItemChanged.connect(self._on_list_current_item_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.open_client_button.clicked.connect(self._on_open_client_button_clicked)
        self.days_spin.editingFinished.connect(self._on_days_spin_editing_finished)
        self._current: QListWidgetItem | None = None
        self.reload()

    def _box(self) -> tuple[QListWidget, QGroupBox]:
        box = QGroupBox()
        entries = QListWidget()
        entries.setAlternatingRowColors(True)
        QVBoxLayout(box).addWidget(entries)
        return entries, box

    def lists(self) -> tuple[QListWidget, ...]:
        return (self.agenda_list, self.overdue_list, self.promises_list, self.uncontacted_list,
                self.problems_list)

    def reload(self) -> None:
        try:
            summary = today_summary(self._context.uow, self._today, self._context.officer_id,
                                    with_uncontacted=False)
        except DomainError as exc:
            show_exception(self, self.tr("Hari ini"), exc, retry=self.reload)
            return
        self.summary = summary
        t = self._today
        self.title_label.setText(self.tr("Hari ini: {day}, {date}").format(
            day=DAY_NAMES[t.weekday()], date=format_date_long(t)))
        agenda = summary.agenda
        self.holiday_label.setText(self.tr("Hari libur: {n}").format(n=agenda.holiday) if agenda.holiday
                                   else (self.tr("Akhir pekan") if not agenda.working_day else ""))
        self.days_spin.blockSignals(True)
        self.days_spin.setValue(summary.days_without_contact)
        self.days_spin.blockSignals(False)
        self._fill(self.agenda_list, [self._activity_entry(i, f"{i.starts_at:%H:%M}") for i in agenda.items],
                   self.tr("Belum ada kegiatan hari ini."))
        self._fill(self.overdue_list, [self._activity_entry(i, format_date(i.starts_at.date()))
                                       for i in agenda.overdue], self.tr("Tidak ada yang terlambat."))
        self._fill(self.promises_list, [self._promise_entry(i) for i in summary.promises_due],
                   self.tr("Tidak ada janji bayar yang jatuh tempo."))
        self._load_uncontacted(summary.days_without_contact)
        self._show_problems()
        self.agenda_box.setTitle(self.tr("Agenda hari ini ({n})").format(n=len(agenda.items)))
        self.overdue_box.setTitle(self.tr("Tindak lanjut terlambat ({n})").format(n=summary.overdue_count))
        self.promises_box.setTitle(self.tr("Janji bayar jatuh tempo ({n})").format(n=len(summary.promises_due)))
        self._on_list_current_item_changed(None)

    def _show_problems(self) -> None:
        attention = problems_needing_attention(self._context.uow, self._today, self._context.officer_id)
        self._fill(self.problems_list, [problem_entry(i, self._today) for i in attention.items],
                   self.tr("Tidak ada permasalahan yang terlambat atau jatuh tempo hari ini."))
        self.problems_box.setTitle(self.tr("Permasalahan: {o} terlambat, {d} hari ini").format(
            o=attention.overdue_count, d=attention.due_today_count))

    def _load_uncontacted(self, days: int) -> None:
        if self._uncontacted_task is not None:
            self._uncontacted_task.cancel()  # an older answer must not overwrite this one
        self.uncontacted_box.setTitle(self.tr("Belum dihubungi ≥ {d} hari (memuat…)").format(d=days))
        uow, today, officer = self._context.uow, self._today, self._context.officer_id
        self._uncontacted_task = self.runner.submit(
            lambda _token: uncontacted_clients(uow, today, officer),
            lambda clients: self._show_uncontacted(days, clients),
            lambda exc: show_exception(self, self.tr("Hari ini"), exc,
                                       retry=lambda: self._load_uncontacted(days)))

    def _show_uncontacted(self, days: int, clients: list) -> None:  # type: ignore[type-arg]
        self._uncontacted_task = None
        self._fill(self.uncontacted_list, [self._client_entry(u) for u in clients],
                   self.tr("Semua nasabah sudah dihubungi."))
        more = "+" if len(clients) >= 50 else ""
        self.uncontacted_box.setTitle(self.tr("Belum dihubungi ≥ {d} hari ({n}{m})").format(
            d=days, n=len(clients), m=more))
        self.uncontacted_loaded.emit()

    def _fill(self, widget: QListWidget, entries: list[QListWidgetItem], empty: str) -> None:
        widget.clear()
        for entry in entries:
            widget.addItem(entry)
        if not entries:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(placeholder)

    def _activity_entry(self, item: ActivityItem, when: str) -> QListWidgetItem:
        text = f"{when}  {item.client_name} — {type_label(item.type)}, {purpose_label(item.purpose)}"
        if item.status.value != "rencana":
            text += f" [{status_label(item.status)}]"
        entry = QListWidgetItem(text)
        entry.setData(ActivityRole, (item.id, item.client_name))
        entry.setData(ClientRole, item.client_id)
        entry.setToolTip(item.location or item.mobile)
        return entry

    def _promise_entry(self, item: ActivityItem) -> QListWidgetItem:
        late = item.promise_date is not None and item.promise_date < self._today
        text = f"{format_date(item.promise_date)}  {item.client_name} — {format_rupiah(item.promise_amount)}"
        entry = QListWidgetItem(text + (self.tr(" (lewat)") if late else ""))
        entry.setData(ClientRole, item.client_id)
        if late:
            entry.setForeground(Qt.GlobalColor.darkRed)
        return entry

    def _client_entry(self, client) -> QListWidgetItem:  # noqa: ANN001 - UncontactedClient
        last = (self.tr("terakhir {d}").format(d=format_date(client.last_contact.date()))
                if client.last_contact else self.tr("belum pernah"))
        entry = QListWidgetItem(f"{client.client_name} — {last}")
        entry.setData(ClientRole, client.client_id)
        return entry

    # --- slots ----------------------------------------------------------------------------
    def _on_list_current_item_changed(self, current: QListWidgetItem | None, _previous=None) -> None:  # noqa: ANN001
        self._current = current
        self.complete_button.setEnabled(current is not None and current.data(ActivityRole) is not None)
        self.open_client_button.setEnabled(current is not None and current.data(ClientRole) is not None)

    def _on_list_item_activated(self, entry: QListWidgetItem) -> None:
        if entry.data(ProblemRole) is not None:
            self._open_problem(entry.data(ProblemRole))
        elif entry.data(ActivityRole) is not None:
            self.actions_.complete(*entry.data(ActivityRole))
        elif entry.data(ClientRole) is not None:
            self._open_client(entry.data(ClientRole))

    def _on_complete_button_clicked(self) -> None:
        if self._current is not None and self._current.data(ActivityRole) is not None:
            self.actions_.complete(*self._current.data(ActivityRole))

    def _on_open_client_button_clicked(self) -> None:
        if self._current is not None and self._current.data(ClientRole) is not None:
            self._open_client(self._current.data(ClientRole))

    def _open_problem(self, problem_id: int) -> None:
        from ao_desktop.ui.problems.view import open_problem

        if open_problem(self._context, self, problem_id):
            self.reload()

    def _open_client(self, client_id: int) -> None:
        from ao_desktop.ui.calendar.client_window import open_client_window

        open_client_window(self._context, client_id, self)
        self.reload()  # a contact made from the panel is a new activity

    def _on_new_button_clicked(self) -> None:
        self.actions_.new()

    def _on_days_spin_editing_finished(self) -> None:
        if self.summary is not None and self.days_spin.value() != self.summary.days_without_contact:
            set_days_without_contact(self._context.uow, self.days_spin.value(), self._context.who)
            self.reload()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        # Coming back to the panel after work elsewhere shows what changed meanwhile.
        if self.summary is not None:
            self.reload()
        super().showEvent(event)
