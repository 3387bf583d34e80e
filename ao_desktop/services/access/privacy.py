"""Handing an officer's portfolio to a colleague, and retention of personal data
(UU 27/2022): the clients past the retention period, and anonymising one of them.

Each is one write transaction with one audit entry: the handover names the two officers
and the moved rows' ids; an anonymisation names the fields blanked, never their values.
"""

from __future__ import annotations

from datetime import date, datetime

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.access.privacy import Handover, RetentionCandidate, retention_cutoff
from ao_desktop.domain.common.errors import NotFound, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.access.security_settings import read_security_settings
from ao_desktop.services.ports import UnitOfWork


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _refused(message: str) -> ValidationFailed:
    from ao_desktop.domain.common.errors import FieldIssue

    return ValidationFailed([FieldIssue("officer", message)])


@records_refusal
def handover_preview(uow: UnitOfWork, from_officer_id: int, actor: Actor) -> dict[str, int]:
    """What a handover of this officer would move now (clients, loans, activities), shown
    before the supervisor confirms."""
    require(actor, Action.REASSIGN_CLIENTS)
    with uow.read() as tx:
        if tx.officers.get(from_officer_id) is None:
            raise NotFound(_("Petugas asal tidak ditemukan."))
        return tx.privacy.handover_preview(from_officer_id).counts


@records_refusal
def hand_over_portfolio(uow: UnitOfWork, from_officer_id: int, to_officer_id: int, actor: Actor) -> Handover:
    """Move every client, loan account, planned activity, application in progress and open
    problem of one officer to another (an AO leaves or changes branch); supervisors and
    admins, one recorded action."""
    require(actor, Action.REASSIGN_CLIENTS)
    if from_officer_id == to_officer_id:
        raise _refused(_("Pilih petugas tujuan yang berbeda dari petugas asal."))
    now = _now()
    with uow.write() as tx:
        source, target = tx.officers.get(from_officer_id), tx.officers.get(to_officer_id)
        if source is None or target is None:
            raise NotFound(_("Petugas asal atau tujuan tidak ditemukan."))
        if not target.active or target.role is OfficerRole.MARKETING:
            raise _refused(_("{n} tidak dapat menerima nasabah: petugas tujuan harus AO, supervisor "
                             "atau admin yang aktif.").format(n=target.name))
        handover = tx.privacy.hand_over(from_officer_id, to_officer_id, actor.name, now)
        tx.audit.record("handover", from_officer_id, "handover", actor.name, now, {
            "officer_id": [from_officer_id, to_officer_id], **handover.counts,
            "client_ids": list(handover.clients), "loan_ids": list(handover.loans),
            "activity_ids": list(handover.activities), "application_ids": list(handover.applications),
            "problem_ids": list(handover.problems)})
    return handover


@records_refusal
def clients_past_retention(uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[RetentionCandidate]:
    """The clients the admin may anonymise: relationship ended more than the retention
    setting's years ago, no open loan, no application in progress."""
    require(actor, Action.ANONYMISE_CLIENTS)
    years = read_security_settings(uow).retention_years
    cutoff = retention_cutoff(today or date.today(), years)
    with uow.read() as tx:
        return tx.privacy.past_retention(cutoff)


@records_refusal
def anonymise_client(uow: UnitOfWork, client_id: int, actor: Actor, today: date | None = None) -> list[str]:
    """Blank one listed client's name, NIK, phones and address; the fields blanked.
    Refused for a client not on the list (still in the period, open loan or application)."""
    require(actor, Action.ANONYMISE_CLIENTS)
    years = read_security_settings(uow).retention_years
    cutoff = retention_cutoff(today or date.today(), years)
    now = _now()
    with uow.write() as tx:
        if tx.clients.get(client_id) is None:
            raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
        if not tx.privacy.is_past_retention(client_id, cutoff):
            raise ValidationFailed([_issue(_(
                "Nasabah {id} belum dapat dianonimkan: hubungan belum berakhir lebih dari {y} tahun, "
                "atau masih ada pinjaman atau pengajuan yang berjalan.").format(id=client_id, y=years))])
        fields = tx.privacy.anonymise(client_id, actor.name, now)
        tx.audit.record("clients", client_id, "anonymise", actor.name, now,
                        {"fields": fields, "retention_years": years}, client_id)
    return fields


def _issue(message: str):  # type: ignore[no-untyped-def]
    from ao_desktop.domain.common.errors import FieldIssue

    return FieldIssue("client", message)
