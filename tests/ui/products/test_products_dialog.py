"""The admin's catalog actions: the product dialog, withdrawing a product, Excel out and in."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services.products.catalog import get_product, list_products, save_product
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.product_dialog import ProductDialog
from ao_desktop.ui.products.product_form import parse_percent
from ao_desktop.ui.products.view import ProductsView
from tests.ui.conftest import answer_next_modal

COLLEAGUE = Actor("Admin Pusat", OfficerRole.ADMIN)

# The seeded catalog, an admin context and a client with income, shared by the Products tests.
pytest_plugins = ["tests.ui.products.products_helpers"]


@pytest.fixture
def kpr_dialog(admin_context: UiContext, uow: SqlUnitOfWork, catalog: int, qtbot) -> ProductDialog:  # noqa: ANN001
    dialog = ProductDialog(admin_context, get_product(uow, "KPR"))
    qtbot.addWidget(dialog)
    return dialog


def test_admin_edits_the_rate(kpr_dialog: ProductDialog, uow: SqlUnitOfWork) -> None:
    assert kpr_dialog.windowTitle() == "Ubah produk \u2014 KPR (Kredit Pemilikan Rumah)"
    assert kpr_dialog.form.rate_edit.text() == "8,5"
    assert kpr_dialog.form.benefits_edit.toPlainText().count("\n") >= 1  # one item per line
    kpr_dialog.form.rate_edit.setText("7,75")
    assert kpr_dialog.save_button.isEnabled()
    kpr_dialog.save_button.click()
    assert kpr_dialog.result() == ProductDialog.DialogCode.Accepted
    assert get_product(uow, "KPR").rate_pa == Decimal("7.75")
    assert kpr_dialog.saved_product is not None and kpr_dialog.saved_product.version == 2


@pytest.mark.parametrize(
    ("edit", "field", "fragment"),
    [
        (lambda f: f.name_edit.clear(), "name", "Nama produk wajib diisi"),
        (lambda f: f.rate_edit.setText("delapan"), "rate_pa", "Isi angka persen"),
        (lambda f: f.max_tenor_spin.setValue(6), "min_tenor_months", "tidak boleh lebih kecil"),
        (lambda f: f.code_edit.setText("KPR BARU!"), "code", "Kode produk hanya huruf"),
        (lambda f: f.admin_edit.setText("5 kilo"), "admin", "Satuan 'kilo' tidak dikenal"),
        (lambda f: f.max_amount_edit.setText("2M"), "max_amount", "Satuan 'm' tidak jelas"),
    ],
)
def test_bad_fields_show_inline_and_block_saving(
    kpr_dialog: ProductDialog, edit, field: str, fragment: str
) -> None:  # noqa: ANN001
    edit(kpr_dialog.form)
    message = kpr_dialog.form.messages[field]
    assert fragment in message.text() and not message.isHidden()
    assert not kpr_dialog.save_button.isEnabled()
    assert kpr_dialog.summary.text().startswith("Belum bisa disimpan")


def test_a_colleagues_newer_save_is_not_overwritten(
    kpr_dialog: ProductDialog, uow: SqlUnitOfWork
) -> None:
    stored = get_product(uow, "KPR")
    save_product(uow, replace(stored, rate_pa=Decimal(9)), COLLEAGUE, stored)
    kpr_dialog.form.rate_edit.setText("7")
    seen = answer_next_modal("Tutup")
    kpr_dialog.save_button.click()
    assert any("sudah diubah oleh Admin Pusat" in text for text in seen)
    assert get_product(uow, "KPR").rate_pa == 9  # the colleague's rate stays
    assert kpr_dialog.form.rate_edit.text() == "9"  # the form shows what is stored now


def test_an_ao_cannot_save_even_with_the_dialog_open(
    context: UiContext, uow: SqlUnitOfWork, catalog: int, qtbot
) -> None:  # noqa: ANN001
    dialog = ProductDialog(context, get_product(uow, "KPR"))
    qtbot.addWidget(dialog)
    dialog.form.rate_edit.setText("1")
    seen = answer_next_modal("Tutup")
    dialog.save_button.click()
    assert any("Hanya admin" in text for text in seen)
    assert get_product(uow, "KPR").rate_pa == Decimal("8.5")


def test_new_deposit_product(
    admin_context: UiContext, uow: SqlUnitOfWork, catalog: int, qtbot
) -> None:  # noqa: ANN001
    dialog = ProductDialog(admin_context)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert dialog.windowTitle() == "Produk baru" and not dialog.save_button.isEnabled()
    form.code_edit.setText("dep-24")
    form.name_edit.setText("Deposito 24 Bulan")
    form.kind_combo.set_value(form.kind_combo.members()[1])  # Deposito
    form.method_combo.set_value(None)
    form.rate_edit.setText("3,75")
    form.min_tenor_spin.setValue(24)
    form.max_tenor_spin.setValue(24)
    form.min_amount_edit.set_value(10_000_000)
    form.max_amount_edit.set_value(2_000_000_000)
    form.aro_check.setChecked(True)
    form.terms_version_edit.setText("2026.2")
    from datetime import date

    form.effective_edit.set_value(date(2026, 12, 1))
    # Without the RIPLAY content the admin is told what to fill, on the RIPLAY tab.
    fields = {issue.field for issue in form.issues()}
    assert fields == {"risks", "early_withdrawal_penalty"}
    form.show_issues(form.issues())
    assert "Risiko produk wajib diisi" in form.messages["risks"].text()
    assert form.tabText(form.tab_of("risks")) == "RIPLAY"
    form.risks_edit.setPlainText("Tidak dapat ditarik sebelum jatuh tempo tanpa penalti\n\n")
    form.withdrawal_penalty_edit.setText("Penalti 0,5% dari nominal")
    assert form.issues() == [], form.issues()
    dialog.save_button.click()
    saved = get_product(uow, "DEP-24")
    assert saved.rate_pa == Decimal("3.75") and saved.aro_available and saved.active
    assert saved.risks == ("Tidak dapat ditarik sebelum jatuh tempo tanpa penalti",)
    assert saved.early_withdrawal_penalty == "Penalti 0,5% dari nominal"


def test_parse_percent() -> None:
    assert parse_percent("7,5") == Decimal("7.5")
    assert parse_percent(" 8.25 % ") == Decimal("8.25")
    assert (
        parse_percent("") is None and parse_percent("abc") is None and parse_percent("nan") is None
    )


def _view(context: UiContext, qtbot) -> ProductsView:  # noqa: ANN001
    view = ProductsView(context)
    qtbot.addWidget(view)
    view.show()
    return view


def test_withdrawing_a_product_hides_it(
    admin_context: UiContext, uow: SqlUnitOfWork, catalog: int, qtbot
) -> None:  # noqa: ANN001
    view = _view(admin_context, qtbot)
    view.select_product("MULTIGUNA")
    seen = answer_next_modal("Nonaktifkan")
    view.catalog.toggle_action.trigger()
    assert any("Nonaktifkan Kredit Multiguna?" in text for text in seen)
    assert not get_product(uow, "MULTIGUNA").active
    assert view.catalog.inactive_check.isChecked()  # still shown, so it can be re-activated
    assert view.catalog.toggle_action.text() == "Aktifkan lagi"
    view.catalog.toggle_action.trigger()
    assert get_product(uow, "MULTIGUNA").active


def test_catalog_export_and_import_round_trip(
    admin_context: UiContext, uow: SqlUnitOfWork, catalog: int, qtbot, tmp_path: Path
) -> None:  # noqa: ANN001
    view = _view(admin_context, qtbot)
    path = tmp_path / "katalog.xlsx"
    with qtbot.waitSignal(view.catalog.statusMessage, timeout=10_000) as exported:
        view.catalog.export_to(path)
    assert exported.args[0].startswith(f"{catalog} produk diekspor")
    stored = get_product(uow, "KPR")
    save_product(uow, replace(stored, rate_pa=Decimal(9)), COLLEAGUE, stored)
    with qtbot.waitSignal(
        view.catalog.statusMessage,
        timeout=10_000,
        check_params_cb=lambda text: text.startswith("Impor selesai"),
    ) as imported:
        view.catalog.import_from(path)
    assert imported.args[0] == "Impor selesai: 0 produk baru, 1 diubah, 11 tetap"
    assert get_product(uow, "KPR").rate_pa == Decimal("8.5")  # the workbook's rate is back
    assert len(list_products(uow, include_inactive=True)) == catalog
