"""The package's holidays are cached per year in the data folder: a later process
answers without importing the (slow) `holidays` package."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from ao_desktop.storage.calendar import public_holidays
from ao_desktop.storage.calendar.public_holidays import PackageHolidays


def test_cuti_bersama_and_holidays_are_known_and_cached(home: Path) -> None:
    public_holidays.year_holidays.cache_clear()
    found = PackageHolidays().between(date(2026, 3, 18), date(2026, 3, 24))
    assert found[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert found[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert len(found) == 7  # Nyepi and its cuti bersama, then the whole Lebaran break
    assert list((home / "cache").glob("holidays-ID-2026-*.json"))
    probe = ("import sys, datetime\n"
             "from ao_desktop.storage.calendar.public_holidays import PackageHolidays\n"
             "d = PackageHolidays().between(datetime.date(2026, 12, 25), datetime.date(2026, 12, 25))\n"
             "print(d[datetime.date(2026, 12, 25)], 'holidays' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={**os.environ, "AO_DESKTOP_HOME": str(home)})
    assert out.stdout.strip() == "Hari Raya Natal False"
