"""The calendar's shared settings tables: the admin's holiday overrides and the
WhatsApp/SMS templates. Both live in the database so every PC on a share agrees."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.calendar.message_templates import MessageTemplate
from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.models import HolidayOverrideRow, MessageTemplateRow

H = HolidayOverrideRow.__table__
T = MessageTemplateRow.__table__


class SqlHolidayOverrideRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, first: date | None = None, last: date | None = None) -> list[HolidayOverride]:
        stmt = select(H.c.day, H.c.name, H.c.is_holiday).order_by(H.c.day)
        if first is not None:
            stmt = stmt.where(H.c.day >= first)
        if last is not None:
            stmt = stmt.where(H.c.day <= last)
        return [HolidayOverride(r.day, r.name, bool(r.is_holiday)) for r in self.session.execute(stmt)]

    def put(self, item: HolidayOverride, actor: str, now: datetime) -> None:
        old = self.session.execute(select(H.c.name, H.c.is_holiday).where(H.c.day == item.day)).first()
        self.session.execute(delete(H).where(H.c.day == item.day))
        self.session.execute(insert(H).values(day=item.day, name=item.name,
                                               is_holiday=item.is_holiday, updated_at=now,
                                               updated_by=actor))
        self._audit(item.day, "set", actor, now, {
            "name": [old.name if old else None, item.name],
            "is_holiday": [bool(old.is_holiday) if old else None, item.is_holiday]})

    def remove(self, day: date, actor: str, now: datetime) -> bool:
        gone = self.session.execute(delete(H).where(H.c.day == day)).rowcount == 1
        if gone:
            self._audit(day, "delete", actor, now, {})
        return gone

    def _audit(self, day: date, action: str, actor: str, now: datetime, details: dict[str, object]) -> None:
        # The key is a date: its ordinal stands in for a row id; the details repeat it.
        audit_entry(self.session, "holiday_overrides", day.toordinal(), action, actor, now,
                    {"day": day.isoformat(), **details})


class SqlMessageTemplateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[MessageTemplate]:
        rows = self.session.execute(select(T).order_by(T.c.key))
        return [MessageTemplate(r.key, r.name, r.text, r.version) for r in rows]

    def save(self, template: MessageTemplate, actor: str, now: datetime) -> MessageTemplate | None:
        """Insert (version 0) or a version-checked update; None when a colleague saved first."""
        old = self.session.execute(select(T.c.name, T.c.text).where(T.c.key == template.key)).first()
        if template.version == 0:
            if self.session.execute(select(T.c.key).where(T.c.key == template.key)).first():
                return None
            self.session.execute(insert(T).values(key=template.key, name=template.name,
                                                   text=template.text, version=1,
                                                   updated_at=now, updated_by=actor))
        else:
            result = self.session.execute(
                update(T).where(T.c.key == template.key, T.c.version == template.version)
                .values(name=template.name, text=template.text, version=T.c.version + 1,
                        updated_at=now, updated_by=actor))
            if result.rowcount != 1:
                return None
        audit_entry(self.session, "message_templates", 0, "save", actor, now,
                    {"key": template.key, "name": [old.name if old else None, template.name],
                     "text": [old.text if old else None, template.text]})
        row = self.session.execute(select(T).where(T.c.key == template.key)).one()
        return MessageTemplate(row.key, row.name, row.text, row.version)
