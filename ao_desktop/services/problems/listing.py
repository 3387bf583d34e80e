"""Read use cases of client problems: the paged list behind the Permasalahan view and
`ao-desktop problems`, a client's problems, one problem with its history, and what the
Today panel shows (overdue and due today)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.errors import NotFound
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.problems.enums import ProblemStatus
from ao_desktop.domain.problems.problem import ClientProblem, ProblemEvent, ProblemListItem
from ao_desktop.domain.problems.query import ProblemQuery, ProblemSort
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.problems.handling import SUPERVISING

MAX_PAGE = 1000


def _scoped(query: ProblemQuery, actor: Actor | None) -> ProblemQuery:
    """An AO sees their own problems whatever the filter asks; a supervisor the branch."""
    if actor is not None:
        require(actor, Action.VIEW_PERSONAL_DATA)  # not marketing
    if actor is not None and actor.role is OfficerRole.AO and actor.officer_id is not None:
        return replace(query, officer_id=actor.officer_id)
    return query


def list_problems(uow: UnitOfWork, query: ProblemQuery, offset: int = 0, limit: int = 200,
                  actor: Actor | None = None) -> list[ProblemListItem]:
    with uow.read() as tx:
        return tx.problems.list(_scoped(query, actor), max(offset, 0), min(max(limit, 1), MAX_PAGE))


def count_problems(uow: UnitOfWork, query: ProblemQuery, actor: Actor | None = None) -> int:
    with uow.read() as tx:
        return tx.problems.count(_scoped(query, actor))


def client_problems(uow: UnitOfWork, client_id: int, today: date) -> list[ProblemListItem]:
    """Every problem of the client, newest first (the client panel shows them all)."""
    query = ProblemQuery(today, client_id=client_id, sort=ProblemSort.RECEIVED, descending=True)
    with uow.read() as tx:
        return tx.problems.list(query, 0, MAX_PAGE)


@dataclass(frozen=True)
class ProblemDetail:
    problem: ClientProblem
    client_name: str
    officer_name: str
    supervisor_name: str
    history: list[ProblemEvent]


def get_problem(uow: UnitOfWork, problem_id: int) -> ProblemDetail:
    with uow.read() as tx:
        problem = tx.problems.get(problem_id)
        if problem is None:
            raise NotFound(_("Permasalahan dengan id {id} tidak ditemukan.").format(id=problem_id))
        client = tx.clients.get(problem.client_id)
        officer = tx.officers.get(problem.officer_id)
        supervisor = tx.officers.get(problem.escalated_to) if problem.escalated_to else None
        return ProblemDetail(problem, client.display_name if client else "", officer.name if officer else "",
                             supervisor.name if supervisor else "", tx.problems.history(problem_id))


@dataclass(frozen=True)
class ProblemAttention:
    """What the Today panel shows: the open problems past or at their deadline."""

    open_count: int
    overdue_count: int
    due_today_count: int
    items: list[ProblemListItem]  # overdue first (oldest deadline first), then due today


def problems_needing_attention(uow: UnitOfWork, today: date, officer_id: int | None,
                               limit: int = 50) -> ProblemAttention:
    query = ProblemQuery(today, officer_id=officer_id, open_only=True, sort=ProblemSort.DEADLINE)
    with uow.read() as tx:
        open_count, overdue, due = tx.problems.attention_counts(today, officer_id)
        items = tx.problems.list(query, 0, min(limit, overdue + due)) if overdue + due else []
    return ProblemAttention(open_count, overdue, due, items)


def status_counts(uow: UnitOfWork, officer_id: int | None = None) -> dict[ProblemStatus, int]:
    with uow.read() as tx:
        return tx.problems.status_counts(officer_id)


def supervisors(uow: UnitOfWork) -> list[Officer]:
    """Who an escalation may go to: active supervisors and admins."""
    with uow.read() as tx:
        return [o for o in tx.officers.list() if o.role in SUPERVISING]
