"""Five wrong PINs lock the officer for 15 minutes.

The state lives in the officer's database row, so a lock holds on every PC that opens
the same branch database; these functions only say what the next state is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_TRIES = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class SignInState:
    failed_tries: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def minutes_left(self, now: datetime) -> int:
        if not self.is_locked(now):
            return 0
        assert self.locked_until is not None
        return max(1, -(-int((self.locked_until - now).total_seconds()) // 60))


def after_failure(state: SignInState, now: datetime) -> SignInState:
    """One more wrong PIN; the fifth in a row locks. A lock that has run out starts a new
    count (the officer gets five fresh tries)."""
    tries = 0 if state.locked_until is not None and now >= state.locked_until else state.failed_tries
    tries += 1
    if tries >= MAX_TRIES:
        return SignInState(tries, now + timedelta(minutes=LOCK_MINUTES))
    return SignInState(tries, None)


def after_success() -> SignInState:
    return SignInState()


def tries_left(state: SignInState) -> int:
    return max(0, MAX_TRIES - state.failed_tries)
