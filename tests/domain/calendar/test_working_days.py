"""Working days over a hand-made calendar: weekends, Lebaran with cuti bersama, and
overrides (the package's real 2026 list is checked in the service tests)."""

from __future__ import annotations

from datetime import date

import pytest

from ao_desktop.domain.calendar.working_days import (
    HolidayOverride,
    add_working_days,
    holiday_name,
    is_working_day,
    merge_overrides,
    working_days_between,
)

# Lebaran 2026 as decreed: cuti bersama Fri 20 Mar, Idul Fitri Sat 21 + Sun 22 Mar,
# cuti bersama Mon 23 and Tue 24 Mar; Nyepi Thu 19 Mar and its cuti bersama Wed 18 Mar.
LEBARAN_2026 = {
    date(2026, 3, 18): "Cuti Bersama Hari Suci Nyepi",
    date(2026, 3, 19): "Hari Suci Nyepi",
    date(2026, 3, 20): "Cuti Bersama Hari Raya Idul Fitri",
    date(2026, 3, 21): "Hari Raya Idul Fitri",
    date(2026, 3, 22): "Hari kedua dari Hari Raya Idul Fitri",
    date(2026, 3, 23): "Cuti Bersama Hari Raya Idul Fitri",
    date(2026, 3, 24): "Cuti Bersama Hari Raya Idul Fitri",
}


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 3, 17), True),  # Tuesday before
    (date(2026, 3, 18), False),  # cuti bersama
    (date(2026, 3, 20), False),
    (date(2026, 3, 24), False),
    (date(2026, 3, 25), True),  # first day back
    (date(2026, 3, 28), False),  # Saturday
    (date(2026, 3, 29), False),  # Sunday
])
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day, LEBARAN_2026) is working


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 3, 17), 1, date(2026, 3, 25)),  # the whole Lebaran break is skipped
    (date(2026, 3, 16), 3, date(2026, 3, 26)),
    (date(2026, 3, 13), 10, date(2026, 4, 3)),  # 16,17,25,26,27,30,31,1,2,3
    (date(2026, 3, 25), -1, date(2026, 3, 17)),
    (date(2026, 3, 21), 0, date(2026, 3, 25)),  # on a holiday: the next working day
    (date(2026, 3, 17), 0, date(2026, 3, 17)),
])
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n, LEBARAN_2026) == expected


def test_working_days_between_counts_only_working_days() -> None:
    assert working_days_between(date(2026, 3, 13), date(2026, 4, 3), LEBARAN_2026) == 10
    assert working_days_between(date(2026, 4, 3), date(2026, 3, 13), LEBARAN_2026) == 0


def test_overrides_add_a_decree_and_remove_a_worked_day() -> None:
    merged = merge_overrides(LEBARAN_2026, [
        HolidayOverride(date(2026, 3, 25), "Cuti bersama tambahan (SKB)"),
        HolidayOverride(date(2026, 3, 18), "", is_holiday=False),
    ])
    assert holiday_name(date(2026, 3, 25), merged) == "Cuti bersama tambahan (SKB)"
    assert is_working_day(date(2026, 3, 18), merged)
    assert add_working_days(date(2026, 3, 17), 1, merged) == date(2026, 3, 18)
    assert add_working_days(date(2026, 3, 18), 1, merged) == date(2026, 3, 26)
    assert date(2026, 3, 18) in LEBARAN_2026  # the input mapping is not changed


def test_a_calendar_without_working_days_is_an_error_not_a_hang() -> None:
    every_day = {date(2026, 1, 1).fromordinal(o): "x" for o in range(
        date(2026, 1, 1).toordinal(), date(2040, 1, 1).toordinal())}
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), 1, every_day)
