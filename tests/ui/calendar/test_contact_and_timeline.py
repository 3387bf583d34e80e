"""The client panel's activities tab: one-click WhatsApp with a template (the link's
text), consent shown on disabled buttons, the contact logged and completed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from PySide6.QtWidgets import QDialog

from ao_desktop.domain.calendar.enums import ActivityStatus, ActivityType
from ao_desktop.services.calendar.activities import get_activity
from ao_desktop.services.calendar.agenda import client_timeline
from ao_desktop.services.calendar.contact import list_templates
from ao_desktop.services.clients.directory import get_client
from ao_desktop.ui.calendar.client_window import ClientPanelDialog
from ao_desktop.ui.calendar.contact_buttons import ContactButtons
from ao_desktop.ui.calendar.timeline_tab import ActivityRole
from ao_desktop.ui.calendar.today_view import TodayView
from ao_desktop.ui.clients.detail_panel import ClientDetailPanel
from tests.ui.calendar.conftest import TODAY, Calendar
from tests.ui.conftest import on_next_modal


def _row_of(tab, activity_id: int) -> int:  # noqa: ANN001
    rows = [n for n in range(tab.timeline_list.count())
            if tab.timeline_list.item(n).data(ActivityRole) == activity_id]
    assert len(rows) == 1
    return rows[0]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(ContactButtons, "open_url", staticmethod(lambda url: urls.append(url) or True))
    return urls


def test_whatsapp_with_the_follow_up_template(cal: Calendar, qtbot, opened) -> None:  # noqa: ANN001
    with cal.context.uow.write() as tx:
        tx.settings.set("bank.name", "BPR Sejahtera")
    panel = ClientDetailPanel(cal.context)
    qtbot.addWidget(panel)
    panel.show_client(cal.siti.id)
    tab = panel.timeline_tab
    assert panel.tab_widget.tabText(panel.tab_widget.indexOf(tab)) == "Kegiatan (1)"
    (template,) = [t for t in list_templates(cal.context.uow) if t.key == "after_product_intro"]
    activity = tab.contact_buttons.contact(ActivityType.WHATSAPP, template)
    assert activity is not None and activity.status is ActivityStatus.PLANNED
    url = urlparse(opened[0])
    assert (url.netloc, url.path) == ("wa.me", "/6281298765432")
    text = parse_qs(url.query)["text"][0]
    assert text.startswith("Terima kasih atas waktunya, Ibu Siti Aminah.")
    assert "Salam, Rina Marlina (BPR Sejahtera" in text
    assert tab.timeline_list.count() == 2
    row = _row_of(tab, activity.id)  # type: ignore[arg-type]
    assert tab.timeline_list.item(row).text().split(" · ")[1] == "WhatsApp"


def test_no_consent_disables_the_buttons_and_says_why(cal: Calendar, qtbot, opened) -> None:  # noqa: ANN001
    buttons = ContactButtons(cal.context)
    qtbot.addWidget(buttons)
    buttons.set_client(get_client(cal.context.uow, cal.budi.id))  # type: ignore[arg-type]
    for button in (buttons.whatsapp_button, buttons.phone_button, buttons.sms_button):
        assert not button.isEnabled() and "persetujuan" in button.toolTip()
    buttons.set_client(get_client(cal.context.uow, cal.siti.id))  # type: ignore[arg-type]
    assert buttons.phone_button.isEnabled() and buttons.phone_button.toolTip() == ""
    buttons.phone_button.click()
    assert opened == ["tel:+6281298765432"]


def test_the_logged_contact_is_completed_from_the_timeline(cal: Calendar, qtbot, opened) -> None:  # noqa: ANN001
    panel = ClientDetailPanel(cal.context)
    qtbot.addWidget(panel)
    panel.show_client(cal.siti.id)
    tab = panel.timeline_tab
    logged = tab.contact_buttons.contact(ActivityType.SMS)
    assert logged is not None

    def finish(dialog: QDialog) -> None:
        dialog.notes_edit.setPlainText("Dibalas, minta ditelepon sore")  # type: ignore[attr-defined]
        dialog.buttons.accepted.emit()  # type: ignore[attr-defined]

    on_next_modal(finish)
    tab.timeline_list.setCurrentRow(_row_of(tab, logged.id))  # type: ignore[arg-type]
    tab.complete_button.click()
    done = get_activity(cal.context.uow, logged.id)  # type: ignore[arg-type]
    assert done.status is ActivityStatus.DONE and done.outcome == "Dibalas, minta ditelepon sore"
    assert "Dibalas" in tab.timeline_list.item(_row_of(tab, logged.id)).text()  # type: ignore[arg-type]


def test_the_today_panel_opens_the_client_on_the_activities_tab(cal: Calendar, qtbot) -> None:  # noqa: ANN001
    today = TodayView(cal.context, today=TODAY)
    qtbot.addWidget(today)
    seen: list[str] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientPanelDialog)
        seen.append(dialog.windowTitle())
        seen.append(dialog.panel.tab_widget.tabText(dialog.panel.tab_widget.currentIndex()))
        dialog.accept()

    on_next_modal(look)
    today.agenda_list.setCurrentRow(0)
    today.open_client_button.click()
    assert seen == ["Siti Aminah", "Kegiatan (1)"]
    assert [i.type for i in client_timeline(cal.context.uow, cal.siti.id)] == [ActivityType.VISIT]  # type: ignore[arg-type]
