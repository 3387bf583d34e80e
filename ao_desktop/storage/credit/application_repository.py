"""SqlCreditApplicationRepository: applications, their status history and the list
behind the Applications view, the client panel and `ao-desktop applications`.

Writes are version-checked UPDATEs (`WHERE id = ? AND version = ?`) as for clients and
activities; every write leaves an audit row.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.credit.application import EDITABLE_FIELDS, CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.credit.history import ApplicationListItem, StatusEntry
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.credit.application_mapping import application_values, row_to_application
from ao_desktop.storage.models import ClientRow, CreditApplicationRow, CreditStatusRow

_EMPTY = (None, "", (), [])  # a new record's unset fields: left out of its audit entry

A = CreditApplicationRow.__table__
H = CreditStatusRow.__table__
C = ClientRow.__table__


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


class SqlCreditApplicationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, application_id: int) -> CreditApplication | None:
        row = self.session.execute(select(A).where(A.c.id == application_id)).first()
        return row_to_application(row) if row else None

    def _audit(self, row_id: int, action: str, actor: str, now: datetime, details: dict[str, Any]) -> None:
        client_id = self.session.scalar(select(CreditApplicationRow.client_id)
                                        .where(CreditApplicationRow.id == row_id))
        audit_entry(self.session, "credit_applications", row_id, action, actor, now, details, client_id)

    def _history(self, application_id: int, status: ApplicationStatus, actor: str, now: datetime,
                 note: str) -> None:
        self.session.execute(insert(H).values(application_id=application_id, status=status.value,
                                              changed_at=now, changed_by=actor, note=note))

    def add(self, app: CreditApplication, actor: str, now: datetime) -> CreditApplication:
        new_id = self.session.execute(insert(A).values(
            **application_values(app), version=1, created_at=now, updated_at=now,
            updated_by=actor)).inserted_primary_key[0]
        self._history(new_id, app.status, actor, now, "")
        self._audit(new_id, "create", actor, now, {
            **{f: [None, _jsonable(getattr(app, f))] for f in EDITABLE_FIELDS if getattr(app, f) not in _EMPTY},
            "client_id": app.client_id, "product_code": app.product_code, "amount": app.amount})
        return replace(app, id=new_id, version=1, created_at=now, updated_at=now, updated_by=actor)

    def _versioned(self, app_id: int, version: int, values: dict[str, Any], actor: str,
                   now: datetime) -> bool:
        result = self.session.execute(
            update(A).where(A.c.id == app_id, A.c.version == version)
            .values(**values, version=A.c.version + 1, updated_at=now, updated_by=actor))
        return result.rowcount == 1

    def update(self, app: CreditApplication, actor: str, now: datetime) -> CreditApplication | None:
        """Save if the stored version still equals `app.version`; None when not. The
        status is not changed here: that is `set_status`, with its history."""
        assert app.id is not None
        before = self.get(app.id)
        if before is None or before.version != app.version:
            return None
        values = application_values(app)
        for kept in ("status", "rejection_reason", "disbursed_on", "client_id", "officer_id"):
            values.pop(kept)
        if not self._versioned(app.id, app.version, values, actor, now):
            return None
        changed = {f: [_jsonable(getattr(before, f)), _jsonable(getattr(app, f))]
                   for f in EDITABLE_FIELDS if getattr(before, f) != getattr(app, f)}
        self._audit(app.id, "update", actor, now, changed)
        return self.get(app.id)

    def set_status(self, app: CreditApplication, status: ApplicationStatus, reason: str,
                   on: date | None, actor: str, now: datetime) -> CreditApplication | None:
        assert app.id is not None
        values = {"status": status.value, "rejection_reason": reason, "disbursed_on": on}
        if not self._versioned(app.id, app.version, values, actor, now):
            return None
        note = reason or (on.isoformat() if on else "")
        self._history(app.id, status, actor, now, note)
        self._audit(app.id, "status", actor, now, {"status": [app.status.value, status.value],
                                                   "note": note})
        return self.get(app.id)

    def history(self, application_id: int) -> list[StatusEntry]:
        rows = self.session.execute(select(H).where(H.c.application_id == application_id)
                                    .order_by(H.c.changed_at, H.c.id)).all()
        return [StatusEntry(ApplicationStatus(r.status), r.changed_at, r.changed_by, r.note) for r in rows]

    def last_change(self, application_id: int) -> tuple[str, datetime] | None:
        r = self.session.execute(select(A.c.updated_by, A.c.updated_at).where(A.c.id == application_id)).first()
        return (r.updated_by, r.updated_at) if r else None

    def list(self, officer_id: int | None = None, status: ApplicationStatus | None = None,
             client_id: int | None = None, limit: int = 5000) -> list[ApplicationListItem]:
        """Newest first, whole applications with the client's display name."""
        q = select(A, C.c.full_name.label("client_name")).select_from(
            A.join(C, A.c.client_id == C.c.id))
        if officer_id is not None:
            q = q.where(A.c.officer_id == officer_id)
        if status is not None:
            q = q.where(A.c.status == status.value)
        if client_id is not None:
            q = q.where(A.c.client_id == client_id)
        rows = self.session.execute(q.order_by(A.c.updated_at.desc(), A.c.id.desc()).limit(limit)).all()
        return [ApplicationListItem(row_to_application(r), r.client_name) for r in rows]

    def status_counts(self, officer_id: int | None = None) -> dict[ApplicationStatus, int]:
        q = select(A.c.status, func.count()).group_by(A.c.status)
        if officer_id is not None:
            q = q.where(A.c.officer_id == officer_id)
        counts = dict.fromkeys(ApplicationStatus, 0)
        for status, n in self.session.execute(q).all():
            counts[ApplicationStatus(status)] = n
        return counts
