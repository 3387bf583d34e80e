"""ProductsView with a real database and the seed catalog: the simulator a client follows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.products.deposit import DepositRules
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.services.products.catalog import save_deposit_rules
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.comparison_panel import MAX_ENTRIES
from ao_desktop.ui.products.view import TAB_COMPARISON, TAB_SIMULATION, ProductsView
from ao_desktop.ui.widgets.field_message import Severity

# The seeded catalog, an admin context and a client with income, shared by the Products tests.
pytest_plugins = ["tests.ui.products.products_helpers"]


def _view(context: UiContext, qtbot) -> ProductsView:  # noqa: ANN001
    view = ProductsView(context)
    qtbot.addWidget(view)
    view.resize(1250, 720)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def view(context: UiContext, catalog: int, qtbot) -> ProductsView:  # noqa: ANN001
    return _view(context, qtbot)


def _type_amount(view: ProductsView, qtbot, text: str) -> None:  # noqa: ANN001
    edit = view.simulator.amount_edit
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_opens_on_the_first_product_of_the_catalog(view: ProductsView) -> None:
    assert view.catalog.proxy.rowCount() == 12
    assert view.product is not None and view.product.code == "KUR-SM"
    assert view.title_label.text() == "KUR Super Mikro"
    assert "Dokumen yang perlu disiapkan" in view.page.toPlainText()


def test_kpr_amount_fills_the_schedule(view: ProductsView, qtbot) -> None:  # noqa: ANN001
    assert view.select_product("KPR")
    view.simulator.tenor_spin.setValue(240)
    _type_amount(view, qtbot, "250000000")
    assert view.simulator.amount_edit.text() == "250.000.000"
    qtbot.waitUntil(lambda: view.schedule_model.rowCount() == 240, timeout=2000)  # 12 x 20 years
    model = view.schedule_model
    principal = sum(model.index(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(240))
    assert principal == 250_000_000
    assert model.index(239, 5).data() == "Rp0"
    assert view.simulator.years_label.text() == "= 20 tahun"
    assert view.simulator.installment_value.text().count("Rp2.169.558") == 1
    assert view.simulator.net_value.text() == "Rp238.750.000"  # after provisi, admin, ...
    assert len(view.chart.buckets) == 20 and view.chart.yearly
    assert view.preview_button.isEnabled()


def test_switching_the_method_changes_the_installment(view: ProductsView) -> None:
    view.select_product("KI")
    assert [view.simulator.method_combo.itemText(i) for i in range(2)] == [
        "Efektif anuitas",
        "Efektif menurun",
    ]
    view.simulator.set_amount(500_000_000)
    view.simulator.tenor_spin.setValue(60)
    view.simulator.recompute_now()
    annuity = view.simulator.schedule
    view.simulator.method_combo.setCurrentIndex(1)
    view.simulator.recompute_now()
    declining = view.simulator.schedule
    assert annuity is not None and declining is not None
    assert declining.request.method is InterestMethod.DECLINING
    assert declining.first_installment != annuity.first_installment
    assert declining.installments[-1].installment < declining.first_installment


def test_flat_rate_shows_its_effective_equivalent(view: ProductsView) -> None:
    view.select_product("MULTIGUNA")
    view.simulator.tenor_spin.setValue(12)
    view.simulator.set_amount(50_000_000)
    text = view.simulator.rate_value.text()
    assert text == "Bunga flat 7,5% per tahun \u2248 13,57% efektif per tahun"


@pytest.mark.parametrize(
    ("amount", "tenor", "where", "fragment"),
    [
        ("5000000", 240, "amount", "antara Rp100.000.000 dan Rp5.000.000.000"),
        ("0", 240, "amount", "harus lebih dari Rp0"),
        ("250000000", 400, "tenor", "antara 12 dan 360 bulan"),
    ],
)
def test_bad_input_shows_the_message_and_clears_the_result(
    view: ProductsView,
    qtbot,
    amount: str,
    tenor: int,
    where: str,
    fragment: str,  # noqa: ANN001
) -> None:
    view.select_product("KPR")
    view.tabs.setCurrentIndex(TAB_SIMULATION)
    view.simulator.set_amount(250_000_000)
    assert view.schedule_model.rowCount() > 0
    view.simulator.tenor_spin.setValue(tenor)
    _type_amount(view, qtbot, amount)
    view.simulator.recompute_now()
    message = view.simulator.amount_message if where == "amount" else view.simulator.tenor_message
    assert fragment in message.text() and message.severity is Severity.ERROR
    assert message.isVisible()
    assert view.simulator.schedule is None and view.schedule_model.rowCount() == 0
    assert view.chart.buckets == [] and view.simulator.installment_value.text() == "\u2014"
    assert not view.preview_button.isEnabled()


def test_amount_in_juta_is_read_and_unreadable_text_is_an_error(view: ProductsView, qtbot) -> None:  # noqa: ANN001
    view.select_product("KPR")
    _type_amount(view, qtbot, "250 juta")
    view.simulator.recompute_now()
    schedule = view.simulator.schedule
    assert schedule is not None and schedule.request.amount == 250_000_000
    _type_amount(view, qtbot, "250 jt lagi")
    view.simulator.recompute_now()
    message = view.simulator.amount_message
    assert message.severity is Severity.ERROR and "'jtlagi' tidak dikenal" in message.text()
    assert view.simulator.schedule is None


def test_deposit_amount_unreadable_is_an_error(view: ProductsView, qtbot) -> None:  # noqa: ANN001
    view.select_product("DEP-3")
    edit = view.deposit.amount_edit
    edit.clear()
    qtbot.keyClicks(edit, "10 jt")
    view.deposit.recompute_now()
    assert view.deposit.result is not None and view.deposit.result.request.amount == 10_000_000
    edit.clear()
    qtbot.keyClicks(edit, "10 kilo")
    view.deposit.recompute_now()
    message = view.deposit.amount_message
    assert message.severity is Severity.ERROR and "Satuan 'kilo' tidak dikenal" in message.text()
    assert view.deposit.result is None


def test_an_empty_amount_is_a_hint_not_an_error(view: ProductsView) -> None:
    view.select_product("KPR")
    view.simulator.amount_edit.clear()
    view.simulator.recompute_now()
    assert view.simulator.amount_message.severity is Severity.NOTE
    assert view.simulator.schedule is None


def test_kur_use_raises_the_rate(view: ProductsView) -> None:
    view.select_product("KUR-MIKRO")
    view.simulator.tenor_spin.setValue(24)
    view.simulator.set_amount(50_000_000)
    assert view.simulator.schedule.request.rate_pa == 6  # type: ignore[union-attr]
    view.simulator.kur_spin.setValue(3)
    view.simulator.recompute_now()
    assert view.simulator.schedule.request.rate_pa == 8  # type: ignore[union-attr]
    assert view.simulator.kur_rate_label.text() == "bunga 8% per tahun"
    view.select_product("KPR")
    assert view.simulator.kur_spin.isHidden()  # not a tiered product


def test_client_picker_fills_dsr(view: ProductsView, siti: Client, qtbot) -> None:  # noqa: ANN001
    view.select_product("KPR")
    view.simulator.tenor_spin.setValue(240)
    view.simulator.set_amount(150_000_000)
    picker = view.simulator.client_picker
    picker.setFocus()
    qtbot.keyClicks(picker, "Siti")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.client_id() == siti.id
    box = view.simulator.affordability
    assert "Penghasilan Bu Siti: Rp8.000.000 per bulan" in box.client_label.text()
    schedule = view.simulator.schedule
    assert schedule is not None
    dsr = box.dsr_label.text()
    assert f"Angsuran Rp{schedule.max_installment:,}".replace(",", ".") in dsr
    assert "+ angsuran lain Rp500.000 =" in dsr and "dari penghasilan; batas 35%" in dsr
    assert "#2e7d32" in box.dsr_label.styleSheet()  # within the limit: green
    assert box.max_label.text().startswith("Maksimal plafon untuk Bu Siti: Rp")
    # Too much for her income: red, with the shortfall; the button puts the maximum in.
    view.simulator.set_amount(400_000_000)
    over = box.dsr_label.text()
    assert "#c62828" in box.dsr_label.styleSheet()
    schedule = view.simulator.schedule
    assert schedule is not None
    # Income Rp8.000.000 x 35% = Rp2.800.000 for all installments; the excess is the rest.
    excess = schedule.max_installment + 500_000 - 2_800_000
    assert "Batas 35%: semua angsuran paling banyak Rp2.800.000 per bulan" in over
    assert f"kelebihan Rp{excess:,} per bulan".replace(",", ".") in over
    box.use_button.click()
    assert view.simulator.amount_edit.value() == box.max_amount > 0
    assert "#2e7d32" in box.dsr_label.styleSheet()


def test_comparison_holds_up_to_three(view: ProductsView) -> None:
    view.select_product("KI")
    view.simulator.set_amount(500_000_000)
    view.simulator.tenor_spin.setValue(60)
    view.simulator.recompute_now()
    button = view.simulator.compare_button
    for _ in range(MAX_ENTRIES):
        assert button.isEnabled()
        button.click()
    assert len(view.comparison.model.entries) == MAX_ENTRIES
    assert not button.isEnabled()  # full: remove one first
    assert view.tabs.tabText(TAB_COMPARISON) == "Perbandingan (3)"
    view.comparison.remove_button.click()
    assert len(view.comparison.model.entries) == 2 and button.isEnabled()
    view.comparison.clear_button.click()
    assert (
        view.comparison.model.entries == [] and view.tabs.tabText(TAB_COMPARISON) == "Perbandingan"
    )


def test_compared_methods_of_the_product_go_on_the_sheet(view: ProductsView) -> None:
    view.select_product("KI")
    view.simulator.set_amount(500_000_000)
    view.simulator.tenor_spin.setValue(60)
    view.simulator.recompute_now()
    view.simulator.compare_button.click()
    view.simulator.method_combo.setCurrentIndex(1)
    view.simulator.recompute_now()
    view.simulator.compare_button.click()
    request = view.sheet_request()
    assert request is not None
    assert request.comparison_methods == (InterestMethod.ANNUITY, InterestMethod.DECLINING)


def test_deposit_warns_above_the_lps_rate(view: ProductsView, uow: SqlUnitOfWork) -> None:
    view.tabs.setCurrentIndex(TAB_SIMULATION)
    view.select_product("DEP-12")
    view.deposit.set_amount(100_000_000)
    assert view.deposit.result is not None and view.deposit.lps_warning.isHidden()
    assert not view.deposit.lps_note.isHidden()  # within the guarantee: a quiet note
    save_deposit_rules(
        uow, DepositRules(lps_max_rate_pa=Decimal("3.25")), Actor("a", OfficerRole.ADMIN)
    )
    view.select_product("DEP-6")  # reading the product again reads the rules again
    view.select_product("DEP-12")
    view.deposit.set_amount(100_000_000)
    warning = view.deposit.lps_warning
    assert warning.isVisible()
    assert "di atas tingkat bunga penjaminan LPS (3,25%)" in warning.text()
    assert view.deposit.value_value.text() == "Rp102.800.000"
    assert view.deposit.tax_value.text() == "Rp700.000"


def test_deposit_tenor_switches_product_and_aro_projects(view: ProductsView) -> None:
    view.select_product("DEP-3")
    combo = view.deposit.tenor_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[:2] == ["1 bulan \u00b7 2,75% per tahun", "3 bulan \u00b7 3% per tahun"]
    assert combo.currentText().startswith("3 bulan")
    combo.activated.emit(combo.findText("12 bulan \u00b7 3,5% per tahun"))
    assert view.product is not None and view.product.code == "DEP-12"
    view.deposit.set_amount(5_000_000)
    assert "bebas pajak" in view.deposit.tax_value.text()
    view.deposit.aro_check.setChecked(True)
    view.deposit.rollover_spin.setValue(2)
    view.deposit.recompute_now()
    assert view.deposit.projection_model.rowCount() == 3
    assert not view.deposit.projection_box.isHidden()


def test_admin_actions_are_disabled_for_an_ao(view: ProductsView) -> None:
    panel = view.catalog
    assert not panel.is_admin
    for action in (panel.new_action, panel.edit_action, panel.toggle_action, panel.import_action):
        assert not action.isEnabled()
        assert "Hanya admin" in action.toolTip()
    assert panel.export_action.isEnabled()


def test_admin_actions_are_enabled_for_an_admin(
    admin_context: UiContext,
    catalog: int,
    qtbot,  # noqa: ANN001
) -> None:
    panel = _view(admin_context, qtbot).catalog
    for action in (panel.new_action, panel.edit_action, panel.toggle_action, panel.import_action):
        assert action.isEnabled()


def test_savings_has_no_simulation_but_a_sheet(view: ProductsView) -> None:
    view.select_product("TAB")
    assert view.simulation_stack.currentWidget() is view.no_simulation_label
    request = view.sheet_request()
    assert request is not None and request.code == "TAB"
    assert view.preview_button.isEnabled()


def test_an_empty_catalog_shows_no_product(context: UiContext, qtbot) -> None:  # noqa: ANN001
    view = _view(context, qtbot)
    assert view.product is None and view.title_label.text() == "Belum ada produk"
    assert not view.preview_button.isEnabled()


def test_the_schedule_goes_to_excel_figure_by_figure(view: ProductsView, qtbot, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    assert view.select_product("KPR")
    view.simulator.tenor_spin.setValue(120)
    _type_amount(view, qtbot, "250000000")
    qtbot.waitUntil(lambda: view.schedule_model.rowCount() == 120, timeout=2000)
    assert view.schedule_excel.isEnabled()
    assert view._schedule_file_name().startswith("jadwal-KPR-250000000-120bln-")
    out = tmp_path / "jadwal.xlsx"
    shown: list[str] = []
    view.schedule_excel.written.connect(shown.append)
    view.schedule_excel.save_to(out)
    assert shown and str(out) in shown[0] and "120 baris" in shown[0]
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == f"Jadwal angsuran \u2013 {view.product.name}"
    assert rows[1][0].startswith("Plafon Rp250.000.000, bunga ")
    header = rows.index(("No", "Jatuh tempo", "Angsuran", "Pokok", "Bunga", "Sisa pokok"))
    model = view.schedule_model
    for r in (0, 59, 119):
        got = rows[header + 1 + r]
        expected = [model.index(r, c).data(Qt.ItemDataRole.UserRole + 1) for c in range(6)]
        assert got[0] == expected[0] and got[1].date().toordinal() == expected[1]
        assert list(got[2:]) == expected[2:]
    totals = rows[header + 121]
    assert totals[0] == "Jumlah" and totals[3] == 250_000_000
    assert ws.cell(row=header + 2, column=3).number_format == '"Rp"#,##0'


def test_the_deposit_projection_goes_to_excel(view: ProductsView, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    view.select_product("DEP-12")
    view.deposit.set_amount(5_000_000)
    view.deposit.aro_check.setChecked(True)
    view.deposit.rollover_spin.setValue(2)
    view.deposit.recompute_now()
    out = tmp_path / "deposito.xlsx"
    view.deposit.excel_button.save_to(out)
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    header = [r[0] for r in rows].index("Periode")
    periods = view.deposit.result.periods
    assert [r[6] for r in rows[header + 1 :]] == [p.closing_balance for p in periods]
    assert "ARO" in rows[1][0]


def test_each_product_keeps_its_own_inputs_and_a_clamp_is_said(view: ProductsView, qtbot) -> None:  # noqa: ANN001
    simulator = view.simulator
    view.select_product("KPR")
    view.tabs.setCurrentIndex(TAB_SIMULATION)
    simulator.tenor_spin.setValue(180)
    _type_amount(view, qtbot, "250000000")
    simulator.recompute_now()
    assert not simulator.tenor_message.isVisible()
    view.select_product("MULTIGUNA")  # at most 120 months
    assert simulator.tenor_spin.value() == 120
    note = simulator.tenor_message
    assert note.isVisible() and note.severity is Severity.NOTE
    assert "180 bulan" in note.text() and "120 bulan" in note.text()
    schedule = simulator.schedule
    assert schedule is not None and schedule.request.tenor_months == 120
    _type_amount(view, qtbot, "50000000")
    simulator.tenor_spin.setValue(36)
    simulator.recompute_now()
    assert not note.isVisible()  # the AO chose the tenor: nothing left to say
    view.select_product("KPR")
    assert simulator.tenor_spin.value() == 180 and simulator.amount_edit.value() == 250_000_000
    assert not note.isVisible()
    schedule = simulator.schedule
    assert schedule is not None and schedule.request.tenor_months == 180
    assert view.sheet_request().tenor_months == 180  # type: ignore[union-attr]
    view.select_product("MULTIGUNA")
    assert simulator.tenor_spin.value() == 36 and simulator.amount_edit.value() == 50_000_000
