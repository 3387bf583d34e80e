"""The calendar view: month and week grids, creating, dragging to reschedule (with the
holiday warning and the stale refusal), completing with an outcome and a next step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services.calendar.activities import get_activity, update_activity
from ao_desktop.services.calendar.agenda import activities_between, client_timeline
from ao_desktop.ui.calendar.activity_dialog import ActivityDialog, to_qdatetime
from ao_desktop.ui.calendar.agenda_model import AgendaTableModel, Column
from ao_desktop.ui.calendar.complete_dialog import CompleteActivityDialog
from ao_desktop.ui.calendar.grid_base import CalendarGrid
from ao_desktop.ui.calendar.view import CalendarView, Mode
from tests.ui.calendar.conftest import TODAY, Calendar
from tests.ui.conftest import modal_texts, on_next_modal


def _view(cal: Calendar, qtbot) -> CalendarView:  # noqa: ANN001
    view = CalendarView(cal.context, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _drag(qtbot, grid: CalendarGrid, start: QPoint, end: QPoint) -> None:  # noqa: ANN001
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)


def _cell_center(grid, day: date) -> QPoint:  # noqa: ANN001
    index = (day - grid.first_day).days
    return grid._cell(index).center()


def test_agenda_model_passes_the_model_tester(cal: Calendar, qtmodeltester) -> None:  # noqa: ANN001
    model = AgendaTableModel()
    model.set_items(activities_between(cal.context.uow, date(2026, 12, 1), date(2026, 12, 31), None))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, Column.CLIENT).data() == "Siti Aminah"
    assert model.index(0, Column.TIME).data() == "10:00–10:30"
    assert model.index(1, Column.PHONE).data() == "0812-3333-0000"


def test_month_shows_activities_and_holidays_by_name(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    grid = view.month_grid
    assert view.period_label.text() == "Desember 2026"
    assert grid.first_day == date(2026, 11, 30)  # the week starts on Monday
    assert grid.chip_rect(cal.visit.id) is not None and grid.chip_rect(cal.call.id) is not None  # type: ignore[arg-type]
    assert grid.holiday_name(date(2026, 12, 25)) == "Hari Raya Natal"
    assert grid.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"


def test_create_from_the_dialog(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    dialog = ActivityDialog(cal.context, view.actions_.officers(), view, start=datetime(2026, 12, 9, 9))
    qtbot.addWidget(dialog)
    dialog.client_picker.set_client(cal.siti.id, "Siti Aminah")
    dialog.type_combo.set_value(ActivityType.VISIT)
    dialog.purpose_combo.set_value(ActivityPurpose.FOLLOW_UP)
    dialog.start_edit.setDateTime(to_qdatetime(datetime(2026, 12, 25, 10, 0)))
    assert "Hari Raya Natal" in dialog.warning_label.text()  # a warning, not a block
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is not None
    assert dialog.saved.location == "Jl. Melati 4, Ketabang, Genteng, Surabaya"
    view.reload()
    assert view.month_grid.chip_rect(dialog.saved.id) is not None  # type: ignore[arg-type]


def test_dialog_refuses_without_a_client_and_writes_nothing(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    dialog = ActivityDialog(cal.context, view.actions_.officers(), view)
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.saved is None and "Pilih nasabah" in dialog.error_label.text()
    dialog.client_picker.set_client(cal.siti.id, "Siti Aminah")
    dialog.duration_spin.setValue(5)
    dialog.start_edit.setDateTime(to_qdatetime(datetime(1999, 1, 1, 9, 0)))
    dialog.buttons.accepted.emit()
    assert dialog.saved is None and "2000" in dialog.error_label.text()


def test_drag_in_the_month_moves_to_another_day_keeping_the_time(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    grid = view.month_grid
    _drag(qtbot, grid, grid.chip_rect(cal.visit.id).center(), _cell_center(grid, date(2026, 12, 10)))  # type: ignore[union-attr, arg-type]
    moved = get_activity(cal.context.uow, cal.visit.id)  # type: ignore[arg-type]
    assert moved.starts_at == datetime(2026, 12, 10, 10, 0) and moved.version == 2
    assert not view.warning_label.isVisibleTo(view)
    assert grid.chip_rect(cal.visit.id) is not None  # type: ignore[arg-type]


def test_drag_onto_a_holiday_warns_but_moves(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    grid = view.month_grid
    _drag(qtbot, grid, grid.chip_rect(cal.visit.id).center(), _cell_center(grid, date(2026, 12, 25)))  # type: ignore[union-attr, arg-type]
    assert get_activity(cal.context.uow, cal.visit.id).starts_at.date() == date(2026, 12, 25)  # type: ignore[arg-type]
    assert view.warning_label.isVisibleTo(view) and "Hari Raya Natal" in view.warning_label.text()


def test_drag_in_the_week_sets_day_and_quarter_hour(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    view.set_mode(Mode.WEEK)
    grid = view.week_grid
    rect = grid.chip_rect(cal.visit.id)
    assert rect is not None
    slot_x = int(44 + 3.5 * grid._col_width())  # Thursday
    slot_y = int(38 + (13 * 60 + 20 - 7 * 60) * grid._minute_height())  # 13:20 -> 13:15
    grab_offset = 2  # pressed near the top of the block
    _drag(qtbot, grid, QPoint(rect.center().x(), rect.top() + grab_offset), QPoint(slot_x, slot_y))
    assert get_activity(cal.context.uow, cal.visit.id).starts_at == datetime(2026, 12, 10, 13, 15)  # type: ignore[arg-type]


def test_saving_over_a_colleagues_newer_change_is_refused_with_what_changed(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = _view(cal, qtbot)
    original = get_activity(cal.context.uow, cal.visit.id)  # type: ignore[arg-type]
    dialog = ActivityDialog(cal.context, view.actions_.officers(), view, activity=original,
                            client=(cal.siti.id, "Siti Aminah"))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    boss = Actor("Pak Kepala", OfficerRole.SUPERVISOR)
    update_activity(cal.context.uow, original, replace(original, location="Kantor cabang"), boss)
    dialog.start_edit.setDateTime(to_qdatetime(datetime(2026, 12, 11, 9, 0)))
    seen: list[str] = []

    def close(modal) -> None:  # noqa: ANN001
        seen.extend(modal_texts(modal))
        modal.accept()

    on_next_modal(close)
    dialog.buttons.accepted.emit()
    assert dialog.saved is None
    assert any("Pak Kepala" in t and "Lokasi" in t for t in seen), seen
    stored = get_activity(cal.context.uow, cal.visit.id)  # type: ignore[arg-type]
    assert (stored.starts_at, stored.location) == (datetime(2026, 12, 7, 10, 0), "Kantor cabang")


def test_complete_with_an_outcome_and_a_next_step(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    activity = get_activity(cal.context.uow, cal.call.id)  # type: ignore[arg-type]
    dialog = CompleteActivityDialog(cal.context, activity, "Budi Santoso", [])
    qtbot.addWidget(dialog)
    dialog.result_combo.set_value(ActivityResult.PROMISE_TO_PAY)
    assert dialog.promise_amount.isEnabled() and dialog.next_group.isChecked()
    dialog.promise_amount.set_value(0)
    dialog.buttons.accepted.emit()
    assert dialog.saved is None and "jumlah" in dialog.error_label.text()
    assert get_activity(cal.context.uow, cal.call.id).status is ActivityStatus.PLANNED  # type: ignore[arg-type]
    dialog.promise_amount.set_value(750_000)
    dialog.notes_edit.setPlainText("Janji bayar Jumat")
    dialog.buttons.accepted.emit()
    assert dialog.saved is not None
    done, follow = dialog.saved
    assert (done.status, done.result, done.promise_amount) == (
        ActivityStatus.DONE, ActivityResult.PROMISE_TO_PAY, 750_000)
    assert follow is not None and follow.purpose is ActivityPurpose.COLLECTION
    assert follow.starts_at.date() > activity.starts_at.date()
    assert [i.id for i in client_timeline(cal.context.uow, cal.budi.id)][0] == follow.id  # type: ignore[arg-type]
