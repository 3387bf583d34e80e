"""Demo loan portfolio: six monthly extracts, an NPL around 2-5%, promises kept and
broken, letters, an unmatched and an unassigned account; no loans without clients."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ao_desktop.domain.portfolio.collections import PromiseState
from ao_desktop.services.portfolio.collections import tracked_promises, worklist
from ao_desktop.services.portfolio.summary import movement, portfolio_summary
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def uow(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_database(path, 2000, seed=2026, today=TODAY)
    db = open_database(path)
    yield SqlUnitOfWork(db)
    db.close()


def test_six_month_end_extracts_and_a_realistic_npl(uow: SqlUnitOfWork) -> None:
    s = portfolio_summary(uow)
    assert s.as_of == date(2026, 11, 30)
    assert [p.as_of.month for p in s.trend] == [6, 7, 8, 9, 10, 11]
    assert s.totals.accounts > 500
    assert Decimal(2) <= s.totals.npl_ratio <= Decimal(5)
    assert all(s.totals.by_level[k].accounts > 0 for k in range(1, 6))
    assert s.unmatched >= 1 and s.unassigned >= 1
    m = movement(uow)
    assert m.counts.worse.accounts and m.counts.better.accounts and m.counts.new.accounts


def test_promises_kept_and_broken_and_letters(uow: SqlUnitOfWork) -> None:
    items = worklist(uow, today=TODAY)
    assert items and items[0].days_past_due >= items[-1].days_past_due or items[0].broken_promises
    with uow.read() as tx:
        states = Counter(p.state for ps in tracked_promises(tx, {i.client_id for i in items if i.client_id}).values()
                         for p in ps)
        letters = {w.level for i in items for w in tx.letters.for_account(i.account_id)}
    assert states[PromiseState.KEPT] and states[PromiseState.BROKEN] and states[PromiseState.OPEN]
    assert letters == {1, 2, 3}


def test_no_clients_no_loans(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    generate_demo_database(path, 0, today=TODAY)
    con = sqlite3.connect(path)
    try:
        counts = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("loan_accounts", "loan_extracts", "loan_positions", "warning_letters", "clients")]
        officers = con.execute("SELECT COUNT(*) FROM officers").fetchone()[0]
    finally:
        con.close()
    assert counts == [0, 0, 0, 0, 0] and officers > 0
