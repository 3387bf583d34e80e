"""SqlRiplayRepository: the personal RIPLAYs handed to clients, mapped between
RiplayRecordRow and domain RiplayRecord.

Records are only ever added (a reprint is the same document, not a new hand-over); each
addition leaves a row in the audit log like every other write.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ao_desktop.domain.products.riplay import RiplayRecord
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.models import RiplayRecordRow


def _to_record(row: RiplayRecordRow) -> RiplayRecord:
    return RiplayRecord(
        client_id=row.client_id,
        printed_at=row.printed_at,
        product_code=row.product_code,
        product_name=row.product_name,
        product_kind=row.product_kind,
        amount=row.amount,
        tenor_months=row.tenor_months,
        rate_pa=Decimal(row.rate_pa),
        terms_version=row.terms_version,
        product_version=row.product_version,
        officer_id=row.officer_id,
        officer_name=row.officer_name,
        snapshot=row.snapshot,
        id=row.id,
    )


class SqlRiplayRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: RiplayRecord, actor_name: str, now: datetime) -> RiplayRecord:
        row = RiplayRecordRow(
            client_id=record.client_id,
            printed_at=record.printed_at,
            product_code=record.product_code,
            product_name=record.product_name,
            product_kind=record.product_kind,
            amount=record.amount,
            tenor_months=record.tenor_months,
            rate_pa=str(Decimal(record.rate_pa)),
            terms_version=record.terms_version,
            product_version=record.product_version,
            officer_id=record.officer_id,
            officer_name=record.officer_name,
            snapshot=record.snapshot,
        )
        self.session.add(row)
        self.session.flush()
        details = {"client_id": record.client_id, "product": record.product_code,
                   "amount": record.amount, "tenor": record.tenor_months}  # fmt: skip
        audit_entry(self.session, "riplay_records", row.id, "create", actor_name, now, details,
                    record.client_id)
        return _to_record(row)

    def get(self, record_id: int) -> RiplayRecord | None:
        row = self.session.get(RiplayRecordRow, record_id)
        return _to_record(row) if row else None

    def for_client(self, client_id: int) -> list[RiplayRecord]:
        """The client's records, newest first."""
        stmt = (
            select(RiplayRecordRow)
            .where(RiplayRecordRow.client_id == client_id)
            .order_by(RiplayRecordRow.printed_at.desc(), RiplayRecordRow.id.desc())
        )
        return [_to_record(r) for r in self.session.scalars(stmt)]
