"""Accounts entered by hand and from a disbursed application; the next extract with the
same number takes them over instead of doubling them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus, LoanPurpose
from ao_desktop.domain.credit.status_flow import StatusChange
from ao_desktop.domain.portfolio.account import AccountSource, LoanAccount
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.credit import applications as credit
from ao_desktop.services.portfolio.accounts import (
    account_from_application,
    add_account,
    disbursed_without_account,
)
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_extract

NIK = "3201014101900001"
ADMIN = Actor("admin", OfficerRole.ADMIN)
PRODUCT = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
                  method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
                  min_amount=5_000_000, max_amount=200_000_000)


@pytest.fixture
def siti(uow: SqlUnitOfWork) -> Client:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina"))
        tx.products.add(PRODUCT, "t", datetime(2026, 12, 1))
        return tx.clients.add(Client(full_name="Siti", nik=NIK, officer_id=rina.id), "t", datetime(2026, 12, 1))


def test_hand_entered_account_is_refused_twice_and_taken_over_by_the_extract(uow, siti, tmp_path: Path) -> None:
    saved = add_account(uow, LoanAccount("77-1", client_id=siti.id, plafond=20_000_000, outstanding=15_000_000,
                                         installment=900_000, days_past_due=95), ADMIN)
    assert saved.collectibility == 3 and saved.nik == NIK and saved.officer_id == siti.officer_id
    with pytest.raises(ValidationFailed):
        add_account(uow, LoanAccount("77-1", client_id=siti.id), ADMIN)
    with pytest.raises(ValidationFailed):
        add_account(uow, LoanAccount("77-2", client_id=siti.id, outstanding=-1), ADMIN)
    with uow.read() as tx:
        assert tx.portfolio.active_installments(siti.id) == 900_000
    path = write_extract(tmp_path / "os.xlsx", [account("77-1", nik=NIK, os=14_000_000, installment=900_000)])
    commit_extract(uow, preview_extract(uow, path, date(2026, 11, 30), today=date(2026, 12, 4)), ADMIN,
                   today=date(2026, 12, 4))
    with uow.read() as tx:
        item = tx.portfolio.account_by_number("77-1")
        assert item.account.outstanding == 14_000_000 and item.account.extract_id is not None
        assert item.account.source is AccountSource.MANUAL
        assert len(tx.portfolio.positions(item.account.id)) == 1


def test_a_disbursed_application_becomes_an_account(uow, siti) -> None:
    app = credit.create_application(uow, CreditApplication(
        client_id=siti.id, officer_id=siti.officer_id, product_code="KMK-T", amount=24_000_000, tenor_months=24,
        purpose=LoanPurpose.WORKING_CAPITAL), ADMIN)
    with pytest.raises(ValidationFailed):
        account_from_application(uow, app.id, "88-1", ADMIN)  # still a draft
    for step in (StatusChange(ApplicationStatus.SUBMITTED), StatusChange(ApplicationStatus.APPROVED),
                 StatusChange(ApplicationStatus.DISBURSED, on=date(2026, 12, 1))):
        app = credit.change_status(uow, app.id, app.version, step, ADMIN, today=date(2026, 12, 2))
    assert [a for a, _n, _m in disbursed_without_account(uow)] == [app.id]
    acc = account_from_application(uow, app.id, "88-1", ADMIN)
    assert (acc.plafond, acc.outstanding, acc.installment, acc.rate_pct) == (24_000_000, 24_000_000, 1_240_000,
                                                                              Decimal(12))
    assert acc.source is AccountSource.DISBURSED and acc.disbursed_on == date(2026, 12, 1)
    assert disbursed_without_account(uow) == []
    # the application's own account does not count against its DSR
    assert credit.get_assessment(uow, app.id).ratios.portfolio_installments == 0
