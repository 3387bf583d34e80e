"""A client problem (permasalahan/pengaduan nasabah): who raised it, what about, how it
came in, when, its deadline, and how it was handled.

`id is None` means not stored yet; `version` is the optimistic-locking counter. The
deadline is computed (deadline.py), never typed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.problems.enums import (
    OPEN_STATUSES,
    ProblemCategory,
    ProblemChannel,
    ProblemStatus,
)

MAX_DESCRIPTION = 4000
MIN_DESCRIPTION = 10  # "ATM error" says too little for a colleague to pick it up
EARLIEST_RECEIVED = datetime(2000, 1, 1)
CLOCK_SLACK = timedelta(minutes=10)  # two PCs on a share seldom agree to the second


@dataclass(frozen=True)
class ClientProblem:
    client_id: int
    officer_id: int  # the AO handling it (by default the client's AO)
    category: ProblemCategory
    channel: ProblemChannel
    received_at: datetime
    description: str
    deadline: date | None = None  # the current deadline (after an extension, the later one)
    original_deadline: date | None = None
    extension_reason: str = ""
    extended_at: datetime | None = None
    status: ProblemStatus = ProblemStatus.NEW
    resolution: str = ""
    resolved_at: datetime | None = None
    escalated_to: int | None = None  # the supervisor's officer id
    escalation_note: str = ""
    escalated_at: datetime | None = None
    closed_at: datetime | None = None
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


# Fields the AO edits in the problem dialog; used for the audit record and stale edits.
EDITABLE_FIELDS: tuple[str, ...] = ("category", "channel", "received_at", "description", "officer_id")


def problem_issues(problem: ClientProblem, now: datetime) -> list[FieldIssue]:
    """Everything wrong with what the AO typed, each on its field."""
    issues: list[FieldIssue] = []
    text = problem.description.strip()
    if not text:
        issues.append(FieldIssue("description", _("Isi uraian permasalahan.")))
    elif len(text) < MIN_DESCRIPTION:
        issues.append(FieldIssue("description", _(
            "Uraian terlalu singkat; tulis apa yang terjadi (paling sedikit {n} karakter).").format(
            n=MIN_DESCRIPTION)))
    elif len(text) > MAX_DESCRIPTION:
        issues.append(FieldIssue("description", _("Uraian terlalu panjang (maksimal {n} karakter).")
                                 .format(n=MAX_DESCRIPTION)))
    if not isinstance(problem.category, ProblemCategory):
        issues.append(FieldIssue("category", _("Pilih kategori permasalahan.")))
    if not isinstance(problem.channel, ProblemChannel):
        issues.append(FieldIssue("channel", _("Pilih saluran pengaduan.")))
    if problem.received_at > now + CLOCK_SLACK:
        issues.append(FieldIssue("received_at", _("Waktu diterima tidak boleh di masa depan.")))
    elif problem.received_at < EARLIEST_RECEIVED:
        issues.append(FieldIssue("received_at", _("Waktu diterima harus sesudah tahun 2000.")))
    return issues


def check_problem(problem: ClientProblem, now: datetime) -> ClientProblem:
    """The problem with its text trimmed, or ValidationFailed listing every issue."""
    issues = problem_issues(problem, now)
    if issues:
        raise ValidationFailed(issues)
    return replace(problem, description=problem.description.strip(),
                   received_at=problem.received_at.replace(microsecond=0))


@dataclass(frozen=True)
class ProblemListItem:
    """A line of a problem list: the problem with the names the list shows."""

    problem: ClientProblem
    client_name: str
    officer_name: str = ""


@dataclass(frozen=True)
class ProblemEvent:
    """One step in a problem's history: what happened, by whom, when."""

    action: str  # ProblemAction value
    status: ProblemStatus
    at: datetime
    by: str
    note: str = ""
