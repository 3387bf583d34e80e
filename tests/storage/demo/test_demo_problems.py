"""Demo client problems: every status for every AO, some overdue, extended, escalated;
deadlines on the real working-day calendar; none without clients."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ao_desktop.domain.problems.enums import ProblemStatus
from ao_desktop.domain.problems.query import ProblemQuery
from ao_desktop.services.problems.deadlines import deadlines_for
from ao_desktop.services.problems.listing import (
    get_problem,
    list_problems,
    problems_needing_attention,
)
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 7)
pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_database(path, 400, seed=7, today=TODAY)
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_ao_has_every_status_and_the_hard_cases(demo: Path) -> None:
    aos = {r[0] for r in _rows(demo, "SELECT id FROM officers WHERE role = 'ao'")}
    pairs = set(_rows(demo, "SELECT officer_id, status FROM client_problems"))
    assert pairs == {(o, s.value) for o in aos for s in ProblemStatus}
    for officer in aos:
        overdue, extended, escalated = _rows(demo, f"""SELECT
            sum(status IN ('baru','diproses','dieskalasi') AND deadline < '{TODAY}'),
            sum(extended_at IS NOT NULL), sum(escalated_to IS NOT NULL)
            FROM client_problems WHERE officer_id = {officer}""")[0]
        assert overdue >= 2 and extended >= 2 and escalated >= 2
    # Problems sit on the AO's own clients; finished ones carry their resolution.
    assert _rows(demo, "SELECT count(*) FROM client_problems p JOIN clients c ON c.id = p.client_id "
                       "WHERE c.officer_id != p.officer_id") == [(0,)]
    assert _rows(demo, "SELECT count(*) FROM client_problems WHERE status IN ('selesai','ditutup') "
                       "AND resolution = ''") == [(0,)]


def test_problems_read_back_with_deadlines_on_the_working_day_calendar(demo: Path) -> None:
    db = open_database(demo)
    try:
        uow = SqlUnitOfWork(db)
        items = list_problems(uow, ProblemQuery(TODAY), 0, 1000)
        assert items
        for item in items:
            p = item.problem
            assert (p.original_deadline, p.deadline) == deadlines_for(uow, p.received_at.date(), p.extended)
        detail = get_problem(uow, items[0].problem.id)
        assert detail.history[0].action == "dicatat"
        attention = problems_needing_attention(uow, TODAY, None)
        assert attention.overdue_count >= 6 and attention.due_today_count >= 3
    finally:
        db.close()


def test_no_clients_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "zero.sqlite"
    generate_demo_database(path, 0, seed=7, today=TODAY)
    assert _rows(path, "SELECT count(*) FROM client_problems") == [(0,)]
