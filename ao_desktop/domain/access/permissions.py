"""What each role may do: one table of use case x role, checked by the services.

The UI hides what a role may not do, but the refusal that counts is here, so a button
left enabled by mistake, the command line or a hand-made call cannot get round it.
"""

from __future__ import annotations

from enum import StrEnum

from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole

AO, SUPERVISOR, ADMIN, MARKETING = (OfficerRole.AO, OfficerRole.SUPERVISOR, OfficerRole.ADMIN,
                                    OfficerRole.MARKETING)


class Action(StrEnum):
    VIEW_PIPELINE = "view_pipeline"  # the client list, search and lead sources (masked for marketing)
    VIEW_PERSONAL_DATA = "view_personal_data"  # NIK and phone in full, the client panel
    WORK_ON_OWN = "work_on_own"  # own clients, activities, applications, loans, problems, letters
    WORK_ON_ANY = "work_on_any"  # any officer's, in the branch
    IMPORT_OWN_CLIENTS = "import_own_clients"  # a client sheet into one's own portfolio
    IMPORT_FOR_BRANCH = "import_for_branch"  # client sheets for others, core-banking extracts
    DECIDE_APPLICATIONS = "decide_applications"  # approve or refuse
    REASSIGN_CLIENTS = "reassign_clients"  # handover of an officer's portfolio
    EXPORT_PERSONAL_DATA = "export_personal_data"  # Excel, PDF, JSON with NIK, phone, names
    VIEW_AUDIT = "view_audit"
    MANAGE_SETTINGS = "manage_settings"  # bank profile, RIPLAY issuer, credit analysis
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_HOLIDAYS = "manage_holidays"
    MANAGE_OFFICERS = "manage_officers"  # anyone's name, phone, role, PIN and lock
    MANAGE_BACKUPS = "manage_backups"  # backup and restore of the database
    ANONYMISE_CLIENTS = "anonymise_clients"  # clients past the retention period


_WORKERS = frozenset({AO, SUPERVISOR, ADMIN})
_SUPERVISING = frozenset({SUPERVISOR, ADMIN})
_ADMINS = frozenset({ADMIN})

ROLE_TABLE: dict[Action, frozenset[OfficerRole]] = {
    Action.VIEW_PIPELINE: frozenset({AO, SUPERVISOR, ADMIN, MARKETING}),
    Action.VIEW_PERSONAL_DATA: _WORKERS,
    Action.WORK_ON_OWN: _WORKERS,
    Action.WORK_ON_ANY: _SUPERVISING,
    Action.IMPORT_OWN_CLIENTS: _WORKERS,
    Action.IMPORT_FOR_BRANCH: _SUPERVISING,
    Action.DECIDE_APPLICATIONS: _SUPERVISING,
    Action.REASSIGN_CLIENTS: _SUPERVISING,
    Action.EXPORT_PERSONAL_DATA: _WORKERS,
    Action.VIEW_AUDIT: _SUPERVISING,
    Action.MANAGE_SETTINGS: _ADMINS,
    Action.MANAGE_CATALOG: _ADMINS,
    Action.MANAGE_TEMPLATES: _ADMINS,
    Action.MANAGE_HOLIDAYS: _ADMINS,
    Action.MANAGE_OFFICERS: _ADMINS,
    Action.MANAGE_BACKUPS: _ADMINS,
    Action.ANONYMISE_CLIENTS: _ADMINS,
}


def _default_message(action: Action) -> str:
    return {
        Action.VIEW_PIPELINE: _("Peran Anda tidak boleh melihat daftar nasabah."),
        Action.VIEW_PERSONAL_DATA: _("Peran Anda hanya boleh melihat data nasabah yang disamarkan."),
        Action.WORK_ON_OWN: _("Peran Anda tidak boleh mengubah data nasabah."),
        Action.WORK_ON_ANY: _("Hanya supervisor atau admin yang dapat mengelola data AO lain."),
        Action.IMPORT_OWN_CLIENTS: _("Peran Anda tidak boleh mengimpor data nasabah."),
        Action.IMPORT_FOR_BRANCH: _("Hanya supervisor atau admin yang dapat mengimpor data untuk cabang."),
        Action.DECIDE_APPLICATIONS: _("Hanya supervisor atau admin yang dapat menyetujui atau menolak pengajuan."),
        Action.REASSIGN_CLIENTS: _("Hanya supervisor atau admin yang dapat memindahkan nasabah ke AO lain."),
        Action.EXPORT_PERSONAL_DATA: _("Peran Anda tidak boleh mengekspor data pribadi nasabah."),
        Action.VIEW_AUDIT: _("Hanya supervisor atau admin yang dapat melihat jejak audit."),
        Action.MANAGE_SETTINGS: _("Hanya admin yang dapat mengubah pengaturan."),
        Action.MANAGE_CATALOG: _("Hanya admin yang dapat mengubah katalog produk."),
        Action.MANAGE_TEMPLATES: _("Hanya admin yang dapat mengubah templat pesan."),
        Action.MANAGE_HOLIDAYS: _("Hanya admin yang dapat mengubah daftar hari libur."),
        Action.MANAGE_OFFICERS: _("Hanya admin yang dapat mengubah data petugas lain."),
        Action.MANAGE_BACKUPS: _("Hanya admin yang dapat membuat atau memulihkan cadangan database."),
        Action.ANONYMISE_CLIENTS: _("Hanya admin yang dapat menganonimkan data nasabah."),
    }[action]


def allowed(actor: Actor, action: Action) -> bool:
    # isinstance: a caller passing a name or None instead of an Actor is refused, not
    # let through by attribute luck.
    return isinstance(actor, Actor) and actor.role in ROLE_TABLE[action]


def require(actor: Actor, action: Action, message: str | None = None) -> None:
    """Raise PermissionDenied (with `message`, or the action's own) unless allowed."""
    if not allowed(actor, action):
        raise PermissionDenied(message or _default_message(action))


def sees_only_own(actor: Actor | None) -> bool:
    """An AO bound to an officer row: lists and searches show their own records only."""
    return actor is not None and actor.role is AO and actor.officer_id is not None


def masks_personal_data(actor: Actor | None) -> bool:
    """Marketing sees NIKs and phone numbers masked (UU 27/2022: no purpose for them)."""
    return actor is not None and not allowed(actor, Action.VIEW_PERSONAL_DATA)


def require_owner(actor: Actor, officer_id: int | None, message: str) -> None:
    """Work on a record that belongs to `officer_id`: one's own needs WORK_ON_OWN, anyone
    else's WORK_ON_ANY. An actor not bound to an officer row (a service called by the
    app's own start-up work, never a signed-in person) acts for the branch."""
    require(actor, Action.WORK_ON_OWN)
    if actor.officer_id is None or officer_id is None or actor.officer_id == officer_id:
        return
    require(actor, Action.WORK_ON_ANY, message)


def require_reader(actor: Actor, officer_id: int | None, message: str) -> None:
    """Read a client's record (profile, activities, loans): an AO their own only,
    supervisors and admins the branch; marketing never the personal details."""
    require(actor, Action.VIEW_PERSONAL_DATA)
    if sees_only_own(actor) and officer_id is not None and actor.officer_id != officer_id:
        raise PermissionDenied(message)


def scoped_officer(actor: Actor, officer_id: int | None, message: str) -> int | None:
    """The officer whose records a list may show when `officer_id` is asked for (None:
    the branch): an AO gets their own whatever they ask, and a refusal when they ask for
    a colleague's; supervisors and admins what they ask; marketing nothing personal."""
    require(actor, Action.VIEW_PERSONAL_DATA)
    if not sees_only_own(actor):
        return officer_id
    if officer_id is not None and officer_id != actor.officer_id:
        raise PermissionDenied(message)
    return actor.officer_id
