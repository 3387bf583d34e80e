"""SqlOfficerRepository and SqlSettingsRepository: the branch's officers and the
settings stored inside the (possibly shared) database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ao_desktop.domain.common.officer import Officer, OfficerRole
from ao_desktop.storage.models import OfficerRow, SettingRow


def _to_officer(row: OfficerRow) -> Officer:
    return Officer(row.name, row.phone, OfficerRole(row.role), row.active, row.id, row.version)


class SqlOfficerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, active_only: bool = True) -> list[Officer]:
        stmt = select(OfficerRow).order_by(OfficerRow.name)
        if active_only:
            stmt = stmt.where(OfficerRow.active.is_(True))
        return [_to_officer(r) for r in self.session.scalars(stmt)]

    def get(self, officer_id: int) -> Officer | None:
        row = self.session.get(OfficerRow, officer_id)
        return _to_officer(row) if row else None

    def add(self, officer: Officer) -> Officer:
        row = OfficerRow(name=officer.name, phone=officer.phone, role=officer.role.value,
                         active=officer.active, version=1)
        self.session.add(row)
        self.session.flush()
        return _to_officer(row)

    def update(self, officer: Officer) -> Officer | None:
        row = self.session.get(OfficerRow, officer.id) if officer.id is not None else None
        if row is None or row.version != officer.version:
            return None
        row.name, row.phone, row.role = officer.name, officer.phone, officer.role.value
        row.active = officer.active
        row.version += 1
        self.session.flush()
        return _to_officer(row)


class SqlSettingsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: str = "") -> str:
        row = self.session.get(SettingRow, key)
        return row.value if row else default

    def set(self, key: str, value: str) -> None:
        self.session.merge(SettingRow(key=key, value=value))
