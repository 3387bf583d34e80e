"""A database from before RIPLAY (schema 3) migrates: its products gain the RIPLAY
columns, the seeded products nobody changed get the seed's RIPLAY content, and a product
an admin changed is left for the admin (and refused on printing until completed)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.services.products.catalog import get_product, seed_catalog_if_empty
from ao_desktop.services.products.product_seed import load_seed_catalog
from ao_desktop.services.products.product_sheets import SheetSpec, build_product_sheet
from ao_desktop.services.products.riplay_backfill import complete_seeded_products
from ao_desktop.storage.engine import SCHEMA_VERSION, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

RIPLAY_COLUMNS = ("risks", "late_penalty", "early_repayment", "other_costs",
                  "early_withdrawal_penalty")  # fmt: skip


def _schema_3_database(path: Path) -> None:
    """Seeded, with KMK's rate changed by an admin, then taken back to schema 3: the
    RIPLAY columns and table and the later calendar, credit and portfolio tables dropped, the version stamps
    of schema 3."""
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    seed_catalog_if_empty(uow)
    kmk = get_product(uow, "KMK")
    with uow.write() as tx:
        tx.products.update(replace(kmk, rate_pa=Decimal("12.25")), "admin", datetime(2026, 6, 1))
    db.close()
    con = sqlite3.connect(path)
    for column in ("consent_given_on", "consent_purpose", "consent_channels",  # schema 11's
                   "consent_withdrawn_on", "consent_withdrawal_reason"):
        con.execute(f"ALTER TABLE clients DROP COLUMN {column}")
    # schema 10's sign-in columns, the audit's append-only triggers and indexes
    for statement in ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete",
                      "DROP INDEX ix_audit_log_at", "DROP INDEX ix_audit_log_officer_at",
                      "DROP INDEX ix_audit_log_client", "ALTER TABLE audit_log DROP COLUMN client_id",
                      "ALTER TABLE audit_log DROP COLUMN officer_id", "ALTER TABLE officers DROP COLUMN pin_hash",
                      "ALTER TABLE officers DROP COLUMN failed_tries", "ALTER TABLE officers DROP COLUMN locked_until"):
        con.execute(statement)
    con.execute("DROP TABLE riplay_records")
    for table in ("report_history", "report_targets",  # schema 9's
                  "warning_letters", "client_cifs", "loan_rollups", "loan_positions",  # schema 8's
                  "loan_accounts", "loan_extracts",
                  "client_problem_history", "client_problems",  # schema 7's
                  "credit_application_status_history", "credit_applications",  # schema 6's
                  "activities", "holiday_overrides", "message_templates"):  # schema 5's
        con.execute(f"DROP TABLE {table}")
    for column in RIPLAY_COLUMNS:
        con.execute(f"ALTER TABLE products DROP COLUMN {column}")
    con.execute("UPDATE alembic_version SET version_num = '0003'")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()


def test_schema_3_products_migrate_and_unchanged_seeds_get_riplay_content(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _schema_3_database(path)
    db = open_database(path)
    try:
        uow = SqlUnitOfWork(db)
        before = get_product(uow, "KPR")
        assert before.risks == () and before.late_penalty == ""  # migrated, still empty
        seed = {p.code: p for p in load_seed_catalog()}
        assert complete_seeded_products(uow) == len(seed) - 1  # all but the edited KMK
        assert complete_seeded_products(uow) == 0  # harmless on every later start
        kpr = get_product(uow, "KPR")
        assert kpr.risks == seed["KPR"].risks and kpr.other_costs == seed["KPR"].other_costs
        assert kpr.late_penalty == seed["KPR"].late_penalty
        assert get_product(uow, "DEP-3").early_withdrawal_penalty == seed["DEP-3"].early_withdrawal_penalty
        assert kpr.version == before.version + 1  # an audited edit like any other
        kmk = get_product(uow, "KMK")
        assert kmk.risks == () and kmk.rate_pa == Decimal("12.25")  # the admin's product
        with uow.write() as tx:
            tx.settings.set("riplay.bank_full_name", "PT Bank Contoh")
            tx.settings.set("riplay.complaint_branch", "KCP Dago")
            tx.settings.set("riplay.complaint_phone", "(022) 2501234")
        build_product_sheet(uow, SheetSpec(code="KPR", amount=300_000_000, tenor_months=120))
        with pytest.raises(ValidationFailed, match="RIPLAY produk KMK belum dapat dicetak"):
            build_product_sheet(uow, SheetSpec(code="KMK", amount=100_000_000, tenor_months=12))
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "riplay_records" in tables
    con.close()
