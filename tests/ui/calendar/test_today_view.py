"""The Today panel: today's agenda, overdue follow-ups, promises and clients not
contacted; each line completes its activity or opens its client."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from ao_desktop.domain.calendar.activity import Outcome
from ao_desktop.domain.calendar.enums import ActivityResult, ActivityStatus
from ao_desktop.services.calendar.activities import complete_activity, get_activity
from ao_desktop.services.calendar.agenda import days_without_contact
from ao_desktop.ui.calendar.complete_dialog import CompleteActivityDialog
from ao_desktop.ui.calendar.today_view import ActivityRole, ClientRole, TodayView
from tests.ui.calendar.conftest import TODAY, Calendar
from tests.ui.conftest import on_next_modal


def _texts(widget) -> list[str]:  # noqa: ANN001
    return [widget.item(n).text() for n in range(widget.count())]


def test_today_lists_agenda_overdue_and_promises(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    complete_activity(cal.context.uow, get_activity(cal.context.uow, cal.call.id),  # type: ignore[arg-type]
                      Outcome(result=ActivityResult.PROMISE_TO_PAY, promise_date=date(2026, 12, 10),
                              promise_amount=2_000_000), cal.context.who)
    view = TodayView(cal.context, today=date(2026, 12, 9))
    qtbot.addWidget(view)
    assert view.title_label.text() == "Hari ini: Rabu, 9 Desember 2026"
    assert _texts(view.agenda_list) == ["Belum ada kegiatan hari ini."]
    assert _texts(view.overdue_list) == ["7 Des 2026  Siti Aminah — Kunjungan, Pengenalan produk"]
    assert view.overdue_box.title() == "Tindak lanjut terlambat (1)"
    assert _texts(view.promises_list) == ["10 Des 2026  Budi Santoso — Rp2.000.000"]


def test_a_holiday_is_named(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = TodayView(cal.context, today=date(2026, 12, 25))
    qtbot.addWidget(view)
    assert view.holiday_label.text() == "Hari libur: Hari Raya Natal"


def test_activating_a_line_completes_its_activity(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = TodayView(cal.context, today=TODAY)
    qtbot.addWidget(view)
    entry = view.agenda_list.item(0)
    assert entry.data(ActivityRole) == (cal.visit.id, "Siti Aminah")
    assert entry.data(ClientRole) == cal.siti.id
    opened: list[str] = []

    def finish(dialog: QDialog) -> None:
        assert isinstance(dialog, CompleteActivityDialog)
        opened.append(dialog.windowTitle())
        dialog.notes_edit.setPlainText("Sudah dijelaskan")
        dialog.buttons.accepted.emit()

    on_next_modal(finish)
    view.agenda_list.setCurrentItem(entry)
    view.complete_button.click()
    assert opened == ["Selesaikan kegiatan"]
    assert get_activity(cal.context.uow, cal.visit.id).status is ActivityStatus.DONE  # type: ignore[arg-type]
    assert "[Selesai]" in view.agenda_list.item(0).text()  # reloaded after the change


def _loaded(qtbot, view: TodayView) -> None:  # noqa: ANN001
    """The uncontacted list fills from a worker thread after the rest of the panel."""
    qtbot.waitUntil(lambda: "memuat" not in view.uncontacted_box.title(), timeout=10_000)


def test_uncontacted_clients_follow_the_setting(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    from sqlalchemy import text

    with cal.context.uow.write() as tx:  # both clients have been on the books since 2025
        tx.session.execute(text("UPDATE clients SET created_at = '2025-06-01 08:00:00.000000'"))
    complete_activity(cal.context.uow, get_activity(cal.context.uow, cal.visit.id),  # type: ignore[arg-type]
                      Outcome(), cal.context.who)
    view = TodayView(cal.context, today=date(2026, 12, 9))
    qtbot.addWidget(view)
    assert "memuat" in view.uncontacted_box.title()  # the other lists do not wait for it
    _loaded(qtbot, view)
    assert _texts(view.uncontacted_list) == ["Budi Santoso — belum pernah"]
    view.days_spin.setValue(1)
    view.days_spin.editingFinished.emit()
    _loaded(qtbot, view)
    assert _texts(view.uncontacted_list) == ["Budi Santoso — belum pernah",
                                             "Siti Aminah — terakhir 7 Des 2026"]
    assert view.uncontacted_box.title() == "Belum dihubungi ≥ 1 hari (2)"
    assert days_without_contact(cal.context.uow) == 1  # stored in the database, for every PC
