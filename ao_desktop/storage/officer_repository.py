"""SqlOfficerRepository and SqlSettingsRepository: the branch's officers (with their sign-in
state) and the settings stored inside the (possibly shared) database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ao_desktop.domain.access.lockout import SignInState
from ao_desktop.domain.common.officer import Officer, OfficerRole
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.models import OfficerRow, SettingRow

_AUDITED = ("name", "phone", "role", "active")


def _role(value: str) -> OfficerRole:
    try:
        return OfficerRole(value)
    except ValueError:  # a hand-edited row: the least rights, and sign-in refuses it
        return OfficerRole.MARKETING


def _to_officer(row: OfficerRow) -> Officer:
    return Officer(row.name, row.phone, _role(row.role), row.active, row.id, row.version)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


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

    def stored_role(self, officer_id: int) -> str | None:
        """The role text as the row holds it (a tampered value included)."""
        return self.session.scalar(select(OfficerRow.role).where(OfficerRow.id == officer_id))

    def add(self, officer: Officer, actor: str = "", pin_hash: str | None = None) -> Officer:
        row = OfficerRow(name=officer.name, phone=officer.phone, role=officer.role.value,
                         active=officer.active, version=1, pin_hash=pin_hash, failed_tries=0)
        self.session.add(row)
        self.session.flush()
        audit_entry(self.session, "officers", row.id, "create", actor or officer.name, _now(),
                    {f: [None, getattr(row, f)] for f in _AUDITED})
        return _to_officer(row)

    def update(self, officer: Officer, actor: str = "") -> Officer | None:
        row = self.session.get(OfficerRow, officer.id) if officer.id is not None else None
        if row is None or row.version != officer.version:
            return None
        before = {f: getattr(row, f) for f in _AUDITED}
        row.name, row.phone, row.role = officer.name, officer.phone, officer.role.value
        row.active = officer.active
        row.version += 1
        self.session.flush()
        changes = {f: [before[f], getattr(row, f)] for f in _AUDITED if before[f] != getattr(row, f)}
        if changes:
            audit_entry(self.session, "officers", row.id, "update", actor or officer.name, _now(), changes)
        return _to_officer(row)

    # --- sign-in ------------------------------------------------------------------------
    def pin_hash(self, officer_id: int) -> str | None:
        return self.session.scalar(select(OfficerRow.pin_hash).where(OfficerRow.id == officer_id))

    def sign_in_state(self, officer_id: int) -> SignInState:
        row = self.session.get(OfficerRow, officer_id)
        if row is None:
            return SignInState()
        return SignInState(row.failed_tries or 0, row.locked_until)

    def save_sign_in_state(self, officer_id: int, state: SignInState) -> None:
        row = self.session.get(OfficerRow, officer_id)
        if row is not None:
            row.failed_tries, row.locked_until = state.failed_tries, state.locked_until
            self.session.flush()

    def set_pin_hash(self, officer_id: int, pin_hash: str | None) -> None:
        row = self.session.get(OfficerRow, officer_id)
        if row is not None:
            row.pin_hash = pin_hash
            row.failed_tries, row.locked_until = 0, None
            self.session.flush()


class SqlSettingsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: str = "") -> str:
        row = self.session.get(SettingRow, key)
        return row.value if row else default

    def set(self, key: str, value: str) -> None:
        self.session.merge(SettingRow(key=key, value=value))

    def change(self, values: dict[str, str], actor: str, now: datetime) -> dict[str, list[str]]:
        """A user's change of settings: each value stored, and one audit entry naming the
        keys that changed with their before and after (none when nothing changed)."""
        changed: dict[str, list[str]] = {}
        for key, value in values.items():
            before = self.get(key)
            if before != value:
                changed[key] = [before, value]
            self.set(key, value)
        if changed:
            audit_entry(self.session, "settings", 0, "update", actor, now, changed)
        return changed
