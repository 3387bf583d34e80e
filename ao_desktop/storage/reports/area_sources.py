"""The portfolio and problems sections of the report, while those areas are not in this
database's app version: they say "not available", and the report prints that instead of
figures. Replace with adapters over the portfolio's and the problem log's repositories
when they land (services/reports/sources.py names what they must answer)."""

from __future__ import annotations

from collections.abc import Sequence

from ao_desktop.domain.reports.figures import PortfolioFigures, ProblemFigures
from ao_desktop.domain.reports.period import ReportPeriod


class AbsentPortfolio:
    def available(self) -> bool:
        return False

    def portfolio(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[int | None, PortfolioFigures]:
        return {}

    def loan_status(self, client_ids: Sequence[int], period: ReportPeriod) -> dict[int, tuple[int, int, tuple[str, ...]]]:
        return {}

    def loan_clients(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> list[int]:
        return []


class AbsentProblems:
    def available(self) -> bool:
        return False

    def problems(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[int | None, ProblemFigures]:
        return {}
