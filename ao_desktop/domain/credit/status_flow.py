"""The status flow of an application and what each move does to the client's pipeline.

draft -> diajukan -> disetujui -> dicairkan, and diajukan -> ditolak. A submitted
application may go back to draft for rework; nothing leaves ditolak or dicairkan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.labels import status_label

ALLOWED: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.APPROVED, S.REJECTED, S.DRAFT}),
    S.APPROVED: frozenset({S.DISBURSED, S.REJECTED}),
    S.REJECTED: frozenset(),
    S.DISBURSED: frozenset(),
}

# The client's pipeline status after the move; None leaves it as it is.
CLIENT_STATUS_AFTER: dict[S, ClientStatus | None] = {
    S.DRAFT: None,
    S.SUBMITTED: ClientStatus.APPLICATION,
    S.APPROVED: ClientStatus.APPLICATION,
    S.REJECTED: ClientStatus.DECLINED,
    S.DISBURSED: ClientStatus.ACTIVE,
}


# A client already further along keeps their status: an active client's second loan
# does not make them a prospect again, and its refusal does not undo the first loan.
_PIPELINE_RANK = {ClientStatus.PROSPECT: 0, ClientStatus.INACTIVE: 0, ClientStatus.DECLINED: 0,
                  ClientStatus.APPLICATION: 1, ClientStatus.ACTIVE: 2}


def client_status_after(client: ClientStatus, moved_to: S) -> ClientStatus | None:
    """The client's new pipeline status, or None to leave it."""
    target = CLIENT_STATUS_AFTER[moved_to]
    if target is None or target is client:
        return None
    if target is ClientStatus.DECLINED:
        return target if _PIPELINE_RANK[client] <= 1 else None
    return target if _PIPELINE_RANK[target] > _PIPELINE_RANK[client] else None


@dataclass(frozen=True)
class StatusChange:
    to: S
    reason: str = ""  # ditolak: why
    on: date | None = None  # dicairkan: the disbursement date


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed([FieldIssue(field, message)])


def check_move(current: S, change: StatusChange, today: date) -> StatusChange:
    """The change cleaned, or ValidationFailed saying why the move is refused."""
    if change.to not in ALLOWED[current]:
        if change.to is S.DISBURSED:
            raise _refuse("status", _("Hanya pengajuan yang sudah disetujui yang dapat dicairkan."))
        raise _refuse("status", _("Status tidak dapat diubah dari {a} ke {b}.").format(
            a=status_label(current), b=status_label(change.to)))
    if change.to is S.REJECTED and not change.reason.strip():
        raise _refuse("reason", _("Isi alasan penolakan."))
    if change.to is S.DISBURSED:
        if change.on is None:
            raise _refuse("on", _("Isi tanggal pencairan."))
        if change.on > today:
            raise _refuse("on", _("Tanggal pencairan tidak boleh di masa depan."))
    return StatusChange(change.to, change.reason.strip() if change.to is S.REJECTED else "",
                        change.on if change.to is S.DISBURSED else None)
