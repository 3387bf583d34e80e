"""The product sheet service on real SQLite: the header from settings, the simulation
through the catalog services, the client's DSR, and a write that is all or nothing.
The PDFs are read back with pypdf."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.errors import NotFound, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.products import product_sheets
from ao_desktop.services.products.catalog import (
    client_affordability,
    deposit_rules,
    get_product,
    seed_catalog_if_empty,
    simulate_product_deposit,
    simulate_product_loan,
)
from ao_desktop.services.products.product_sheets import (
    SheetSpec,
    build_product_sheet,
    make_riplay,
    sheet_header,
)


@pytest.fixture
def engine_db(tmp_path: Path):  # type: ignore[no-untyped-def]
    """These tests check the documents (PDF, Excel), not the storage: SQLite is enough
    (tests/storage and the other services run on both engines)."""
    from ao_desktop.storage.engine import open_database

    db = open_database(tmp_path / "ao.sqlite", create=True)
    yield db
    db.close()


START = date(2026, 11, 27)
PRINTED = datetime(2026, 11, 27, 9, 30)


@pytest.fixture
def seeded(uow):  # noqa: ANN001, ANN201
    seed_catalog_if_empty(uow)
    with uow.write() as tx:
        officer = tx.officers.add(Officer(name="Rina Marlina", phone="+6281234567890"))
        tx.settings.set("bank.name", "Bank Contoh Sejahtera")
        tx.settings.set("bank.branch", "KCP Bandung Dago")
        tx.settings.set("riplay.complaint_phone", "(022) 2501234")
    siti = add_client(
        uow,
        Client(full_name="Siti Nurhaliza", sex=Sex.FEMALE, monthly_income=12_000_000,
               monthly_obligations=500_000),
        actor="t",
    )  # fmt: skip
    return uow, officer.id, siti.id


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_header_defaults_without_settings_or_officer(uow) -> None:  # noqa: ANN001
    header = sheet_header(uow, None)
    assert (header.bank_name, header.branch_name, header.logo_path) == ("Bank", "", None)
    assert (header.officer_name, header.officer_phone) == ("", "")


def test_header_from_settings_and_officer(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer_id, _siti = seeded
    with uow.write() as tx:
        tx.settings.set("bank.logo_path", str(tmp_path / "logo.png"))
    header = sheet_header(uow, officer_id)
    assert header.bank_name == "Bank Contoh Sejahtera"
    assert header.branch_name == "KCP Bandung Dago"
    assert header.logo_path == tmp_path / "logo.png"
    assert (header.officer_name, header.officer_phone) == ("Rina Marlina", "+6281234567890")
    assert sheet_header(uow, 9999).officer_name == ""  # an unknown AO: sheet without a name


def test_loan_sheet_for_a_client_holds_the_figures(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer_id, siti = seeded
    out = tmp_path / "kpr.pdf"
    pages = make_riplay(uow, SheetSpec(
            code="kpr",
            amount=250_000_000,
            tenor_months=240,
            officer_id=officer_id,
            client_id=siti,
            start_date=START,
            printed_at=PRINTED,
        ), out).pages  # fmt: skip
    product = get_product(uow, "KPR")
    schedule = simulate_product_loan(product, 250_000_000, 240, start_date=START)
    affordability = client_affordability(uow, siti, schedule, product)
    assert affordability is not None
    reader = PdfReader(out)
    assert pages == len(reader.pages) >= 6  # 240 rows of schedule after the explanation
    text = _text(out)
    assert format_rupiah(schedule.first_installment) in text
    assert format_rupiah(schedule.total_interest) in text
    assert format_rupiah(schedule.net_disbursement) in text
    assert "Siti Nurhaliza" in text and "Rina Marlina" in text
    assert "Bank Contoh Sejahtera" in text and "KCP Bandung Dago" in text
    dsr = f"{affordability.dsr_pct:.2f}".replace(".", ",") + "%"
    assert dsr in text  # the client's DSR is printed with the product's limit
    assert "Dicetak 27 November 2026 09:30" in text


def test_comparison_methods_are_printed_side_by_side(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    data = build_product_sheet(uow, SheetSpec(
            code="KI",
            amount=500_000_000,
            tenor_months=60,
            start_date=START,
            method=InterestMethod.DECLINING,
            comparison_methods=(InterestMethod.ANNUITY, InterestMethod.DECLINING),
        ))  # fmt: skip
    assert data.schedule is not None
    assert [s.request.method for s in data.comparison] == [
        InterestMethod.ANNUITY, InterestMethod.DECLINING,
    ]  # fmt: skip
    assert data.comparison[1] is data.schedule  # the simulated method is not computed twice
    out = tmp_path / "ki.pdf"
    product_sheets.write_atomically(data, out)
    text = _text(out)
    assert "Perbandingan pilihan" in text
    assert format_rupiah(data.comparison[0].first_installment) in text


def test_comparison_refuses_a_method_the_product_does_not_offer(seeded) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    with pytest.raises(ValidationFailed) as info:
        build_product_sheet(uow, SheetSpec(
                code="KPR",
                amount=250_000_000,
                tenor_months=240,
                comparison_methods=(InterestMethod.ANNUITY, InterestMethod.FLAT),
            ))
    assert "tidak tersedia untuk KPR" in str(info.value)


def test_deposit_sheet_uses_the_bank_rules(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    out = tmp_path / "dep.pdf"
    make_riplay(uow, SheetSpec(
            code="DEP-12",
            amount=100_000_000,
            tenor_months=12,
            start_date=START,
            aro=True,
            rollovers=2,
        ), out)  # fmt: skip
    result = simulate_product_deposit(get_product(uow, "DEP-12"), 100_000_000, 12,
                                      start_date=START, aro=True, rollovers=2,
                                      rules=deposit_rules(uow))  # fmt: skip
    text = _text(out)
    assert format_rupiah(result.value_at_maturity) in text
    assert format_rupiah(result.final_balance) in text  # the ARO projection
    assert "Proyeksi perpanjangan otomatis (ARO)" in text


def test_savings_sheet_needs_no_simulation(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    out = tmp_path / "tab.pdf"
    assert make_riplay(uow, SheetSpec(code="TAB", amount=0, tenor_months=0), out).pages >= 1
    assert "Tabungan" in _text(out)


@pytest.mark.parametrize(
    ("code", "amount", "tenor", "error", "fragment"),
    [
        ("KPR", 5_000_000, 240, ValidationFailed, "Plafon untuk KPR"),
        ("KPR", 0, 240, ValidationFailed, "lebih dari Rp0"),
        ("KPR", 250_000_000, 600, ValidationFailed, "Tenor untuk KPR"),
        ("NOPE", 250_000_000, 12, NotFound, "NOPE tidak ditemukan"),
    ],
)
def test_bad_input_writes_nothing(
    seeded, tmp_path: Path, code, amount, tenor, error, fragment
) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(error) as info:
        make_riplay(uow, SheetSpec(code=code, amount=amount, tenor_months=tenor), folder / "a.pdf")
    assert fragment in str(info.value)
    assert list(folder.iterdir()) == []


def test_unknown_client_writes_nothing(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    with pytest.raises(NotFound):
        make_riplay(uow, SheetSpec(
                code="KPR",
                amount=250_000_000,
                tenor_months=240,
                client_id=424242,
            ), tmp_path / "x.pdf")  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()


def test_missing_folder_is_a_clear_error(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    with pytest.raises(NotFound, match="Folder .* tidak ditemukan"):
        make_riplay(uow, SheetSpec(code="TAB", amount=0, tenor_months=0), tmp_path / "missing" / "tab.pdf")  # fmt: skip


def test_a_failed_write_keeps_the_previous_sheet(seeded, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "sheet.pdf"
    out.write_bytes(b"%PDF- the sheet printed yesterday")

    def half_then_fail(_data, handle) -> int:  # noqa: ANN001
        handle.write(b"%PDF-1.4 half a sheet")
        raise OSError("disk full")

    from ao_desktop.documents.products import (
        product_sheet,  # the service loads it lazily, at write time
    )

    monkeypatch.setattr(product_sheet, "write_product_sheet", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        make_riplay(uow, SheetSpec(code="TAB", amount=0, tenor_months=0), out)
    assert out.read_bytes() == b"%PDF- the sheet printed yesterday"
    assert [p.name for p in folder.iterdir()] == ["sheet.pdf"]  # no temporary file left


def test_the_sheet_replaces_an_old_file_readable_by_colleagues(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    make_riplay(uow, SheetSpec(code="TAB", amount=0, tenor_months=0), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o044 == 0o044


def test_comparison_sheet_for_a_client(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, officer_id, siti = seeded
    kpr = simulate_product_loan(get_product(uow, "KPR"), 300_000_000, 180, start_date=START)
    multiguna = simulate_product_loan(
        get_product(uow, "MULTIGUNA"), 300_000_000, 120, start_date=START
    )
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "perbandingan.pdf"
    pages = product_sheets.make_comparison_sheet(
        uow, options=[("KPR", kpr), ("Multiguna", multiguna)], out=out,
        officer_id=officer_id, client_id=siti, printed_at=PRINTED,
    )  # fmt: skip
    text = _text(out)
    assert pages == len(PdfReader(out).pages)
    assert "Bank Contoh Sejahtera" in text and "Rina Marlina" in text
    assert "Disiapkan untuk: Siti Nurhaliza" in text
    assert format_rupiah(kpr.total_paid) in text and format_rupiah(multiguna.total_paid) in text
    assert [p.name for p in out.parent.iterdir()] == ["perbandingan.pdf"]  # no temporary left


def test_comparison_sheet_needs_an_option(seeded, tmp_path: Path) -> None:  # noqa: ANN001
    uow, _officer, _siti = seeded
    with pytest.raises(ValidationFailed):
        product_sheets.make_comparison_sheet(uow, options=[], out=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
