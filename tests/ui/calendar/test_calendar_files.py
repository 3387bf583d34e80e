"""The calendar's files from the GUI: the visit list PDF and the .ics, written off the
GUI thread and reported in the view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar as ICalendar
from pypdf import PdfReader

from ao_desktop.ui.calendar.view import CalendarView
from tests.ui.calendar.conftest import TODAY, Calendar


def test_visit_list_and_ics_from_the_view(cal: Calendar, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    view = CalendarView(cal.context, today=TODAY)
    qtbot.addWidget(view)
    pdf = tmp_path / "kunjungan.pdf"
    with qtbot.waitSignal(view.files.finished, timeout=10_000):
        view.files.write_visit_list(pdf, date(2026, 12, 7), None)
    assert "1 kunjungan" in view.info_label.text()
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Siti Aminah" in text and "0812-9876-5432" in text and "Budi Santoso" not in text  # a call
    ics = tmp_path / "jadwal.ics"
    with qtbot.waitSignal(view.files.finished, timeout=10_000):
        view.files.write_ics(ics, cal.context.officer_id, TODAY)
    events = ICalendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Kunjungan: Siti Aminah", "Telepon: Budi Santoso"]


def test_settings_button_is_for_admins_only(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    view = CalendarView(cal.context, today=TODAY)
    qtbot.addWidget(view)
    assert view.settings_button.isHidden()  # the context's user is an AO
