"""Composition root of the GUI: settings -> database -> services -> main window.

The window is shown first and the database (SQLAlchemy alone costs ~0.8 s to import on
a branch PC) opens on a background thread; the directory appears when it is ready, so
the AO sees the window at once and nothing freezes.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ao_desktop.domain.common.errors import DatabaseDamaged, DatabaseUnreachable, DomainError
from ao_desktop.domain.common.i18n import _

if TYPE_CHECKING:
    from ao_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
_PROCESS_START = time.perf_counter()
BACKUP_DELAY_MS = 5000


def _set_app_icon(app: object) -> None:
    from PySide6.QtGui import QIcon

    from ao_desktop.paths import resource

    icon = resource("icon.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))  # type: ignore[attr-defined]


def _install_excepthook(log_file: Path, window: MainWindow | None = None) -> None:
    """An uncaught exception shows a short dialog and the log's location, never a silent exit.

    Once the main window is there, a database out of reach (a view's load, outside any
    form) is its message with "Coba lagi", which loads the shown view again."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        if isinstance(exc, DatabaseUnreachable) and window is not None:
            window.show_load_failure(exc)
            return
        message = str(exc) if isinstance(exc, DomainError) else _(
            "Terjadi kesalahan tak terduga: {e}\n\nRinciannya dicatat di:\n{p}").format(e=exc, p=log_file)
        QMessageBox.critical(None, _("AO Desktop"), message)

    sys.excepthook = hook


def _offer_restore(parent: object, error: DatabaseDamaged) -> bool:
    """Tell the user the database is damaged; True when they chose to restore the backup."""
    from PySide6.QtWidgets import QMessageBox

    from ao_desktop.startup.start_checks import damaged_question

    box = QMessageBox(QMessageBox.Icon.Critical, _("Database rusak"), damaged_question(error),
                      QMessageBox.StandardButton.NoButton, parent)  # type: ignore[arg-type]
    restore = box.addButton(_("Pulihkan"), QMessageBox.ButtonRole.AcceptRole) if error.backup else None
    box.addButton(_("Keluar"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def _restored_text(error: DatabaseDamaged) -> str:
    """Restore the newest good backup over the damaged database (any thread)."""
    from ao_desktop.startup.start_checks import restore_damaged

    aside = restore_damaged(error)
    return _("Database dipulihkan dari cadangan {b}.\n\nBerkas yang rusak disimpan sebagai:\n{a}").format(
        b=error.backup, a=aside)


def _schedule_daily_backup(context: object) -> None:
    """The daily backup starts a few seconds after the directory appeared, off the GUI
    thread, so the first screen loads undisturbed (never for the demo database)."""
    from PySide6.QtCore import QTimer

    from ao_desktop.startup.start_checks import start_scheduled_backup

    maintenance = getattr(context, "maintenance", None)
    if maintenance is None or getattr(context, "demo", False) or os.environ.get("AO_DESKTOP_STARTUP_PROBE"):
        return
    QTimer.singleShot(BACKUP_DELAY_MS, lambda: start_scheduled_backup(maintenance.database_path))


def run_gui(db_path: Path | None = None, demo: bool = False, shared: bool = False) -> int:
    from ao_desktop.startup.logging_setup import setup_logging

    log_file = setup_logging()
    from ao_desktop.startup.logging_setup import (
        install_qt_message_handler,
        install_thread_excepthook,
    )

    install_thread_excepthook()
    install_qt_message_handler()
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("AO Desktop")
    app.setApplicationName("AO Desktop")
    _install_excepthook(log_file)
    _set_app_icon(app)
    from ao_desktop.startup.first_run import (
        configured_request,
        keep_server_password,
        needs_server_password,
        run_first_run_wizard,
        setup_environment,
    )
    from ao_desktop.startup.opening import open_context

    # --demo, --db, or the database chosen on this PC; nothing chosen yet: the welcome
    # wizard comes first (before the main window and any heavy import) and opens it.
    request = configured_request(db_path, demo, shared)
    first_run = run_first_run_wizard() if request is None else None
    if first_run is not None:
        request = configured_request(db_path, demo, shared)  # what the wizard just saved
    if request is None:
        return 0  # cancelled: nothing configured, nothing opened

    from ao_desktop.ui.main_window import MainWindow

    window = MainWindow()
    _install_excepthook(log_file, window)
    window.set_log_folder(log_file.parent)
    window.set_setup_environment(setup_environment())

    class Relay(QObject):
        opened = Signal(object)
        failed = Signal(object)
        restored = Signal(object)

    relay = Relay()
    to_keep: list[str] = []  # a password typed at the start, kept once the server took it

    def on_opened(context: object, signed_in: bool = False) -> None:
        """The database is open: sign in (unless the wizard's new officer just chose
        their PIN), then the views, the idle lock and the daily backup."""
        from ao_desktop.ui.access.session import sign_in_window, start_idle_lock

        signed = context if signed_in else sign_in_window(context, window)  # type: ignore[arg-type]
        if signed is None:
            app.exit(0)  # "Keluar" on the sign-in: nothing opened, nothing changed
            return
        window.attach(signed)  # type: ignore[arg-type]
        window.idle_lock = start_idle_lock(window, signed)  # type: ignore[attr-defined,arg-type]
        _schedule_daily_backup(signed)
        if os.environ.get("AO_DESKTOP_STARTUP_PROBE"):
            try:
                import resource

                rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            except ImportError:  # Windows has no resource module
                rss_mb = 0.0
            print(f"ready {time.perf_counter() - _PROCESS_START:.3f} maxrss_mb {rss_mb:.0f}", flush=True)
            QTimer.singleShot(0, app.quit)

    def on_failed(exc: object) -> None:
        if isinstance(exc, DatabaseDamaged):
            if _offer_restore(window, exc):
                threading.Thread(target=worker, args=(exc,), name="restore-database", daemon=True).start()
            else:
                app.exit(1)
            return
        if needs_server_password(exc, request.db_path):
            _on_server_password_needed(str(exc))
            return
        text = str(exc) if isinstance(exc, DomainError) else _(
            "Database tidak dapat dibuka: {e}\n\nRinciannya dicatat di:\n{p}").format(e=exc, p=log_file)
        if request.add_officer:  # the database chosen on this PC: retry, or choose again
            _on_configured_database_failed(text)
            return
        QMessageBox.critical(window, _("Database tidak dapat dibuka"), text)
        app.exit(1)

    def _on_server_password_needed(problem: str) -> None:
        """Ask the server's password instead of failing; "Keluar" quits."""
        from ao_desktop.startup.first_run import ask_server_password

        answer = ask_server_password(window, str(request.db_path), problem)
        if answer is None:
            app.exit(1)
            return
        to_keep[:] = [answer[0]] if answer[1] else []
        threading.Thread(target=worker, name="open-database", daemon=True).start()

    def _on_configured_database_failed(text: str) -> None:
        from ao_desktop.startup.first_run import CHOOSE_AGAIN, RETRY, ask_after_open_failure

        answer = ask_after_open_failure(window, text)
        if answer == RETRY:
            threading.Thread(target=worker, name="open-database", daemon=True).start()
        elif answer == CHOOSE_AGAIN and (chosen := run_first_run_wizard()) is not None:
            on_opened(chosen.context, chosen.signed_in_here)
        else:
            app.exit(1)

    relay.opened.connect(on_opened)
    relay.failed.connect(on_failed)
    relay.restored.connect(lambda text: QMessageBox.information(window, _("Database dipulihkan"), text))

    def worker(damaged: DatabaseDamaged | None = None) -> None:
        try:
            if damaged is not None:
                relay.restored.emit(_restored_text(damaged))
            context = open_context(request)
            if to_keep:
                keep_server_password(str(request.db_path), to_keep.pop())
            relay.opened.emit(context)
        except BaseException as exc:  # noqa: BLE001 - reported in the GUI thread
            log.exception("opening the database failed")
            relay.failed.emit(exc)

    def on_painted() -> None:
        if os.environ.get("AO_DESKTOP_STARTUP_PROBE"):
            print(f"painted {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
        if first_run is not None:
            # The wizard opened and set it up already; its new officer chose their PIN there.
            on_opened(first_run.context, first_run.signed_in_here)
            return
        threading.Thread(target=worker, name="open-database", daemon=True).start()

    window.first_paint.connect(on_painted)
    window.show()
    code = app.exec()
    from ao_desktop.startup.start_checks import mark_clean_exit

    mark_clean_exit()  # the event loop ended in order: the next start needs no full check
    return code
