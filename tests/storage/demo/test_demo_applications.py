"""Demo credit applications: every status for every AO, on clients whose pipeline
status matches, within the seed catalog's terms, readable by the services."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ao_desktop.domain.credit.application import check_application
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.services.credit.applications import list_assessments
from ao_desktop.services.products.product_seed import load_seed_catalog
from ao_desktop.storage.demo.demo_data import generate_demo_database
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_database(path, 600, seed=7, today=TODAY)
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_ao_has_every_status_on_matching_clients(demo: Path) -> None:
    pairs = _rows(demo, "SELECT DISTINCT a.officer_id, a.status FROM credit_applications a")
    aos = [r[0] for r in _rows(demo, "SELECT id FROM officers WHERE role = 'ao'")]
    assert set(pairs) == {(o, s.value) for o in aos for s in ApplicationStatus}
    assert _rows(demo, "SELECT count(*) FROM credit_applications a JOIN clients c ON c.id = a.client_id "
                       "WHERE c.officer_id != a.officer_id") == [(0,)]
    mismatched = _rows(demo, "SELECT a.status, c.status FROM credit_applications a JOIN clients c "
                             "ON c.id = a.client_id")
    expected = {"draft": "prospek", "diajukan": "pengajuan", "disetujui": "pengajuan",
                "ditolak": "ditolak", "dicairkan": "aktif"}
    assert sum(expected[a] == c for a, c in mismatched) == len(mismatched)


def test_applications_fit_the_seed_catalog_and_read_back(demo: Path) -> None:
    catalog = {p.code: p for p in load_seed_catalog()}
    db = open_database(demo)
    try:
        items = list_assessments(SqlUnitOfWork(db))
    finally:
        db.close()
    assert len(items) >= 15
    kinds = {a.application.figures.income_kind for a in items}
    assert len(kinds) == 2  # businesses and salaried clients
    for a in items:
        app = a.application
        product = catalog[app.product_code]
        checked = check_application(app, product, app.created_at.date())
        assert checked.installment == app.installment  # the simulator's, for the catalog's terms
        assert a.ratios.monthly_income > 0 and a.ratios.dsr_pct is not None
    rejected = [a for a in items if a.application.status is ApplicationStatus.REJECTED]
    assert all(a.application.rejection_reason for a in rejected)
