"""The demo covers the last six months in every area the report reads: each AO has new
prospects, visits, applications decided, disbursements and targets in every month."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ao_desktop.domain.reports.period import ReportPeriod, add_months
from ao_desktop.domain.reports.report import ReportScope
from ao_desktop.services.reports.monthly import ReportRequest, gather
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 4)


def test_every_month_of_the_last_six_has_content(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo_database(path, 2000, today=TODAY)
    db = open_database(path)
    try:
        uow = SqlUnitOfWork(db)
        for back in range(1, 7):
            period = ReportPeriod.month(*add_months(TODAY.year, TODAY.month, -back))
            with uow.snapshot() as tx:
                report = gather(tx, ReportRequest(period, ReportScope(None)), datetime(2026, 12, 4, 9), "t")
            # The three AOs, and the demo's loans under a Kode AO that matches no officer.
            assert [o.officer_id is None for o in report.officers] == [False, False, False, True]
            for o in report.officers[:3]:
                assert o.target is not None, (period.key, o.officer_name)
                assert o.pipeline.new_prospects > 0 and o.activities.visits_done > 0, (period.key, o.officer_name)
            t = report.total
            assert t.credit.approved + t.credit.rejected > 0 and t.credit.disbursed_count > 0, period.key
            assert report.clients
            # Seven extracts: the six months' ends and the one before the oldest month.
            assert t.portfolio is not None and t.portfolio.outstanding_end > 0
            assert len(t.portfolio.trend) == min(6, 8 - back), period.key
            assert t.portfolio.outstanding_start > 0, period.key
            assert t.portfolio.collections_due > t.portfolio.collections_collected > 0, period.key
            assert t.portfolio.promises_kept > 0, period.key
            assert t.problems is not None and t.problems.received > 0, period.key
    finally:
        db.close()
