"""Use cases of the activity log: schedule, edit, reschedule, complete (with the next
step in the same transaction), log a one-click contact. Each write is one unit of work;
an edit of a stale copy is refused with what a colleague changed.

Who may do what is checked here, not only in the UI: an AO plans and completes their
own activities; a supervisor or admin may do so for any officer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.access.permissions import require_owner
from ao_desktop.domain.calendar.activity import Activity, NextStep, Outcome
from ao_desktop.domain.calendar.activity_rules import (
    clean_activity,
    clean_outcome,
    next_step_issues,
)
from ao_desktop.domain.calendar.enums import (
    REMOTE_TYPES,
    ActivityPurpose,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.calendar.labels import FIELD_LABELS
from ao_desktop.domain.common.errors import (
    FieldChange,
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.ports import Transaction, UnitOfWork


def _now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


def _issue(field: str, message: str) -> FieldIssue:
    return FieldIssue(field, message, True)


def _check_allowed(actor: Actor, officer_id: int) -> None:
    require_owner(actor, officer_id, _("AO hanya dapat mengatur kegiatannya sendiri."))


def _with_references(tx: Transaction, activity: Activity) -> Activity:
    """Refuse an unknown client or officer; a visit with no location goes to the
    client's address."""
    client = tx.clients.get(activity.client_id)
    if client is None:
        raise ValidationFailed([_issue("client_id", _("Nasabah dengan id {i} tidak ditemukan.")
                                       .format(i=activity.client_id))])
    if tx.officers.get(activity.officer_id) is None:
        raise ValidationFailed([_issue("officer_id", _("AO dengan id {i} tidak ditemukan.")
                                       .format(i=activity.officer_id))])
    if not activity.location and activity.type not in REMOTE_TYPES:
        activity = replace(activity, location=client.address.one_line())
    return activity


def _stale(tx: Transaction, original: Activity) -> StaleEdit:
    assert original.id is not None
    current = tx.activities.get(original.id)
    if current is None:
        return StaleEdit(_("Kegiatan ini sudah tidak ada di database."), [], None)
    changes = [FieldChange(f, FIELD_LABELS.get(f, f), getattr(original, f), getattr(current, f))
               for f in FIELD_LABELS if getattr(original, f) != getattr(current, f)]
    fields = ", ".join(c.label for c in changes) or _("tidak ada isian yang terlihat")
    return StaleEdit(
        _("Kegiatan ini sudah diubah oleh {who} pada {when} sejak Anda membukanya (bagian yang "
          "berubah: {fields}). Perubahan Anda tidak disimpan; muat ulang lalu ulangi.").format(
            who=current.updated_by or _("rekan lain"),
            when=format_datetime(current.updated_at), fields=fields),
        changes, current.updated_by)


@records_refusal
def schedule_activity(uow: UnitOfWork, draft: Activity, actor: Actor) -> Activity:
    """Store a new activity (planned, or already done when logged afterwards)."""
    _check_allowed(actor, draft.officer_id)
    cleaned = clean_activity(replace(draft, id=None, version=0, follow_up_of=draft.follow_up_of))
    with uow.write() as tx:
        return tx.activities.add(_with_references(tx, cleaned), actor.name, _now())


def get_activity(uow: UnitOfWork, activity_id: int) -> Activity:
    with uow.read() as tx:
        found = tx.activities.get(activity_id)
    if found is None:
        raise NotFound(_("Kegiatan dengan id {i} tidak ditemukan.").format(i=activity_id))
    return found


@records_refusal
def update_activity(uow: UnitOfWork, original: Activity, edited: Activity, actor: Actor) -> Activity:
    """Save `edited` over `original`; refused with what changed if a colleague saved first."""
    if original.id is None:
        raise NotFound(_("Kegiatan belum tersimpan."))
    _check_allowed(actor, original.officer_id)
    _check_allowed(actor, edited.officer_id)
    cleaned = clean_activity(replace(edited, id=original.id, version=original.version,
                                     follow_up_of=original.follow_up_of))
    with uow.write() as tx:
        saved = tx.activities.update(_with_references(tx, cleaned), actor.name, _now())
        if saved is None:
            raise _stale(tx, original)
        return saved


@records_refusal
def reschedule_activity(uow: UnitOfWork, original: Activity, starts_at: datetime, actor: Actor,
                        duration_minutes: int | None = None) -> Activity:
    """Move an activity (a drag in the calendar); only planned ones move."""
    if original.status is not ActivityStatus.PLANNED:
        raise ValidationFailed([_issue("starts_at", _(
            "Hanya kegiatan berstatus rencana yang dapat dijadwal ulang."))])
    duration = original.duration_minutes if duration_minutes is None else duration_minutes
    return update_activity(uow, original, replace(original, starts_at=starts_at,
                                                  duration_minutes=duration), actor)


@records_refusal
def complete_activity(uow: UnitOfWork, original: Activity, outcome: Outcome, actor: Actor,
                      next_step: NextStep | None = None) -> tuple[Activity, Activity | None]:
    """Record what happened and, in the same transaction, schedule the next follow-up:
    either both are saved or neither is."""
    if original.id is None:
        raise NotFound(_("Kegiatan belum tersimpan."))
    _check_allowed(actor, original.officer_id)
    cleaned = clean_outcome(outcome, original.starts_at.date())
    done = replace(original, status=cleaned.status, outcome=cleaned.outcome,
                   products=cleaned.products, result=cleaned.result,
                   result_reason=cleaned.result_reason, promise_date=cleaned.promise_date,
                   promise_amount=cleaned.promise_amount)
    follow: Activity | None = None
    if next_step is not None:
        issues = next_step_issues(next_step, original.starts_at)
        if issues:
            raise ValidationFailed(issues)
        follow = clean_activity(Activity(
            client_id=original.client_id, officer_id=original.officer_id, type=next_step.type,
            purpose=next_step.purpose, starts_at=next_step.starts_at,
            duration_minutes=next_step.duration_minutes, outcome=next_step.notes,
            follow_up_of=original.id))
    with uow.write() as tx:
        saved = tx.activities.update(done, actor.name, _now())
        if saved is None:
            raise _stale(tx, original)
        added = tx.activities.add(_with_references(tx, follow), actor.name, _now()) if follow else None
        return saved, added


@records_refusal
def log_contact(uow: UnitOfWork, client_id: int, officer_id: int, kind: ActivityType,
                actor: Actor, purpose: ActivityPurpose = ActivityPurpose.FOLLOW_UP,
                note: str = "", at: datetime | None = None) -> Activity:
    """A one-click WhatsApp, call or SMS, logged as it starts: a planned activity of
    five minutes at `at` (now) that the AO then completes with its outcome."""
    return schedule_activity(uow, Activity(
        client_id=client_id, officer_id=officer_id, type=kind, purpose=purpose,
        starts_at=at or _now(), duration_minutes=5, outcome=note), actor)
