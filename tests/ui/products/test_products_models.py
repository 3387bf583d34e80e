"""The Products view's Qt models and chart on their own, without a window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.products.deposit import DepositRequest, simulate_deposit
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanRequest,
    LoanSchedule,
    simulate_loan,
)
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.products.product_seed import load_seed_catalog
from ao_desktop.ui.products import catalog_model, comparison_panel, deposit_model
from ao_desktop.ui.products.catalog_model import CatalogFilterModel, ProductCatalogTableModel
from ao_desktop.ui.products.comparison_panel import ComparisonEntry, ComparisonTableModel
from ao_desktop.ui.products.deposit_model import DepositProjectionTableModel
from ao_desktop.ui.products.schedule_chart import ScheduleChart, buckets_of, nice_step
from ao_desktop.ui.products.schedule_model import Column, ScheduleTableModel, SortRole
from ao_desktop.ui.products.texts import format_pct, juta, polite_name, tenor_text, years_hint

START = date(2026, 1, 31)


def _schedule(amount: int = 12_000_000, tenor: int = 12, method=InterestMethod.ANNUITY,  # noqa: ANN001
              rate: str = "12") -> LoanSchedule:  # fmt: skip
    return simulate_loan(LoanRequest(amount, Decimal(rate), tenor, method, START))


# --- schedule ---------------------------------------------------------------------------------
def test_schedule_model_passes_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    model = ScheduleTableModel()
    model.set_schedule(_schedule(tenor=360, amount=500_000_000))
    qtmodeltester.check(model, force_py=True)
    model.set_schedule(None)
    qtmodeltester.check(model, force_py=True)


def test_schedule_rows_show_rupiah_right_aligned_and_sort_by_raw_values() -> None:
    schedule = _schedule()
    model = ScheduleTableModel()
    model.set_schedule(schedule)
    assert model.rowCount() == 12 and model.columnCount() == len(Column)
    first = schedule.installments[0]
    assert model.index(0, Column.NO).data() == "1"
    assert model.index(0, Column.DUE_DATE).data() == "28 Feb 2026"  # 31 Jan + 1 month
    assert model.index(0, Column.INSTALLMENT).data() == "Rp1.066.185"
    assert model.index(11, Column.BALANCE).data() == "Rp0"
    assert model.index(0, Column.PRINCIPAL).data(SortRole) == first.principal
    assert model.index(0, Column.DUE_DATE).data(SortRole) == first.due_date.toordinal()
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, Column.INTEREST).data(Qt.ItemDataRole.TextAlignmentRole) == right
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles == ["No", "Jatuh tempo", "Angsuran", "Pokok", "Bunga", "Sisa pokok"]


# --- catalog ----------------------------------------------------------------------------------
@pytest.fixture
def seed() -> list[Product]:
    return load_seed_catalog()


def test_catalog_model_passes_the_model_tester(qtmodeltester, seed) -> None:  # noqa: ANN001
    model = ProductCatalogTableModel()
    model.set_products(seed)
    qtmodeltester.check(model, force_py=True)
    proxy = CatalogFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filter(ProductKind.DEPOSIT, "", False)
    qtmodeltester.check(proxy, force_py=True)


def test_catalog_is_grouped_by_kind_in_catalog_order(seed) -> None:  # noqa: ANN001
    model = ProductCatalogTableModel()
    model.set_products(list(reversed(seed)))  # the kind groups, not the input order, lead
    kinds = [model.product(r).kind for r in range(model.rowCount())]
    assert kinds == sorted(kinds, key=catalog_model.KIND_ORDER.__getitem__)
    deposits = [model.product(r).code for r in range(model.rowCount())
                if model.product(r).kind is ProductKind.DEPOSIT]  # fmt: skip
    assert deposits == ["DEP-12", "DEP-6", "DEP-3", "DEP-1"]  # input order kept within a kind
    row = model.row_of("KUR-MIKRO")
    assert row is not None
    assert model.index(row, catalog_model.Column.RATE).data() == "6\u20139%"
    assert model.index(row, catalog_model.Column.KIND).data() == "Kredit"


def test_catalog_filter_by_kind_text_and_inactive(seed) -> None:  # noqa: ANN001
    from dataclasses import replace

    products = [replace(p, active=False) if p.code == "KMK" else p for p in seed]
    model = ProductCatalogTableModel()
    model.set_products(products)
    proxy = CatalogFilterModel()
    proxy.setSourceModel(model)

    def codes() -> list[str]:
        return [proxy.index(r, 0).data(catalog_model.CodeRole) for r in range(proxy.rowCount())]

    proxy.set_filter(None, "", False)
    assert "KMK" not in codes() and len(codes()) == len(seed) - 1
    proxy.set_filter(None, "", True)
    assert "KMK" in codes()
    row = model.row_of("KMK")
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    proxy.set_filter(ProductKind.SAVINGS, "", False)
    assert codes() == ["TAB"]
    proxy.set_filter(None, "rumah", False)
    assert codes() == ["KPR"]  # found in the short description
    proxy.set_filter(None, "kur kecil", False)
    assert codes() == ["KUR-SM", "KUR-KECIL"]  # every word, anywhere: "usaha kecil" too
    proxy.set_filter(None, "depo 12", False)
    assert codes() == ["DEP-12"]


# --- comparison and deposit projection --------------------------------------------------------
def test_comparison_model_holds_three_and_marks_the_cheapest(qtmodeltester) -> None:  # noqa: ANN001
    model = ComparisonTableModel()
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every change below
    for method in (InterestMethod.FLAT, InterestMethod.ANNUITY, InterestMethod.DECLINING):
        assert model.add(ComparisonEntry("X", "Produk X", _schedule(method=method)))
    assert not model.add(ComparisonEntry("X", "Produk X", _schedule()))
    assert model.columnCount() == comparison_panel.MAX_ENTRIES
    assert model.cheapest() == 2  # declining pays the least interest
    row = comparison_panel.Row
    assert model.index(row.METHOD, 0).data() == "Bunga flat"
    assert model.index(row.EFFECTIVE, 0).data() == "21,46%"  # flat 12% over 12 months
    model.remove(0)
    assert (
        model.columnCount() == 2 and model.headerData(0, Qt.Orientation.Horizontal) == "Pilihan 1"
    )
    model.clear()
    assert model.columnCount() == 0 and model.cheapest() is None


def test_comparison_ranks_by_effective_cost_and_says_when_tenors_differ(qtbot) -> None:  # noqa: ANN001
    kpr = simulate_loan(LoanRequest(300_000_000, Decimal("8.5"), 180, InterestMethod.ANNUITY, START))
    multiguna = simulate_loan(
        LoanRequest(300_000_000, Decimal("7.5"), 120, InterestMethod.FLAT, START)
    )
    panel = comparison_panel.ComparisonPanel()
    qtbot.addWidget(panel)
    panel.add(ComparisonEntry("KPR", "KPR", kpr))
    panel.add(ComparisonEntry("MULTIGUNA", "Multiguna", multiguna))
    model, row = panel.model, comparison_panel.Row
    assert model.cheapest() == 0  # Multiguna pays less in total but costs 12,41% a year
    assert model.index(row.COST, 0).data() == "8,50%"
    assert model.index(row.COST, 1).data() == "12,41%"
    assert model.index(row.COST, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(row.TOTAL_PAID, 0).data(Qt.ItemDataRole.FontRole) is None
    note = panel.note.text()
    assert "Biaya efektif terendah: Pilihan 1 (8,50% per tahun" in note
    assert "Tenor berbeda (180 dan 120 bulan)" in note and "terendah: Pilihan 2" not in note


def test_deposit_projection_model(qtmodeltester) -> None:  # noqa: ANN001
    result = simulate_deposit(
        DepositRequest(100_000_000, Decimal("3.5"), 12, START, aro=True, rollovers=3)
    )
    model = DepositProjectionTableModel()
    model.set_result(result)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    column = deposit_model.Column
    assert model.index(3, column.CLOSING).data() == f"Rp{result.final_balance:,}".replace(",", ".")
    assert model.index(0, column.TAX).data(deposit_model.SortRole) == result.tax


# --- chart ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("tenor", "bars", "yearly"), [(1, 1, False), (12, 12, False),
                                                        (360, 30, True)])  # fmt: skip
def test_chart_paints_one_bar_per_month_or_year(qtbot, tenor: int, bars: int, yearly: bool) -> None:  # noqa: ANN001
    chart = ScheduleChart()
    qtbot.addWidget(chart)
    chart.resize(600, 260)
    schedule = _schedule(amount=300_000_000, tenor=tenor)
    chart.set_schedule(schedule)
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == 600
    assert len(chart.buckets) == bars and chart.yearly is yearly
    assert sum(b.principal for b in chart.buckets) == 300_000_000
    assert sum(b.interest for b in chart.buckets) == schedule.total_interest
    # A bar was painted: some pixel in the plot has the principal colour.
    colours = {image.pixelColor(x, image.height() - 45).name() for x in range(0, 600, 3)}
    assert "#1565c0" in colours
    tip = chart.tooltip_at(QPointF(chart.width() - 20, chart.height() / 2))
    assert ("Tahun ke-30" if yearly else f"Bulan ke-{tenor}") in tip and "Pokok: Rp" in tip


def test_chart_without_a_schedule_says_what_will_appear(qtbot) -> None:  # noqa: ANN001
    chart = ScheduleChart()
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_schedule(None)
    assert not chart.grab().toImage().isNull()
    assert chart.buckets == [] and chart.tooltip_at(QPointF(10, 10)) == ""


def test_yearly_buckets_sum_a_partial_last_year() -> None:
    bars = buckets_of(_schedule(tenor=40))
    assert [(b.first_month, b.last_month) for b in bars] == [(1, 12), (13, 24), (25, 36), (37, 40)]


@pytest.mark.parametrize(("maximum", "step"), [(1, 1), (9_000_000, 2_500_000),
                                               (26_000_000, 10_000_000), (85_000, 25_000)])  # fmt: skip
def test_nice_step(maximum: int, step: int) -> None:
    assert nice_step(maximum) == step


# --- wording ----------------------------------------------------------------------------------
def test_texts() -> None:
    assert juta(0) == "Rp0"
    assert juta(2_500_000) == "Rp2,5 jt"
    assert juta(10_000_000) == "Rp10 jt"
    assert juta(1_250_000_000) == "Rp1.250 jt"
    assert juta(250_000) == "Rp250 rb"
    assert format_pct(Decimal("21.50")) == "21,5%"
    assert format_pct(Decimal("10.9"), 2) == "10,90%"
    assert tenor_text(240) == "240 bulan (20 tahun)"
    assert tenor_text(18) == "18 bulan (1 tahun 6 bulan)"
    assert years_hint(6) == "" and years_hint(30) == "= 2 tahun 6 bulan"


@pytest.mark.parametrize(
    ("full_name", "sex", "polite"),
    [
        ("Hj. Siti Harahap", Sex.FEMALE, "Bu Siti"),
        ("dr. Budi Santoso, Sp.PD", Sex.MALE, "Pak Budi"),
        ("Ir. H. Ahmad Fauzi", Sex.MALE, "Pak Ahmad"),
        ("Siti Nurhaliza", Sex.FEMALE, "Bu Siti"),
        ("Dra. Wati", None, "Dra. Wati"),  # sex unknown: the name as written, titles and all
    ],
)
def test_polite_name_leaves_titles_out_of_the_form_of_address(
    full_name: str, sex: Sex | None, polite: str
) -> None:
    assert polite_name(Client(full_name=full_name, sex=sex)) == polite
