"""When the start-up reads the whole database file (the full quick_check)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ao_desktop.domain.maintenance.check_schedule import CheckState, needs_full_check

NOW = datetime(2026, 12, 4, 8, 0)


@pytest.mark.parametrize(
    ("state", "full"),
    [
        (None, True),  # never checked on this PC
        (CheckState(None, None), True),
        (CheckState(NOW - timedelta(days=1), NOW - timedelta(hours=3)), True),  # unclean exit
        (CheckState(NOW - timedelta(days=1), None), False),  # clean exit, checked yesterday
        (CheckState(NOW - timedelta(days=6, hours=23), None), False),
        (CheckState(NOW - timedelta(days=7), None), True),  # a week has passed
        (CheckState(NOW + timedelta(days=2), None), True),  # the clock went back
    ],
)
def test_the_full_check_runs_when_it_should(state: CheckState | None, full: bool) -> None:
    assert needs_full_check(state, NOW) is full
