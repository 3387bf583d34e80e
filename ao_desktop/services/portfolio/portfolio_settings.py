"""The portfolio's settings, kept in the database (shared by every PC): the
collectibility policy, the response deadline of warning letters in working days, the
branch code printed in letter numbers, and which officer each core-banking Kode AO is.
Admins change them; a damaged setting falls back to its default, never blocks work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ao_desktop.domain.common.errors import FieldIssue, PermissionDenied, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.portfolio.collectibility import (
    CollectibilityPolicy,
    parse_policy,
    policy_issues,
    policy_text,
)
from ao_desktop.domain.portfolio.letters import DEFAULT_DEADLINE_WORKING_DAYS
from ao_desktop.services.ports import Transaction, UnitOfWork

POLICY_KEY = "portfolio.collectibility_policy"
DEADLINE_KEY = "portfolio.letter_deadline_days"
BRANCH_CODE_KEY = "portfolio.branch_code"
OFFICER_CODE_PREFIX = "portfolio.ao."


@dataclass(frozen=True)
class PortfolioSettings:
    policy: CollectibilityPolicy
    deadline_days: int = DEFAULT_DEADLINE_WORKING_DAYS
    branch_code: str = ""


def read_settings(tx: Transaction) -> PortfolioSettings:
    raw = tx.settings.get(DEADLINE_KEY, "")
    days = int(raw) if raw.isdigit() and 1 <= int(raw) <= 60 else DEFAULT_DEADLINE_WORKING_DAYS
    return PortfolioSettings(parse_policy(tx.settings.get(POLICY_KEY, "")), days,
                             tx.settings.get(BRANCH_CODE_KEY, "").strip())


def portfolio_settings(uow: UnitOfWork) -> PortfolioSettings:
    with uow.read() as tx:
        return read_settings(tx)


def save_settings(uow: UnitOfWork, settings: PortfolioSettings, actor: Actor) -> None:
    """Admins only. A new policy re-grades every stored account and position (history
    included, so months stay comparable) in the same transaction."""
    if not actor.is_admin:
        raise PermissionDenied(_("Hanya admin yang dapat mengubah pengaturan portofolio."))
    issues = policy_issues(settings.policy.upper)
    if not 1 <= settings.deadline_days <= 60:
        issues.append(FieldIssue("deadline_days", _("Batas waktu surat peringatan harus 1-60 hari kerja.")))
    if issues:
        raise ValidationFailed(issues)
    with uow.write() as tx:
        before = parse_policy(tx.settings.get(POLICY_KEY, ""))
        tx.settings.change({POLICY_KEY: policy_text(settings.policy), DEADLINE_KEY: str(settings.deadline_days),
                            BRANCH_CODE_KEY: settings.branch_code.strip()},
                           actor.name, datetime.now().replace(microsecond=0))
        if before.upper != settings.policy.upper:
            tx.portfolio.recompute_collectibility(settings.policy)


def officer_code_index(tx: Transaction) -> dict[str, int]:
    """Kode AO (folded) -> officer id: the admin's assignments, then each officer's id
    and name as written ("3", "Budi Santoso")."""
    index: dict[str, int] = {}
    for officer in tx.officers.list(active_only=False):
        if officer.id is not None:
            index.setdefault(str(officer.id), officer.id)
            index.setdefault(fold_code(officer.name), officer.id)
    for code, officer_id in tx.portfolio.officer_codes().items():
        index[fold_code(code)] = officer_id
    return index


def fold_code(code: str) -> str:
    return " ".join(code.lower().split())


def assign_officer_code(uow: UnitOfWork, code: str, officer_id: int, actor: Actor) -> int:
    """Admins only: this Kode AO is this officer from now on; accounts already imported
    with it (unassigned) get the officer too. The number of accounts assigned."""
    if not actor.is_admin:
        raise PermissionDenied(_("Hanya admin yang dapat mengatur Kode AO."))
    with uow.write() as tx:
        if tx.officers.get(officer_id) is None:
            raise ValidationFailed([FieldIssue("officer_id", _("AO dengan id {i} tidak ditemukan.")
                                               .format(i=officer_id))])
        tx.settings.change({OFFICER_CODE_PREFIX + fold_code(code): str(officer_id)}, actor.name,
                           datetime.now().replace(microsecond=0))
        return tx.portfolio.assign_code(code, officer_id)


def unassigned_codes(uow: UnitOfWork) -> list[tuple[str, int]]:
    with uow.read() as tx:
        return tx.portfolio.unassigned_codes()
