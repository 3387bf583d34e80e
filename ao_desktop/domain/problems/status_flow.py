"""What may happen to a problem, and when it is refused.

    baru -> diproses -> selesai -> ditutup
    baru/diproses -> dieskalasi (to the supervisor, with a note) -> diproses | selesai
    selesai -> diproses (reopened: the client is not satisfied, with a note)

Finishing needs the resolution written down; the deadline is extended at most once,
with a reason (the client is told), and only while it has not passed yet. Nothing
leaves ditutup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.problems.enums import ProblemStatus as S
from ao_desktop.domain.problems.labels import status_label
from ao_desktop.domain.problems.problem import ClientProblem

MAX_NOTE = 4000


class ProblemAction(StrEnum):
    RECORD = "dicatat"
    EDIT = "diubah"
    START = "diproses"
    EXTEND = "diperpanjang"
    ESCALATE = "dieskalasi"
    RETURN = "dikembalikan"  # the supervisor hands an escalated problem back to the AO
    RESOLVE = "selesai"
    CLOSE = "ditutup"
    REOPEN = "dibuka_kembali"


# action -> (the statuses it may start from, the status it leads to; None keeps it)
MOVES: dict[ProblemAction, tuple[frozenset[S], S | None]] = {
    ProblemAction.START: (frozenset({S.NEW}), S.IN_PROGRESS),
    ProblemAction.EXTEND: (frozenset({S.NEW, S.IN_PROGRESS, S.ESCALATED}), None),
    ProblemAction.ESCALATE: (frozenset({S.NEW, S.IN_PROGRESS}), S.ESCALATED),
    ProblemAction.RETURN: (frozenset({S.ESCALATED}), S.IN_PROGRESS),
    ProblemAction.RESOLVE: (frozenset({S.NEW, S.IN_PROGRESS, S.ESCALATED}), S.RESOLVED),
    ProblemAction.CLOSE: (frozenset({S.RESOLVED}), S.CLOSED),
    ProblemAction.REOPEN: (frozenset({S.RESOLVED}), S.IN_PROGRESS),
}


def missing_note(action: ProblemAction) -> str | None:
    """The sentence asking for the note an action needs; None when it needs none."""
    return {
        ProblemAction.EXTEND: _("Isi alasan perpanjangan (yang juga disampaikan kepada nasabah)."),
        ProblemAction.ESCALATE: _("Isi catatan eskalasi untuk supervisor."),
        ProblemAction.RETURN: _("Isi arahan untuk AO."),
        ProblemAction.RESOLVE: _("Isi penyelesaian: apa yang dilakukan dan apa jawaban kepada nasabah."),
        ProblemAction.REOPEN: _("Isi alasan membuka kembali permasalahan ini."),
    }.get(action)


def action_label(action: ProblemAction) -> str:
    return {
        ProblemAction.RECORD: _("Dicatat"),
        ProblemAction.EDIT: _("Diubah"),
        ProblemAction.START: _("Mulai diproses"),
        ProblemAction.EXTEND: _("Batas waktu diperpanjang"),
        ProblemAction.ESCALATE: _("Dieskalasi ke supervisor"),
        ProblemAction.RETURN: _("Dikembalikan ke AO"),
        ProblemAction.RESOLVE: _("Diselesaikan"),
        ProblemAction.CLOSE: _("Ditutup"),
        ProblemAction.REOPEN: _("Dibuka kembali"),
    }[action]


@dataclass(frozen=True)
class Move:
    """A checked action: the status after it and its cleaned note."""

    action: ProblemAction
    to: S
    note: str


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed([FieldIssue(field, message)])


def check_action(problem: ClientProblem, action: ProblemAction, note: str, today: date) -> Move:
    """The move, or ValidationFailed saying in one sentence why it is refused."""
    if action not in MOVES:
        raise _refuse("status", _("Tindakan ini tidak mengubah status."))
    starts, to = MOVES[action]
    if problem.status not in starts:
        if problem.status is S.CLOSED:
            raise _refuse("status", _("Permasalahan yang sudah ditutup tidak dapat diubah lagi."))
        if action is ProblemAction.CLOSE:
            raise _refuse("status", _("Hanya permasalahan yang sudah selesai yang dapat ditutup."))
        if action is ProblemAction.EXTEND:
            raise _refuse("deadline", _("Batas waktu permasalahan yang sudah selesai tidak diperpanjang."))
        raise _refuse("status", _("Tindakan '{a}' tidak dapat dilakukan pada status {s}.").format(
            a=action_label(action), s=status_label(problem.status)))
    if action is ProblemAction.EXTEND:
        _check_extension(problem, today)
    text = note.strip()
    missing = missing_note(action)
    if missing is not None and not text:
        raise _refuse("note", missing)
    if len(text) > MAX_NOTE:
        raise _refuse("note", _("Catatan terlalu panjang (maksimal {n} karakter).").format(n=MAX_NOTE))
    return Move(action, to or problem.status, text)


def _check_extension(problem: ClientProblem, today: date) -> None:
    if problem.extended:
        raise _refuse("deadline", _(
            "Batas waktu sudah pernah diperpanjang (sampai {d}); perpanjangan hanya boleh satu kali.")
            .format(d=format_date(problem.deadline)))
    if problem.deadline is not None and problem.deadline < today:
        raise _refuse("deadline", _(
            "Batas waktu {d} sudah lewat; perpanjangan harus diberitahukan kepada nasabah sebelum "
            "batas waktu berakhir. Selesaikan atau eskalasikan permasalahan ini.").format(
            d=format_date(problem.deadline)))
