"""The RIPLAY on real SQLite: every OJK section in both versions for a loan and a deposit
(text read back with pypdf), refusal instead of blanks, the record on the client, and a
reprint that keeps its figures after the catalog changes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.products.loan_schedule import LoanFees
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.products.catalog import (
    get_product,
    save_product,
    seed_catalog_if_empty,
    simulate_product_loan,
)
from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay
from ao_desktop.services.products.riplay_records import list_riplay_records, reprint_riplay
from ao_desktop.storage.models import AuditRow


@pytest.fixture
def engine_db(tmp_path: Path):  # type: ignore[no-untyped-def]
    """These tests check the documents (PDF, Excel), not the storage: SQLite is enough
    (tests/storage and the other services run on both engines)."""
    from ao_desktop.storage.engine import open_database

    db = open_database(tmp_path / "ao.sqlite", create=True)
    yield db
    db.close()

START = date(2026, 12, 4)
PRINTED = datetime(2026, 12, 4, 9, 30)
ADMIN = Actor("Admin", OfficerRole.ADMIN)
SECTIONS = (
    "1. Nama dan jenis produk", "2. Penerbit produk", "3. Fitur utama", "4. Manfaat",
    "5. Risiko", "6. Persyaratan dan tata cara", "7. Biaya, denda dan penalti",
    "9. Informasi tambahan",
)  # fmt: skip


@pytest.fixture
def bank(uow):  # noqa: ANN001, ANN201
    seed_catalog_if_empty(uow)
    with uow.write() as tx:
        officer = tx.officers.add(Officer(name="Rina Marlina", phone="+6281234567890"))
        tx.settings.set("bank.name", "Bank Contoh")
        tx.settings.set("bank.branch", "KCP Bandung Dago")
        tx.settings.set("riplay.bank_full_name", "PT Bank Contoh Sejahtera")
        tx.settings.set("riplay.complaint_phone", "(022) 2501234")
        tx.settings.set("riplay.complaint_email", "pengaduan@bankcontoh.co.id")
    siti = add_client(uow, Client(full_name="Siti Nurhaliza", monthly_income=15_000_000), actor="t")
    return uow, officer.id, siti.id


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _make(uow, out: Path, code: str, amount: int, tenor: int, record: bool = False, **kw):  # noqa: ANN001, ANN003, ANN202
    kw.setdefault("printed_at", PRINTED)
    spec = SheetSpec(code=code, amount=amount, tenor_months=tenor, start_date=START, **kw)
    return make_riplay(uow, spec, out, record=record)


@pytest.mark.parametrize(("code", "amount", "tenor"), [("KMK", 100_000_000, 24), ("DEP-3", 50_000_000, 3)])
def test_every_section_in_both_versions(bank, tmp_path: Path, code: str, amount: int, tenor: int) -> None:  # noqa: ANN001
    uow, officer, siti = bank
    product = get_product(uow, code)
    general = _make(uow, tmp_path / "umum.pdf", code, amount, tenor, officer_id=officer)
    personal = _make(uow, tmp_path / "personal.pdf", code, amount, tenor, officer_id=officer,
                     client_id=siti, record=True)  # fmt: skip
    assert (general.kind.value, personal.kind.value) == ("umum", "personal")
    for name, result in (("umum", general), ("personal", personal)):
        path = tmp_path / f"{name}.pdf"
        text = _squash(_text(path))
        assert result.pages == len(PdfReader(path).pages)
        for section in SECTIONS:
            assert section in text, (name, section)
        assert "8. Contoh simulasi" in text if name == "umum" else "8. Simulasi" in text
        assert "PT Bank Contoh Sejahtera berizin dan diawasi oleh Otoritas Jasa Keuangan" in text
        for risk in product.risks:
            assert _squash(risk) in text
        for cost in product.other_costs:
            assert _squash(cost) in text
        assert "(022) 2501234" in text and "pengaduan@bankcontoh.co.id" in text
        assert "Kontak OJK 157" in text
        assert "berlaku sampai 18 Desember 2026" in text  # printed + 14 days
        assert "Anda berhak bertanya" in text
        if product.is_loan:
            assert _squash(product.late_penalty) in text and _squash(product.early_repayment) in text
            assert "Rp1.000.000" in text  # provisi 1% of Rp100.000.000, in rupiah
        else:
            assert _squash(product.early_withdrawal_penalty) in text
            assert "dijamin LPS sampai Rp2.000.000.000" in text and "Pajak bunga" in text
    general_text = _squash(_text(tmp_path / "umum.pdf"))
    personal_text = _squash(_text(tmp_path / "personal.pdf"))
    assert "(RIPLAY) Umum" in general_text and "(RIPLAY) Personal" in personal_text
    assert "Siti Nurhaliza" not in general_text and "Pernyataan nasabah" not in general_text
    assert "Saya, Siti Nurhaliza, menyatakan telah menerima, membaca dan memahami" in personal_text
    assert "Tempat:" in personal_text and "( Rina Marlina )" in personal_text
    assert general.record_id is None and personal.record_id is not None


def test_personal_loan_carries_the_client_figures_and_total_cost(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer, siti = bank
    out = tmp_path / "kpr.pdf"
    _make(uow, out, "KPR", 300_000_000, 120, officer_id=officer, client_id=siti)
    schedule = simulate_product_loan(get_product(uow, "KPR"), 300_000_000, 120, start_date=START)
    text = _squash(_text(out))
    for fee in ("Rp3.000.000", "Rp1.500.000", "Rp4.500.000", "Rp3.500.000"):  # 1%, admin, 1.5%, notary
        assert fee in text
    assert format_rupiah(schedule.total_fees) in text
    assert format_rupiah(schedule.total_interest + schedule.total_fees) in text  # total cost
    assert format_rupiah(schedule.first_installment) in text
    assert "120 " in text and "Bunga efektif 8,5% per tahun" in text


def test_a_product_without_risks_is_refused_with_what_to_fill(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, siti = bank
    kmk = get_product(uow, "KMK")
    with uow.write() as tx:  # as a database from before RIPLAY left it: no validation here
        tx.products.update(replace(kmk, risks=(), late_penalty=""), "lama", PRINTED)
    out = tmp_path / "kmk.pdf"
    with pytest.raises(ValidationFailed) as caught:
        _make(uow, out, "KMK", 100_000_000, 24, client_id=siti, record=True)
    message = str(caught.value)
    assert "Risiko produk wajib diisi" in message and "Denda keterlambatan" in message
    assert "katalog produk" in message
    assert not out.exists() and list_riplay_records(uow, siti) == []


def test_the_admin_cannot_save_a_product_without_a_fee_rule_or_risk(bank) -> None:  # noqa: ANN001
    uow, _officer, _siti = bank
    kpr = get_product(uow, "KPR")
    for change in ({"risks": ("  ",)}, {"early_repayment": ""}, {"other_costs": ()}):
        with pytest.raises(ValidationFailed) as caught:
            save_product(uow, replace(kpr, **change), ADMIN, original=kpr)
        assert {issue.field for issue in caught.value.issues} == set(change)
    dep = get_product(uow, "DEP-6")
    with pytest.raises(ValidationFailed) as caught:
        save_product(uow, replace(dep, early_withdrawal_penalty=""), ADMIN, original=dep)
    assert {i.field for i in caught.value.issues} == {"early_withdrawal_penalty"}


def test_missing_bank_details_refuse_the_riplay(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = bank
    with uow.write() as tx:  # no full name, and no short name to fall back on
        tx.settings.set("riplay.bank_full_name", "")
        tx.settings.set("bank.name", "")
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationFailed, match="Nama lengkap bank wajib diisi"):
        _make(uow, out, "KMK", 100_000_000, 24)
    assert not out.exists()


def test_only_a_printed_or_saved_personal_riplay_is_recorded(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer, siti = bank
    _make(uow, tmp_path / "preview.pdf", "KMK", 100_000_000, 24, client_id=siti)  # a preview
    _make(uow, tmp_path / "umum.pdf", "KMK", 100_000_000, 24, record=True)  # no client
    assert list_riplay_records(uow, siti) == []
    first = _make(uow, tmp_path / "a.pdf", "KMK", 100_000_000, 24, officer_id=officer,
                  client_id=siti, record=True)  # fmt: skip
    second = _make(uow, tmp_path / "b.pdf", "DEP-12", 25_000_000, 12, officer_id=officer,
                   client_id=siti, record=True, printed_at=datetime(2026, 12, 5, 8, 0))  # fmt: skip
    records = list_riplay_records(uow, siti)
    assert [r.id for r in records] == [second.record_id, first.record_id]  # newest first
    kmk = records[1]
    product = get_product(uow, "KMK")
    assert (kmk.product_code, kmk.product_name, kmk.product_kind) == ("KMK", product.name, "kredit")
    assert (kmk.amount, kmk.tenor_months, kmk.rate_pa) == (100_000_000, 24, Decimal("11.5"))
    assert (kmk.terms_version, kmk.product_version) == (product.terms_version, product.version)
    assert (kmk.officer_id, kmk.officer_name, kmk.printed_at) == (officer, "Rina Marlina", PRINTED)
    assert json.loads(kmk.snapshot)["product"]["risks"] == list(product.risks)
    with uow.db.read_sessions() as session:
        audits = session.query(AuditRow).filter_by(table_name="riplay_records").all()
    assert {a.row_id for a in audits} == {first.record_id, second.record_id}


def test_a_failed_write_leaves_no_record(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, siti = bank
    with pytest.raises(Exception):  # noqa: B017, PT011 - the folder is missing: NotFound
        _make(uow, tmp_path / "gone" / "a.pdf", "KMK", 100_000_000, 24, client_id=siti, record=True)
    assert list_riplay_records(uow, siti) == []


def test_reprint_keeps_the_figures_after_the_catalog_changes(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer, siti = bank
    original = tmp_path / "original.pdf"
    made = _make(uow, original, "KPR", 300_000_000, 120, officer_id=officer, client_id=siti,
                 record=True)  # fmt: skip
    kpr = get_product(uow, "KPR")
    save_product(uow, replace(kpr, rate_pa=Decimal("9.75"), fees=LoanFees(Decimal(2), 2_000_000),
                              risks=("Risiko baru",), terms_version="2027.1"),
                 ADMIN, original=kpr)  # fmt: skip
    with uow.write() as tx:
        tx.settings.set("riplay.complaint_phone", "(022) 9999999")
        tx.settings.set("deposit.tax_pct", "25")
    again = tmp_path / "again.pdf"
    assert made.record_id is not None
    assert reprint_riplay(uow, made.record_id, again) == made.pages
    before, after = _text(original), _text(again)
    assert after == before  # every figure, word and the print time, page by page
    assert "8,5%" in after and "Risiko baru" not in after and "(022) 2501234" in after
    today = tmp_path / "today.pdf"
    _make(uow, today, "KPR", 300_000_000, 120, officer_id=officer, client_id=siti)
    assert "9,75%" in _text(today) and "Risiko baru" in _text(today)  # the catalog did change
    assert len(list_riplay_records(uow, siti)) == 1  # a reprint is not a new hand-over


def test_deposit_reprint_keeps_the_tax_rules_of_its_day(bank, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer, siti = bank
    original = tmp_path / "dep.pdf"
    made = _make(uow, original, "DEP-6", 80_000_000, 6, officer_id=officer, client_id=siti,
                 record=True)  # fmt: skip
    with uow.write() as tx:
        tx.settings.set("deposit.tax_pct", "25")
    again = tmp_path / "again.pdf"
    assert made.record_id is not None
    reprint_riplay(uow, made.record_id, again)
    assert _text(again) == _text(original)
    assert "Pajak bunga (20%)" in _text(again)


def test_a_reprint_on_another_pc_has_the_logo_it_was_printed_with(bank, tmp_path: Path) -> None:  # noqa: ANN001
    from ao_desktop.services.branch_logo import LOGO_PATH_KEY, store_logo
    from ao_desktop.services.setup import install_logo
    from tests.services.test_setup import png_bytes

    uow, officer, siti = bank

    def use_logo(image: bytes, name: str) -> Path:
        chosen = tmp_path / name
        chosen.write_bytes(image)
        installed = install_logo(chosen, tmp_path / "pc-admin")
        with uow.write() as tx:
            store_logo(tx.settings, str(installed))
            tx.settings.set(LOGO_PATH_KEY, str(installed))
        return installed

    installed = use_logo(png_bytes(6, 3), "logo.png")
    made = _make(uow, tmp_path / "asli.pdf", "KPR", 300_000_000, 120, officer_id=officer,
                 client_id=siti, record=True)  # fmt: skip
    assert made.record_id is not None
    assert len(PdfReader(tmp_path / "asli.pdf").pages[0].images) == 1
    installed.unlink()  # another PC: the admin's folder is not there

    reprinted = tmp_path / "ulang.pdf"
    reprint_riplay(uow, made.record_id, reprinted)
    assert [i.data for i in PdfReader(reprinted).pages[0].images] == \
        [i.data for i in PdfReader(tmp_path / "asli.pdf").pages[0].images]

    use_logo(png_bytes(9, 9), "logo-baru.png").unlink()  # the bank's logo changed since
    reprint_riplay(uow, made.record_id, reprinted)
    assert len(PdfReader(reprinted).pages[0].images) == 0  # without a logo rather than another
