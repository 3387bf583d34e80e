"""The range a date a user gives (a disbursement or placement date) must lie in.

Without it a typo such as 9999 reaches the schedule arithmetic and ends in Python's
"year 10000 is out of range" instead of a sentence the user can act on.
"""

from __future__ import annotations

from datetime import date

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _

# Wide enough for old loans being re-entered and for long mortgages planned ahead; a
# 30-year schedule from the last day still ends before Python's year 9999.
EARLIEST_START = date(1990, 1, 1)
LATEST_START = date(2100, 12, 31)


def start_date_issue(value: date, field: str = "start_date") -> FieldIssue | None:
    """None when `value` is a plausible start date, else the issue to show for `field`."""
    if EARLIEST_START <= value <= LATEST_START:
        return None
    return FieldIssue(field, _("Tanggal harus antara {a} dan {b}").format(
        a=EARLIEST_START.strftime("%d/%m/%Y"), b=LATEST_START.strftime("%d/%m/%Y")), True)


def parse_start_date(text: str, option: str) -> date:
    """A start date typed as YYYY-MM-DD (the command line), checked against the range."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationFailed([FieldIssue(option, _(
            "{o} harus tanggal YYYY-MM-DD, misalnya 2026-11-27.").format(o=option), True)]) from None
    issue = start_date_issue(value, option)
    if issue is not None:
        raise ValidationFailed([FieldIssue(option, f"{option}: {issue.message}.", True)])
    return value
