"""A database out of reach mid-work (#18): the PostgreSQL server's network cut, a backend
ended by the server, the shared drive's folder gone. Every case is DatabaseUnreachable
with where it happened, nothing half-saved, and the next attempt works once it is back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import DatabaseUnreachable
from ao_desktop.domain.common.officer import Officer
from ao_desktop.services.clients.directory import add_client, list_officers
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


def _add(uow: SqlUnitOfWork, name: str) -> Client:
    return add_client(uow, Client(full_name=name), actor="test", allow_duplicates=True)


def _client_names(uow: SqlUnitOfWork) -> list[str]:
    with uow.read() as tx:
        return sorted(tx.session.connection().exec_driver_sql("SELECT full_name FROM clients").scalars())


def test_a_cut_network_is_unreachable_and_the_next_save_after_it_is_back_works(pg_link) -> None:
    db = open_database(pg_link.url)
    try:
        uow = SqlUnitOfWork(db)
        _add(uow, "Sebelum Putus")
        pg_link.cut()
        with pytest.raises(DatabaseUnreachable) as caught:
            _add(uow, "Saat Putus")
        assert caught.value.where == db.label == pg_link.url
        assert db.label in str(caught.value)
        assert "Tidak ada yang tersimpan" in str(caught.value)
        with pytest.raises(DatabaseUnreachable):
            list_officers(uow)  # a read while the server stays out of reach: refused, too
        pg_link.restore()
        _add(uow, "Setelah Kembali")  # no restart: the engine connects afresh
        assert _client_names(uow) == ["Sebelum Putus", "Setelah Kembali"]
    finally:
        db.close()


def test_a_backend_ended_by_the_server_mid_save_is_unreachable_then_recovers(pg_server, pg_url) -> None:
    db = open_database(pg_url)
    try:
        uow = SqlUnitOfWork(db)
        with pytest.raises(DatabaseUnreachable), uow.write() as tx:
            tx.officers.add(Officer(name="Setengah Jalan"))
            pid = tx.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with pg_server.admin() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            tx.officers.add(Officer(name="Tidak Sampai"))
        names = [o.name for o in list_officers(uow)]
        assert "Setengah Jalan" not in names and "Tidak Sampai" not in names
        _add(uow, "Berikutnya")
        assert _client_names(uow) == ["Berikutnya"]
    finally:
        db.close()


def test_a_vanished_shared_drive_is_unreachable_and_works_again_once_back(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    path = share / "ao.sqlite"
    db = open_database(path, shared=True, create=True)
    try:
        uow = SqlUnitOfWork(db)
        _add(uow, "Sebelum Hilang")
        os.rename(share, tmp_path / "unmounted")  # the drive letter no longer leads there
        with pytest.raises(DatabaseUnreachable) as caught:
            _add(uow, "Saat Hilang")
        assert caught.value.where == str(path)
        assert str(path) in str(caught.value) and "drive bersama" in str(caught.value)
        with pytest.raises(DatabaseUnreachable):
            list_officers(uow)  # the pool was dropped: a fresh connection cannot open it
        os.rename(tmp_path / "unmounted", share)
        _add(uow, "Setelah Kembali")
        assert _client_names(uow) == ["Sebelum Hilang", "Setelah Kembali"]
    finally:
        db.close()


def test_other_database_errors_are_not_taken_for_a_lost_connection(engine_db) -> None:
    uow = SqlUnitOfWork(engine_db)
    with pytest.raises(IntegrityError), uow.write() as tx:
        tx.session.connection().exec_driver_sql("INSERT INTO clients (id) VALUES (NULL)")
