"""Demo activities look like an AO's real calendar: past work with results, overdue
follow-ups, promises to pay around today, and visits planned on every working day."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from ao_desktop.services.calendar.agenda import today_summary
from ao_desktop.storage.calendar.public_holidays import PackageHolidays
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 7)  # a Monday


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_database(path, 600, seed=7, today=TODAY)
    return path


def _rows(path: Path, sql: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_ao_has_six_months_back_and_four_weeks_ahead(demo: Path) -> None:
    spans = _rows(demo, "SELECT a.officer_id, min(starts_at), max(starts_at), count(*) FROM activities a "
                        "JOIN officers o ON o.id = a.officer_id WHERE o.role = 'ao' GROUP BY 1")
    assert len(spans) == 3
    for _officer, first, last, count in spans:
        assert first[:10] <= (TODAY - timedelta(days=170)).isoformat()
        assert last[:10] >= (TODAY + timedelta(days=25)).isoformat()
        assert count > 400
    assert _rows(demo, "SELECT count(*) FROM activities a JOIN clients c ON c.id = a.client_id "
                       "WHERE c.officer_id != a.officer_id") == [(0,)]


def test_a_realistic_mix(demo: Path) -> None:
    types = dict(_rows(demo, "SELECT type, count(*) FROM activities GROUP BY 1"))
    assert set(types) == {"kunjungan", "telepon", "whatsapp", "sms", "pertemuan_kantor", "email"}
    results = dict(_rows(demo, "SELECT result, count(*) FROM activities WHERE result IS NOT NULL GROUP BY 1"))
    assert set(results) == {"tertarik", "tidak_tertarik", "mengajukan", "janji_bayar"}
    assert _rows(demo, "SELECT count(*) FROM activities WHERE result = 'tidak_tertarik' "
                       "AND result_reason = ''") == [(0,)]
    assert _rows(demo, "SELECT count(*) FROM activities WHERE result = 'janji_bayar' "
                       "AND (promise_date IS NULL OR promise_amount <= 0)") == [(0,)]
    assert _rows(demo, "SELECT count(*) FROM activities WHERE follow_up_of IS NOT NULL")[0][0] > 50
    assert _rows(demo, "SELECT count(*) FROM activities WHERE status = 'rencana' "
                       "AND starts_at >= ?", f"{TODAY} 00:00:00")[0][0] > 100


def test_the_today_panel_and_every_working_day_are_filled(demo: Path) -> None:
    db = open_database(demo)
    try:
        uow = SqlUnitOfWork(db)
        for officer in (1, 2, 3):
            summary = today_summary(uow, TODAY, officer)
            assert summary.agenda.items and summary.agenda.overdue and summary.promises_due
            assert summary.uncontacted
    finally:
        db.close()
    planned_days = {d for (d,) in _rows(
        demo, "SELECT DISTINCT substr(starts_at, 1, 10) FROM activities WHERE officer_id = 1 "
              "AND starts_at >= ?", datetime.combine(TODAY, time.min).isoformat(" "))}
    off = PackageHolidays().between(TODAY, TODAY + timedelta(days=28))
    assert date(2026, 12, 24) in off and date(2027, 1, 1) in off  # cuti bersama, new year
    weekdays = {(TODAY + timedelta(days=d)).isoformat() for d in range(28)
                if (TODAY + timedelta(days=d)).weekday() < 5 and TODAY + timedelta(days=d) not in off}
    assert weekdays <= planned_days
    assert not {"2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"} & planned_days
