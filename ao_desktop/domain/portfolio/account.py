"""A loan account (rekening pinjaman) and its position on an extract's as-of date.

The account holds what does not change month to month (number, client, product, plafond,
disbursement, tenor, rate, instalment, officer) and its latest position; each extract
keeps its own position of every account it lists, so history exists month by month.
Money is whole rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _


class AccountSource(StrEnum):
    EXTRACT = "ekstrak"  # created by a core-banking extract
    MANUAL = "manual"  # entered by hand
    DISBURSED = "pencairan"  # from a disbursed credit application


@dataclass(frozen=True)
class LoanAccount:
    account_no: str
    client_id: int | None = None  # None: matches no client (unmatched)
    nik: str = ""
    cif: str = ""
    borrower_name: str = ""
    product: str = ""
    plafond: int = 0
    disbursed_on: date | None = None
    tenor_months: int = 0
    rate_pct: Decimal | None = None
    installment: int = 0
    outstanding: int = 0
    arrears_principal: int = 0
    arrears_interest: int = 0
    penalty: int = 0
    days_past_due: int = 0
    collectibility: int = 1
    next_due: date | None = None
    last_payment: date | None = None
    officer_id: int | None = None  # None: unassigned (Kode AO matched no officer)
    officer_code: str = ""
    extract_id: int | None = None  # the newest extract listing it; None: entered by hand
    source: AccountSource = AccountSource.MANUAL
    application_id: int | None = None
    id: int | None = None
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def arrears(self) -> int:
        return self.arrears_principal + self.arrears_interest


@dataclass(frozen=True)
class AccountListItem:
    """One line of a list of accounts, with the client's and officer's names."""

    account: LoanAccount
    client_name: str
    officer_name: str
    as_of: date | None  # the position's date (the extract's), None when entered by hand


@dataclass(frozen=True)
class PositionEntry:
    """An account's position on one extract (its history)."""

    as_of: date
    outstanding: int
    arrears_principal: int
    arrears_interest: int
    days_past_due: int
    collectibility: int
    officer_name: str


@dataclass(frozen=True)
class Extract:
    as_of: date
    file_name: str
    accounts: int
    outstanding: int
    imported_at: datetime
    imported_by: str
    id: int | None = None


def account_issues(account: LoanAccount) -> list[FieldIssue]:
    """What stops a hand-entered account from being saved."""
    issues: list[FieldIssue] = []
    if not account.account_no.strip():
        issues.append(FieldIssue("account_no", _("Isi nomor rekening.")))
    for name, value in (("plafond", account.plafond), ("outstanding", account.outstanding),
                        ("installment", account.installment), ("arrears_principal", account.arrears_principal),
                        ("arrears_interest", account.arrears_interest)):
        if value < 0:
            issues.append(FieldIssue(name, _("Nominal tidak boleh negatif.")))
    if account.days_past_due < 0:
        issues.append(FieldIssue("days_past_due", _("Hari tunggakan tidak boleh negatif.")))
    if account.plafond and account.outstanding > account.plafond:
        issues.append(FieldIssue("outstanding", _("Baki debet melebihi plafond."), False))
    return issues
