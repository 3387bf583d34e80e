"""Promises to pay judged by later extracts, the worklist's risk order, letters' order
warnings and numbers, and the movement between two extracts."""

from __future__ import annotations

from datetime import date

import pytest

from ao_desktop.domain.portfolio.collections import (
    Promise,
    PromiseState,
    WorkItem,
    judge_promise,
    risk_order,
)
from ao_desktop.domain.portfolio.letters import (
    WarningLetter,
    branch_code,
    letter_number,
    order_warnings,
)
from ao_desktop.domain.portfolio.summary import Movement, aging_bucket, classify_move

PROMISE = Promise(1, 7, made_on=date(2026, 10, 10), promise_date=date(2026, 10, 25), amount=1_000_000)


@pytest.mark.parametrize(("history", "state"), [
    ({date(2026, 9, 30): 2_000_000}, PromiseState.OPEN),  # no extract after the promised date yet
    ({date(2026, 9, 30): 2_000_000, date(2026, 10, 31): 1_000_000}, PromiseState.KEPT),
    ({date(2026, 9, 30): 2_000_000, date(2026, 10, 31): 1_200_000}, PromiseState.BROKEN),
    ({date(2026, 9, 30): 2_000_000, date(2026, 10, 31): 0}, PromiseState.KEPT),
    ({date(2026, 10, 31): 500_000}, PromiseState.BROKEN),
    ({date(2026, 9, 30): 2_000_000, date(2026, 10, 20): 1_500_000, date(2026, 10, 31): 2_500_000},
     PromiseState.BROKEN),  # the first extract on/after the promised date decides
])
def test_promise_kept_or_broken_by_the_first_later_extract(history, state) -> None:
    assert judge_promise(PROMISE, history).state is state


def _item(no: str, dpd: int, arrears: int, broken: int = 0) -> WorkItem:
    return WorkItem(1, no, 1, "x", 1, "AO", "", 10_000_000, arrears, 0, dpd, 2, None, broken)


def test_worklist_puts_days_past_due_and_broken_promises_first_then_amount() -> None:
    items = [_item("a", 10, 1_000_000), _item("b", 45, 500_000), _item("c", 20, 900_000, broken=1),
             _item("d", 45, 800_000)]
    assert [i.account_no for i in sorted(items, key=risk_order)] == ["c", "d", "b", "a"]


def _letter(level: int, issued: date, deadline: date) -> WarningLetter:
    return WarningLetter(1, level, f"00{level}/SP{level}/X/I/2026", level, "X", 2026, issued, deadline,
                         1, 1, 0, 30, "ao")


def test_letter_order_warns_but_never_refuses() -> None:
    today = date(2026, 12, 4)
    assert order_warnings(1, [], today) == []
    assert "SP1 belum pernah" in order_warnings(2, [], today)[0]
    sp1 = _letter(1, date(2026, 11, 30), date(2026, 12, 9))
    assert "baru berakhir 09/12/2026" in order_warnings(2, [sp1], today)[0]
    assert order_warnings(2, [sp1], date(2026, 12, 10)) == []
    assert any("SP1 sudah pernah" in w for w in order_warnings(1, [sp1], today))
    assert "SP2 belum pernah" in order_warnings(3, [sp1], today)[0]


def test_letter_number_per_branch_and_year() -> None:
    assert letter_number(7, 2, "KSU", date(2026, 12, 4)) == "007/SP2/KSU/XII/2026"
    assert branch_code("KCP Sleman Utara") == "KSU"
    assert branch_code("Cabang Utama", "ygy-01") == "YGY-01"
    assert branch_code("") == "CAB"


def test_movement_and_aging() -> None:
    assert classify_move(None, 1) == Movement.NEW
    assert classify_move(2, None) == Movement.PAID_OFF
    assert classify_move(1, 3) == Movement.WORSE
    assert classify_move(3, 1) == Movement.BETTER
    assert classify_move(2, 2) is None
    assert [aging_bucket(d) for d in (0, 1, 30, 31, 90, 91, 180, 181, 999)] == [0, 1, 1, 2, 3, 4, 5, 6, 6]
