"""The report's portfolio and problems sections from real extracts (imported through the
portfolio's own import) and recorded problems, with answers worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import MonthlyReport, ReportScope, headline
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.services.reports.monthly import ReportRequest, gather
from ao_desktop.storage.models import ClientProblemRow
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_csv
from tests.fixtures.report_db import ANI, BUDI, NOW, build_report_db

NOVEMBER = ReportPeriod.month(2026, 11)
NIK_DEDI, NIK_EKA = "3201010202850002", "3201014101900001"  # clients 2 (Ani's) and 3 (Budi's)


def _import(uow: SqlUnitOfWork, path: Path, as_of: date) -> None:
    preview = preview_extract(uow, path, as_of, today=date(2026, 12, 4))
    assert preview.problems == []
    commit_extract(uow, preview, Actor("tester", OfficerRole.SUPERVISOR), today=date(2026, 12, 4))  # the branch's extract


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    db = build_report_db(tmp_path / "r.sqlite")
    with db.write_engine.begin() as conn:
        conn.execute(text("UPDATE clients SET nik = :n WHERE id = 2"), {"n": NIK_DEDI})
        conn.execute(text("UPDATE clients SET nik = :n WHERE id = 3"), {"n": NIK_EKA})
        conn.execute(insert(ClientProblemRow), [
            {"client_id": c, "officer_id": o, "category": "layanan", "channel": "kantor",
             "received_at": datetime.fromisoformat(received), "deadline": date.fromisoformat(deadline),
             "original_deadline": date.fromisoformat(deadline), "status": status,
             "resolved_at": datetime.fromisoformat(resolved) if resolved else None,
             "created_at": NOW, "updated_at": NOW}
            for c, o, received, deadline, status, resolved in (
                (1, ANI, "2026-11-05 09:00", "2026-11-19", "selesai", "2026-11-15 10:00"),  # on time
                (2, ANI, "2026-11-10 09:00", "2026-11-24", "ditutup", "2026-11-28 10:00"),  # late
                (3, BUDI, "2026-11-25 09:00", "2026-12-09", "diproses", None),  # open at the end
                (4, BUDI, "2026-10-01 09:00", "2026-10-15", "selesai", "2026-10-10 10:00"),  # October's
            )])
    uow = SqlUnitOfWork(db)
    # October: Eka 40 days late (Kol 2) with 500,000 in arrears; Dedi current; an account
    # matched to no client, paid off before November's extract.
    _import(uow, write_csv(tmp_path / "okt.csv", [
        account("A1", nik=NIK_EKA, os=10_000_000, tp=400_000, tb=100_000, dpd=40, ao=str(BUDI),
                installment=500_000),
        account("A2", nik=NIK_DEDI, os=5_000_000, ao=str(ANI), installment=300_000),
        account("A3", nik="3201019999990003", os=2_000_000, ao=str(ANI), installment=200_000),
    ]), date(2026, 10, 31))
    # November: Eka paid up (Kol 1); Dedi 95 days late (Kol 3) with 300,000 in arrears.
    _import(uow, write_csv(tmp_path / "nov.csv", [
        account("A1", nik=NIK_EKA, os=9_800_000, ao=str(BUDI), installment=500_000),
        account("A2", nik=NIK_DEDI, os=5_000_000, tp=250_000, tb=50_000, dpd=95, ao=str(ANI),
                installment=300_000),
    ]), date(2026, 11, 30))
    yield uow
    db.close()


def _report(uow: SqlUnitOfWork, officer: int | None) -> MonthlyReport:
    with uow.snapshot() as tx:
        return gather(tx, ReportRequest(NOVEMBER, ReportScope(officer)), NOW, "tester")


def test_portfolio_figures_per_officer(uow: SqlUnitOfWork) -> None:
    r = _report(uow, None)
    assert r.portfolio_available
    ani, budi = r.officers
    assert ani.portfolio is not None and budi.portfolio is not None
    # Ani: Dedi 5,000,000 and the paid-off 2,000,000 at the start; Dedi in Kol 3 at the end.
    assert (ani.portfolio.outstanding_start, ani.portfolio.outstanding_end) == (7_000_000, 5_000_000)
    assert ani.portfolio.kol_amounts == (0, 0, 5_000_000, 0, 0)
    assert ani.portfolio.npl_ratio == Decimal("100.00")
    # Due: Dedi's instalment 300,000 (unpaid) + the paid-off account's 200,000 (collected).
    assert (ani.portfolio.collections_due, ani.portfolio.collections_collected) == (500_000, 200_000)
    # Budi: 500,000 arrears + one instalment of 500,000, all paid; the promise of 20 Nov kept.
    assert (budi.portfolio.collections_due, budi.portfolio.collections_collected) == (1_000_000, 1_000_000)
    assert (budi.portfolio.promises_kept, budi.portfolio.promises_broken) == (1, 0)
    assert [p.month for p in budi.portfolio.trend] == ["2026-10", "2026-11"]
    t = r.total.portfolio
    assert t is not None
    assert t.outstanding_end == 14_800_000 == ani.portfolio.outstanding_end + budi.portfolio.outstanding_end
    assert t.kol_counts == (1, 0, 1, 0, 0)
    assert [(p.month, p.outstanding) for p in t.trend] == [("2026-10", 17_000_000), ("2026-11", 14_800_000)]
    h = headline(r)
    assert h["outstanding_end"] == 14_800_000 and h["npl_ratio"] == "33.78"


def test_loans_put_clients_in_the_analysis_with_their_days_past_due(uow: SqlUnitOfWork) -> None:
    dedi = next(c for c in _report(uow, ANI).clients if c.name == "Dedi Kurnia")
    assert (dedi.days_past_due, dedi.collectibility) == (95, 3)
    assert "KUR-MIKRO" in dedi.products


def test_problem_figures(uow: SqlUnitOfWork) -> None:
    r = _report(uow, None)
    assert r.problems_available
    ani, budi = r.officers
    assert ani.problems is not None and budi.problems is not None
    assert (ani.problems.received, ani.problems.resolved_on_time, ani.problems.resolved_late,
            ani.problems.open) == (2, 1, 1, 0)
    assert (budi.problems.received, budi.problems.resolved_on_time, budi.problems.open) == (1, 0, 1)
    assert r.total.problems is not None and r.total.problems.received == 3
