"""What each role may do: one table of use case x role, checked by the services.

The UI hides what a role may not do, but the refusal that counts is here, so a button
left enabled by mistake, the command line or a hand-made call cannot get round it.
"""

from __future__ import annotations

from enum import StrEnum

from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole

AO, SUPERVISOR, ADMIN = OfficerRole.AO, OfficerRole.SUPERVISOR, OfficerRole.ADMIN


class Action(StrEnum):
    WORK_ON_OWN = "work_on_own"  # own clients, activities, applications
    WORK_ON_ANY = "work_on_any"  # any officer's, in the branch
    DECIDE_APPLICATIONS = "decide_applications"  # approve or refuse
    MANAGE_SETTINGS = "manage_settings"  # bank profile, RIPLAY issuer, credit analysis
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_HOLIDAYS = "manage_holidays"
    MANAGE_OFFICERS = "manage_officers"  # anyone's name and phone besides one's own


ROLE_TABLE: dict[Action, frozenset[OfficerRole]] = {
    Action.WORK_ON_OWN: frozenset({AO, SUPERVISOR, ADMIN}),
    Action.WORK_ON_ANY: frozenset({SUPERVISOR, ADMIN}),
    Action.DECIDE_APPLICATIONS: frozenset({SUPERVISOR, ADMIN}),
    Action.MANAGE_SETTINGS: frozenset({ADMIN}),
    Action.MANAGE_CATALOG: frozenset({ADMIN}),
    Action.MANAGE_TEMPLATES: frozenset({ADMIN}),
    Action.MANAGE_HOLIDAYS: frozenset({ADMIN}),
    Action.MANAGE_OFFICERS: frozenset({ADMIN}),
}


def _default_message(action: Action) -> str:
    return {
        Action.WORK_ON_OWN: _("Peran Anda tidak boleh mengubah data nasabah."),
        Action.WORK_ON_ANY: _("Hanya supervisor atau admin yang dapat mengelola data AO lain."),
        Action.DECIDE_APPLICATIONS: _("Hanya supervisor atau admin yang dapat menyetujui atau menolak pengajuan."),
        Action.MANAGE_SETTINGS: _("Hanya admin yang dapat mengubah pengaturan."),
        Action.MANAGE_CATALOG: _("Hanya admin yang dapat mengubah katalog produk."),
        Action.MANAGE_TEMPLATES: _("Hanya admin yang dapat mengubah templat pesan."),
        Action.MANAGE_HOLIDAYS: _("Hanya admin yang dapat mengubah daftar hari libur."),
        Action.MANAGE_OFFICERS: _("Hanya admin yang dapat mengubah data petugas lain."),
    }[action]


def allowed(actor: Actor, action: Action) -> bool:
    # isinstance: a caller passing a name or None instead of an Actor is refused, not
    # let through by attribute luck.
    return isinstance(actor, Actor) and actor.role in ROLE_TABLE[action]


def require(actor: Actor, action: Action, message: str | None = None) -> None:
    """Raise PermissionDenied (with `message`, or the action's own) unless allowed."""
    if not allowed(actor, action):
        raise PermissionDenied(message or _default_message(action))


def require_owner(actor: Actor, officer_id: int | None, message: str) -> None:
    """Work on a record that belongs to `officer_id`: one's own needs WORK_ON_OWN, anyone
    else's WORK_ON_ANY. An actor not bound to an officer row (the command line on a PC
    where no officer is configured) acts for the branch as before sign-in existed."""
    require(actor, Action.WORK_ON_OWN)
    if actor.officer_id is None or officer_id is None or actor.officer_id == officer_id:
        return
    require(actor, Action.WORK_ON_ANY, message)
