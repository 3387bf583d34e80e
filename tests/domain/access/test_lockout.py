"""Five wrong PINs in a row lock the officer for 15 minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

from ao_desktop.domain.access.lockout import (
    LOCK_MINUTES,
    MAX_TRIES,
    SignInState,
    after_failure,
    after_success,
    tries_left,
)

T0 = datetime(2026, 12, 4, 8, 0)


def test_the_fifth_wrong_pin_locks_for_fifteen_minutes() -> None:
    state = SignInState()
    for n in range(1, MAX_TRIES):
        state = after_failure(state, T0)
        assert not state.is_locked(T0) and tries_left(state) == MAX_TRIES - n
    state = after_failure(state, T0)
    assert state.is_locked(T0) and state.locked_until == T0 + timedelta(minutes=LOCK_MINUTES)
    assert state.minutes_left(T0) == 15
    assert state.minutes_left(T0 + timedelta(minutes=14, seconds=1)) == 1
    assert state.is_locked(T0 + timedelta(minutes=14, seconds=59))
    assert not state.is_locked(T0 + timedelta(minutes=15))


def test_after_the_lock_runs_out_the_officer_has_five_fresh_tries() -> None:
    state = SignInState(MAX_TRIES, T0 + timedelta(minutes=LOCK_MINUTES))
    later = T0 + timedelta(minutes=LOCK_MINUTES, seconds=1)
    state = after_failure(state, later)
    assert state.failed_tries == 1 and not state.is_locked(later)


def test_a_right_pin_clears_the_count() -> None:
    assert after_success() == SignInState(0, None)
