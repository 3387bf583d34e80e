"""UU 27/2022: the log files never hold a client's NIK, phone number or name. The main
flows run as their own processes (as an AO's PC and a month-end batch would run them),
including a refused sign-in and an import with rejected rows, and then every log file
of the data folder is searched for every client's NIK, phone and name."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.client_sheets import build_fixture


def _run(home: Path, *argv: str, pin: str = "123456", ok: bool = True, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ao_desktop", *argv], capture_output=True, text=True, timeout=120,
        env={**os.environ, "AO_DESKTOP_HOME": str(home), "AO_DESKTOP_PIN": pin, "QT_QPA_PLATFORM": "offscreen",
             **(env or {})},
    )
    assert (result.returncode == 0) is ok, (argv, result.stderr[-2000:])


def _personal_data(db: Path) -> set[str]:
    """Every client's NIK, phone numbers (as stored and as typed, 08...) and full name."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT full_name, nik, mobile, landline FROM clients").fetchall()
    finally:
        con.close()
    found: set[str] = set()
    for name, nik, mobile, landline in rows:
        if len(name.split()) >= 2:  # a one-word name ("Ani") also occurs in ordinary words
            found.add(name)
        for value in (nik, mobile, landline):
            if value and len(value) >= 8:
                found.add(value)
                if value.startswith("+62"):
                    found.add("0" + value[3:])
    return found


@pytest.mark.slow
def test_the_logs_hold_no_nik_phone_or_name(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = tmp_path / "demo.sqlite"
    _run(home, "demo-data", "--out", str(db), "--clients", "60", "--seed", "5")
    con = sqlite3.connect(db)
    client_id, name, nik = con.execute(
        "SELECT id, full_name, nik FROM clients WHERE officer_id = 1 AND nik != '' ORDER BY id LIMIT 1").fetchone()
    con.close()
    _run(home, "--as", "1", "search", name, "--db", str(db), "--json")
    _run(home, "--as", "4", "search", nik, "--db", str(db))
    _run(home, "--as", "6", "search", "a", "--db", str(db))  # marketing, masked
    _run(home, "--as", "1", "search", name, "--db", str(db), pin="000000", ok=False)  # refused
    _run(home, "--as", "1", "import-clients", str(build_fixture(tmp_path / "prospek.xlsx")), "--db", str(db))
    _run(home, "--as", "4", "export-clients", str(tmp_path / "semua.xlsx"), "--db", str(db))
    _run(home, "--as", "1", "client-data", str(client_id), "--out", str(tmp_path / "n.json"),
         "--pdf", str(tmp_path / "n.pdf"), "--db", str(db))
    _run(home, "--as", "1", "product-sheet", "KUR-MIKRO", "--amount", "50jt", "--tenor", "24",
         "--client", str(client_id), "--out", str(tmp_path / "kur.pdf"), "--db", str(db))
    _run(home, "--as", "5", "audit", "--client", str(client_id), "--db", str(db))
    _run(home, "--db", str(db), env={"AO_DESKTOP_STARTUP_PROBE": "1"})  # the GUI start, signed in
    logs = [p for p in home.rglob("*.log*") if p.is_file()]
    assert logs, "no log was written"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    personal = _personal_data(db)
    assert len(personal) > 100
    leaked = sorted(v for v in personal if v in text)
    assert leaked == [], f"personal data in the log: {leaked[:5]}"
