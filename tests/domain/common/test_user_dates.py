"""Dates a user types have a sensible range: no year 1 or 9999 reaches the arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.user_dates import (
    EARLIEST_START,
    LATEST_START,
    parse_start_date,
    start_date_issue,
)
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanRequest, simulate_loan


@pytest.mark.parametrize("value", [EARLIEST_START, date(2026, 11, 27), LATEST_START])
def test_dates_inside_the_range_are_fine(value: date) -> None:
    assert start_date_issue(value) is None


@pytest.mark.parametrize("value", [date(1, 1, 1), date(1989, 12, 31), date(2101, 1, 1), date(9999, 12, 1)])
def test_dates_outside_the_range_are_refused_in_indonesian(value: date) -> None:
    issue = start_date_issue(value)
    assert issue is not None and "1990" in issue.message and "2100" in issue.message


@pytest.mark.parametrize("text", ["9999-12-01", "0001-01-01", "27-11-2026", "kemarin", ""])
def test_parse_start_date_refuses_bad_text_with_one_sentence(text: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_start_date(text, "--start")
    assert "--start" in str(caught.value)


def test_parse_start_date_reads_iso() -> None:
    assert parse_start_date(" 2026-11-27 ", "--start") == date(2026, 11, 27)


def test_a_schedule_refuses_a_start_far_in_the_future() -> None:
    request = LoanRequest(50_000_000, Decimal(12), 24, InterestMethod.ANNUITY, date(9999, 12, 1))
    with pytest.raises(ValidationFailed, match="2100"):
        simulate_loan(request)
