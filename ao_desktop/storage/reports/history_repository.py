"""SqlReportHistoryRepository: every generated report, never edited; a regeneration of the
same period and scope is a new row with the next version."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.reports.history import ReportRecord
from ao_desktop.domain.reports.period import PeriodKind, ReportPeriod
from ao_desktop.storage.models import OfficerRow, ReportRecordRow

H = ReportRecordRow.__table__
O = OfficerRow.__table__  # noqa: E741


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _record(r: object) -> ReportRecord:
    kind = PeriodKind(r.period_kind)  # type: ignore[attr-defined]
    period = ReportPeriod(_date(r.period_first), _date(r.period_last), kind)  # type: ignore[attr-defined]
    try:
        headline = json.loads(r.headline or "{}")  # type: ignore[attr-defined]
        sections = tuple(json.loads(r.sections or "[]"))  # type: ignore[attr-defined]
    except ValueError:
        headline, sections = {}, ()
    scope_label = _("Seluruh cabang") if r.scope == "branch" else (r.officer_name or r.scope)  # type: ignore[attr-defined]
    return ReportRecord(
        period_key=r.period_key, period_kind=kind, period_first=period.first,  # type: ignore[attr-defined]
        period_last=period.last, period_label=period.label, scope=r.scope,  # type: ignore[attr-defined]
        officer_id=r.officer_id, scope_label=scope_label, notes_obstacles=r.notes_obstacles,  # type: ignore[attr-defined]
        notes_plan=r.notes_plan, sections=sections, created_at=r.created_at,  # type: ignore[attr-defined]
        created_by=r.created_by, pdf_path=r.pdf_path, xlsx_path=r.xlsx_path,  # type: ignore[attr-defined]
        headline=headline if isinstance(headline, dict) else {}, version=r.version, id=r.id)  # type: ignore[attr-defined]


class SqlReportHistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self):  # type: ignore[no-untyped-def]
        return select(H, O.c.name.label("officer_name")).select_from(
            H.outerjoin(O, O.c.id == H.c.officer_id))

    def next_version(self, period_key: str, scope: str) -> int:
        current = self.session.execute(select(func.max(H.c.version)).where(
            H.c.period_key == period_key, H.c.scope == scope)).scalar()
        return int(current or 0) + 1

    def add(self, record: ReportRecord) -> ReportRecord:
        new_id = self.session.execute(insert(H).values(
            period_key=record.period_key, period_kind=record.period_kind.value,
            period_first=record.period_first, period_last=record.period_last, scope=record.scope,
            officer_id=record.officer_id, notes_obstacles=record.notes_obstacles,
            notes_plan=record.notes_plan, sections=json.dumps(list(record.sections)),
            version=record.version, created_at=record.created_at, created_by=record.created_by,
            pdf_path=record.pdf_path, xlsx_path=record.xlsx_path,
            headline=json.dumps(record.headline, ensure_ascii=False, default=str),
        )).inserted_primary_key[0]
        stored = self.get(new_id)
        assert stored is not None
        return stored

    def get(self, record_id: int) -> ReportRecord | None:
        r = self.session.execute(self._select().where(H.c.id == record_id)).first()
        return _record(r) if r else None

    def list(self, officer_id: int | None = None, limit: int = 500) -> list[ReportRecord]:
        query = self._select()
        if officer_id is not None:
            query = query.where(H.c.officer_id == officer_id)
        query = query.order_by(H.c.created_at.desc(), H.c.id.desc()).limit(limit)
        return [_record(r) for r in self.session.execute(query)]


