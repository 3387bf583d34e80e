"""The Portofolio view, its table models, the chart, the extract import dialog (mapping
confirmed by the user, preview, import on the worker) and the settings, on a real
SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.portfolio.collectibility import BPR, PolicyPreset
from ao_desktop.domain.portfolio.summary import TrendPoint
from ao_desktop.services.calendar.agenda import day_agenda
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.services.portfolio.portfolio_settings import portfolio_settings
from ao_desktop.services.portfolio.summary import portfolio_summary
from ao_desktop.ui.portfolio.import_dialog import ExtractImportDialog, last_month_end
from ao_desktop.ui.portfolio.settings_dialog import PortfolioSettingsDialog
from ao_desktop.ui.portfolio.table_models import MovementTableModel, WorkColumn, WorklistTableModel
from ao_desktop.ui.portfolio.trend_chart import TrendChart, short_rupiah
from ao_desktop.ui.portfolio.view import PortfolioView
from tests.fixtures.extract_sheets import account, write_extract

NIK_SITI = "3201014101900001"
NIK_BUDI = "3201010202850002"
AS_OF = last_month_end(date.today())
BEFORE = AS_OF.replace(day=1) - timedelta(days=1)


@pytest.fixture
def loaded(context, officers, add, tmp_path: Path):  # noqa: ANN001, ANN201
    add("Siti Aminah", nik=NIK_SITI, officer_id=officers[0].id, mobile="+6281234567890", consent_contact=True)
    add("Budi Santoso", nik=NIK_BUDI, officer_id=officers[0].id)
    admin = Actor("admin", OfficerRole.ADMIN)
    for as_of, dpd in ((BEFORE, 0), (AS_OF, 95)):
        path = write_extract(tmp_path / f"{as_of}.xlsx", [
            account("1001", nik=NIK_SITI, os=10_000_000, tp=600_000, tb=150_000, dpd=dpd, ao="Rina Marlina"),
            account("1002", nik=NIK_BUDI, os=5_000_000, dpd=20, tp=100_000, ao="Dedi Kurniawan"),
        ])
        commit_extract(context.uow, preview_extract(context.uow, path, as_of), admin)
    return context


def _view(qtbot, context) -> PortfolioView:  # noqa: ANN001
    view = PortfolioView(context)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.worklist_pending, timeout=10_000)
    return view


def test_view_shows_summary_movement_and_worklist(qtbot, loaded) -> None:
    view = _view(qtbot, replace(loaded, role=OfficerRole.SUPERVISOR))
    text = view.summary_panel.headline.text()
    assert "<b>2</b> rekening" in text and "Rp15.000.000" in text and "NPL <b>66,67%</b>" in text
    assert view.summary_panel.kol_table.item(2, 0).text() == "Kol 3 Kurang Lancar"
    assert view.summary_panel.kol_table.item(2, 2).text() == "Rp10.000.000"
    assert [p.as_of for p in view.summary_panel.chart.points] == [BEFORE, AS_OF]
    assert view.movement_model.rowCount() == 1
    assert "1</b> memburuk" in view.movement_label.text()
    assert [view.work_model.item(r).account_no for r in range(view.work_model.rowCount())] == ["1001", "1002"]
    view.extract_combo.setCurrentIndex(1)  # the older extract
    assert "NPL <b>0,00%</b>" in view.summary_panel.headline.text()
    qtbot.waitUntil(lambda: not view.worklist_pending, timeout=10_000)
    assert "Belum ada ekstrak sebelumnya" in view.movement_label.text()


def test_an_ao_sees_their_own_accounts_only(qtbot, loaded, officers) -> None:
    view = _view(qtbot, loaded)  # rina, an AO
    assert not view.officer_combo.isEnabled()
    assert [view.work_model.item(r).account_no for r in range(view.work_model.rowCount())] == ["1001"]


def test_collection_visit_goes_to_the_calendar(qtbot, loaded, officers) -> None:
    view = _view(qtbot, loaded)
    view.select_row(0)
    assert view.visit_button.isEnabled()
    view.visit_button.click()
    assert "dijadwalkan" in view.hint_label.text()
    day = day_agenda(loaded.uow, date.today() + timedelta(days=1), officers[0].id)
    visits = [i for i in day.items if i.purpose.value == "penagihan"]
    assert len(visits) == 1 and visits[0].client_name == "Siti Aminah"


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, loaded) -> None:
    view = _view(qtbot, replace(loaded, role=OfficerRole.SUPERVISOR))
    qtmodeltester.check(view.work_model)
    qtmodeltester.check(view.movement_model)
    assert isinstance(view.movement_model, MovementTableModel)
    assert isinstance(view.work_model, WorklistTableModel)
    row = view.work_model.index(0, WorkColumn.ARREARS)
    assert view.work_model.data(row) == "Rp750.000"


def test_chart_paints_and_labels(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(520, 240)
    chart.set_points([TrendPoint(date(2026, m, 28), 25_000_000_000 + m * 10**8, m * 10**8) for m in range(6, 12)])
    assert not chart.grab().isNull()
    assert short_rupiah(25_944_805_000) == "Rp25,9 M" and short_rupiah(850_000_000) == "Rp850 jt"


def test_import_dialog_confirms_mapping_then_imports(qtbot, context, add, officers, tmp_path: Path) -> None:
    add("Siti Aminah", nik=NIK_SITI, officer_id=officers[0].id)
    header = ("No", "No Rekening", "CIF", "Nama Debitur", "NIK", "Produk", "Plafond", "Sisa OS",
              "Tunggakan Pokok", "Tunggakan Bunga", "DPD", "Tgl Jatuh Tempo", "Kode AO", "Angsuran")
    path = write_extract(tmp_path / "os.xlsx", [account("1001", nik=NIK_SITI, os=7_000_000, dpd=3),
                                                account("1002", nik=NIK_SITI, os=-5, dpd=3)], header=header)
    # Core-banking extracts are the branch's: a supervisor imports them.
    dialog = ExtractImportDialog(replace(context, role=OfficerRole.SUPERVISOR), path=path)
    qtbot.addWidget(dialog)
    dialog.set_as_of(AS_OF)
    assert dialog.check()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=10_000)
    assert "Baki Debet" in dialog.summary_label.text()  # "Sisa OS" is not a name it knows
    assert not dialog.import_button.isEnabled()
    dialog.set_field(7, "outstanding")  # the user maps column H
    assert "Periksa" in dialog.summary_label.text()
    assert dialog.check()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=10_000)
    assert "<b>1</b> rekening akan diimpor" in dialog.summary_label.text()
    assert "DITOLAK baris 6" in dialog.issues_text.toPlainText()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        assert dialog.start_import()
    summary = portfolio_summary(context.uow)
    assert summary.as_of == AS_OF and summary.totals.outstanding == 7_000_000


def test_import_dialog_refuses_a_future_date(qtbot, context, tmp_path: Path) -> None:
    path = write_extract(tmp_path / "os.xlsx", [account("1", nik=NIK_SITI)])
    dialog = ExtractImportDialog(context, path=path)
    qtbot.addWidget(dialog)
    dialog.as_of_edit.setMaximumDate(dialog.as_of_edit.maximumDate().addDays(5))
    dialog.set_as_of(date.today() + timedelta(days=2))
    assert dialog.check()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=10_000)
    assert "masa depan" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()


def test_settings_switch_to_the_bpr_preset_regrades(qtbot, loaded, officers) -> None:
    admin = replace(loaded, role=OfficerRole.ADMIN)
    dialog = PortfolioSettingsDialog(admin, officers)
    qtbot.addWidget(dialog)
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData(PolicyPreset.BPR))
    assert [s.value() for s in dialog.bounds] == list(BPR.upper)
    dialog.bounds[0].setValue(7)
    assert dialog.preset() is PolicyPreset.CUSTOM
    dialog.bounds[0].setValue(30)
    assert dialog.preset() is PolicyPreset.BPR
    dialog._on_buttons_accepted()
    assert portfolio_settings(loaded.uow).policy == BPR
    assert portfolio_summary(loaded.uow).totals.by_level[3].accounts == 1  # 95 days: Kol 3 either way
    assert portfolio_summary(loaded.uow).totals.by_level[1].accounts == 1  # 20 days: Kol 1 for a BPR


def test_account_dialog_records_a_hand_entered_loan(qtbot, context, add, officers) -> None:
    from ao_desktop.services.portfolio.summary import find_account
    from ao_desktop.ui.portfolio.account_form import AccountDialog

    siti = add("Siti Aminah", nik=NIK_SITI, officer_id=officers[0].id)
    dialog = AccountDialog(context)
    qtbot.addWidget(dialog)
    dialog.account_edit.setText("55-001")
    dialog.client_picker.set_client(siti.id, "Siti Aminah")
    dialog.plafond_edit.set_value(30_000_000)
    dialog.outstanding_edit.set_value(28_000_000)
    dialog.installment_edit.set_value(1_100_000)
    assert dialog.save()
    item = find_account(context.uow, "55-001")
    assert item is not None and item.account.client_id == siti.id and item.account.outstanding == 28_000_000
    assert not dialog.save()  # the same number again
    assert "sudah ada" in dialog.message.text()


def test_client_panel_lists_the_clients_loans_and_promises(qtbot, loaded, officers) -> None:
    from ao_desktop.services.clients.directory import get_client_profile
    from ao_desktop.ui.portfolio.client_loans_tab import ClientLoansTab

    tab = ClientLoansTab(loaded)
    qtbot.addWidget(tab)
    with loaded.uow.read() as tx:
        siti_id = tx.portfolio.account_by_number("1001").account.client_id
    profile = get_client_profile(loaded.uow, siti_id)
    tab.show_profile(profile)
    assert tab.title(profile) == "Pinjaman (1)"
    text = tab.accounts_list.item(0).text()
    assert "1001" in text and "Rp10.000.000" in text and "Kol 3 Kurang Lancar" in text and "95 hari" in text


def test_letter_dialog_warns_then_issues(qtbot, loaded, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ao_desktop.ui.portfolio.account_dialogs import AccountHistoryDialog, WarningLetterDialog

    view = _view(qtbot, loaded)
    item = view.work_model.item(0)
    dialog = WarningLetterDialog(loaded, item)
    qtbot.addWidget(dialog)
    assert dialog.level() == 1 and dialog.warning_label.text() == ""
    dialog.level_group.button(3).setChecked(True)
    assert "SP2 belum pernah" in dialog.warning_label.text()  # a warning; Terbitkan stays enabled
    assert dialog.issue_button.isEnabled()
    out = tmp_path / "sp3.pdf"
    assert dialog.issue_to(out)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Rp750.000" in text and "tujuh ratus lima puluh ribu rupiah" in text
    history = AccountHistoryDialog(loaded, item)
    qtbot.addWidget(history)
    assert history.letters_table.rowCount() == 1 and history.letters_table.item(0, 0).text() == "SP3"
    assert history.positions_table.rowCount() == 2
