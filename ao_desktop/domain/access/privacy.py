"""A portfolio's handover and the retention of personal data (UU 27/2022), as plain values.

Handover: what moved from one officer to another in one action (clients, loan accounts,
planned activities, applications in progress, open problems). Retention: a client's
personal data is kept for a number of years (a setting, 10 by default) after the
relationship ended (the client became tidak aktif or ditolak), then the admin
anonymises it: name, NIK, phone and address blanked, the figures kept. A client with
an open loan or an application still in progress is never anonymised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

ANONYMOUS_NAME = "Nasabah dianonimkan"  # + " #id": lists and reports still tell them apart


@dataclass(frozen=True)
class Handover:
    from_officer_id: int
    to_officer_id: int
    clients: tuple[int, ...]
    loans: tuple[int, ...]
    activities: tuple[int, ...]  # open (planned) activities only; done ones stay as they were
    # Work still in progress moves too, or the new officer could not act on it: credit
    # applications not yet refused or disbursed, client problems not yet resolved.
    applications: tuple[int, ...] = ()
    problems: tuple[int, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {"clients": len(self.clients), "loans": len(self.loans), "activities": len(self.activities),
                "applications": len(self.applications), "problems": len(self.problems)}


@dataclass(frozen=True)
class RetentionCandidate:
    client_id: int
    full_name: str
    status: str
    ended_at: datetime  # when the relationship ended (the last change of status)
    officer_id: int | None


def retention_cutoff(today: date, years: int) -> datetime:
    """Relationships that ended before this moment are past the retention period."""
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return datetime(day.year, day.month, day.day)


def anonymous_name(client_id: int) -> str:
    return f"{ANONYMOUS_NAME} #{client_id}"
