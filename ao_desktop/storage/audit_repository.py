"""SqlAuditRepository: the audit trail, appended to and searched.

Every repository that changes a row writes its entry through `audit_entry`, which adds the
signed-in officer's id the unit of work put on the session (`session.info`), so the viewer
can filter by officer without each service passing it down. The table is append-only: the
triggers of migration 0010 refuse UPDATE and DELETE for everyone, the app included.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from ao_desktop.domain.access.audit import AuditEntry, AuditQuery
from ao_desktop.storage.models import AuditRow

OFFICER_KEY = "officer_id"  # session.info key: who is signed in on this unit of work


def acting_officer(session: Session) -> int | None:
    value = session.info.get(OFFICER_KEY)
    return value if isinstance(value, int) else None


def audit_entry(session: Session, table: str, row_id: int, action: str, actor: str, now: datetime,
                details: dict[str, Any], client_id: int | None = None) -> None:
    """Append one entry; `details` as JSON ({field: [before, after]} for an edit)."""
    values: dict[str, Any] = {
        "table_name": table, "row_id": row_id, "action": action, "actor": actor, "at": now,
        "details": json.dumps(details, ensure_ascii=False, default=str)}
    # Entries about a client row name it by (table_name, row_id), which the searches read
    # too; the two columns are set only when known, so the statement stays the one an
    # older schema (before 0010) also takes while it is being migrated or checked.
    if (officer_id := acting_officer(session)) is not None:
        values["officer_id"] = officer_id
    if client_id is not None and table != "clients":
        values["client_id"] = client_id
    session.execute(insert(AuditRow).values(**values))


def _to_entry(row: AuditRow) -> AuditEntry:
    try:
        details = json.loads(row.details) if row.details else {}
    except ValueError:
        details = {"text": row.details}
    # An entry about a client row names the client by its row id (see audit_entry).
    client_id = row.row_id if row.table_name == "clients" else row.client_id
    return AuditEntry(row.id, row.at, row.actor, row.officer_id, row.table_name, row.row_id,
                      row.action, client_id, details if isinstance(details, dict) else {"value": details})


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, table: str, row_id: int, action: str, actor: str, now: datetime,
               details: dict[str, Any], client_id: int | None = None) -> None:
        audit_entry(self.session, table, row_id, action, actor, now, details, client_id)

    def search(self, query: AuditQuery, offset: int = 0, limit: int = 500) -> list[AuditEntry]:
        stmt = select(AuditRow)
        if query.client_id is not None:
            stmt = stmt.where(or_(AuditRow.client_id == query.client_id,
                                  (AuditRow.table_name == "clients") & (AuditRow.row_id == query.client_id)))
        if query.officer_id is not None:
            stmt = stmt.where(AuditRow.officer_id == query.officer_id)
        if query.since is not None:
            stmt = stmt.where(AuditRow.at >= datetime.combine(query.since, datetime.min.time()))
        if query.until is not None:
            stmt = stmt.where(AuditRow.at < datetime.combine(query.until, datetime.min.time()))
        stmt = stmt.order_by(AuditRow.at.desc(), AuditRow.id.desc()).offset(offset).limit(limit)
        return [_to_entry(r) for r in self.session.scalars(stmt)]

    def recorded_role(self, officer_id: int) -> str | None:
        """The role the newest audit entry about this officer gave them (None: none)."""
        stmt = (select(AuditRow.details).where(AuditRow.table_name == "officers",
                                               AuditRow.row_id == officer_id)
                .order_by(AuditRow.id.desc()))
        for details in self.session.scalars(stmt):
            try:
                change = json.loads(details).get("role")
            except (ValueError, AttributeError):
                continue
            if isinstance(change, list) and len(change) == 2:
                return str(change[1])
        return None

    def about_clients(self, client_ids: Collection[int]) -> list[AuditEntry]:
        out: list[AuditEntry] = []
        for client_id in client_ids:
            out.extend(self.search(AuditQuery(client_id=client_id), 0, 100_000))
        return out
