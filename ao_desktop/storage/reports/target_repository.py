"""SqlTargetRepository: officers' monthly targets, one row per officer and month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.reports.targets import MonthlyTarget
from ao_desktop.storage.models import ReportTargetRow

T = ReportTargetRow.__table__


def _target(r: object) -> MonthlyTarget:
    return MonthlyTarget(
        officer_id=r.officer_id, month=r.month, new_prospects=r.new_prospects, visits=r.visits,  # type: ignore[attr-defined]
        applications=r.applications, disbursement=r.disbursement,  # type: ignore[attr-defined]
        collection_rate=Decimal(r.collection_rate), npl_ceiling=Decimal(r.npl_ceiling),  # type: ignore[attr-defined]
        version=r.version)  # type: ignore[attr-defined]


def _values(t: MonthlyTarget) -> dict[str, object]:
    return {"new_prospects": t.new_prospects, "visits": t.visits, "applications": t.applications,
            "disbursement": t.disbursement, "collection_rate": str(t.collection_rate),
            "npl_ceiling": str(t.npl_ceiling)}


class SqlTargetRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_months(self, months: Sequence[str], officer_ids: Sequence[int] | None) -> list[MonthlyTarget]:
        query = select(T).where(T.c.month.in_(list(months)))
        if officer_ids is not None:
            query = query.where(T.c.officer_id.in_(list(officer_ids)))
        return [_target(r) for r in self.session.execute(query.order_by(T.c.month, T.c.officer_id))]

    def get(self, officer_id: int, month: str) -> MonthlyTarget | None:
        r = self.session.execute(select(T).where(T.c.officer_id == officer_id, T.c.month == month)).first()
        return _target(r) if r else None

    def save(self, target: MonthlyTarget, actor: str, now: datetime) -> MonthlyTarget | None:
        stored = self.get(target.officer_id, target.month)
        if stored is None:
            if target.version != 0:
                return None
            self.session.execute(insert(T).values(officer_id=target.officer_id, month=target.month,
                                                  **_values(target), version=1, updated_at=now, updated_by=actor))
        else:
            done = self.session.execute(
                update(T).where(T.c.officer_id == target.officer_id, T.c.month == target.month,
                                T.c.version == target.version)
                .values(**_values(target), version=T.c.version + 1, updated_at=now, updated_by=actor))
            if done.rowcount != 1:
                return None
        return self.get(target.officer_id, target.month)
