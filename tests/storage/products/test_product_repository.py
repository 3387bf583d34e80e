"""SqlProductRepository on real SQLite: exact mapping, version-checked updates, audit, and
the schema 1 -> 2 upgrade of an existing database."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanFees, Rounding
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.storage.engine import APPLICATION_ID, SCHEMA_VERSION, open_database
from ao_desktop.storage.migrate import alembic_config
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.old_schema import insert_old_client

NOW = datetime(2026, 11, 27, 9, 30)


def _loan(code: str = "KUR-MIKRO", **changes: object) -> Product:
    product = Product(
        code=code,
        name="KUR Mikro",
        kind=ProductKind.LOAN,
        short_description="Modal usaha",
        long_description="Penjelasan panjang: bunga efektif, angsuran tetap.",
        benefits=("Bunga ringan", "Tanpa agunan tambahan"),
        required_documents=("KTP", "KK", "NIB"),
        eligibility=("Usaha aktif 6 bulan",),
        rate_pa=Decimal("6.15"),
        method=InterestMethod.ANNUITY,
        allowed_methods=(InterestMethod.ANNUITY, InterestMethod.DECLINING),
        tiered_rate=TieredRateRule((Decimal("6.15"), Decimal(7), Decimal("8.125"), Decimal(9))),
        min_tenor_months=3,
        max_tenor_months=60,
        min_amount=10_000_001,
        max_amount=100_000_000,
        fees=LoanFees(Decimal("0.75"), 250_000, Decimal("1.35"), 1_000_000),
        rounding=Rounding.UP_100,
        max_dsr_pct=Decimal("37.5"),
        terms_version="2026.1",
        terms_effective=date(2026, 1, 1),
    )
    return replace(product, **changes)  # type: ignore[arg-type]


def _deposit(code: str = "DEP-3") -> Product:
    return Product(
        code=code,
        name="Deposito 3 Bulan",
        kind=ProductKind.DEPOSIT,
        rate_pa=Decimal("3.25"),
        min_tenor_months=3,
        max_tenor_months=3,
        min_amount=5_000_000,
        max_amount=10**10,
        aro_available=True,
        terms_version="2026.1",
        terms_effective=date(2026, 1, 1),
    )


def _identity(p: Product) -> Product:
    return replace(p, id=None, version=0)


def test_add_and_read_back_exactly(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        saved = tx.products.add(_loan(), "admin", NOW)
    assert saved.id is not None and saved.version == 1
    with uow.read() as tx:
        loaded = tx.products.get_by_code("kur-mikro")
    assert loaded == saved
    assert _identity(loaded) == _loan()
    # Decimals are exact, not floats: same digits, same exponent.
    assert str(loaded.rate_pa) == "6.15" and str(loaded.fees.insurance_pct) == "1.35"
    assert [str(r) for r in loaded.tiered_rate.rates_by_use] == ["6.15", "7", "8.125", "9"]
    assert loaded.allowed_methods == (InterestMethod.ANNUITY, InterestMethod.DECLINING)


def test_rates_are_stored_as_exact_text(uow: SqlUnitOfWork, db) -> None:
    with uow.write() as tx:
        tx.products.add(_loan(), "admin", NOW)
    with db.read_engine.connect() as con:
        rate, dsr, tiers, benefits = con.exec_driver_sql(
            "SELECT rate_pa, max_dsr_pct, tiered_rates, benefits FROM products"
        ).one()
    assert (rate, dsr) == ("6.15", "37.5")
    assert json.loads(tiers) == ["6.15", "7", "8.125", "9"]
    assert json.loads(benefits) == ["Bunga ringan", "Tanpa agunan tambahan"]


def test_list_orders_loans_first_and_hides_inactive(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        tx.products.add(_deposit(), "admin", NOW)
        tx.products.add(_loan("KPR", name="KPR"), "admin", NOW)
        tx.products.add(_loan("OLD", name="Lama", active=False), "admin", NOW)
    with uow.read() as tx:
        assert [p.code for p in tx.products.list()] == ["KPR", "DEP-3"]
        assert [p.code for p in tx.products.list(include_inactive=True)] == ["KPR", "OLD", "DEP-3"]
        assert tx.products.count() == 3
        assert tx.products.get_by_code("nope") is None


def test_optional_fields_round_trip(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        saved = tx.products.add(_deposit(), "admin", NOW)
    assert saved.method is None and saved.tiered_rate is None and saved.max_dsr_pct is None
    assert saved.allowed_methods == () and saved.aro_available is True


def test_update_bumps_version_and_audits(uow: SqlUnitOfWork, db) -> None:
    with uow.write() as tx:
        saved = tx.products.add(_loan(), "admin", NOW)
    later = datetime(2026, 11, 28, 8, 0)
    with uow.write() as tx:
        updated = tx.products.update(
            replace(
                saved,
                name="KUR Mikro Baru",
                rate_pa=Decimal(6),
                tiered_rate=TieredRateRule((Decimal(6),)),
            ),
            "rina",
            later,
        )
    assert updated is not None and updated.version == 2 and updated.name == "KUR Mikro Baru"
    with uow.read() as tx:
        assert tx.products.last_change(saved.id) == ("rina", later)
    with db.read_engine.connect() as con:
        rows = con.exec_driver_sql(
            "SELECT action, actor, details FROM audit_log WHERE table_name='products' ORDER BY id"
        ).all()
    assert [r[:2] for r in rows] == [("create", "admin"), ("update", "rina")]
    details = json.loads(rows[1][2])
    assert details["name"] == ["KUR Mikro", "KUR Mikro Baru"]
    assert details["rate_pa"] == ["6.15", "6"]
    assert "code" not in details


def test_stale_update_returns_none_and_changes_nothing(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        saved = tx.products.add(_loan(), "admin", NOW)
    with uow.write() as tx:
        assert tx.products.update(replace(saved, name="Versi A"), "a", NOW) is not None
    with uow.write() as tx:
        assert tx.products.update(replace(saved, name="Versi B"), "b", NOW) is None
        assert tx.products.update(replace(saved, id=9999), "b", NOW) is None
    with uow.read() as tx:
        current = tx.products.get(saved.id)
    assert current.name == "Versi A" and current.version == 2


def test_code_is_unique(uow: SqlUnitOfWork) -> None:
    with uow.write() as tx:
        tx.products.add(_loan(), "admin", NOW)
    with pytest.raises(IntegrityError), uow.write() as tx:
        tx.products.add(_loan(), "admin", NOW)
    with uow.read() as tx:
        assert tx.products.count() == 1


def _schema_1_database(path: Path) -> None:
    """A database exactly as the app with SCHEMA_VERSION 1 left it, with one client."""
    from alembic import command

    db = open_database(path, migrate=False, create=True)
    cfg = alembic_config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql("PRAGMA user_version = 1")
    db.close()
    insert_old_client(path, "Siti Aminah", nik="3174055207900001", mobile="+6281234567890",
                      monthly_income=9_000_000)


def test_schema_1_database_upgrades_with_clients_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _schema_1_database(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert (
        con.execute("SELECT count(*) FROM sqlite_master WHERE name='products'").fetchone()[0] == 0
    )
    con.close()

    db = open_database(path, create=True)
    try:
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            client = tx.clients.get(1)
            assert tx.products.count() == 0
        assert client is not None and client.full_name == "Siti Aminah"
        assert client.monthly_income == 9_000_000
        with uow.write() as tx:
            tx.products.add(_loan(), "admin", NOW)
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == f"{SCHEMA_VERSION:04d}"
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_clients_archived_income" in indexes  # 0003: directory sort indexes
    assert con.execute("SELECT count(*) FROM clients").fetchone()[0] == 1
    con.close()
