"""A permission refusal leaves its own audit entry: who asked, for which use case, about
which client (UU 27/2022: an attempt to reach another officer's client is itself worth
knowing). Nothing else is written; the refused use case's own transaction rolled back.

`records_refusal` wraps a use case: when it raises PermissionDenied, one entry
("permissions", action "refused") is written in a transaction of its own and the same
error is raised again. The client is the `client_id` argument, a `Client` argument's id,
the `client_id` of the record the use case was handed (an activity, an application, a
problem) or of the one it was asked for by id; other `*_id` arguments are named in the
details.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import Transaction, UnitOfWork

log = logging.getLogger(__name__)

AUDIT_TABLE = "permissions"
_depth: ContextVar[int] = ContextVar("refusal_depth", default=0)  # use cases inside use cases
P = ParamSpec("P")
R = TypeVar("R")


def record_refusal(uow: UnitOfWork, actor: Actor | str | None, use_case: str, reason: str,
                   client_id: int | None = None, ids: dict[str, int] | None = None) -> None:
    """Write the refusal's entry. A failure to write (a read-only copy, a busy share) is
    logged, never put in the place of the refusal the user must see."""
    name = actor.name if isinstance(actor, Actor) else str(actor or "")
    details: dict[str, Any] = {"use_case": use_case, "reason": reason, **(ids or {})}
    if isinstance(actor, Actor):
        details["role"] = actor.role.value
    try:
        with uow.write() as tx:
            if client_id is None:
                client_id = _client_of_record(tx, ids or {})
            tx.audit.record(AUDIT_TABLE, client_id or 0, "refused", name,
                            datetime.now().replace(microsecond=0), details, client_id)
    except Exception:  # noqa: BLE001 - the refusal itself must still reach the user
        log.exception("refusal of %s could not be recorded", use_case)


def _client_of_record(tx: Transaction, ids: dict[str, int]) -> int | None:
    """The client of the application or problem a refused use case was asked about."""
    for key, repository in (("application_id", tx.applications), ("problem_id", tx.problems),
                            ("activity_id", tx.activities)):
        if key in ids and (record := repository.get(ids[key])) is not None:
            return record.client_id
    return None


def _client_of(arguments: dict[str, Any]) -> int | None:
    value = arguments.get("client_id")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    for value in arguments.values():
        if isinstance(value, Client) and value.id is not None:
            return value.id
        client_id = getattr(value, "client_id", None)
        if isinstance(client_id, int) and not isinstance(client_id, bool) and client_id > 0:
            return client_id
    return None


def _ids(arguments: dict[str, Any]) -> dict[str, int]:
    return {k: v for k, v in arguments.items()
            if k.endswith("_id") and k != "client_id" and isinstance(v, int) and not isinstance(v, bool)}


def records_refusal(fn: Callable[P, R]) -> Callable[P, R]:
    """The use case `fn` (its first argument the unit of work, one named `actor`), with
    its refusals recorded once, as the use case the user asked for (a use case calling
    another records the outer one)."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _depth.set(_depth.get() + 1)
        try:
            return fn(*args, **kwargs)
        except PermissionDenied as exc:
            if _depth.get() == 1:
                arguments = signature.bind_partial(*args, **kwargs).arguments
                uow = next(iter(arguments.values()))
                record_refusal(uow, arguments.get("actor"), fn.__name__, str(exc),
                               _client_of(arguments), _ids(arguments))
            raise
        finally:
            _depth.reset(token)

    return wrapper
