"""Monthly targets per officer: read by anybody, set by a supervisor or an admin."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.reports.targets import MonthlyTarget, checked_target
from ao_desktop.services.ports import UnitOfWork


def can_set_targets(actor: Actor) -> bool:
    return actor.role in (OfficerRole.SUPERVISOR, OfficerRole.ADMIN)


def targets_for(uow: UnitOfWork, month: str, officer_ids: Sequence[int] | None = None) -> list[MonthlyTarget]:
    with uow.read() as tx:
        return tx.report_targets.for_months([month], officer_ids)


def save_target(uow: UnitOfWork, target: MonthlyTarget, actor: Actor,
                now: datetime | None = None) -> MonthlyTarget:
    if not can_set_targets(actor):
        raise PermissionDenied(_("Hanya supervisor atau admin yang dapat menetapkan target."))
    checked_target(target)
    with uow.write() as tx:
        if tx.officers.get(target.officer_id) is None:
            raise PermissionDenied(_("AO dengan id {i} tidak ditemukan.").format(i=target.officer_id))
        saved = tx.report_targets.save(target, actor.name, now or datetime.now().replace(microsecond=0))
    if saved is None:
        raise StaleEdit(_("Target {m} AO ini baru saja diubah rekan lain; muat ulang lalu coba lagi.").format(
            m=target.month), [], None)
    return saved
