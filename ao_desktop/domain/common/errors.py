"""Domain errors: each carries a message the user can read (Bahasa Indonesia first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class DomainError(Exception):
    """Base for every error whose message is meant for the user."""


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one field: an error blocks saving, a warning only informs."""

    field: str
    message: str
    is_error: bool = True


class ValidationFailed(DomainError):
    def __init__(self, issues: list[FieldIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(i.message for i in issues if i.is_error))


class NotFound(DomainError):
    pass


@dataclass(frozen=True)
class FieldChange:
    """A field that a colleague changed since the user loaded the record."""

    field: str
    label: str
    before: Any
    after: Any


class StaleEdit(DomainError):
    """Saving over a row someone else changed since it was loaded: refused, never merged."""

    def __init__(self, message: str, changes: list[FieldChange], changed_by: str | None) -> None:
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(message)


class DuplicateSuspected(DomainError):
    """Adding a client that looks like one already stored; the user must confirm."""

    def __init__(self, message: str, matches: list[Any]) -> None:
        self.matches = matches
        super().__init__(message)


class DatabaseRefused(DomainError):
    """A file that cannot be opened as an AO Desktop database; it was left untouched."""


class ServerConnectionFailed(DatabaseRefused):
    """A PostgreSQL server did not let us in; `field` names what to correct ("host",
    "port", "database", "user", "password"), or is None when nothing typed is to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    @property
    def needs_password(self) -> bool:
        """The server wants a password that was not given, or refused the one given."""
        return self.field == "password"


class DatabaseBusy(DomainError):
    """Colleagues kept the shared database locked for longer than the retries allow."""


class PermissionDenied(DomainError):
    """The user's role does not allow this action (checked in services, not only in the UI)."""


class BackupFailed(DomainError):
    """A backup could not be written or did not pass its check; no partial file is left."""


class OperationCancelled(DomainError):
    """The user cancelled a long operation (a backup); nothing was changed."""


class DatabaseDamaged(DomainError):
    """SQLite's quick check found damage in the database file; the file was not changed.

    `backup` is the newest backup that passed its own check (None when there is none),
    `backup_taken_at` when it was taken, so the app can offer to restore it.
    """

    def __init__(self, message: str, path: Any, backup: Any = None, backup_taken_at: Any = None) -> None:
        self.path = path
        self.backup = backup
        self.backup_taken_at = backup_taken_at
        super().__init__(message)


class DatabaseUnreachable(DomainError):
    """The database went out of reach mid-work: the PostgreSQL server stopped answering
    or the shared drive vanished. Nothing of the attempt was saved; the same action can
    be tried again once the network or the drive is back. `where` is the server label
    or the file's path (never a password)."""

    def __init__(self, message: str, where: str) -> None:
        self.where = where
        super().__init__(message)
