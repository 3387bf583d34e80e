"""SqlWarningLetterRepository: warning letters by account, and the next number of a
branch's year (taken under the write lock, so two PCs never print the same number)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ao_desktop.domain.portfolio.letters import WarningLetter
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.models import WarningLetterRow

W = WarningLetterRow.__table__


def _letter(r: Any) -> WarningLetter:
    return WarningLetter(
        account_id=r.account_id, level=r.level, number=r.number, sequence=r.sequence,
        branch_code=r.branch_code, year=r.year, issued_on=r.issued_on, deadline=r.deadline,
        arrears_principal=r.arrears_principal, arrears_interest=r.arrears_interest, penalty=r.penalty,
        days_past_due=r.days_past_due, issued_by=r.issued_by, id=r.id, created_at=r.created_at)


class SqlWarningLetterRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_account(self, account_id: int) -> list[WarningLetter]:
        rows = self.session.execute(select(W).where(W.c.account_id == account_id)
                                    .order_by(W.c.issued_on, W.c.id)).all()
        return [_letter(r) for r in rows]

    def get(self, letter_id: int) -> WarningLetter | None:
        row = self.session.execute(select(W).where(W.c.id == letter_id)).first()
        return _letter(row) if row else None

    def next_sequence(self, branch_code: str, year: int) -> int:
        top = self.session.execute(select(func.max(W.c.sequence)).where(
            W.c.branch_code == branch_code, W.c.year == year)).scalar()
        return int(top or 0) + 1

    def add(self, letter: WarningLetter, now: datetime) -> WarningLetter:
        values = {k: getattr(letter, k) for k in (
            "account_id", "level", "number", "sequence", "branch_code", "year", "issued_on", "deadline",
            "arrears_principal", "arrears_interest", "penalty", "days_past_due", "issued_by")}
        new_id = self.session.execute(insert(W).values(**values, created_at=now)).inserted_primary_key[0]
        audit_entry(self.session, "loan_accounts", letter.account_id, "warning_letter", letter.issued_by,
                    now, {"level": letter.level, "number": letter.number, "total": letter.total})
        return replace(letter, id=new_id, created_at=now)
