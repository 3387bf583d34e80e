"""`ao-desktop --self-test`: prove an installation (or a frozen bundle) works, end to end.

In a temporary folder it opens a new database (migrations, search index), adds and finds
a client through services, loads the seed catalog, simulates a loan, writes a product
sheet PDF and a small workbook, starts Qt, reads Indonesia's holidays, writes an amount in words and backs the database up and checks the copy.
Each step prints one line ("OK  database"); the first failure prints "FAIL <step>: ..."
and the exit code is 1. A hidden import or a data file missing from a PyInstaller build
fails here, in CI, instead of on a branch PC. Nothing outside the temporary folder is
touched: the data folder is pointed there for the duration.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any


@dataclass
class _Run:
    folder: Path
    db: Any = None
    uow: Any = None
    schedule: Any = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.folder / "selftest.sqlite"


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


def _resources(run: _Run) -> None:
    from ao_desktop.paths import resource

    for name in ("products.json", "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"):
        _check(resource(*name.split("/")).is_file(), f"resource {name} missing")


def _database(run: _Run) -> None:
    from ao_desktop.storage.engine import SCHEMA_VERSION, open_database

    run.db = open_database(run.db_path, create=True)
    with run.db.read_engine.connect() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
        fts = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'client_fts'"
        ).scalar()
    _check(version == SCHEMA_VERSION, f"schema {version}, expected {SCHEMA_VERSION}")
    _check(fts == 1, "search index client_fts missing")
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    run.uow = SqlUnitOfWork(run.db)


def _clients(run: _Run) -> None:
    from ao_desktop.domain.clients.client import Client
    from ao_desktop.domain.clients.client_query import ClientQuery
    from ao_desktop.services.clients.directory import add_client, search_clients

    added = add_client(
        run.uow, Client(full_name="Siti Nurhaliza", mobile="081234567890"), actor="self-test"
    )
    hits = search_clients(run.uow, ClientQuery(text="nurhal"), 0, 10)
    _check([h.id for h in hits] == [added.id], f"search found {len(hits)} clients, expected 1")


def _catalog(run: _Run) -> None:
    from ao_desktop.services.products.catalog import seed_catalog_if_empty

    _check(seed_catalog_if_empty(run.uow) > 0, "seed catalog is empty")


def _simulation(run: _Run) -> None:
    from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanRequest, simulate_loan

    request = LoanRequest(50_000_000, Decimal("12"), 12, InterestMethod.ANNUITY, date(2026, 11, 27))
    run.schedule = simulate_loan(request)
    rows = run.schedule.installments
    _check(len(rows) == 12 and rows[-1].balance == 0, "schedule does not pay off the loan")
    _check(sum(r.principal for r in rows) == 50_000_000, "principal does not add up")


def _pdf(run: _Run) -> None:
    from ao_desktop.documents.products.product_sheet import (
        ProductSheetData,
        SheetHeader,
        write_product_sheet,
    )
    from ao_desktop.domain.products.loan_schedule import InterestMethod
    from ao_desktop.domain.products.product import Product, ProductKind

    product = Product(
        code="UJI",
        name="Kredit Uji",
        kind=ProductKind.LOAN,
        rate_pa=Decimal("12"),
        method=InterestMethod.ANNUITY,
        max_tenor_months=60,
        max_amount=100_000_000,
    )
    header = SheetHeader("Bank Uji", "Cabang Uji", None, "Petugas Uji", "+6281234567890")
    out = run.folder / "selftest.pdf"
    data = ProductSheetData(
        header, product, datetime(2026, 11, 27, 9, 30), "Siti Nurhaliza", schedule=run.schedule
    )
    pages = write_product_sheet(data, out)
    _check(pages >= 1 and out.read_bytes()[:5] == b"%PDF-", "PDF not written")
    # reportlab falls back to pure Python silently when its C accelerator is missing;
    # the reports would be about half again as slow.
    from reportlab.lib import rl_accel

    _check(rl_accel._py_funcs == {}, f"reportlab accelerator missing: {sorted(rl_accel._py_funcs)}")


def _xlsx(run: _Run) -> None:
    """The client sheet round trip: XlsxWriter writes, python-calamine reads (both carry
    native or lazily imported parts a frozen bundle could miss), openpyxl reads too."""
    from openpyxl import load_workbook

    from ao_desktop.documents.imports.client_workbook import ExportRow, write_client_sheet
    from ao_desktop.documents.sheets.sheet_reader import read_sheet
    from ao_desktop.domain.clients.client import Client

    out = run.folder / "selftest.xlsx"
    client = Client(full_name="Siti Nurhaliza", nik="3174055207900001", mobile="+6281234567890",
                    monthly_income=50_000_000)
    write_client_sheet(out, [ExportRow(client, "")])
    rows = read_sheet(out).rows
    _check(rows[1][:1] == ("Siti Nurhaliza",) and "3174055207900001" in rows[1],
           f"xlsx read back {rows[:2]}")
    back = load_workbook(out, read_only=True)
    first = next(back.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
    back.close()
    _check(first[0] == "Siti Nurhaliza", f"openpyxl read back {first}")


def _qt(run: _Run) -> None:
    if (
        sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in os.environ
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ao-desktop"])
    label = QLabel("AO Desktop")
    label.adjustSize()
    _check(label.width() > 0, "Qt could not lay out a label")
    label.deleteLater()
    app.processEvents()
    import ao_desktop.ui.main_window  # noqa: F401 - every view module must be in the bundle

    run.notes["qt"] = QApplication.platformName()


def _holidays(run: _Run) -> None:
    # The names come from gettext catalogues the package reads from disk: a bundle
    # without them fails here rather than in the calendar or demo-data.
    from ao_desktop.storage.calendar.public_holidays import year_holidays

    names = dict(year_holidays(2026))
    _check(names.get(date(2026, 8, 17), "").startswith("Hari Kemerdekaan"),
           f"17 Agustus 2026 is {names.get(date(2026, 8, 17))!r}, expected Hari Kemerdekaan")


def _words(run: _Run) -> None:
    # Warning letters write amounts in words with num2words, which imports its language
    # module by name: a bundle without num2words.lang_ID fails here, not on a letter.
    from ao_desktop.documents.portfolio.amount_words import rupiah_in_words

    words = rupiah_in_words(1_500_000)
    _check(words == "satu juta lima ratus ribu rupiah", f"1.500.000 in words is {words!r}")


def _postgresql(run: _Run) -> None:
    # A database on a PostgreSQL server: psycopg with its C implementation (psycopg_binary,
    # which carries libpq) and SQLAlchemy's dialect for it. A bundle without them fails
    # here, not when a branch points the app at its server. Nothing connects.
    import psycopg
    from sqlalchemy.dialects.postgresql import psycopg as _dialect  # noqa: F401

    from ao_desktop.storage.server import parse_location

    _check(psycopg.pq.__impl__ == "binary",
           f"psycopg runs its {psycopg.pq.__impl__!r} implementation, not psycopg_binary")
    import psycopg_binary  # noqa: F401 - imported by psycopg already; named for the bundle

    url = parse_location("postgresql://ao@server:5432/ao_cabang")
    _check(url.drivername == "postgresql+psycopg", f"server driver is {url.drivername}")
    run.notes["postgresql"] = f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}"


def _backup(run: _Run) -> None:
    from ao_desktop.storage.maintenance.backup import backup_database
    from ao_desktop.storage.maintenance.db_check import check_database

    run.db.close()
    info = backup_database(run.db_path, run.folder / "selftest-backup.sqlite")
    report = check_database(info.path)
    _check(report.ok, "; ".join(report.lines))


STEPS: list[tuple[str, Callable[[_Run], None]]] = [
    ("resources", _resources),
    ("database", _database),
    ("clients", _clients),
    ("catalog", _catalog),
    ("simulation", _simulation),
    ("pdf", _pdf),
    ("xlsx", _xlsx),
    ("qt", _qt),
    ("holidays", _holidays),
    ("words", _words),
    ("postgresql", _postgresql),
    ("backup", _backup),
]


def _say(text: str) -> None:
    if sys.stdout is not None:  # a windowed build has no stdout
        print(text, flush=True)


def run_self_test() -> int:
    """Run every step; 0 when all pass, 1 at the first failure."""
    from ao_desktop import __version__

    _say(
        f"AO Desktop {__version__} self-test ({'frozen' if getattr(sys, 'frozen', False) else 'source'})"
    )
    previous_home = os.environ.get("AO_DESKTOP_HOME")
    with tempfile.TemporaryDirectory(
        prefix="ao-desktop-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        run = _Run(Path(tmp))
        os.environ["AO_DESKTOP_HOME"] = str(run.folder / "home")
        try:
            for name, step in STEPS:
                started = time.perf_counter()
                try:
                    step(run)
                except BaseException as exc:  # noqa: BLE001 - every failure is reported, never raised
                    _say(f"FAIL {name}: {type(exc).__name__}: {exc}")
                    if sys.stderr is not None:
                        traceback.print_exc(file=sys.stderr)
                    return 1
                note = f" [{run.notes[name]}]" if name in run.notes else ""
                _say(f"OK  {name} ({(time.perf_counter() - started) * 1000:.0f} ms){note}")
        finally:
            if run.db is not None:
                run.db.close()
            if previous_home is None:
                os.environ.pop("AO_DESKTOP_HOME", None)
            else:
                os.environ["AO_DESKTOP_HOME"] = previous_home
    _say("self-test passed")
    return 0
