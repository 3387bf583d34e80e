"""SqlProblemRepository: client problems, their history, and the lists behind the
Permasalahan view, the client panel, the Today panel and `ao-desktop problems`.

Writes are version-checked UPDATEs (`WHERE id = ? AND version = ?`) as for clients and
applications; every write leaves a history step and an audit row. Lists are paged and
sorted in SQL; "overdue" is an open status with the deadline before the query's day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, func, insert, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.problems.enums import (
    OPEN_STATUSES,
    ProblemCategory,
    ProblemChannel,
    ProblemStatus,
)
from ao_desktop.domain.problems.problem import (
    EDITABLE_FIELDS,
    ClientProblem,
    ProblemEvent,
    ProblemListItem,
)
from ao_desktop.domain.problems.query import ProblemQuery, ProblemSort
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.audit_values import jsonable
from ao_desktop.storage.models import (
    ClientProblemEventRow,
    ClientProblemRow,
    ClientRow,
    OfficerRow,
)

_EMPTY = (None, "", (), [])  # a new record's unset fields: left out of its audit entry

P = ClientProblemRow.__table__
H = ClientProblemEventRow.__table__
C = ClientRow.__table__
O = OfficerRow.__table__  # noqa: E741 - the officers table, as A/C are elsewhere
_OPEN = [s.value for s in OPEN_STATUSES]
# Columns the repository writes from a ClientProblem (the rest are its own bookkeeping).
_VALUE_FIELDS = ("client_id", "officer_id", "category", "channel", "received_at", "description",
                 "deadline", "original_deadline", "extension_reason", "extended_at", "status",
                 "resolution", "resolved_at", "escalated_to", "escalation_note", "escalated_at",
                 "closed_at")  # fmt: skip


def _values(problem: ClientProblem) -> dict[str, Any]:
    values = {name: getattr(problem, name) for name in _VALUE_FIELDS}
    for name in ("category", "channel", "status"):
        values[name] = values[name].value
    return values


def _row_to_problem(row: Any) -> ClientProblem:
    return ClientProblem(
        client_id=row.client_id, officer_id=row.officer_id, category=ProblemCategory(row.category),
        channel=ProblemChannel(row.channel), received_at=row.received_at, description=row.description,
        deadline=row.deadline, original_deadline=row.original_deadline,
        extension_reason=row.extension_reason, extended_at=row.extended_at,
        status=ProblemStatus(row.status), resolution=row.resolution, resolved_at=row.resolved_at,
        escalated_to=row.escalated_to, escalation_note=row.escalation_note,
        escalated_at=row.escalated_at, closed_at=row.closed_at, id=row.id, version=row.version,
        created_at=row.created_at, updated_at=row.updated_at, updated_by=row.updated_by,
    )  # fmt: skip


def _sort_columns(sort: ProblemSort) -> list[Any]:
    return {
        ProblemSort.URGENCY: [case((P.c.status.in_(_OPEN), 0), else_=1), P.c.deadline],
        ProblemSort.DEADLINE: [P.c.deadline],
        ProblemSort.RECEIVED: [P.c.received_at],
        ProblemSort.CLIENT: [C.c.name_key],
        ProblemSort.CATEGORY: [P.c.category],
        ProblemSort.CHANNEL: [P.c.channel],
        ProblemSort.STATUS: [P.c.status],
        ProblemSort.OFFICER: [O.c.name],
        ProblemSort.ID: [],
    }[sort]


class SqlProblemRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- one problem ----------------------------------------------------------------------
    def get(self, problem_id: int) -> ClientProblem | None:
        row = self.session.execute(select(P).where(P.c.id == problem_id)).first()
        return _row_to_problem(row) if row else None

    def add(self, problem: ClientProblem, actor: str, now: datetime) -> ClientProblem:
        new_id = self.session.execute(insert(P).values(
            **_values(problem), version=1, created_at=now, updated_at=now,
            updated_by=actor)).inserted_primary_key[0]
        self._history(new_id, "dicatat", problem.status, actor, now, "")
        self._audit(new_id, "create", actor, now, {
            **{f: [None, jsonable(getattr(problem, f))] for f in EDITABLE_FIELDS
               if getattr(problem, f) not in _EMPTY},
            "client_id": problem.client_id, "category": problem.category.value,
            "deadline": jsonable(problem.deadline)})
        return replace(problem, id=new_id, version=1, created_at=now, updated_at=now, updated_by=actor)

    def save(self, problem: ClientProblem, action: str, note: str, actor: str,
             now: datetime) -> ClientProblem | None:
        """Write the whole problem if the stored version still equals `problem.version`;
        None when it does not. `action` and `note` go into its history."""
        assert problem.id is not None
        before = self.get(problem.id)
        if before is None or before.version != problem.version:
            return None
        result = self.session.execute(
            update(P).where(P.c.id == problem.id, P.c.version == problem.version)
            .values(**_values(problem), version=P.c.version + 1, updated_at=now, updated_by=actor))
        if result.rowcount != 1:
            return None
        self._history(problem.id, action, problem.status, actor, now, note)
        changed = {f: [jsonable(getattr(before, f)), jsonable(getattr(problem, f))]
                   for f in (*EDITABLE_FIELDS, "status", "deadline", "escalated_to")
                   if getattr(before, f) != getattr(problem, f)}
        self._audit(problem.id, action, actor, now, {**changed, "note": note})
        return self.get(problem.id)

    def _history(self, problem_id: int, action: str, status: ProblemStatus, actor: str,
                 now: datetime, note: str) -> None:
        self.session.execute(insert(H).values(problem_id=problem_id, action=action,
                                              status=status.value, at=now, by=actor, note=note))

    def _audit(self, row_id: int, action: str, actor: str, now: datetime, details: dict[str, Any]) -> None:
        client_id = self.session.scalar(select(P.c.client_id).where(P.c.id == row_id))
        audit_entry(self.session, "client_problems", row_id, action, actor, now, details, client_id)

    def history(self, problem_id: int) -> list[ProblemEvent]:
        rows = self.session.execute(select(H).where(H.c.problem_id == problem_id)
                                    .order_by(H.c.at, H.c.id)).all()
        return [ProblemEvent(r.action, ProblemStatus(r.status), r.at, r.by, r.note) for r in rows]

    def last_change(self, problem_id: int) -> tuple[str, datetime] | None:
        r = self.session.execute(select(P.c.updated_by, P.c.updated_at).where(P.c.id == problem_id)).first()
        return (r.updated_by, r.updated_at) if r else None

    # --- lists ----------------------------------------------------------------------------
    def _filtered(self, stmt: Select, query: ProblemQuery) -> Select:  # type: ignore[type-arg]
        if query.officer_id is not None:
            stmt = stmt.where(P.c.officer_id == query.officer_id)
        if query.status is not None:
            stmt = stmt.where(P.c.status == query.status.value)
        if query.category is not None:
            stmt = stmt.where(P.c.category == query.category.value)
        if query.client_id is not None:
            stmt = stmt.where(P.c.client_id == query.client_id)
        if query.open_only or query.overdue_only:
            stmt = stmt.where(P.c.status.in_(_OPEN))
        if query.overdue_only:
            stmt = stmt.where(P.c.deadline < query.today)
        return stmt

    def list(self, query: ProblemQuery, offset: int = 0, limit: int = 200) -> list[ProblemListItem]:
        """One page of the list in the query's order (ties broken by id)."""
        stmt = select(P, C.c.full_name.label("client_name"), O.c.name.label("officer_name")).select_from(
            P.join(C, P.c.client_id == C.c.id).join(O, P.c.officer_id == O.c.id))
        stmt = self._filtered(stmt, query)
        keys = [*_sort_columns(query.sort), P.c.id]
        stmt = stmt.order_by(*(k.desc() if query.descending else k.asc() for k in keys))
        rows = self.session.execute(stmt.offset(offset).limit(limit)).all()
        return [ProblemListItem(_row_to_problem(r), r.client_name, r.officer_name) for r in rows]

    def count(self, query: ProblemQuery) -> int:
        stmt = self._filtered(select(func.count()).select_from(P), query)
        return int(self.session.execute(stmt).scalar_one())

    def attention_counts(self, today: date, officer_id: int | None) -> tuple[int, int, int]:
        """(open, overdue, due today) problems of the officer (all officers: None)."""
        stmt = select(
            func.count(),
            # case(): a sum over a comparison would come back typed (and read) as a bool.
            func.coalesce(func.sum(case((P.c.deadline < today, 1), else_=0)), 0),
            func.coalesce(func.sum(case((P.c.deadline == today, 1), else_=0)), 0),
        ).where(P.c.status.in_(_OPEN))
        if officer_id is not None:
            stmt = stmt.where(P.c.officer_id == officer_id)
        total, overdue, due = self.session.execute(stmt).one()
        return int(total), int(overdue), int(due)

    def status_counts(self, officer_id: int | None = None) -> dict[ProblemStatus, int]:
        stmt = select(P.c.status, func.count()).group_by(P.c.status)
        if officer_id is not None:
            stmt = stmt.where(P.c.officer_id == officer_id)
        counts = dict.fromkeys(ProblemStatus, 0)
        for status, n in self.session.execute(stmt).all():
            counts[ProblemStatus(status)] = n
        return counts
