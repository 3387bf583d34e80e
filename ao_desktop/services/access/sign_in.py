"""Signing in with a PIN, choosing and changing PINs, and an admin's unlock and reset.

A refusal writes only its own audit entry and, for a wrong PIN, the count of wrong tries
(five lock the officer for 15 minutes in the database, so on every PC). The slow PIN
check (scrypt, ~0.1 s) runs outside any write transaction so it never holds the shared
database's lock; the count is read again inside the transaction, so two PCs trying at
once both count.
"""

from __future__ import annotations

from datetime import datetime

from ao_desktop.domain.access.lockout import after_failure, after_success, tries_left
from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.access.pin import hash_pin, pin_issues, verify_pin
from ao_desktop.domain.access.sign_in import Refusal, SignInChoice, SignInRefused
from ao_desktop.domain.common.errors import NotFound, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.ports import Transaction, UnitOfWork

AUDIT_TABLE = "sign_in"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def sign_in_choices(uow: UnitOfWork) -> list[SignInChoice]:
    """The active officers, for the sign-in screen's list."""
    with uow.read() as tx:
        return [SignInChoice(o.id, o.name, o.role, tx.officers.pin_hash(o.id) is not None)
                for o in tx.officers.list() if o.id is not None]


def _refuse(uow: UnitOfWork, officer_id: int, name: str, reason: Refusal, message: str,
            tries: int | None = None) -> SignInRefused:
    """The refusal's own audit entry (its only write; none in an offline copy), and the
    error to raise."""
    if not getattr(uow, "read_only", None):
        with uow.write() as tx:
            tx.audit.record(AUDIT_TABLE, officer_id, "refused", name, _now(), {"reason": reason.value})
    return SignInRefused(message, reason, tries)


def _role_tampered(tx: Transaction, officer_id: int) -> bool:
    """A role only changes by an admin's action, which the audit records; a row whose role
    differs from the audit's (or is no role at all) was edited outside the app."""
    stored = tx.officers.stored_role(officer_id)
    if stored not in {r.value for r in OfficerRole}:
        return True
    recorded = tx.audit.recorded_role(officer_id)
    return recorded != stored  # no entry at all: a row added outside the app


def _officer(tx: Transaction, officer_id: int) -> Officer | None:
    officer = tx.officers.get(officer_id)
    return officer if officer is not None and officer.active else None


def _actor(officer: Officer) -> Actor:
    return Actor(officer.name, officer.role, officer.id)


def sign_in(uow: UnitOfWork, officer_id: int, pin: str, *, now: datetime | None = None,
            record_success: bool = True) -> Actor:
    """The officer, signed in (every later audit entry of `uow` carries their id); or
    SignInRefused with one sentence saying why. `record_success=False` (the command line:
    a dry run or a read writes nothing) leaves a right PIN unrecorded unless earlier wrong
    tries must be cleared; refusals are always recorded."""
    now = now or _now()
    with uow.read() as tx:
        officer = _officer(tx, officer_id)
        stored = tx.officers.pin_hash(officer_id) if officer else None
        state = tx.officers.sign_in_state(officer_id)
        tampered = officer is not None and _role_tampered(tx, officer_id)
    if officer is None:
        raise SignInRefused(_("Petugas dengan id {id} tidak ada atau sudah nonaktif.").format(id=officer_id),
                            Refusal.UNKNOWN)
    if tampered:
        raise _refuse(uow, officer_id, officer.name, Refusal.TAMPERED, _(
            "Peran {n} di database diubah di luar aplikasi; masuk ditolak. Hubungi admin cabang."
        ).format(n=officer.name))
    if not pin:
        raise _refuse(uow, officer_id, officer.name, Refusal.EMPTY, _("PIN wajib diisi."))
    if stored is None:
        raise _refuse(uow, officer_id, officer.name, Refusal.NO_PIN, _(
            "{n} belum punya PIN: pilih PIN saat membuka aplikasi AO Desktop di komputer ini."
        ).format(n=officer.name))
    if state.is_locked(now):
        raise _refuse(uow, officer_id, officer.name, Refusal.LOCKED, _locked_text(state.minutes_left(now)))
    right = verify_pin(pin, stored)
    if getattr(uow, "read_only", None):
        # An offline copy of a server database records nothing, neither a sign-in nor a
        # wrong try (whoever holds the file holds the PIN hashes in it anyway).
        if not right:
            raise SignInRefused(_("PIN salah."), Refusal.WRONG)
        uow.act_as(officer_id)
        return _actor(officer)
    if right and not record_success and not (state.failed_tries or state.locked_until):
        uow.act_as(officer_id)  # nothing to clear, nothing to record: no write at all
        return _actor(officer)
    with uow.write() as tx:
        state = tx.officers.sign_in_state(officer_id)  # another PC may have counted meanwhile
        if state.is_locked(now):
            refusal: SignInRefused | None = SignInRefused(_locked_text(state.minutes_left(now)), Refusal.LOCKED)
        elif right:
            refusal = None
            if state.failed_tries or state.locked_until:
                tx.officers.save_sign_in_state(officer_id, after_success())

        else:
            state = after_failure(state, now)
            tx.officers.save_sign_in_state(officer_id, state)
            if state.is_locked(now):
                refusal = SignInRefused(_locked_text(state.minutes_left(now)), Refusal.LOCKED, 0)
            else:
                left = tries_left(state)
                refusal = SignInRefused(_("PIN salah; sisa {n} kali percobaan sebelum dikunci 15 menit.")
                                        .format(n=left), Refusal.WRONG, left)
        tx.audit.record(AUDIT_TABLE, officer_id, "signed_in" if refusal is None else "refused",
                        officer.name, now,
                        {} if refusal is None else {"reason": refusal.reason.value})
    if refusal is not None:
        raise refusal
    uow.act_as(officer_id)
    return _actor(officer)


def _locked_text(minutes: int) -> str:
    return _("Terlalu banyak PIN salah: petugas ini dikunci {m} menit lagi, atau minta admin "
             "membukanya.").format(m=minutes)


def _checked_pin(pin: str, confirm: str | None) -> str:
    if issues := pin_issues(pin):
        raise ValidationFailed(issues)
    if confirm is not None and confirm != pin:
        raise ValidationFailed([_pin_issue(_("Ulangi PIN yang sama pada kolom konfirmasi."))])
    return pin


def _pin_issue(message: str):  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.errors import FieldIssue

    return FieldIssue("pin", message, True)


def choose_first_pin(uow: UnitOfWork, officer_id: int, pin: str, confirm: str | None = None) -> Actor:
    """An officer of a database made before sign-in existed chooses their PIN (once: an
    officer who has one changes it with the old PIN), and is signed in."""
    _checked_pin(pin, confirm)
    digest = hash_pin(pin)
    with uow.write() as tx:
        officer = _officer(tx, officer_id)
        if officer is None:
            raise NotFound(_("Petugas tidak ditemukan atau sudah nonaktif."))
        if _role_tampered(tx, officer_id):
            raise SignInRefused(_("Peran {n} di database diubah di luar aplikasi; masuk ditolak.")
                                .format(n=officer.name), Refusal.TAMPERED)
        if tx.officers.pin_hash(officer_id) is not None:
            raise SignInRefused(_("{n} sudah punya PIN; masuk dengan PIN itu.").format(n=officer.name),
                                Refusal.WRONG)
        tx.officers.set_pin_hash(officer_id, digest)
        tx.audit.record("officers", officer_id, "pin_chosen", officer.name, _now(), {"pin": ["-", "***"]})
    uow.act_as(officer_id)
    return _actor(officer)


def change_own_pin(uow: UnitOfWork, actor: Actor, old_pin: str, new_pin: str,
                   confirm: str | None = None) -> None:
    """The signed-in officer changes their PIN, proving the old one."""
    if actor.officer_id is None:
        raise NotFound(_("Tidak ada petugas yang masuk."))
    _checked_pin(new_pin, confirm)
    with uow.read() as tx:
        stored = tx.officers.pin_hash(actor.officer_id)
    if stored is None or not verify_pin(old_pin, stored):
        raise ValidationFailed([_pin_issue(_("PIN lama salah."))])
    digest = hash_pin(new_pin)
    with uow.write() as tx:
        tx.officers.set_pin_hash(actor.officer_id, digest)
        tx.audit.record("officers", actor.officer_id, "pin_changed", actor.name, _now(), {"pin": ["***", "***"]})


def reset_pin(uow: UnitOfWork, officer_id: int, new_pin: str, actor: Actor) -> None:
    """An admin sets another officer's PIN (forgotten PIN, a new colleague); unlocks too."""
    require(actor, Action.MANAGE_OFFICERS)
    _checked_pin(new_pin, None)
    digest = hash_pin(new_pin)
    with uow.write() as tx:
        if tx.officers.get(officer_id) is None:
            raise NotFound(_("Petugas tidak ditemukan."))
        tx.officers.set_pin_hash(officer_id, digest)
        tx.audit.record("officers", officer_id, "pin_reset", actor.name, _now(), {"pin": ["***", "***"]})


def unlock_officer(uow: UnitOfWork, officer_id: int, actor: Actor) -> None:
    """An admin lifts a lock after five wrong PINs."""
    require(actor, Action.MANAGE_OFFICERS)
    with uow.write() as tx:
        if tx.officers.get(officer_id) is None:
            raise NotFound(_("Petugas tidak ditemukan."))
        before = tx.officers.sign_in_state(officer_id)
        tx.officers.save_sign_in_state(officer_id, after_success())
        tx.audit.record("officers", officer_id, "unlock", actor.name, _now(),
                        {"failed_tries": [before.failed_tries, 0]})


def locked_officers(uow: UnitOfWork, actor: Actor) -> set[int]:
    """Ids of the officers locked right now (the officers dialog marks them)."""
    require(actor, Action.MANAGE_OFFICERS)
    now = _now()
    with uow.read() as tx:
        return {o.id for o in tx.officers.list(active_only=False)
                if o.id is not None and tx.officers.sign_in_state(o.id).is_locked(now)}


def has_pin(uow: UnitOfWork, officer_id: int) -> bool:
    with uow.read() as tx:
        return tx.officers.pin_hash(officer_id) is not None
