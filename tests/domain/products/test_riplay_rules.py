"""What a RIPLAY needs from a product and from the bank, judged before anything prints."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.product_rules import clean_product
from ao_desktop.domain.products.riplay import (
    RiplayIssuer,
    issuer_issues,
    riplay_issues,
)

LOAN = Product(code="K", name="Kredit", kind=ProductKind.LOAN, risks=("Bunga naik",),
               late_penalty="0,1% per hari", early_repayment="Boleh, 2%",
               other_costs=("Materai Rp10.000",))  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "required"),
    [
        (ProductKind.LOAN, {"risks", "late_penalty", "early_repayment", "other_costs"}),
        (ProductKind.DEPOSIT, {"risks", "early_withdrawal_penalty"}),
        (ProductKind.SAVINGS, {"risks", "other_costs"}),
        (ProductKind.OTHER, {"risks"}),
    ],
)
def test_what_each_kind_must_state(kind: ProductKind, required: set[str]) -> None:
    empty = Product(code="X", name="X", kind=kind, risks=("  ",))
    assert {issue.field for issue in riplay_issues(empty)} == required


def test_a_complete_loan_has_no_issue_and_loan_terms_stay_on_loans() -> None:
    assert riplay_issues(LOAN) == []
    deposit = Product(code="D", name="D", kind=ProductKind.DEPOSIT, risks=("r",),
                      early_withdrawal_penalty="0,5%", late_penalty="denda")  # fmt: skip
    assert {i.field for i in riplay_issues(deposit)} == {"late_penalty"}
    assert {i.field for i in riplay_issues(
        Product(code="L", name="L", kind=ProductKind.LOAN, risks=("r",), late_penalty="d",
                early_repayment="e", other_costs=("m",), early_withdrawal_penalty="p"))
    } == {"early_withdrawal_penalty"}  # fmt: skip


def test_clean_product_reports_them_to_the_admin_with_labels() -> None:
    _cleaned, issues = clean_product(Product(code="k", name="K", kind=ProductKind.SAVINGS))
    messages = {i.field: i.message for i in issues}
    assert "Risiko produk wajib diisi" in messages["risks"]
    assert "'Tidak ada'" in messages["other_costs"]


def test_issuer_needs_name_supervision_office_and_sane_values() -> None:
    # The complaint phone is printed when given; the office and OJK's contact are the
    # channels every RIPLAY names.
    assert {i.field for i in issuer_issues(RiplayIssuer(ojk_contact=""))} == {
        "full_name", "supervision", "complaint_branch", "ojk_contact"}
    good = RiplayIssuer("PT Bank", "diawasi OJK", "KCP Dago", "(022) 1")
    assert issuer_issues(good) == []
    assert {i.field for i in issuer_issues(RiplayIssuer(
        "PT Bank", "OJK", "KCP", "1", complaint_email="bukan email", valid_days=0))} == {
        "complaint_email", "valid_days"}  # fmt: skip
    assert good.valid_until(datetime(2026, 12, 4).date()) == date(2026, 12, 18)
