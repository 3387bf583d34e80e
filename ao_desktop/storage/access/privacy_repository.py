"""SQL of a portfolio's handover and of retention (domain/access/privacy.py): a few
set-based statements each, inside the caller's write transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.access.privacy import Handover, RetentionCandidate, anonymous_name
from ao_desktop.storage.models import (
    ActivityRow,
    ClientProblemRow,
    ClientRow,
    ClientStatusRow,
    CreditApplicationRow,
    LoanAccountRow,
)

ENDED = ("tidak_aktif", "ditolak")  # ClientStatus.INACTIVE, DECLINED
OPEN_APPLICATIONS = ("draft", "diajukan", "disetujui")  # not yet refused or disbursed
PLANNED = "rencana"  # ActivityStatus.PLANNED
OPEN_PROBLEMS = ("baru", "diproses", "dieskalasi")  # domain/problems/enums.py OPEN_STATUSES


class SqlPrivacyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _ids(self, stmt) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
        return tuple(self.session.scalars(stmt).all())

    def _portfolio(self, officer_id: int) -> dict[str, tuple[int, ...]]:
        """The ids of what a handover of `officer_id` moves: clients, loan accounts,
        planned activities, applications in progress and open problems."""
        return {
            "clients": self._ids(select(ClientRow.id).where(ClientRow.officer_id == officer_id)
                                 .order_by(ClientRow.id)),
            "loans": self._ids(select(LoanAccountRow.id).where(LoanAccountRow.officer_id == officer_id)
                               .order_by(LoanAccountRow.id)),
            "activities": self._ids(select(ActivityRow.id).where(ActivityRow.officer_id == officer_id,
                                                                 ActivityRow.status == PLANNED)
                                    .order_by(ActivityRow.id)),
            "applications": self._ids(select(CreditApplicationRow.id).where(
                CreditApplicationRow.officer_id == officer_id, CreditApplicationRow.status.in_(OPEN_APPLICATIONS))
                .order_by(CreditApplicationRow.id)),
            "problems": self._ids(select(ClientProblemRow.id).where(
                ClientProblemRow.officer_id == officer_id, ClientProblemRow.status.in_(OPEN_PROBLEMS))
                .order_by(ClientProblemRow.id)),
        }

    def handover_preview(self, officer_id: int) -> Handover:
        """What a handover of `officer_id` would move now (to nobody yet: to_officer_id 0)."""
        return Handover(officer_id, 0, **self._portfolio(officer_id))

    def hand_over(self, from_id: int, to_id: int, actor: str, now: datetime) -> Handover:
        """Every client, loan account and planned activity of `from_id` to `to_id`."""
        moving = self._portfolio(from_id)
        clients, loans, activities = moving["clients"], moving["loans"], moving["activities"]
        if clients:
            self.session.execute(update(ClientRow).where(ClientRow.officer_id == from_id).values(
                officer_id=to_id, version=ClientRow.version + 1, updated_at=now, updated_by=actor))
        if loans:
            self.session.execute(update(LoanAccountRow).where(LoanAccountRow.officer_id == from_id).values(
                officer_id=to_id, version=LoanAccountRow.version + 1, updated_at=now, updated_by=actor))
        if activities:
            self.session.execute(update(ActivityRow).where(ActivityRow.id.in_(activities)).values(
                officer_id=to_id, version=ActivityRow.version + 1))
        for table, ids in ((CreditApplicationRow, moving["applications"]), (ClientProblemRow, moving["problems"])):
            if ids:
                self.session.execute(update(table).where(table.id.in_(ids)).values(
                    officer_id=to_id, version=table.version + 1, updated_at=now, updated_by=actor))
        return Handover(from_id, to_id, **moving)

    def past_retention(self, ended_before: datetime) -> list[RetentionCandidate]:
        """Clients whose relationship ended before `ended_before`, with no open loan and
        no application in progress, not yet anonymised; oldest end first."""
        ended_at = (select(func.max(ClientStatusRow.changed_at))
                    .where(ClientStatusRow.client_id == ClientRow.id).scalar_subquery())
        open_loan = exists().where(and_(LoanAccountRow.client_id == ClientRow.id, LoanAccountRow.outstanding > 0))
        open_application = exists().where(and_(CreditApplicationRow.client_id == ClientRow.id,
                                               CreditApplicationRow.status.in_(OPEN_APPLICATIONS)))
        rows = self.session.execute(
            select(ClientRow.id, ClientRow.full_name, ClientRow.status, ended_at.label("ended_at"),
                   ClientRow.officer_id)
            .where(ClientRow.status.in_(ENDED), ended_at < ended_before, ~open_loan, ~open_application,
                   ~ClientRow.full_name.startswith("Nasabah dianonimkan #"))
            .order_by("ended_at", ClientRow.id)
        ).all()
        return [RetentionCandidate(r.id, r.full_name, r.status, r.ended_at, r.officer_id) for r in rows]

    def is_past_retention(self, client_id: int, ended_before: datetime) -> bool:
        return any(c.client_id == client_id for c in self.past_retention(ended_before))

    def anonymise(self, client_id: int, actor: str, now: datetime) -> list[str]:
        """Blank the client's name, NIK, phones and address (and the copies a loan account
        keeps); the fields blanked. Figures (income, loans, activities) stay."""
        name = anonymous_name(client_id)
        blank = {"full_name": name, "name_key": name.lower(), "business_name": "", "nik": "", "nib": "",
                 "npwp": "", "birth_date": None, "mobile": "", "landline": "", "street": "", "kelurahan": "",
                 "kecamatan": "", "postal_code": "", "notes": "", "refusal_reason": ""}
        self.session.execute(update(ClientRow).where(ClientRow.id == client_id).values(
            **blank, version=ClientRow.version + 1, updated_at=now, updated_by=actor))
        self.session.execute(update(LoanAccountRow).where(LoanAccountRow.client_id == client_id).values(
            borrower_name=name, nik=""))
        return sorted(k for k in blank if k != "name_key")
