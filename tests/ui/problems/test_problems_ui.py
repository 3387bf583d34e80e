"""The problems area on screen: the paged table model (qtmodeltester, overdue rows in
red), the Permasalahan view's filters and steps, the problem dialog refusing bad input,
the client panel's tab and the Today panel's box that opens a problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel, ProblemStatus
from ao_desktop.domain.problems.problem import ClientProblem
from ao_desktop.domain.problems.query import ProblemQuery
from ao_desktop.services.problems.handling import record_problem
from ao_desktop.services.problems.listing import get_problem
from ao_desktop.ui.calendar.today_view import TodayView
from ao_desktop.ui.clients.detail_panel import ClientDetailPanel
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.problems.problem_dialog import ProblemDialog
from ao_desktop.ui.problems.table_model import OVERDUE_BACKGROUND, Column, ProblemsTableModel
from ao_desktop.ui.problems.today_entries import ProblemRole
from ao_desktop.ui.problems.view import ProblemsView
from tests.ui.conftest import on_next_modal

pytestmark = pytest.mark.usefixtures("home")
TODAY = date(2026, 12, 7)  # a Monday
NOW = datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def seeded(context: UiContext, officers, add) -> dict[str, object]:  # noqa: ANN001
    with context.uow.write() as tx:
        tx.officers.add(Officer("Bu Supervisor", role=OfficerRole.SUPERVISOR))
    siti = add("Siti Aminah", officer_id=officers[0].id)
    who = Actor("rina", OfficerRole.AO, officers[0].id)

    def problem(received: datetime, text: str) -> ClientProblem:
        return record_problem(context.uow, ClientProblem(siti.id, officers[0].id, ProblemCategory.PAYMENT,
                                                         ProblemChannel.PHONE, received, text), who, now=NOW)

    return {"siti": siti,
            "late": problem(datetime(2026, 11, 2, 10, 0), "Angsuran November terdebet dua kali."),
            "due": problem(datetime(2026, 11, 23, 10, 0), "Salah data alamat di surat tagihan."),
            "fresh": problem(datetime(2026, 12, 4, 10, 0), "Kartu ATM tertelan di mesin depan pasar.")}


def test_model_passes_qtmodeltester_and_paints_overdue_rows(qtmodeltester, context, seeded) -> None:  # noqa: ANN001
    model = ProblemsTableModel(context.uow, ProblemQuery(TODAY))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(0, Column.DEADLINE)) == "16 Nov 2026 — terlambat"
    assert model.data(model.index(0, Column.CLIENT), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert model.data(model.index(1, Column.DEADLINE)) == "7 Des 2026 — hari ini"
    assert model.data(model.index(2, Column.CLIENT), Qt.ItemDataRole.BackgroundRole) is None
    model.sort(Column.RECEIVED, Qt.SortOrder.DescendingOrder)  # re-runs the query in SQL
    assert model.item(0).problem.id == seeded["fresh"].id


def test_the_view_filters_overdue_and_takes_a_step(qtbot, context, seeded, monkeypatch) -> None:  # noqa: ANN001
    view = ProblemsView(context, today=TODAY)
    qtbot.addWidget(view)
    assert "Terlambat: <b>1</b>" in view.counts_label.text()
    view.overdue_check.setChecked(True)
    assert view.model.rowCount() == 1 and view.model.item(0).problem.id == seeded["late"].id
    view.table.selectRow(0)
    assert view.action_bar.buttons["selesai"].isEnabled()
    assert not view.action_bar.buttons["ditutup"].isEnabled()
    on_next_modal(lambda dialog: (dialog.setTextValue("Debet ganda dikembalikan ke tabungan."), dialog.accept()))
    view.action_bar.buttons["selesai"].click()
    assert get_problem(context.uow, seeded["late"].id).problem.status is ProblemStatus.RESOLVED
    assert view.model.rowCount() == 0  # no longer overdue


def test_the_dialog_refuses_an_empty_description_and_writes_nothing(qtbot, context, seeded) -> None:  # noqa: ANN001
    siti = seeded["siti"]
    dialog = ProblemDialog(context, client=(siti.id, siti.full_name))
    qtbot.addWidget(dialog)
    assert "hari kerja" in dialog.deadline_label.text()
    dialog.description_edit.setPlainText("   ")
    dialog._on_buttons_accepted()
    assert dialog.error_label.text() == "Isi uraian permasalahan." and dialog.saved is None
    with context.uow.read() as tx:
        assert tx.problems.count(ProblemQuery(TODAY, client_id=siti.id)) == 3
    dialog.description_edit.setPlainText("Bunga tidak sesuai brosur yang dibagikan.")
    dialog._on_buttons_accepted()
    assert dialog.saved is not None and dialog.saved.status is ProblemStatus.NEW


def test_the_client_panel_lists_all_of_the_clients_problems(qtbot, context, seeded) -> None:  # noqa: ANN001
    panel = ClientDetailPanel(context)
    qtbot.addWidget(panel)
    panel.problems_tab._today = TODAY
    panel.show_client(seeded["siti"].id)
    tab = panel.problems_tab
    assert panel.tab_widget.tabText(panel.tab_widget.indexOf(tab)) == "Permasalahan (3)"
    lines = [tab.problems_list.item(n).text() for n in range(tab.problems_list.count())]
    assert lines[0].startswith("4 Des 2026  Pembayaran · Baru")
    assert "terlambat" in lines[2]


def test_today_panel_highlights_overdue_and_due_today_and_opens_one(qtbot, context, seeded) -> None:  # noqa: ANN001
    view = TodayView(context, today=TODAY)
    qtbot.addWidget(view)
    assert view.problems_box.title() == "Permasalahan: 1 terlambat, 1 hari ini"
    first = view.problems_list.item(0)
    assert first.text().startswith("16 Nov 2026  Siti Aminah") and first.background().color() == OVERDUE_BACKGROUND
    assert view.problems_list.item(1).text() == "hari ini  Siti Aminah\n    Pembayaran · Baru"
    opened: list[str] = []
    on_next_modal(lambda dialog: (opened.append(dialog.windowTitle()), dialog.reject()))
    view._on_list_item_activated(first)
    assert opened == [f"Permasalahan no. {first.data(ProblemRole)} — Siti Aminah"]


def test_an_ao_never_sees_a_colleagues_problems(qtbot, context, seeded, officers) -> None:  # noqa: ANN001
    other = replace(context, officer_id=officers[1].id, actor="dedi")
    view = ProblemsView(other, today=TODAY)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 0 and not view.officer_combo.isEnabled()
