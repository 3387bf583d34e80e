"""The credit memo read back with pypdf: every figure printed equals the domain's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import NotFound
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.collateral import Collateral
from ao_desktop.domain.credit.enums import CollateralType, LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.credit.five_c import FiveCScore
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.credit import applications as svc
from ao_desktop.services.credit.credit_memo import credit_memo_data, write_memo
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

KMK = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
              method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
              min_amount=5_000_000, max_amount=200_000_000, required_documents=("KTP", "KK", "NIB"))
FIGURES = BusinessFigures(
    turnover=45_000_000, cost_of_goods=31_500_000, operating_costs=4_200_000, other_income=800_000,
    household_expenses=3_000_000, other_installments=900_000, cash=6_000_000, receivables=3_500_000,
    inventory=22_000_000, fixed_assets=60_000_000, trade_payables=5_000_000, bank_debt=15_000_000,
    equity=70_000_000,  # 91.5M against 90M: off by Rp1.500.000
)  # fmt: skip


@pytest.fixture
def app_id(uow: SqlUnitOfWork) -> int:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "+6281211112222"))
        tx.products.add(KMK, "t", svc._now())
    client = add_client(uow, Client(full_name="Siti Aminah", business_name="Toko Kelontong Berkah",
                                    mobile="+6281298765432", officer_id=rina.id),
                        actor="t", allow_duplicates=True)
    app = CreditApplication(
        client_id=client.id, officer_id=rina.id, product_code="KMK-T", amount=40_000_000,
        tenor_months=24, purpose=LoanPurpose.WORKING_CAPITAL, purpose_description="Tambah stok sembako",
        figures=FIGURES,
        collateral=(Collateral(CollateralType.BPKB, "Siti Aminah", "Honda Vario 2022", 18_000_000, 12_000_000),),
        five_c=FiveCScore(4, 4, 3, 3, 4, ("Dikenal baik", "", "", "", "")),
        slik=SlikCheck(date.today(), 1, (OtherFacility("BPR Sejahtera", 8_000_000, 1_100_000),)),
        recommendation="Layak dibiayai", conditions="Asuransi jiwa")  # fmt: skip
    return svc.create_application(uow, app, Actor("Rina Marlina", OfficerRole.AO, rina.id)).id


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))


def test_memo_figures_equal_the_domains(uow, app_id, tmp_path) -> None:
    out = tmp_path / "mak.pdf"
    pages = write_memo(uow, app_id, out)
    text = _text(out)
    a = svc.get_assessment(uow, app_id)
    r = a.ratios
    assert r.repayment_capacity == 4_200_000  # (10.1M - 3.0M - 1.1M SLIK) x 70%
    expected = [
        "Memorandum Analisa Kredit", "Siti Aminah", "Toko Kelontong Berkah", "KMK-T",
        format_rupiah(40_000_000), format_rupiah(a.application.installment),
        format_rupiah(r.monthly_income), format_rupiah(r.other_installments),
        format_rupiah(r.repayment_capacity), format_pct(r.dsr_pct, 2), format_pct(r.rpc_ratio_pct, 2),
        format_pct(r.gross_margin_pct, 2), format_pct(r.net_margin_pct, 2),
        "Neraca tidak seimbang: selisih Rp1.500.000", "Coverage: 30,00%", "Kol 1", "BPR Sejahtera",
        "3,65", "B — layak", "Tambah stok sembako", "Layak dibiayai", "Asuransi jiwa",
        "Diusulkan oleh", "Diputus oleh", "Rina Marlina", f"Halaman 1 dari {pages}",
        "Angsuran baru ÷ RPC", "Riwayat status", "Draft",
    ]
    for figure in expected:
        assert figure in text, figure
    assert format_rupiah(r.monthly_income) == "Rp10.100.000"
    assert a.score == Decimal("3.65")  # (100 + 120 + 45 + 60 + 40) / 100


def test_memo_of_an_unknown_application_is_refused(uow, tmp_path) -> None:
    with pytest.raises(NotFound):
        credit_memo_data(uow, 42)
    assert not (tmp_path / "x.pdf").exists()
