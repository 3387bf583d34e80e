"""Use cases that write client problems: record, edit, and every step of handling
(start, extend once, escalate to a supervisor, hand back, resolve, close, reopen).
Each is one unit of work; a stale edit is refused with who changed it and when.

Who may do what is checked here: an AO handles the problems of their own portfolio; a
supervisor or an admin handles any, and only they hand an escalated problem back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ao_desktop.domain.access.permissions import Action, require, require_owner
from ao_desktop.domain.common.errors import (
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.problems.enums import ProblemStatus
from ao_desktop.domain.problems.problem import ClientProblem, check_problem
from ao_desktop.domain.problems.status_flow import ProblemAction, check_action
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.ports import Transaction, UnitOfWork
from ao_desktop.services.problems.deadlines import deadline_rules, deadlines_for, extension_of

SUPERVISING = (OfficerRole.SUPERVISOR, OfficerRole.ADMIN)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _check_allowed(actor: Actor, officer_id: int) -> None:
    require_owner(actor, officer_id, _("AO hanya dapat menangani permasalahan nasabahnya sendiri."))


def _checked_refs(tx: Transaction, problem: ClientProblem) -> None:
    if tx.clients.get(problem.client_id) is None:
        raise ValidationFailed([FieldIssue("client_id", _("Nasabah dengan id {i} tidak ditemukan.")
                                           .format(i=problem.client_id))])
    if tx.officers.get(problem.officer_id) is None:
        raise ValidationFailed([FieldIssue("officer_id", _("AO dengan id {i} tidak ditemukan.")
                                           .format(i=problem.officer_id))])


@records_refusal
def record_problem(uow: UnitOfWork, problem: ClientProblem, actor: Actor,
                   now: datetime | None = None) -> ClientProblem:
    """A new problem (status baru) with its deadline counted in working days from the
    day it was received."""
    now = now or _now()
    _check_allowed(actor, problem.officer_id)
    problem = check_problem(problem, now)
    original, _current = deadlines_for(uow, problem.received_at.date(), False)
    problem = replace(problem, deadline=original, original_deadline=original, extension_reason="",
                      extended_at=None, status=ProblemStatus.NEW, resolution="", resolved_at=None,
                      escalated_to=None, escalation_note="", escalated_at=None, closed_at=None)
    with uow.write() as tx:
        _checked_refs(tx, problem)
        return tx.problems.add(problem, actor.name, now)


def _stale(tx: Transaction, problem_id: int) -> StaleEdit:
    change = tx.problems.last_change(problem_id)
    if change is None:
        return StaleEdit(_("Permasalahan ini sudah tidak ada di database."), [], None)
    who, when = change
    return StaleEdit(_("Permasalahan ini sudah diubah oleh {who} pada {when} sejak Anda membukanya. "
                       "Perubahan Anda tidak disimpan; muat ulang lalu ulangi.").format(
        who=who or _("rekan lain"), when=format_datetime(when)), [], who)


def _load(tx: Transaction, problem_id: int, version: int, actor: Actor) -> ClientProblem:
    stored = tx.problems.get(problem_id)
    if stored is None:
        raise NotFound(_("Permasalahan dengan id {id} tidak ditemukan.").format(id=problem_id))
    _check_allowed(actor, stored.officer_id)
    if stored.version != version:
        raise _stale(tx, problem_id)
    return stored


@records_refusal
def update_problem(uow: UnitOfWork, problem: ClientProblem, actor: Actor,
                   now: datetime | None = None) -> ClientProblem:
    """Save the AO's edits (category, channel, when received, description, AO); the
    deadline follows the day received. Refused once the problem is finished."""
    if problem.id is None:
        raise NotFound(_("Permasalahan belum tersimpan."))
    now = now or _now()
    problem = check_problem(problem, now)
    _check_allowed(actor, problem.officer_id)
    rules = deadline_rules(uow)
    original, current = deadlines_for(uow, problem.received_at.date(), problem.extended, rules)
    with uow.write() as tx:
        stored = _load(tx, problem.id, problem.version, actor)
        if not stored.is_open:
            raise ValidationFailed([FieldIssue("status", _(
                "Permasalahan yang sudah selesai atau ditutup tidak dapat diubah; buka kembali dulu."))])
        _checked_refs(tx, problem)
        if stored.extended != problem.extended:  # the deadlines above assumed otherwise
            raise _stale(tx, problem.id)
        edited = replace(stored, category=problem.category, channel=problem.channel,
                         received_at=problem.received_at, description=problem.description,
                         officer_id=problem.officer_id, original_deadline=original, deadline=current)
        saved = tx.problems.save(edited, ProblemAction.EDIT.value, "", actor.name, now)
        if saved is None:
            raise _stale(tx, problem.id)
        return saved


@records_refusal
def act_on_problem(uow: UnitOfWork, problem_id: int, version: int, action: ProblemAction,
                   note: str, actor: Actor, *, supervisor_id: int | None = None,
                   today: date | None = None, now: datetime | None = None) -> ClientProblem:
    """One step of handling; `note` is the resolution, the reason to extend, the note to
    the supervisor, ... (check_action says which need one). Escalating names the
    supervisor (`supervisor_id`)."""
    now = now or _now()
    today = today or now.date()
    if action is ProblemAction.RETURN:
        require(actor, Action.WORK_ON_ANY,
                _("Hanya supervisor atau admin yang dapat mengembalikan permasalahan ke AO."))
    extension_to = _extension(uow, problem_id) if action is ProblemAction.EXTEND else None
    with uow.write() as tx:
        stored = _load(tx, problem_id, version, actor)
        move = check_action(stored, action, note, today)
        changed = replace(stored, status=move.to)
        if action is ProblemAction.EXTEND:
            # The version check above guarantees the problem the extension was counted from.
            assert extension_to is not None
            changed = replace(changed, deadline=extension_to, extension_reason=move.note, extended_at=now)
        elif action is ProblemAction.ESCALATE:
            changed = replace(changed, escalated_to=_supervisor(tx, supervisor_id),
                              escalation_note=move.note, escalated_at=now)
        elif action is ProblemAction.RESOLVE:
            changed = replace(changed, resolution=move.note, resolved_at=now)
        elif action is ProblemAction.CLOSE:
            changed = replace(changed, closed_at=now)
        elif action is ProblemAction.REOPEN:
            changed = replace(changed, resolved_at=None)
        saved = tx.problems.save(changed, action.value, move.note, actor.name, now)
        if saved is None:
            raise _stale(tx, problem_id)
        return saved


def _extension(uow: UnitOfWork, problem_id: int) -> date | None:
    """The deadline after the one extension, counted before the write transaction (the
    calendar is read in its own)."""
    with uow.read() as tx:
        current = tx.problems.get(problem_id)
    if current is None or current.original_deadline is None:
        return None
    return extension_of(uow, current.original_deadline, deadline_rules(uow))


def _supervisor(tx: Transaction, officer_id: int | None) -> int:
    officer = tx.officers.get(officer_id) if officer_id is not None else None
    if officer is None or not officer.active:
        raise ValidationFailed([FieldIssue("supervisor_id", _("Pilih supervisor yang menerima eskalasi."))])
    if officer.role not in SUPERVISING:
        raise ValidationFailed([FieldIssue("supervisor_id", _(
            "{name} bukan supervisor; eskalasi hanya kepada supervisor atau admin.").format(name=officer.name))])
    assert officer.id is not None
    return officer.id
