"""Reading the audit trail (supervisors and admins): the viewer's page, the `audit`
command, and its Excel export (itself recorded: the trail names clients)."""

from __future__ import annotations

from pathlib import Path

from ao_desktop.domain.access.audit import AuditEntry, AuditQuery
from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import UnitOfWork

MAX_ROWS = 100_000


def search_audit(uow: UnitOfWork, query: AuditQuery, actor: Actor, offset: int = 0,
                 limit: int = 1000) -> list[AuditEntry]:
    """Newest first, filtered by client, officer (who did it) and date."""
    require(actor, Action.VIEW_AUDIT)
    with uow.read() as tx:
        return tx.audit.search(query, max(0, offset), max(1, min(limit, MAX_ROWS)))


def export_audit(uow: UnitOfWork, query: AuditQuery, actor: Actor, path: Path) -> int:
    """The filtered trail to an .xlsx; the number of entries written."""
    from ao_desktop.documents.access.audit_workbook import write_audit_workbook
    from ao_desktop.services.access.exports import record_export

    entries = search_audit(uow, query, actor, 0, MAX_ROWS)
    write_audit_workbook(Path(path), entries)
    record_export(uow, actor, "audit_xlsx", Path(path).name,
                  {"entries": len(entries), "client_id": query.client_id, "officer_id": query.officer_id,
                   "since": query.since.isoformat() if query.since else None})
    return len(entries)
