"""Backups as the app sees them: what a backup is called, what it holds, which ones to keep.

Pure rules without files: storage takes the backups (SQLite's backup API) and applies
`backups_to_prune`; services and the UI show `BackupInfo` and `CheckReport`.

A backup's name says when and why it was taken, so a folder listing is readable by the
branch's IT staff without the app: `ao-desktop-2026-11-27T0930-daily.sqlite`,
`-monthly`, `-manual`, `-pre-migration-v1-to-v2` (a `-2`, `-3`... suffix when two land in
the same minute).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from ao_desktop.domain.common.i18n import _

BACKUP_PREFIX = "ao-desktop-"
BACKUP_SUFFIX = ".sqlite"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_PRE_MIGRATION = 5
# Keys in the database's settings table that change how many are kept.
KEEP_DAILY_SETTING = "backup.keep_daily"
KEEP_MONTHLY_SETTING = "backup.keep_monthly"


class BackupKind(StrEnum):
    DAILY = "daily"
    MONTHLY = "monthly"
    MANUAL = "manual"
    PRE_MIGRATION = "pre-migration"


def backup_kind_label(kind: BackupKind) -> str:
    return {
        BackupKind.DAILY: _("harian"),
        BackupKind.MONTHLY: _("bulanan"),
        BackupKind.MANUAL: _("manual"),
        BackupKind.PRE_MIGRATION: _("sebelum pembaruan"),
    }[kind]


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when and why it was taken, how big it is."""

    path: Path
    kind: BackupKind
    taken_at: datetime  # local time, to the minute (from the name)
    size_bytes: int
    detail: str = ""  # "v1-to-v2" for a pre-migration backup


@dataclass(frozen=True)
class CheckReport:
    """The result of checking a database (a file, or one on a PostgreSQL server); `lines`
    are sentences for the user, `checks` names the checks that really ran."""

    path: Path | str  # a server database: its label, postgresql://user@host:port/db
    integrity: tuple[str, ...]  # SQLite's complaints (PostgreSQL: its catalog's); () when sound
    foreign_keys: tuple[str, ...]  # rows pointing at missing rows
    search_index_ok: bool | None  # None: not checked (the structure was already damaged)
    application_id_ok: bool
    lines: tuple[str, ...]
    engine: str = "sqlite"
    checks: tuple[str, ...] = ()
    collation: str | None = None  # PostgreSQL: the database's collation (SQLite: BINARY)
    warnings: tuple[str, ...] = ()  # worth knowing, not damage: `ok` does not depend on them

    @property
    def ok(self) -> bool:
        return (
            not self.integrity
            and not self.foreign_keys
            and self.search_index_ok is not False
            and self.application_id_ok
        )


_NAME = re.compile(
    r"^ao-desktop-(?P<date>\d{4}-\d{2}-\d{2})T(?P<hour>\d{2})(?P<minute>\d{2})-"
    r"(?P<kind>daily|monthly|manual|pre-migration)(?:-(?P<detail>v\d+-to-v\d+))?"
    r"(?:-(?P<n>\d+))?\.sqlite$"
)


def backup_name(taken_at: datetime, kind: BackupKind, detail: str = "", n: int = 1) -> str:
    """The file name of a backup; `n` > 1 when an earlier one took the same minute."""
    stamp = taken_at.strftime("%Y-%m-%dT%H%M")
    extra = f"-{detail}" if detail else ""
    counter = f"-{n}" if n > 1 else ""
    return f"{BACKUP_PREFIX}{stamp}-{kind.value}{extra}{counter}{BACKUP_SUFFIX}"


def pre_migration_detail(from_version: int, to_version: int) -> str:
    return f"v{from_version}-to-v{to_version}"


def parse_backup_name(path: Path, size_bytes: int = 0) -> BackupInfo | None:
    """The BackupInfo a file name describes, or None for any other file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken_at = datetime.fromisoformat(f"{match['date']}T{match['hour']}:{match['minute']}")
    except ValueError:
        return None
    return BackupInfo(path, BackupKind(match["kind"]), taken_at, size_bytes, match["detail"] or "")


def backups_to_prune(
    backups: Iterable[BackupInfo],
    keep_daily: int = KEEP_DAILY,
    keep_monthly: int = KEEP_MONTHLY,
    keep_pre_migration: int = KEEP_PRE_MIGRATION,
) -> list[BackupInfo]:
    """The backups to delete: all but the newest `keep_*` of each automatic kind.

    Manual backups are never pruned: the user took them on purpose.
    """
    keep = {
        BackupKind.DAILY: max(keep_daily, 1),
        BackupKind.MONTHLY: max(keep_monthly, 1),
        BackupKind.PRE_MIGRATION: max(keep_pre_migration, 1),
    }
    doomed: list[BackupInfo] = []
    for kind, count in keep.items():
        of_kind = sorted(
            (b for b in backups if b.kind is kind),
            key=lambda b: (b.taken_at, b.path.name),
            reverse=True,
        )
        doomed.extend(of_kind[count:])
    return doomed


def describe_backup(info: BackupInfo) -> str:
    """`27 Nov 2026 09:30 — harian — 12,3 MB` for lists and messages."""
    from ao_desktop.domain.common.formatting import format_datetime

    size = f"{info.size_bytes / 1_000_000:.1f}".replace(".", ",")
    return f"{format_datetime(info.taken_at)} — {backup_kind_label(info.kind)} — {size} MB"
