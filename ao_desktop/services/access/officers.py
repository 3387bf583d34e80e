"""Managing the branch's officers (admins): add one with a role and a first PIN, change a
role, deactivate. Every change goes to the audit with before and after; a role changes
only here, which is what lets sign-in recognise a role edited outside the app."""

from __future__ import annotations

from dataclasses import replace

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.access.pin import hash_pin, pin_issues
from ao_desktop.domain.common.errors import FieldIssue, NotFound, StaleEdit, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.ports import UnitOfWork


def list_all_officers(uow: UnitOfWork, actor: Actor, *, active_only: bool = False) -> list[Officer]:
    """Every officer, the deactivated ones too (names and roles only: no client data)."""
    require(actor, Action.VIEW_PIPELINE)
    with uow.read() as tx:
        return tx.officers.list(active_only=active_only)


def add_officer(uow: UnitOfWork, name: str, phone: str, role: OfficerRole, pin: str, actor: Actor) -> Officer:
    """A new colleague with their first PIN (they change it after signing in)."""
    from ao_desktop.services.setup import _officer_with_phone, clean_officer, officer_issues

    require(actor, Action.MANAGE_OFFICERS)
    if issues := officer_issues(name, phone) + pin_issues(pin):
        raise ValidationFailed(issues)
    name, phone = clean_officer(name, phone)
    digest = hash_pin(pin)
    with uow.write() as tx:
        if (other := _officer_with_phone(tx, phone)) is not None:
            raise ValidationFailed([FieldIssue("officer_phone", _("Nomor ini sudah dipakai petugas lain: {n}")
                                               .format(n=other.name), True)])
        return tx.officers.add(Officer(name, phone, role), actor.name, pin_hash=digest)


def _save(uow: UnitOfWork, officer: Officer, actor: Actor) -> Officer:
    with uow.write() as tx:
        if officer.id is None or tx.officers.get(officer.id) is None:
            raise NotFound(_("Petugas tidak ditemukan."))
        saved = tx.officers.update(officer, actor.name)
        if saved is None:
            raise StaleEdit(_("Data petugas baru saja diubah di komputer lain; muat ulang lalu ulangi."), [], None)
        admins = [o for o in tx.officers.list() if o.role is OfficerRole.ADMIN]
        if not admins:
            # Raising rolls the change back: a branch without an admin could not manage
            # officers, settings or backups any more.
            raise ValidationFailed([FieldIssue("role", _("Database harus tetap punya minimal satu admin aktif."), True)])
        return saved


def change_role(uow: UnitOfWork, officer: Officer, role: OfficerRole, actor: Actor) -> Officer:
    require(actor, Action.MANAGE_OFFICERS)
    return officer if role is officer.role else _save(uow, replace(officer, role=role), actor)


def set_officer_active(uow: UnitOfWork, officer: Officer, active: bool, actor: Actor) -> Officer:
    require(actor, Action.MANAGE_OFFICERS)
    if officer.id == actor.officer_id and not active:
        raise ValidationFailed([FieldIssue("active", _("Anda tidak dapat menonaktifkan diri sendiri."), True)])
    return officer if active is officer.active else _save(uow, replace(officer, active=active), actor)
