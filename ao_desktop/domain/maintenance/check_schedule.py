"""When the start-up check reads the whole database file, and when a cheap look will do.

SQLite's quick_check reads every page (3-4 s for a 1.7 GB branch database), which is
worth paying after an unclean exit (a crash or a power cut in the middle of a write is
when damage appears) and once a week, but not at every start. What this PC remembers
per database is a `CheckState`: when the last full check passed, and whether the app
is still marked as having it open (set at start, cleared at a clean exit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FULL_CHECK_EVERY = timedelta(days=7)


@dataclass(frozen=True)
class CheckState:
    last_full_check: datetime | None = None  # when quick_check last said "ok"
    open_since: datetime | None = None  # set at start, None after a clean exit


def needs_full_check(state: CheckState | None, now: datetime) -> bool:
    """True when the start-up must run the full check: nothing known about this database
    on this PC, the last session did not end cleanly, no full check yet, a week or more
    since the last one, or a clock that went back (the age cannot be trusted)."""
    if state is None or state.open_since is not None or state.last_full_check is None:
        return True
    age = now - state.last_full_check
    return age >= FULL_CHECK_EVERY or age < timedelta(0)
