"""Composition root of the GUI: settings -> database -> services -> main window.

The window is shown first and the database (SQLAlchemy alone costs ~0.8 s to import on
a branch PC) opens on a background thread; the directory appears when it is ready, so
the AO sees the window at once and nothing freezes.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ao_desktop.domain.enums import OfficerRole
from ao_desktop.domain.errors import DomainError
from ao_desktop.domain.i18n import _

log = logging.getLogger(__name__)
_PROCESS_START = time.perf_counter()


@dataclass(frozen=True)
class OpenRequest:
    db_path: Path | None
    demo: bool
    shared: bool


def open_context(request: OpenRequest):  # type: ignore[no-untyped-def]
    """Open the database named by the request and build the UiContext (any thread)."""
    from ao_desktop.services.clients import list_officers
    from ao_desktop.services.products import seed_catalog_if_empty
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.location import default_database_path
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.context import UiContext

    if request.demo:
        from ao_desktop.storage.demo_data import open_demo_database

        path = open_demo_database()
    else:
        path = request.db_path or default_database_path()
    db = open_database(path, shared=True if request.shared else None)
    uow = SqlUnitOfWork(db)
    seed_catalog_if_empty(uow)  # the first open of a database loads the seed products
    actor = _current_user()
    officer_id = None
    if request.demo:
        # The demo signs in as the first AO, with admin rights so every screen can be tried.
        aos = [o for o in list_officers(uow) if o.role is OfficerRole.AO]
        if aos:
            actor, officer_id = aos[0].name, aos[0].id
    # Until users are set up (first-run wizard), the person at this PC administers their
    # own database.
    return UiContext(uow=uow, database_label=str(path), shared=db.shared, actor=actor,
                     officer_id=officer_id, demo=request.demo, role=OfficerRole.ADMIN)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some PCs; a name is still needed
        return "pengguna"


def _install_excepthook(log_file: Path) -> None:
    """An uncaught exception shows a short dialog and the log's location, never a silent exit."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        message = str(exc) if isinstance(exc, DomainError) else _(
            "Terjadi kesalahan tak terduga: {e}\n\nRinciannya dicatat di:\n{p}").format(e=exc, p=log_file)
        QMessageBox.critical(None, _("AO Desktop"), message)

    sys.excepthook = hook


def run_gui(db_path: Path | None = None, demo: bool = False, shared: bool = False) -> int:
    from ao_desktop.logging_setup import setup_logging

    log_file = setup_logging()
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ao_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("AO Desktop")
    app.setApplicationName("AO Desktop")
    _install_excepthook(log_file)

    window = MainWindow()

    class Relay(QObject):
        opened = Signal(object)
        failed = Signal(object)

    relay = Relay()

    def on_opened(context: object) -> None:
        window.attach(context)  # type: ignore[arg-type]
        if os.environ.get("AO_DESKTOP_STARTUP_PROBE"):
            import resource

            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"ready {time.perf_counter() - _PROCESS_START:.3f} maxrss_mb {rss_mb:.0f}", flush=True)
            QTimer.singleShot(0, app.quit)

    def on_failed(exc: object) -> None:
        text = str(exc) if isinstance(exc, DomainError) else _(
            "Database tidak dapat dibuka: {e}\n\nRinciannya dicatat di:\n{p}").format(e=exc, p=log_file)
        QMessageBox.critical(window, _("Database tidak dapat dibuka"), text)
        app.exit(1)

    relay.opened.connect(on_opened)
    relay.failed.connect(on_failed)

    def worker() -> None:
        try:
            relay.opened.emit(open_context(OpenRequest(db_path, demo, shared)))
        except BaseException as exc:  # noqa: BLE001 - reported in the GUI thread
            log.exception("opening the database failed")
            relay.failed.emit(exc)

    def on_painted() -> None:
        if os.environ.get("AO_DESKTOP_STARTUP_PROBE"):
            print(f"painted {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
        threading.Thread(target=worker, name="open-database", daemon=True).start()

    window.first_paint.connect(on_painted)
    window.show()
    return app.exec()
