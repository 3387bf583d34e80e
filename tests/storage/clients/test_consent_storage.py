"""The consent record in the clients table: a round trip, the audit of a withdrawal, and
migration 0011 of a database made before it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ALL_CHANNELS, ConsentChannel, ConsentPurpose
from ao_desktop.storage.engine import APPLICATION_ID, Database, open_database
from ao_desktop.storage.migrate import alembic_config
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.old_schema import insert_old_client

NOW = datetime(2026, 12, 5, 9, 30)


def test_consent_record_round_trips_and_a_withdrawal_is_audited(uow: SqlUnitOfWork, db: Database) -> None:
    client = Client("Siti Aminah", consent_contact=True, consent_given_on=date(2026, 11, 3),
                    consent_purpose=ConsentPurpose.COLLECTION,
                    consent_channels=(ConsentChannel.WHATSAPP, ConsentChannel.PHONE))
    with uow.write() as tx:
        stored = tx.clients.add(client, "rina", NOW)
    with uow.read() as tx:
        back = tx.clients.get(stored.id)
    assert back is not None
    assert (back.consent_given_on, back.consent_purpose, back.consent_channels) == (
        date(2026, 11, 3), ConsentPurpose.COLLECTION, (ConsentChannel.PHONE, ConsentChannel.WHATSAPP))
    withdrawn = replace(back, consent_contact=False, consent_withdrawn_on=date(2026, 12, 5),
                        consent_withdrawal_reason="Terlalu sering dihubungi")
    with uow.write() as tx:
        saved = tx.clients.update(withdrawn, "rina", NOW)
    assert saved is not None and saved.consent_withdrawn_on == date(2026, 12, 5)
    assert saved.consent_withdrawal_reason == "Terlalu sering dihubungi"
    with db.read_engine.connect() as conn:  # either engine (the db fixture runs on both)
        details = conn.exec_driver_sql("SELECT details FROM audit_log WHERE table_name = 'clients' "
                                       "AND action = 'update'").scalar_one()
    assert json.loads(details)["consent_withdrawn_on"] == [None, "2026-12-05"]


def _schema_10_database(path: Path) -> None:
    """A database as the app with schema 10 left it: one client who consented, one not."""
    from alembic import command

    db = open_database(path, migrate=False, create=True)
    cfg = alembic_config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0010")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql("PRAGMA user_version = 10")
    db.close()
    con = sqlite3.connect(path)
    assert "consent_given_on" not in {r[1] for r in con.execute("PRAGMA table_info(clients)")}
    con.close()
    insert_old_client(path, "Siti", consent_contact=1, created_at="2025-03-14 10:15:00.000000")
    insert_old_client(path, "Budi", created_at="2025-04-01 09:00:00.000000")


def test_migration_dates_existing_consent_on_the_day_the_client_was_created(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "old.sqlite"
    _schema_10_database(path)
    db = open_database(path, create=True)
    try:
        with SqlUnitOfWork(db).read() as tx:
            siti, budi = tx.clients.get(1), tx.clients.get(2)
    finally:
        db.close()
    assert siti is not None and budi is not None
    assert siti.consent_contact and siti.consent_given_on == date(2025, 3, 14)
    assert siti.consent_purpose is ConsentPurpose.SERVICE and siti.consent_channels == ALL_CHANNELS
    assert siti.consent_withdrawn_on is None and siti.consent_withdrawal_reason == ""
    assert not budi.consent_contact and budi.consent_given_on is None
