"""The database's security and retention settings (shared by every PC): minutes idle
before the lock screen, and years a client's data is kept after the relationship ends."""

from __future__ import annotations

from dataclasses import dataclass

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import Transaction, UnitOfWork

LOCK_KEY = "security.lock_minutes"
RETENTION_KEY = "privacy.retention_years"
DEFAULT_LOCK_MINUTES = 10
# The company-records period (UU 8/1997 on company documents, 10 years); the bank's
# compliance officer confirms it, hence a setting.
DEFAULT_RETENTION_YEARS = 10


@dataclass(frozen=True)
class SecuritySettings:
    lock_minutes: int = DEFAULT_LOCK_MINUTES
    retention_years: int = DEFAULT_RETENTION_YEARS


def _int(tx: Transaction, key: str, default: int) -> int:
    try:
        return int(tx.settings.get(key, str(default)))
    except ValueError:
        return default


def read_security_settings(uow: UnitOfWork) -> SecuritySettings:
    with uow.read() as tx:
        return SecuritySettings(_int(tx, LOCK_KEY, DEFAULT_LOCK_MINUTES),
                                _int(tx, RETENTION_KEY, DEFAULT_RETENTION_YEARS))


def save_security_settings(uow: UnitOfWork, settings: SecuritySettings, actor: Actor) -> SecuritySettings:
    require(actor, Action.MANAGE_SETTINGS)
    issues = []
    if not 1 <= settings.lock_minutes <= 240:
        issues.append(FieldIssue("lock_minutes", _("Kunci otomatis antara 1 dan 240 menit."), True))
    if not 1 <= settings.retention_years <= 100:
        issues.append(FieldIssue("retention_years", _("Masa simpan data antara 1 dan 100 tahun."), True))
    if issues:
        raise ValidationFailed(issues)
    from datetime import datetime

    with uow.write() as tx:
        before = SecuritySettings(_int(tx, LOCK_KEY, DEFAULT_LOCK_MINUTES),
                                  _int(tx, RETENTION_KEY, DEFAULT_RETENTION_YEARS))
        tx.settings.set(LOCK_KEY, str(settings.lock_minutes))
        tx.settings.set(RETENTION_KEY, str(settings.retention_years))
        changes = {k: [getattr(before, k), getattr(settings, k)] for k in ("lock_minutes", "retention_years")
                   if getattr(before, k) != getattr(settings, k)}
        if changes:
            tx.audit.record("settings", 0, "update", actor.name, datetime.now().replace(microsecond=0), changes)
    return settings
