"""What the report needs from storage, section by section, as Protocols.

Each section has its own source. The portfolio source answers `available()` False until
a core-banking extract has been imported, and the report then says so instead of printing
zeros as if they were facts (storage/reports/area_sources.py reads the portfolio and the
problem log).

All figures are grouped by officer (`None`: clients without an AO), for the officers in
`officer_ids` (None: everybody). Every source is bound to one read transaction, so the
whole report comes from one snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from ao_desktop.domain.reports.figures import (
    ActivityFigures,
    CreditFigures,
    PipelineFigures,
    PortfolioFigures,
    ProblemFigures,
)
from ao_desktop.domain.reports.history import ReportRecord
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import ClientLine
from ao_desktop.domain.reports.targets import MonthlyTarget

OfficerKey = int | None


class WorkFigureSource(Protocol):
    """Clients (pipeline), calendar (activities) and credit (applications)."""

    def pipeline(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, PipelineFigures]: ...
    def activities(self, period: ReportPeriod, officer_ids: Sequence[int] | None,
                   now: datetime) -> dict[OfficerKey, ActivityFigures]: ...
    def credit(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, CreditFigures]: ...
    def client_lines(self, period: ReportPeriod, officer_ids: Sequence[int] | None,
                     extra_clients: Sequence[int] = ()) -> list[ClientLine]:
        """Clients with an activity or an application event in the period, and
        `extra_clients` (those with a loan, from the portfolio source)."""
        ...


class PortfolioSource(Protocol):
    def available(self) -> bool: ...
    def portfolio(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, PortfolioFigures]: ...
    def loan_status(self, client_ids: Sequence[int], period: ReportPeriod) -> dict[int, tuple[int, int, tuple[str, ...]]]:
        """Per client with a loan at the period's end: (days past due, collectibility, products)."""
        ...
    def loan_clients(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> list[int]:
        """Clients with a loan in the period (they belong in the per-client analysis)."""
        ...


class ProblemSource(Protocol):
    def available(self) -> bool: ...
    def problems(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, ProblemFigures]: ...


class TargetRepository(Protocol):
    def for_months(self, months: Sequence[str], officer_ids: Sequence[int] | None) -> list[MonthlyTarget]: ...
    def get(self, officer_id: int, month: str) -> MonthlyTarget | None: ...
    def save(self, target: MonthlyTarget, actor: str, now: datetime) -> MonthlyTarget | None:
        """Insert (version 0) or a version-checked update; None when a colleague saved first."""
        ...


class ReportHistoryRepository(Protocol):
    def next_version(self, period_key: str, scope: str) -> int: ...
    def add(self, record: ReportRecord) -> ReportRecord: ...
    def get(self, record_id: int) -> ReportRecord | None: ...
    def list(self, officer_id: int | None = None, limit: int = 500) -> list[ReportRecord]:
        """Newest first; with `officer_id`, that officer's reports only."""
        ...
