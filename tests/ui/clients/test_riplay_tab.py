"""The client panel's RIPLAY tab: the recorded hand-overs, newest first, and a reprint
that writes the identical document from the record (not from today's catalog)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services.products.catalog import get_product, save_product, seed_catalog_if_empty
from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay
from ao_desktop.ui.clients.detail_panel import ClientDetailPanel
from ao_desktop.ui.context import UiContext

START = date(2026, 12, 4)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _record(context: UiContext, client_id: int, code: str, amount: int, tenor: int,
            out: Path, printed: datetime) -> int:  # fmt: skip
    result = make_riplay(context.uow, SheetSpec(
            code=code,
            amount=amount,
            tenor_months=tenor,
            officer_id=context.officer_id,
            client_id=client_id,
            start_date=START,
            printed_at=printed,
        ), out, record=True)  # fmt: skip
    assert result.record_id is not None
    return result.record_id


def test_tab_lists_records_and_reprints_the_same_document(context, add, qtbot, tmp_path) -> None:  # noqa: ANN001
    uow = context.uow
    seed_catalog_if_empty(uow)
    with uow.write() as tx:
        tx.settings.set("riplay.bank_full_name", "PT Bank Contoh Sejahtera")
        tx.settings.set("riplay.complaint_branch", "KCP Bandung Dago")
        tx.settings.set("riplay.complaint_phone", "(022) 2501234")
    siti = add("Siti Nurhaliza", monthly_income=15_000_000)
    original = tmp_path / "kmk.pdf"
    _record(context, siti.id, "KMK", 100_000_000, 24, original, datetime(2026, 12, 4, 9, 30))
    _record(context, siti.id, "DEP-6", 50_000_000, 6, tmp_path / "dep.pdf", datetime(2026, 12, 5, 10, 0))
    kmk = get_product(uow, "KMK")
    save_product(uow, replace(kmk, rate_pa=Decimal("13")), Actor("a", OfficerRole.ADMIN), kmk)

    panel = ClientDetailPanel(context)
    qtbot.addWidget(panel)
    panel.resize(900, 420)
    panel.show_client(siti.id)
    tab = panel.riplay_tab
    assert panel.tab_widget.tabText(panel.tab_widget.indexOf(tab)) == "RIPLAY (2)"
    rows = [[tab.table.item(r, c).text() for c in range(tab.table.columnCount())]
            for r in range(tab.table.rowCount())]  # fmt: skip
    assert rows[0][:5] == ["5 Des 2026 10:00", "Deposito 6 Bulan (DEP-6)", "Rp50.000.000",
                           "6 bulan", "3,25%"]  # fmt: skip
    assert rows[1][1:5] == [f"{kmk.name} (KMK)", "Rp100.000.000", "24 bulan", "11,5%"]
    assert rows[1][6] == "Rina Marlina"
    assert not tab.reprint_button.isEnabled()
    panel.tab_widget.setCurrentWidget(tab)
    tab.table.selectRow(1)
    assert tab.reprint_button.isEnabled()

    again = tmp_path / "again.pdf"
    with qtbot.waitSignal(tab.reprinted, timeout=20_000) as written:
        tab.reprint_to(again)
    assert written.args == [str(again)]
    assert _text(again) == _text(original)  # the rate of its day (11,5%), not today's 13%
    assert "11,5%" in _text(again)
