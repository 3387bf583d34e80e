"""Indonesia's public holidays and cuti bersama from the `holidays` package, as a plain
{date: name} mapping for the domain's working-day rules.

Importing the package costs more than half a second (it loads every country), which
`ao-desktop agenda` cannot afford on every call. A year, once computed, is kept as a
small JSON file in this PC's data folder, named with the package's version so that an
update of the package (a new decree) replaces it.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ao_desktop.storage.location import data_dir

log = logging.getLogger(__name__)
CATEGORIES = ("public", "government")  # government = cuti bersama


@lru_cache(maxsize=1)
def _package_version() -> str:
    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:  # pragma: no cover - a broken install
        return "unknown"


def _cache_file(year: int) -> Path:
    return data_dir() / "cache" / f"holidays-ID-{year}-{_package_version()}.json"


def _compute(year: int) -> dict[str, str]:
    import holidays

    found = holidays.country_holidays("ID", years=year, language="id", categories=CATEGORIES)
    result: dict[str, str] = {}
    for day, name in sorted(found.items()):
        key = day.isoformat()
        # Two holidays on one day are shown together.
        result[key] = f"{result[key]}; {name}" if key in result else name
    return result


@lru_cache(maxsize=64)
def year_holidays(year: int) -> tuple[tuple[date, str], ...]:
    path = _cache_file(year)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = _compute(year)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temp.replace(path)
        except OSError:  # a read-only profile: computed again next time, nothing lost
            log.warning("could not cache the holidays of %s in %s", year, path)
    return tuple((date.fromisoformat(k), v) for k, v in sorted(data.items()))


class PackageHolidays:
    """What the package knows for a range of days (the admin's overrides come on top)."""

    def between(self, first: date, last: date) -> dict[date, str]:
        result: dict[date, str] = {}
        for year in range(first.year, last.year + 1):
            for day, name in year_holidays(year):
                if first <= day <= last:
                    result[day] = name
        return result
