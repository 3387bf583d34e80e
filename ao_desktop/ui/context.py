"""What the composition root (app.py) hands to the GUI: the unit of work and who is
using the app. The UI reaches data only through services called with `uow`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.maintenance.backup import CheckReport
from ao_desktop.services.maintenance import MaintenancePort
from ao_desktop.services.ports import UnitOfWork


@dataclass(frozen=True)
class UiContext:
    uow: UnitOfWork
    database_label: str  # the path, or the server's location without its password
    shared: bool  # True: the branch's shared database (rollback journal)
    actor: str  # the name recorded with every change
    officer_id: int | None = None  # the signed-in AO, if known
    demo: bool = False
    role: OfficerRole = OfficerRole.AO
    maintenance: MaintenancePort | None = None  # backup, restore, check (None: not offered)
    reports_folder: Path | None = None  # generated reports, in this PC's data folder
    server_version: str = ""  # "PostgreSQL 15.8" on a database server; "" on a SQLite file
    read_only: str | None = None  # an offline copy of a server database: why nothing is saved
    # On a server: its relational checks (`check --db postgresql://...`) for "Periksa
    # database"; its backups are the DBA's, so `maintenance` stays None there.
    server_check: Callable[[], CheckReport] | None = None

    @property
    def who(self) -> Actor:
        """The user as services see them (name, role, officer)."""
        return Actor(self.actor, self.role, self.officer_id)

    def signed_in_as(self, actor: Actor) -> UiContext:
        """This context for the officer who just proved their PIN."""
        return replace(self, actor=actor.name, role=actor.role, officer_id=actor.officer_id)
