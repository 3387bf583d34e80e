"""5C, collateral coverage, SLIK, the document checklist, the request against the
product, and the status flow with its refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.credit.application import (
    CreditApplication,
    check_application,
    request_issues,
)
from ao_desktop.domain.credit.checklist import DocumentItem, checklist_for, mark, missing
from ao_desktop.domain.credit.collateral import Collateral, collateral_issues, coverage_pct
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.enums import CollateralType, LoanPurpose
from ao_desktop.domain.credit.five_c import (
    FiveCScore,
    FiveCWeights,
    grade,
    weight_issues,
    weighted_total,
)
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck, slik_issues
from ao_desktop.domain.credit.status_flow import (
    CLIENT_STATUS_AFTER,
    StatusChange,
    check_move,
    client_status_after,
)
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind

TODAY = date(2026, 12, 7)
KMK = Product(code="KMK", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
              method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
              min_amount=5_000_000, max_amount=200_000_000, required_documents=("KTP", "KK", "NIB"))


@pytest.mark.parametrize(
    ("scores", "weights", "total", "grade_"),
    [
        ((4, 4, 3, 5, 3), FiveCWeights(), "3.95", "B"),  # 100+120+45+100+30
        ((5, 5, 5, 5, 5), FiveCWeights(), "5.00", "A"),
        ((4, 4, 4, 4, 4), FiveCWeights(), "4.00", "A"),
        ((3, 3, 3, 3, 3), FiveCWeights(), "3.00", "C"),
        ((2, 3, 3, 3, 3), FiveCWeights(), "2.75", "D"),
        ((1, 5, 1, 1, 1), FiveCWeights(0, 100, 0, 0, 0), "5.00", "A"),
    ],
)
def test_weighted_five_c_and_grade(scores, weights, total, grade_) -> None:
    t = weighted_total(FiveCScore(*scores), weights)
    assert t == Decimal(total)
    assert grade(t) == grade_


def test_five_c_not_complete_has_no_total() -> None:
    assert weighted_total(FiveCScore(4, 4, 0, 0, 0), FiveCWeights()) is None
    assert grade(None) == ""


@pytest.mark.parametrize("bad", [0 - 1, 6, 9])
def test_score_outside_one_to_five_is_refused(bad: int) -> None:
    with pytest.raises(ValidationFailed, match="1 sampai 5"):
        weighted_total(FiveCScore(4, bad, 3, 3, 3), FiveCWeights())


def test_weights_must_add_up_to_100() -> None:
    assert "100%" in weight_issues(FiveCWeights(25, 30, 15, 20, 20))[0].message
    assert weight_issues(FiveCWeights()) == []


def test_coverage_is_liquidation_value_over_amount() -> None:
    items = (Collateral(CollateralType.SHM, "Budi", "Tanah 120 m2", 150_000_000, 105_000_000),
             Collateral(CollateralType.BPKB, "Budi", "Honda Beat 2021", 15_000_000, 9_000_000))
    assert coverage_pct(items, 80_000_000) == Decimal("142.50")  # 114M / 80M
    assert coverage_pct((), 80_000_000) == Decimal("0.00")
    assert coverage_pct(items, 0) is None


def test_liquidation_above_market_value_is_refused() -> None:
    items = (Collateral(CollateralType.SHGB, "Sari", "Ruko", 100, 200),)
    assert [i.field for i in collateral_issues(items)] == ["collateral[1].liquidation_value"]


def test_slik_feeds_instalments_and_checks_its_values() -> None:
    slik = SlikCheck(TODAY, 2, (OtherFacility("BPR X", 10_000_000, 800_000, 2),
                                OtherFacility("Leasing Y", 5_000_000, 600_000)))
    assert slik.installments == 1_400_000
    assert slik_issues(slik, TODAY) == []
    assert [i.field for i in slik_issues(SlikCheck(date(2026, 12, 8), 6), TODAY)] == [
        "slik_checked_on", "slik_worst"]


def test_checklist_follows_the_product_and_keeps_what_was_ticked() -> None:
    items = checklist_for(KMK.required_documents)
    assert missing(items) == ("KTP", "KK", "NIB")
    items = mark(items, "KK", TODAY)
    items = checklist_for(("KTP", "KK", "NPWP"), items + (DocumentItem("Foto usaha", TODAY),))
    # NIB left the catalog's list but stays: the AO may already have asked for it.
    assert [d.name for d in items] == ["KTP", "KK", "NPWP", "NIB", "Foto usaha"]
    assert missing(items) == ("KTP", "NPWP", "NIB")


def _app(**fields: object) -> CreditApplication:
    base: dict[str, object] = dict(client_id=1, officer_id=1, product_code="KMK", amount=50_000_000,
                                   tenor_months=24, purpose=LoanPurpose.WORKING_CAPITAL)
    base.update(fields)
    return CreditApplication(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"amount": 4_999_999}, ["amount"]),
        ({"amount": 200_000_001}, ["amount"]),
        ({"tenor_months": 5}, ["tenor_months"]),
        ({"tenor_months": 37, "amount": 1}, ["amount", "tenor_months"]),
        ({}, []),
    ],
)
def test_amount_and_tenor_must_fit_the_product(fields, bad) -> None:
    assert [i.field for i in request_issues(_app(**fields), KMK)] == bad


def test_checked_application_takes_its_instalment_from_the_simulator() -> None:
    # flat 12% p.a.: 50M / 24 + 50M x 1% = 2,083,333 + 500,000
    app = check_application(_app(purpose_description="  stok sembako "), KMK, TODAY)
    assert app.installment == 2_583_333
    assert app.purpose_description == "stok sembako"


def test_a_deposit_product_is_refused() -> None:
    dep = Product(code="DEP-3", name="Deposito", kind=ProductKind.DEPOSIT)
    with pytest.raises(ValidationFailed, match="bukan produk kredit"):
        check_application(_app(), dep, TODAY)


@pytest.mark.parametrize(
    ("current", "change"),
    [
        (S.DRAFT, StatusChange(S.SUBMITTED)),
        (S.SUBMITTED, StatusChange(S.APPROVED)),
        (S.SUBMITTED, StatusChange(S.DRAFT)),
        (S.SUBMITTED, StatusChange(S.REJECTED, "DSR terlalu tinggi")),
        (S.APPROVED, StatusChange(S.DISBURSED, on=TODAY)),
    ],
)
def test_allowed_moves(current: S, change: StatusChange) -> None:
    assert check_move(current, change, TODAY).to is change.to


@pytest.mark.parametrize(
    ("current", "change", "message"),
    [
        (S.DRAFT, StatusChange(S.DISBURSED, on=TODAY), "disetujui yang dapat dicairkan"),
        (S.SUBMITTED, StatusChange(S.DISBURSED, on=TODAY), "disetujui yang dapat dicairkan"),
        (S.DRAFT, StatusChange(S.APPROVED), "Draft ke Disetujui"),
        (S.REJECTED, StatusChange(S.SUBMITTED), "Ditolak ke Diajukan"),
        (S.DISBURSED, StatusChange(S.REJECTED, "x"), "Dicairkan ke Ditolak"),
        (S.SUBMITTED, StatusChange(S.REJECTED, "  "), "alasan penolakan"),
        (S.APPROVED, StatusChange(S.DISBURSED), "tanggal pencairan"),
        (S.APPROVED, StatusChange(S.DISBURSED, on=date(2026, 12, 8)), "masa depan"),
    ],
)
def test_refused_moves_say_why(current: S, change: StatusChange, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        check_move(current, change, TODAY)


def test_moves_drive_the_client_pipeline() -> None:
    assert CLIENT_STATUS_AFTER[S.SUBMITTED] is ClientStatus.APPLICATION
    assert CLIENT_STATUS_AFTER[S.DISBURSED] is ClientStatus.ACTIVE
    assert CLIENT_STATUS_AFTER[S.REJECTED] is ClientStatus.DECLINED
    assert CLIENT_STATUS_AFTER[S.DRAFT] is None


@pytest.mark.parametrize(
    ("client", "moved_to", "after"),
    [
        (ClientStatus.PROSPECT, S.SUBMITTED, ClientStatus.APPLICATION),
        (ClientStatus.APPLICATION, S.APPROVED, None),
        (ClientStatus.APPLICATION, S.DISBURSED, ClientStatus.ACTIVE),
        (ClientStatus.APPLICATION, S.REJECTED, ClientStatus.DECLINED),
        (ClientStatus.ACTIVE, S.SUBMITTED, None),  # a second loan of an active client
        (ClientStatus.ACTIVE, S.REJECTED, None),
        (ClientStatus.DECLINED, S.SUBMITTED, ClientStatus.APPLICATION),  # tries again
        (ClientStatus.PROSPECT, S.DRAFT, None),
    ],
)
def test_client_pipeline_never_moves_back(client, moved_to, after) -> None:
    assert client_status_after(client, moved_to) is after
