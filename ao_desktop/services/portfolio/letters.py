"""Warning letters: issuing SP1, SP2 or SP3 on an account (numbered per branch and year,
the deadline counted in working days on the branch's holiday calendar), recorded on the
account's history, and written as a PDF on the bank's letterhead.

Any level may be issued when the bank's policy allows: a level issued before the
previous letter's deadline, or without it, comes back as warnings, never as a refusal.
An account without arrears gets no letter.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from ao_desktop.domain.calendar.working_days import add_working_days
from ao_desktop.domain.clients.enums import ClientKind, Sex
from ao_desktop.domain.common.errors import FieldIssue, NotFound, PermissionDenied, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.common.phone import PhoneError, normalize_phone
from ao_desktop.domain.portfolio.account import AccountListItem
from ao_desktop.domain.portfolio.letters import (
    LEVELS,
    WarningLetter,
    branch_code,
    letter_number,
    order_warnings,
)
from ao_desktop.services.calendar.holiday_calendar import working_calendar
from ao_desktop.services.portfolio.portfolio_settings import read_settings
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.product_sheets import sheet_header


@dataclass(frozen=True)
class IssuedLetter:
    letter: WarningLetter
    warnings: list[str]
    pages: int


def _account(uow: UnitOfWork, account_no: str) -> AccountListItem:
    with uow.read() as tx:
        item = tx.portfolio.account_by_number(account_no)
    if item is None:
        raise NotFound(_("Rekening {a} tidak ditemukan di portofolio.").format(a=account_no.strip()))
    return item


def letter_warnings(uow: UnitOfWork, account_no: str, level: int, today: date | None = None) -> list[str]:
    """What the app warns about before issuing `level` (shown, then the user decides)."""
    item = _account(uow, account_no)
    assert item.account.id is not None
    with uow.read() as tx:
        issued = tx.letters.for_account(item.account.id)
    return order_warnings(level, issued, today or date.today())


def account_letters(uow: UnitOfWork, account_id: int) -> list[WarningLetter]:
    with uow.read() as tx:
        return tx.letters.for_account(account_id)


def _letter_data(uow: UnitOfWork, item: AccountListItem, letter: WarningLetter, deadline_days: int,
                 actor: Actor):  # type: ignore[no-untyped-def]
    from ao_desktop.documents.portfolio.warning_letter import WarningLetterData

    a = item.account
    with uow.read() as tx:
        client = tx.clients.get(a.client_id) if a.client_id else None
    header = sheet_header(uow, a.officer_id or actor.officer_id)
    salutation = _("Bapak/Ibu")
    if client is not None and client.kind is not ClientKind.BUSINESS:
        salutation = {Sex.MALE: _("Bapak"), Sex.FEMALE: _("Ibu")}.get(client.sex, salutation)  # type: ignore[arg-type]
    phone = header.officer_phone
    with suppress(PhoneError):
        phone = normalize_phone(phone).display if phone else ""
    return WarningLetterData(
        header=header, letter=letter, account_no=a.account_no, product=a.product, plafond=a.plafond,
        outstanding=a.outstanding, borrower_name=client.full_name if client else item.client_name,
        salutation=salutation, address=client.address.one_line() if client else "",
        as_of=item.as_of, deadline_days=deadline_days, officer_phone=phone,
        printed_at=datetime.now().replace(microsecond=0))


def issue_letter(uow: UnitOfWork, account_no: str, level: int, actor: Actor, out: Path | BinaryIO,
                 today: date | None = None) -> IssuedLetter:
    """Record the letter on the account and write its PDF to `out`; one transaction, and
    the PDF is built before anything is saved (a failed PDF records nothing)."""
    from ao_desktop.documents.pdf.pdf_document import deliver
    from ao_desktop.documents.portfolio.warning_letter import write_warning_letter

    if level not in LEVELS:
        raise ValidationFailed([FieldIssue("level", _("Tingkat surat peringatan harus 1, 2 atau 3."))])
    today = today or date.today()
    item = _account(uow, account_no)
    a = item.account
    assert a.id is not None
    if (actor.role is OfficerRole.AO and actor.officer_id is not None and a.officer_id is not None
            and a.officer_id != actor.officer_id):
        raise PermissionDenied(_("AO hanya dapat menerbitkan surat untuk rekening portofolionya sendiri."))
    if a.arrears + a.penalty <= 0:
        raise ValidationFailed([FieldIssue("account", _(
            "Rekening {a} tidak mempunyai tunggakan pada posisi terakhir; surat peringatan tidak "
            "diterbitkan.").format(a=a.account_no))])
    calendar = working_calendar(uow, today)
    with uow.read() as tx:
        settings = read_settings(tx)
        bank_branch = tx.settings.get("bank.branch", "")
    code = branch_code(bank_branch, settings.branch_code)
    deadline = add_working_days(today, settings.deadline_days, calendar)
    draft = WarningLetter(
        account_id=a.id, level=level, number="", sequence=0, branch_code=code, year=today.year,
        issued_on=today, deadline=deadline, arrears_principal=a.arrears_principal,
        arrears_interest=a.arrears_interest, penalty=a.penalty, days_past_due=a.days_past_due,
        issued_by=actor.name)
    data = _letter_data(uow, item, draft, settings.deadline_days, actor)
    with uow.write() as tx:
        issued = tx.letters.for_account(a.id)
        warnings = order_warnings(level, issued, today)
        sequence = tx.letters.next_sequence(code, today.year)
        letter = replace(draft, number=letter_number(sequence, level, code, today), sequence=sequence)
        buffer = BytesIO()
        pages = write_warning_letter(replace(data, letter=letter), buffer)
        saved = tx.letters.add(letter, datetime.now().replace(microsecond=0))
        deliver(buffer.getvalue(), out)
    return IssuedLetter(saved, warnings, pages)


def reprint_letter(uow: UnitOfWork, letter_id: int, actor: Actor, out: Path | BinaryIO) -> int:
    """The PDF of a letter already issued (same number, date and figures)."""
    from ao_desktop.documents.portfolio.warning_letter import write_warning_letter

    with uow.read() as tx:
        letter = tx.letters.get(letter_id)
        item = tx.portfolio.account(letter.account_id) if letter else None
        settings = read_settings(tx)
    if letter is None or item is None:
        raise NotFound(_("Surat peringatan dengan id {i} tidak ditemukan.").format(i=letter_id))
    return write_warning_letter(_letter_data(uow, item, letter, settings.deadline_days, actor), out)
