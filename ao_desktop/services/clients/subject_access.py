"""Subject access (UU 27/2022, hak akses subjek data): everything the branch holds about
one client, as one JSON file and a readable PDF.

The data is read in one transaction (a consistent snapshot), turned into plain JSON
values (dates as ISO text, money as whole rupiah), written, and the export recorded in the
audit. An AO exports their own clients; supervisors and admins any; marketing never.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from ao_desktop.domain.access.audit import AuditEntry
from ao_desktop.domain.access.permissions import Action, require, require_reader
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.consent import consent_summary
from ao_desktop.domain.common.errors import NotFound
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.problems.query import ProblemQuery
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.ports import UnitOfWork

FORMAT = "ao-desktop-subject-access/1"


def plain(value: Any) -> Any:
    """A JSON value for anything the domain holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {"at": entry.at.isoformat(), "by": entry.actor, "table": entry.table, "row_id": entry.row_id,
            "action": entry.action, "details": entry.details}


def _consent_json(client: Client) -> dict[str, Any]:
    """Consent to be contacted and its withdrawal, as the client reads it (UU PDP)."""
    return {
        "valid": client.consent_contact,
        "given_on": plain(client.consent_given_on),
        "purpose": client.consent_purpose.value,
        "channels": [c.value for c in client.consent_channels] if client.consent_given_on
        or client.consent_contact else [],
        "withdrawn_on": plain(client.consent_withdrawn_on),
        "withdrawal_reason": client.consent_withdrawal_reason,
        "summary": consent_summary(client),
    }


@records_refusal
def subject_access_data(uow: UnitOfWork, client_id: int, actor: Actor) -> dict[str, Any]:
    """All data about one client, as JSON values."""
    require(actor, Action.EXPORT_PERSONAL_DATA)
    with uow.read() as tx:
        client = tx.clients.get(client_id)
        if client is None:
            raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
        require_reader(actor, client.officer_id, _("AO hanya dapat mengekspor data nasabahnya sendiri."))
        officer = tx.officers.get(client.officer_id) if client.officer_id else None
        problems = tx.problems.list(ProblemQuery(date.today(), client_id=client_id), 0, 100_000)
        data = {
            "format": FORMAT,
            "exported_at": datetime.now().replace(microsecond=0).isoformat(),
            "exported_by": actor.name,
            "client": plain(client),
            "consent": _consent_json(client),
            "officer": officer.name if officer else None,
            "status_history": plain(tx.clients.history(client_id)),
            "notes": plain(tx.clients.notes(client_id)),
            "activities": plain(tx.activities.timeline(client_id, 100_000)),
            "applications": [plain(i.application) for i in tx.applications.list(None, None, client_id, 100_000)],
            "loans": [plain(i.account) for i in tx.portfolio.accounts_of_client(client_id)],
            "problems": [plain(i.problem) for i in problems],
            "riplays": [{k: v for k, v in plain(r).items() if k != "snapshot"} for r in tx.riplays.for_client(client_id)],
            "audit": [_audit_json(e) for e in tx.audit.about_clients([client_id])],
        }
    return data


@records_refusal
def export_subject_access(uow: UnitOfWork, client_id: int, actor: Actor, out_json: Path,
                          out_pdf: Path | None = None) -> dict[str, Any]:
    """Write the JSON (and the PDF); both appear whole or not at all. The counts per part."""
    data = subject_access_data(uow, client_id, actor)
    pdf_bytes = None
    if out_pdf is not None:
        from ao_desktop.documents.clients.subject_access_pdf import render_subject_access

        pdf_bytes = render_subject_access(data)
    _write_atomically(Path(out_json), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    if out_pdf is not None and pdf_bytes is not None:
        _write_atomically(Path(out_pdf), pdf_bytes)
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    from ao_desktop.services.access.exports import record_export

    record_export(uow, actor, "subject_access", Path(out_json).name,
                  {"pdf": Path(out_pdf).name if out_pdf else None, **counts}, client_id)
    return counts


def _write_atomically(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".ao-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
