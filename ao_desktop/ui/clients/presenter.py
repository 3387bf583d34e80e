"""ClientDirectoryPresenter: what the directory's buttons do, without any widget.

It turns the filter widgets' values into a `ClientQuery` and runs the actions that
change a client (archive, restore, change status) on the freshest stored version.
Services raise `DomainError`s with user-facing text; the view shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.services.clients.directory import (
    archive_client,
    change_status,
    get_client,
    restore_client,
)
from ao_desktop.ui.context import UiContext


@dataclass(frozen=True)
class DirectoryFilters:
    """What the filter bar shows; None means 'all'."""

    text: str = ""
    status: ClientStatus | None = None
    source: LeadSource | None = None
    officer_id: int | None = None
    show_archived: bool = False


def build_query(filters: DirectoryFilters, current: ClientQuery) -> ClientQuery:
    """The query for `filters`, keeping the current sort order."""
    return replace(
        current,
        text=filters.text.strip(),
        statuses=frozenset({filters.status}) if filters.status else frozenset(),
        sources=frozenset({filters.source}) if filters.source else frozenset(),
        officer_id=filters.officer_id,
        include_archived=filters.show_archived,
        archived_only=False,
    )


class ClientDirectoryPresenter:
    """Data-changing actions of the directory, each on a freshly read client."""

    def __init__(self, context: UiContext) -> None:
        self._context = context

    def client(self, client_id: int) -> Client:
        return get_client(self._context.uow, client_id)

    def archive(self, client_id: int) -> Client:
        return archive_client(self._context.uow, self.client(client_id), self._context.actor)

    def restore(self, client_id: int) -> Client:
        return restore_client(self._context.uow, self.client(client_id), self._context.actor)

    def change_status(self, client_id: int, status: ClientStatus, note: str) -> Client:
        return change_status(
            self._context.uow, self.client(client_id), status, self._context.actor, note
        )
