"""Loan accounts entered by hand and accounts of disbursed credit applications, before
the core-banking extract lists them. The next extract with the same account number
updates the account (its history starts there); until then the account counts in the
client's DSR and shows in their loans, but not in the extract-based figures (NPL is the
bank's book of record, the extract)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.common.errors import FieldIssue, NotFound, PermissionDenied, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.portfolio.account import AccountSource, LoanAccount, account_issues
from ao_desktop.domain.products.product import Product
from ao_desktop.services.portfolio.portfolio_settings import read_settings
from ao_desktop.services.ports import Transaction, UnitOfWork


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _save(tx: Transaction, account: LoanAccount, actor: Actor) -> LoanAccount:
    errors = [i for i in account_issues(account) if i.is_error]
    if errors:
        raise ValidationFailed(errors)
    number = account.account_no.strip()
    if tx.portfolio.account_by_number(number) is not None:
        raise ValidationFailed([FieldIssue("account_no", _("Rekening {a} sudah ada di portofolio.").format(a=number))])
    if account.client_id is not None and tx.clients.get(account.client_id) is None:
        raise ValidationFailed([FieldIssue("client_id", _("Nasabah dengan id {i} tidak ditemukan.")
                                           .format(i=account.client_id))])
    if account.officer_id is not None and tx.officers.get(account.officer_id) is None:
        raise ValidationFailed([FieldIssue("officer_id", _("AO dengan id {i} tidak ditemukan.")
                                           .format(i=account.officer_id))])
    if (actor.role is OfficerRole.AO and actor.officer_id is not None and account.officer_id is not None
            and account.officer_id != actor.officer_id):
        raise PermissionDenied(_("AO hanya dapat mencatat rekening portofolionya sendiri."))
    account = replace(account, account_no=number,
                      collectibility=read_settings(tx).policy.level(account.days_past_due), extract_id=None)
    new_id = tx.portfolio.add_account(account, actor.name, _now())
    return replace(account, id=new_id, version=1)


def add_account(uow: UnitOfWork, account: LoanAccount, actor: Actor) -> LoanAccount:
    """A loan entered by hand (source manual)."""
    with uow.write() as tx:
        client = tx.clients.get(account.client_id) if account.client_id else None
        if client is not None:
            account = replace(account, nik=account.nik or client.nik,
                              borrower_name=account.borrower_name or client.full_name,
                              officer_id=account.officer_id or client.officer_id)
        return _save(tx, replace(account, source=AccountSource.MANUAL), actor)


def account_from_application(uow: UnitOfWork, application_id: int, account_no: str, actor: Actor) -> LoanAccount:
    """The loan account of a disbursed application: plafond, tenor, instalment and rate
    from the application and its product; outstanding the whole plafond."""
    with uow.write() as tx:
        app = tx.applications.get(application_id)
        if app is None:
            raise NotFound(_("Pengajuan dengan id {id} tidak ditemukan.").format(id=application_id))
        if app.status is not ApplicationStatus.DISBURSED:
            raise ValidationFailed([FieldIssue("status", _("Hanya pengajuan yang sudah dicairkan yang "
                                                           "menjadi rekening pinjaman."))])
        client = tx.clients.get(app.client_id)
        product: Product | None = tx.products.get_by_code(app.product_code)
        account = LoanAccount(
            account_no=account_no, client_id=app.client_id, nik=client.nik if client else "",
            borrower_name=client.full_name if client else "", product=app.product_code, plafond=app.amount,
            disbursed_on=app.disbursed_on, tenor_months=app.tenor_months,
            rate_pct=product.rate_pa if product else None, installment=app.installment, outstanding=app.amount,
            officer_id=app.officer_id, source=AccountSource.DISBURSED, application_id=app.id)
        return _save(tx, account, actor)


def disbursed_without_account(uow: UnitOfWork, actor: Actor | None = None) -> list[tuple[int, str, int]]:
    """(application id, client name, amount) of disbursed applications with no account yet."""
    from ao_desktop.services.credit.applications import list_assessments

    items = list_assessments(uow, status=ApplicationStatus.DISBURSED, actor=actor)
    with uow.read() as tx:
        linked = tx.portfolio.application_ids()
    return [(a.application.id, a.client_name, a.application.amount) for a in items
            if a.application.id is not None and a.application.id not in linked]
