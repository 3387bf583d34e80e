"""The DSR of a credit application counts the client's running loans in the portfolio;
a disbursed application's own account does not count against it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import IncomeKind, LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.portfolio.account import AccountSource, LoanAccount
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.credit import applications as svc
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

PRODUCT = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
                  method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
                  min_amount=5_000_000, max_amount=200_000_000)


def test_dsr_includes_running_portfolio_instalments(uow: SqlUnitOfWork) -> None:
    now = datetime(2026, 12, 1)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina"))
        tx.products.add(PRODUCT, "t", now)
        siti = tx.clients.add(Client(full_name="Siti", officer_id=rina.id), "t", now)
    admin = Actor("admin", OfficerRole.ADMIN)
    # 10M salary; flat 12% 24 months on 24M: 1.24M a month
    app = svc.create_application(uow, CreditApplication(
        client_id=siti.id, officer_id=rina.id, product_code="KMK-T", amount=24_000_000, tenor_months=24,
        purpose=LoanPurpose.CONSUMPTION,
        figures=BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=10_000_000,
                                other_installments=500_000)), admin)
    assert svc.get_assessment(uow, app.id).ratios.dsr_pct == Decimal("17.40")
    with uow.write() as tx:
        tx.portfolio.add_account(LoanAccount("P-1", client_id=siti.id, installment=1_000_000,
                                             outstanding=9_000_000, source=AccountSource.MANUAL), "t", now)
        tx.portfolio.add_account(LoanAccount("P-2", client_id=siti.id, installment=800_000,
                                             outstanding=20_000_000, application_id=app.id,
                                             source=AccountSource.DISBURSED), "t", now)
    a = svc.get_assessment(uow, app.id)
    assert a.ratios.portfolio_installments == 1_000_000
    assert a.ratios.other_installments == 1_500_000
    assert a.ratios.dsr_pct == Decimal("27.40")  # (0.5M + 1M + 1.24M) / 10M
    assert [x.ratios.dsr_pct for x in svc.list_assessments(uow)] == [Decimal("27.40")]
