"""Errors of a failing save name no personal data: not on screen, not in the log."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from ao_desktop.domain.clients.client import Client
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import Database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

NIK = "3201015507900001"
PHONE = "081234567890"
NAME = "Siti Aminah"


def test_a_failing_save_logs_no_nik_or_phone(db: Database, tmp_path: Path) -> None:
    # The disk (here: a trigger) refuses the insert, after the statement got its values.
    con = sqlite3.connect(db.path)
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON clients "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    con.commit()
    con.close()
    log_file = tmp_path / "ao-desktop.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with pytest.raises(SQLAlchemyError) as caught:
            add_client(SqlUnitOfWork(db), Client(full_name=NAME, nik=NIK, mobile=PHONE),
                       actor="test", allow_duplicates=True)
        # What the GUI's error path and the CLI's catch-all do with an unexpected error.
        logging.getLogger("ao_desktop.ui.widgets.messages").error("unexpected error", exc_info=caught.value)
    finally:
        root.removeHandler(handler)
        handler.close()
    logged = log_file.read_text(encoding="utf-8")
    assert "disk I/O error" in logged  # the error itself is there to diagnose
    assert NIK not in logged and NAME not in logged and PHONE[1:] not in logged
    assert NIK not in str(caught.value)
