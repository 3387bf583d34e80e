"""Report figures from a small database with known answers (tests/fixtures/report_db.py)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import MonthlyReport, ReportScope, headline
from ao_desktop.services.reports.monthly import ReportRequest, check_allowed, gather
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.report_db import ANI, BUDI, NOW, build_report_db

NOVEMBER = ReportPeriod.month(2026, 11)


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    db = build_report_db(tmp_path / "r.sqlite")
    yield SqlUnitOfWork(db)
    db.close()


def _report(uow: SqlUnitOfWork, officer: int | None, period: ReportPeriod = NOVEMBER) -> MonthlyReport:
    with uow.snapshot() as tx:
        return gather(tx, ReportRequest(period, ReportScope(officer)), NOW, "tester")


def test_one_officer_figures(uow: SqlUnitOfWork) -> None:
    r = _report(uow, ANI)
    t = r.total
    assert t.pipeline.new_by_source == {"brosur": 1, "referensi": 1}
    assert (t.pipeline.to_application, t.pipeline.to_active) == (1, 0)
    a = t.activities
    assert (a.visits_planned, a.visits_done, a.calls_planned, a.calls_done, a.overdue_follow_ups) == (2, 1, 1, 1, 1)
    assert (t.credit.submitted, t.credit.approved, t.credit.disbursed_count) == (1, 0, 0)
    assert t.target is not None and t.target.visits == 2
    assert [c.name for c in r.clients] == ["Citra Ayu", "Dedi Kurnia"]
    dedi = r.clients[1]
    assert dedi.done == {"telepon": 1} and dedi.applications == (("KUR-MIKRO", 50_000_000, "diajukan"),)
    assert dedi.next_step is not None and dedi.next_step.when.day == 25
    assert r.clients[0].products == ("KUR-MIKRO",)


def test_branch_totals_are_the_sum_of_officers(uow: SqlUnitOfWork) -> None:
    r = _report(uow, None)
    assert [o.officer_name for o in r.officers] == ["Ani Lestari", "Budi Santoso"]
    budi = r.officers[1]
    assert budi.target is None  # no target set for Budi: no achievement, no error
    assert (budi.credit.submitted, budi.credit.approved, budi.credit.rejected) == (1, 1, 1)
    assert (budi.credit.disbursed_count, budi.credit.disbursed_amount) == (1, 100_000_000)
    assert (budi.activities.promises_made, budi.activities.promises_amount) == (1, 500_000)
    # Eka was a prospect since October and applied on 5 November: the pipeline the
    # application came from is Eka plus Fajar (new on 20 November), so 1 of 2, not 1 of 1.
    assert (budi.pipeline.open_prospects_start, budi.pipeline.new_prospects, budi.pipeline.to_application) == (1, 1, 1)
    assert budi.pipeline.application_rate == Decimal(50)
    assert r.officers[0].pipeline.open_prospects_start == 0  # Ani's clients are all new in November
    t = r.total
    assert t.pipeline.new_prospects == 3 == sum(o.pipeline.new_prospects for o in r.officers)
    assert t.activities.visits_done == 2 and t.activities.visits_planned == 3
    assert t.credit.submitted == 2
    assert sum(w.visits_done for w in t.activities.weekly) == t.activities.visits_done
    assert len(r.clients) == 4
    fajar = next(c for c in r.clients if c.name == "Fajar Hadi")
    assert fajar.next_step is not None and fajar.next_step.when.month == 12


def test_headline_without_portfolio(uow: SqlUnitOfWork) -> None:
    h = headline(_report(uow, None))
    assert h["period"] == "2026-11" and h["scope"] == "branch"
    assert (h["new_prospects"], h["visits_done"], h["applications_submitted"]) == (3, 2, 2)
    assert (h["disbursed_count"], h["disbursed_amount"]) == (1, 100_000_000)
    assert h["outstanding_end"] == 0 and h["npl_ratio"] == "0.00" and h["portfolio_available"] is False
    assert headline(_report(uow, BUDI))["scope"] == f"officer:{BUDI}"


def test_an_empty_month_is_a_report_not_an_error(uow: SqlUnitOfWork) -> None:
    r = _report(uow, None, ReportPeriod.month(2025, 1))
    assert r.empty and r.clients == () and r.total.pipeline.new_prospects == 0


def test_achievement_uses_the_target(uow: SqlUnitOfWork) -> None:
    from ao_desktop.documents.reports.report_tables import summary_rows

    rows = {row.label: row for row in summary_rows(_report(uow, ANI).total, False, False)}
    assert rows["Kunjungan selesai"].achieved == Decimal("50.00")
    assert rows["Prospek baru"].achieved == Decimal("50.00")


def test_an_ao_reports_only_on_their_own_work() -> None:
    ao = Actor("Ani", OfficerRole.AO, ANI)
    check_allowed(ao, ReportScope(ANI))
    with pytest.raises(PermissionDenied):
        check_allowed(ao, ReportScope(None))
    with pytest.raises(PermissionDenied):
        check_allowed(ao, ReportScope(BUDI))
    check_allowed(Actor("Sari", OfficerRole.SUPERVISOR, 3), ReportScope(None))
