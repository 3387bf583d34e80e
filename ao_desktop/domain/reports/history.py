"""A generated report as the history keeps it: who, when, which period and scope, the
notes, its version and the files in the data folder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ao_desktop.domain.reports.period import PeriodKind


@dataclass(frozen=True)
class ReportRecord:
    period_key: str
    period_kind: PeriodKind
    period_first: date
    period_last: date
    period_label: str
    scope: str  # "branch" or "officer:<id>"
    officer_id: int | None
    scope_label: str  # "Seluruh cabang" or the officer's name
    notes_obstacles: str
    notes_plan: str
    sections: tuple[str, ...]
    created_at: datetime
    created_by: str
    pdf_path: str
    xlsx_path: str = ""
    headline: dict[str, object] = field(default_factory=dict)
    version: int = 0
    id: int | None = None


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def report_file_stem(period_key: str, scope: str, version: int) -> str:
    """"laporan-2026-11-officer-3-v2": safe on every file system."""
    return _UNSAFE.sub("-", f"laporan-{period_key}-{scope}-v{version}").strip("-")
