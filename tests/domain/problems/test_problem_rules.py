"""The problem's own rules without a database: what the AO must write, the deadline in
working days (handed a plain calendar), the overdue rule and the status flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ao_desktop.domain.calendar.working_days import add_working_days
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.problems.deadline import DeadlineRules, deadlines, is_due_today, is_overdue
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel, ProblemStatus
from ao_desktop.domain.problems.problem import ClientProblem, check_problem
from ao_desktop.domain.problems.status_flow import ProblemAction as A
from ao_desktop.domain.problems.status_flow import check_action

NOW = datetime(2026, 12, 7, 10, 0)
PROBLEM = ClientProblem(1, 1, ProblemCategory.PAYMENT, ProblemChannel.PHONE, datetime(2026, 12, 1, 9, 30),
                        "Angsuran Desember terdebet dua kali dari tabungan.",
                        deadline=date(2026, 12, 15), original_deadline=date(2026, 12, 15))


def _add(calendar: dict[date, str]):  # noqa: ANN202
    return lambda start, n: add_working_days(start, n, calendar)


@pytest.mark.parametrize(("description", "field_message"), [
    ("", "Isi uraian permasalahan."),
    ("   ", "Isi uraian permasalahan."),
    ("ATM", "Uraian terlalu singkat"),
    ("x" * 4001, "terlalu panjang"),
])
def test_a_description_is_required_and_says_enough(description: str, field_message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_problem(replace(PROBLEM, description=description), NOW)
    assert caught.value.issues[0].field == "description"
    assert field_message in str(caught.value)


def test_received_in_the_future_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="masa depan"):
        check_problem(replace(PROBLEM, received_at=datetime(2026, 12, 8, 10, 0)), NOW)


def test_ten_working_days_skip_weekends_and_the_day_of_receipt() -> None:
    # Tuesday 1 Dec 2026 -> 2 working weeks later, Tuesday 15 Dec.
    assert deadlines(date(2026, 12, 1), False, DeadlineRules(), _add({})) == (date(2026, 12, 15),) * 2


def test_the_extension_counts_from_the_original_deadline_and_skips_holidays() -> None:
    calendar = {date(2026, 12, 24): "Cuti Bersama Hari Raya Natal", date(2026, 12, 25): "Hari Raya Natal"}
    original, current = deadlines(date(2026, 12, 1), True, DeadlineRules(), _add(calendar))
    # 16-31 Dec: 16,17,18,21,22,23,28,29,30,31 -> the 10th is 31 Dec (24 and 25 skipped).
    assert (original, current) == (date(2026, 12, 15), date(2026, 12, 31))


def test_overdue_means_open_and_past_the_deadline_day() -> None:
    assert not is_overdue(PROBLEM, date(2026, 12, 15))
    assert is_due_today(PROBLEM, date(2026, 12, 15))
    assert is_overdue(PROBLEM, date(2026, 12, 16))
    resolved = replace(PROBLEM, status=ProblemStatus.RESOLVED)
    assert not is_overdue(resolved, date(2026, 12, 16)) and not is_due_today(resolved, date(2026, 12, 15))


def test_finishing_needs_the_resolution() -> None:
    with pytest.raises(ValidationFailed, match="Isi penyelesaian"):
        check_action(PROBLEM, A.RESOLVE, "  ", date(2026, 12, 7))
    move = check_action(PROBLEM, A.RESOLVE, " Dana dikembalikan ke tabungan. ", date(2026, 12, 7))
    assert (move.to, move.note) == (ProblemStatus.RESOLVED, "Dana dikembalikan ke tabungan.")


def test_the_deadline_is_extended_once_only_and_before_it_passes() -> None:
    assert check_action(PROBLEM, A.EXTEND, "Menunggu konfirmasi kantor pusat", date(2026, 12, 15)).to is ProblemStatus.NEW
    extended = replace(PROBLEM, extended_at=NOW, deadline=date(2026, 12, 31))
    with pytest.raises(ValidationFailed, match="hanya boleh satu kali"):
        check_action(extended, A.EXTEND, "lagi", date(2026, 12, 16))
    with pytest.raises(ValidationFailed, match="sudah lewat"):
        check_action(PROBLEM, A.EXTEND, "terlambat", date(2026, 12, 16))
    with pytest.raises(ValidationFailed, match="alasan perpanjangan"):
        check_action(PROBLEM, A.EXTEND, "", date(2026, 12, 7))


@pytest.mark.parametrize(("status", "action", "message"), [
    (ProblemStatus.NEW, A.CLOSE, "Hanya permasalahan yang sudah selesai"),
    (ProblemStatus.CLOSED, A.REOPEN, "sudah ditutup"),
    (ProblemStatus.RESOLVED, A.ESCALATE, "tidak dapat dilakukan pada status Selesai"),
    (ProblemStatus.ESCALATED, A.ESCALATE, "tidak dapat dilakukan pada status Dieskalasi"),
    (ProblemStatus.RESOLVED, A.EXTEND, "sudah selesai tidak diperpanjang"),
    (ProblemStatus.IN_PROGRESS, A.START, "tidak dapat dilakukan"),
])
def test_the_status_flow_refuses_moves_with_a_sentence(status: ProblemStatus, action: A, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        check_action(replace(PROBLEM, status=status), action, "catatan", date(2026, 12, 7))


@pytest.mark.parametrize(("status", "action", "to"), [
    (ProblemStatus.NEW, A.START, ProblemStatus.IN_PROGRESS),
    (ProblemStatus.IN_PROGRESS, A.ESCALATE, ProblemStatus.ESCALATED),
    (ProblemStatus.ESCALATED, A.RETURN, ProblemStatus.IN_PROGRESS),
    (ProblemStatus.ESCALATED, A.RESOLVE, ProblemStatus.RESOLVED),
    (ProblemStatus.RESOLVED, A.CLOSE, ProblemStatus.CLOSED),
    (ProblemStatus.RESOLVED, A.REOPEN, ProblemStatus.IN_PROGRESS),
])
def test_the_status_flow_allows(status: ProblemStatus, action: A, to: ProblemStatus) -> None:
    assert check_action(replace(PROBLEM, status=status), action, "catatan", date(2026, 12, 7)).to is to
