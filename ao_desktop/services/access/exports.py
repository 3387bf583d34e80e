"""Every export of personal data (Excel, PDF, JSON) leaves an audit entry: who exported
what, to which file name, how many records (UU 27/2022: the controller can say who took
personal data out of the system)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import UnitOfWork

EXPORTS_TABLE = "exports"


def record_export(uow: UnitOfWork, actor: Actor, kind: str, file_name: str, details: dict[str, Any],
                  client_id: int | None = None) -> None:
    """`kind`: clients_xlsx, subject_access_json, product_sheet_pdf, ...; the file's name
    only (a path can hold a colleague's user name)."""
    with uow.write() as tx:
        tx.audit.record(EXPORTS_TABLE, client_id or 0, kind, actor.name,
                        datetime.now().replace(microsecond=0),
                        {"file": file_name, **details}, client_id)
