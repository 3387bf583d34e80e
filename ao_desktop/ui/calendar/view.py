"""CalendarView (Kalender): month, week and agenda of one officer or all, coloured by
type or purpose, with holidays by name. A drag reschedules a planned activity (a
warning when it lands on a holiday; a colleague's newer change refuses it), a double
click completes an activity or plans a new one in the empty slot.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import IntEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import (
    MONTHS_LONG,
    MONTHS_SHORT,
    format_date,
    format_date_long,
)
from ao_desktop.services.calendar.activities import get_activity, reschedule_activity
from ao_desktop.services.calendar.agenda import activities_between, holiday_warning
from ao_desktop.services.calendar.holiday_calendar import holiday_calendar
from ao_desktop.ui.calendar.activity_actions import ActivityActions
from ao_desktop.ui.calendar.agenda_model import AgendaTableModel, Column, IdRole
from ao_desktop.ui.calendar.calendar_files import CalendarFiles
from ao_desktop.ui.calendar.colors import ColorMode, legend
from ao_desktop.ui.calendar.grid_base import CalendarGrid
from ao_desktop.ui.calendar.month_grid import MonthGrid
from ao_desktop.ui.calendar.week_grid import WeekGrid
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox


class Mode(IntEnum):
    MONTH = 0
    WEEK = 1
    AGENDA = 2


class CalendarView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today or date.today()
        self._day = self._today
        self._mode = Mode.MONTH
        self.actions_ = ActivityActions(context, self)
        self.actions_.changed.connect(self.reload)
        # --- toolbar ---
        self.prev_button = QToolButton(text="◀")
        self.prev_button.setToolTip(self.tr("Sebelumnya"))
        self.today_button = QPushButton(self.tr("Hari ini"))
        self.next_button = QToolButton(text="▶")
        self.next_button.setToolTip(self.tr("Berikutnya"))
        self.period_label = QLabel()
        font = self.period_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.period_label.setFont(font)
        self.mode_group = QButtonGroup(self)
        mode_buttons = []
        for mode, text in ((Mode.MONTH, self.tr("Bulan")), (Mode.WEEK, self.tr("Minggu")),
                           (Mode.AGENDA, self.tr("Agenda"))):
            button = QToolButton(text=text, checkable=True)
            self.mode_group.addButton(button, int(mode))
            mode_buttons.append(button)
        mode_buttons[0].setChecked(True)
        self.color_combo = QComboBox()
        self.color_combo.addItems([self.tr("Warna: jenis"), self.tr("Warna: tujuan")])
        self.officer_combo = OfficerComboBox(self.actions_.officers(), self.tr("Semua AO"), context.officer_id)
        if context.officer_id is not None:
            self.officer_combo.set_value(context.officer_id)
        self.new_button = QPushButton(self.tr("+ Kegiatan baru"))
        toolbar = QHBoxLayout()
        for w in (self.prev_button, self.today_button, self.next_button, self.period_label):
            toolbar.addWidget(w)
        toolbar.addStretch(1)
        for w in (*mode_buttons, self.color_combo, self.officer_combo, self.new_button):
            toolbar.addWidget(w)
        # --- body ---
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff3cd; color: #6b4e00; padding: 4px;")
        self.warning_label.hide()
        self.month_grid = MonthGrid()
        self.week_grid = WeekGrid()
        self.agenda_model = AgendaTableModel(self)
        self.agenda_table = self._table(self.agenda_model)
        header = self.agenda_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.LOCATION, QHeaderView.ResizeMode.Stretch)
        self.stack = QStackedWidget()
        for w in (self.month_grid, self.week_grid, self.agenda_table):
            self.stack.addWidget(w)
        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        self.day_model = AgendaTableModel(self)
        self.day_table = self._table(self.day_model)
        for column in (Column.TYPE, Column.PURPOSE, Column.LOCATION, Column.PHONE):
            self.day_table.setColumnHidden(column, True)
        # The side pane is narrow (~300 px at 1366x768): time and status keep their full
        # text, the client's name takes what is left (elided) instead of a scroll bar.
        day_header = self.day_table.horizontalHeader()
        day_header.setStretchLastSection(False)
        for column in (Column.TIME, Column.STATUS):
            day_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        day_header.setSectionResizeMode(Column.CLIENT, QHeaderView.ResizeMode.Stretch)
        self.complete_button = QPushButton(self.tr("Selesaikan…"))
        self.edit_button = QPushButton(self.tr("Ubah…"))
        self.print_button = QPushButton(self.tr("Cetak daftar kunjungan…"))
        self.print_button.setToolTip(self.tr("Kunjungan hari yang dipilih, urut kecamatan dan kelurahan"))
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.ics_button = QPushButton(self.tr("Ekspor ke kalender ponsel (.ics)…"))
        self.ics_button.setToolTip(self.tr("Jadwal {n} minggu ke depan; ekspor ulang memperbarui, "
                                           "tidak menggandakan").format(n=8))
        self.settings_button = QPushButton(self.tr("Hari libur dan templat pesan…"))
        self.settings_button.setVisible(context.who.is_admin)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet("color: palette(placeholder-text);")
        self.legend_label = QLabel()
        self.legend_label.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.day_label)
        side_layout.addWidget(self.day_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.edit_button)
        side_layout.addLayout(buttons)
        visits = QHBoxLayout()
        visits.addWidget(self.print_button)
        visits.addWidget(self.pdf_button)
        side_layout.addLayout(visits)
        side_layout.addWidget(self.ics_button)
        side_layout.addWidget(self.settings_button)
        side_layout.addWidget(self.info_label)
        side_layout.addWidget(self.legend_label)
        self.side = side
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.splitter, 1)
        # --- wiring ---
        self.prev_button.clicked.connect(self._on_prev_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.mode_group.idClicked.connect(self._on_mode_group_id_clicked)
        self.color_combo.currentIndexChanged.connect(self._on_color_combo_current_index_changed)
        self.officer_combo.currentIndexChanged.connect(self._on_officer_combo_current_index_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.files = CalendarFiles(context, self)
        self.files.finished.connect(self.info_label.setText)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.ics_button.clicked.connect(self._on_ics_button_clicked)
        self.settings_button.clicked.connect(self._on_settings_button_clicked)
        for grid in (self.month_grid, self.week_grid):
            self._connect_grid(grid)
        for table in (self.agenda_table, self.day_table):
            table.doubleClicked.connect(self._on_table_double_clicked)
        self._show_legend()
        self.reload()

    def _table(self, model: AgendaTableModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table

    def _connect_grid(self, grid: CalendarGrid) -> None:
        grid.daySelected.connect(self._on_grid_day_selected)
        grid.activityDropped.connect(self._on_grid_activity_dropped)
        grid.activityActivated.connect(self._on_grid_activity_activated)
        grid.newRequested.connect(self._on_grid_new_requested)

    # --- state ----------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def day(self) -> date:
        return self._day

    def set_mode(self, mode: Mode) -> None:
        self._mode = mode
        self.mode_group.button(int(mode)).setChecked(True)
        self.stack.setCurrentIndex(int(mode))
        self.day_table.setVisible(mode is not Mode.AGENDA)
        self.reload()

    def set_day(self, day: date) -> None:
        self._day = day
        self.reload()

    def _range(self) -> tuple[date, date]:
        if self._mode is Mode.MONTH:
            self.month_grid.set_month(self._day.year, self._day.month)
            return self.month_grid.first_day, self.month_grid.last_day
        if self._mode is Mode.WEEK:
            self.week_grid.set_week(self._day)
            return self.week_grid.first_day, self.week_grid.last_day
        return self._day, self._day

    def reload(self) -> None:
        """Read the shown period again (after a change here or a colleague's)."""
        first, last = self._range()
        officer = self.officer_combo.value()
        try:
            items = activities_between(self._context.uow, first, last, officer)
            holidays = holiday_calendar(self._context.uow, first, last)
        except DomainError as exc:
            show_exception(self, self.tr("Kalender"), exc, retry=self.reload)
            return
        self._holidays = holidays
        grid = {Mode.MONTH: self.month_grid, Mode.WEEK: self.week_grid}.get(self._mode)
        if grid is not None:
            grid.set_items(items, holidays, self._today)
        else:
            self.agenda_model.set_items(items)
        self._show_period()
        self._show_day(items)

    def _show_period(self) -> None:
        d = self._day
        if self._mode is Mode.MONTH:
            text = f"{MONTHS_LONG[d.month - 1]} {d.year}"
        elif self._mode is Mode.WEEK:
            first, last = self.week_grid.first_day, self.week_grid.last_day
            text = (f"{first.day} {MONTHS_SHORT[first.month - 1]} – {format_date(last)}"
                    if first.year == last.year else f"{format_date(first)} – {format_date(last)}")
        else:
            text = format_date_long(d)
            if d in self._holidays:
                text += f" — {self._holidays[d]}"
        self.period_label.setText(text)

    def _show_day(self, items: list) -> None:  # type: ignore[type-arg]
        day_items = [i for i in items if i.starts_at.date() == self._day]
        self.day_model.set_items(day_items)
        title = f"<b>{format_date_long(self._day)}</b>"
        if self._day in self._holidays:
            title += f"<br><span style='color:#c0392b'>{self._holidays[self._day]}</span>"
        self.day_label.setText(title + "<br>" + self.tr("{n} kegiatan").format(n=len(day_items)))

    def _show_legend(self) -> None:
        mode = ColorMode(self.color_combo.currentIndex())
        self.legend_label.setText(" ".join(
            f"<span style='color:{c.name()}'>■</span>&nbsp;{name}" for name, c in legend(mode)))

    def _selected(self) -> tuple[int, str] | None:
        table = self.agenda_table if self._mode is Mode.AGENDA else self.day_table
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.model().item(rows[0].row())  # type: ignore[attr-defined]
        return item.id, item.client_name

    # --- slots ----------------------------------------------------------------------------
    def _step(self, direction: int) -> None:
        if self._mode is Mode.MONTH:
            month = self._day.month - 1 + direction
            self.set_day(date(self._day.year + month // 12, month % 12 + 1, 1))
        else:
            self.set_day(self._day + timedelta(days=7 if self._mode is Mode.WEEK else 1) * direction)

    def _on_prev_button_clicked(self) -> None:
        self._step(-1)

    def _on_next_button_clicked(self) -> None:
        self._step(1)

    def _on_today_button_clicked(self) -> None:
        self.set_day(self._today)

    def _on_mode_group_id_clicked(self, mode_id: int) -> None:
        self.set_mode(Mode(mode_id))

    def _on_color_combo_current_index_changed(self, index: int) -> None:
        mode = ColorMode(index)
        for grid in (self.month_grid, self.week_grid):
            grid.set_color_mode(mode)
        self.agenda_model.set_color_mode(mode)
        self.day_model.set_color_mode(mode)
        self._show_legend()

    def _on_officer_combo_current_index_changed(self, _index: int) -> None:
        self.reload()

    def _on_new_button_clicked(self) -> None:
        self.actions_.new(datetime.combine(self._day, time(9, 0)))

    def _on_complete_button_clicked(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.actions_.complete(*selected)

    def _on_edit_button_clicked(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.actions_.edit(*selected)

    def _on_print_button_clicked(self) -> None:
        self.files.print_visit_list(self._day, self.officer_combo.value())

    def _on_pdf_button_clicked(self) -> None:
        self.files.save_visit_list(self._day, self.officer_combo.value())

    def _on_ics_button_clicked(self) -> None:
        self.files.export_ics(self.officer_combo.value(), self._today)

    def _on_settings_button_clicked(self) -> None:
        from ao_desktop.ui.calendar.calendar_settings_dialog import CalendarSettingsDialog

        CalendarSettingsDialog(self._context, self).exec()
        self.reload()

    def _grid(self) -> CalendarGrid:
        return self.week_grid if self._mode is Mode.WEEK else self.month_grid

    def _on_grid_day_selected(self, day: date) -> None:
        if day != self._day:
            self._day = day
            self._show_day(self._grid().items_on(day))

    def _on_grid_activity_activated(self, activity_id: int) -> None:
        item = self._grid().item(activity_id)
        self.actions_.complete(activity_id, item.client_name if item else "")

    def _on_grid_new_requested(self, start: datetime) -> None:
        self.actions_.new(start)

    def _on_table_double_clicked(self, index) -> None:  # noqa: ANN001
        item = index.model().item(index.row())
        self.actions_.complete(item.id, item.client_name)

    def _on_grid_activity_dropped(self, activity_id: int, starts_at: datetime) -> None:
        self.move_activity(activity_id, starts_at)

    def move_activity(self, activity_id: int, starts_at: datetime) -> bool:
        """Reschedule (a drop): refused with what changed when a colleague was first;
        a holiday only warns."""
        try:
            activity = get_activity(self._context.uow, activity_id)
            reschedule_activity(self._context.uow, activity, starts_at, self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Jadwal tidak diubah"), exc)
            self.reload()
            return False
        warning = holiday_warning(self._context.uow, starts_at.date())
        self.warning_label.setText(warning or "")
        self.warning_label.setVisible(warning is not None)
        self._day = starts_at.date()
        self.reload()
        return True

    def row_of(self, activity_id: int) -> int | None:
        model = self.agenda_model if self._mode is Mode.AGENDA else self.day_model
        for row in range(model.rowCount()):
            if model.index(row, 0).data(IdRole) == activity_id:
                return row
        return None

    # --- layout memory --------------------------------------------------------------------
    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("mode", int(self._mode))
        settings.setValue("color", self.color_combo.currentIndex())

    def restore_settings(self, settings: QSettings) -> None:
        state = settings.value("splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.color_combo.setCurrentIndex(int(settings.value("color", 0) or 0))
        mode = int(settings.value("mode", 0) or 0)
        if mode != int(self._mode) and mode in (0, 1, 2):
            self.set_mode(Mode(mode))
