"""The Applications view, its table model, the editor with live ratios and the client
panel's list, on a real SQLite file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.enums import IncomeKind, LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.clients.directory import get_client, get_client_profile
from ao_desktop.services.credit import applications as svc
from ao_desktop.ui.credit.applications_model import ApplicationsTableModel, Column
from ao_desktop.ui.credit.client_applications_tab import ClientApplicationsTab
from ao_desktop.ui.credit.editor_dialog import ApplicationEditorDialog
from ao_desktop.ui.credit.view import ApplicationsView

PRODUCT = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
                  method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
                  min_amount=5_000_000, max_amount=200_000_000, required_documents=("KTP", "KK"))
EMPLOYEE = BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=8_000_000,
                           household_expenses=3_000_000, other_installments=1_500_000)


@pytest.fixture
def seeded(context, officers, add):  # noqa: ANN001, ANN201
    with context.uow.write() as tx:
        tx.products.add(PRODUCT, "t", svc._now())
    siti = add("Siti Aminah", officer_id=officers[0].id)
    admin = Actor("admin", OfficerRole.ADMIN)
    first = svc.create_application(context.uow, CreditApplication(
        client_id=siti.id, officer_id=officers[0].id, product_code="KMK-T", amount=24_000_000,
        tenor_months=24, purpose=LoanPurpose.CONSUMPTION, figures=EMPLOYEE), admin)
    second = svc.create_application(context.uow, CreditApplication(
        client_id=siti.id, officer_id=officers[0].id, product_code="KMK-T", amount=10_000_000,
        tenor_months=12, purpose=LoanPurpose.WORKING_CAPITAL), admin)
    return siti, first, second


def test_model_passes_qtmodeltester_and_formats_figures(qtmodeltester, context, seeded) -> None:
    model = ApplicationsTableModel()
    model.set_items(svc.list_assessments(context.uow))
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.item(r).application.amount == 24_000_000)
    assert model.index(row, Column.DSR).data() == "34,25%"  # (1.5M + 1.24M) / 8M
    assert model.index(row, Column.AMOUNT).data() == "Rp24.000.000"
    assert model.index(row, Column.AMOUNT).data(Qt.ItemDataRole.UserRole + 1) == 24_000_000


def test_view_counts_filters_and_submits(qtbot, context, seeded) -> None:
    siti, first, _second = seeded
    view = ApplicationsView(context)
    qtbot.addWidget(view)
    assert "Draft: <b>2</b>" in view.counts_label.text()
    assert not view.officer_combo.isEnabled()  # an AO sees their own applications
    assert view.proxy.rowCount() == 2
    row = next(r for r in range(view.proxy.rowCount())
               if view.proxy.index(r, Column.ID).data() == str(first.id))
    view.table.selectRow(row)
    assert view.move_buttons[S.SUBMITTED].isEnabled() and not view.move_buttons[S.DISBURSED].isEnabled()
    view.move_buttons[S.SUBMITTED].click()
    assert get_client(context.uow, siti.id).status is ClientStatus.APPLICATION
    assert "Diajukan: <b>1</b>" in view.counts_label.text()
    view.status_combo.set_value(S.SUBMITTED)
    assert view.proxy.rowCount() == 1


def test_editor_recomputes_ratios_as_the_ao_types_and_saves(qtbot, context, seeded) -> None:
    _siti, first, _second = seeded
    dialog = ApplicationEditorDialog(context, first, "Siti Aminah")
    qtbot.addWidget(dialog)
    assert "Rp2.450.000" in dialog.figures_tab.ratios_label.text()  # RPC
    assert "34,25%" in dialog.figures_tab.ratios_label.text()  # DSR
    dialog.figures_tab.edits["household_expenses"].set_value(4_000_000)
    assert "Rp1.750.000" in dialog.figures_tab.ratios_label.text()  # (8 - 4 - 1.5) x 70%
    dialog.amount_edit.set_value(1_000_000)  # below the product's minimum
    assert "antara" in dialog.request_issue_label.text()
    dialog.amount_edit.set_value(30_000_000)
    assert dialog.request_issue_label.text() == ""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = svc.get_assessment(context.uow, first.id).application
    assert saved.amount == 30_000_000 and saved.figures.household_expenses == 4_000_000
    assert saved.version == 2


def test_client_panel_lists_the_clients_applications(qtbot, context, seeded) -> None:
    siti, _first, _second = seeded
    tab = ClientApplicationsTab(context)
    qtbot.addWidget(tab)
    profile: ClientProfile = get_client_profile(context.uow, siti.id)
    tab.show_profile(profile)
    assert tab.applications_list.count() == 2
    assert tab.title(profile) == "Kredit (2)"
    assert any("KMK-T Rp24.000.000" in tab.applications_list.item(i).text() for i in range(2))


def test_admin_settings_change_the_ratios(qtbot, context, seeded) -> None:
    from dataclasses import replace

    from ao_desktop.ui.credit.settings_dialog import CreditSettingsDialog

    admin = replace(context, role=OfficerRole.ADMIN, officer_id=None)
    dialog = CreditSettingsDialog(admin)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.weight_spins["character"].setValue(30)  # 105%: refused before it reaches the service
    assert not save.isEnabled() and "105%" in dialog.sum_label.text()
    dialog.weight_spins["character"].setValue(25)
    dialog.prudence_spin.setValue(60)
    save.click()
    _siti, first, _second = seeded
    assert svc.get_assessment(context.uow, first.id).ratios.repayment_capacity == 2_100_000  # 3.5M x 60%
    view = ApplicationsView(context)
    qtbot.addWidget(view)
    assert view.settings_button.isHidden()  # an AO has no settings button


def test_editor_shows_who_moved_the_application_and_why(qtbot, context, seeded) -> None:
    _siti, first, _second = seeded
    supervisor = Actor("Bayu Setiawan", OfficerRole.SUPERVISOR)
    moved = svc.change_status(context.uow, first.id, first.version, svc.StatusChange(S.SUBMITTED),
                              Actor("Dewi", OfficerRole.AO))
    svc.change_status(context.uow, first.id, moved.version,
                      svc.StatusChange(S.REJECTED, reason="DSR melebihi batas"), supervisor)
    dialog = ApplicationEditorDialog(context, svc.get_assessment(context.uow, first.id).application,
                                     "Siti Aminah")
    qtbot.addWidget(dialog)
    table = dialog.recommendation_tab.history_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [r[1:] for r in rows] == [["Draft", "admin", ""], ["Diajukan", "Dewi", ""],
                                     ["Ditolak", "Bayu Setiawan", "DSR melebihi batas"]]
