"""An officer of the branch: an AO, a supervisor, an admin, or marketing (read-only)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ao_desktop.domain.common.i18n import _


class OfficerRole(StrEnum):
    AO = "ao"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    MARKETING = "marketing"  # read-only pipeline and lead sources, personal data masked


def role_label(role: OfficerRole) -> str:
    return {
        OfficerRole.AO: _("Account Officer"),
        OfficerRole.SUPERVISOR: _("Supervisor"),
        OfficerRole.ADMIN: _("Admin"),
        OfficerRole.MARKETING: _("Marketing"),
    }[role]


@dataclass(frozen=True)
class Officer:
    name: str
    phone: str = ""  # E.164
    role: OfficerRole = OfficerRole.AO
    active: bool = True
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class Actor:
    """Who is using the app: recorded with every change and checked by services."""

    name: str
    role: OfficerRole = OfficerRole.AO
    officer_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is OfficerRole.ADMIN
