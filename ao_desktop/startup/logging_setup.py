"""A rotating log file in the user's data folder. In a windowed build sys.stdout and
sys.stderr are None, so the file is the only place a problem can be read afterwards."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

_configured = False


PRIVATE_FOLDER_MODE = 0o700  # the log names clients and paths: the user only (POSIX)
PRIVATE_FILE_MODE = 0o600


def log_path() -> Path:
    from ao_desktop.storage.location import data_dir

    return data_dir() / "logs" / "ao-desktop.log"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates every log file (the first and each one after a rotation) as 0600, not
    with the umask; rotated files keep their mode because they are renamed."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        # A log that cannot be written (a full disk, a read-only folder) must not print
        # logging's own "--- Logging error ---" traceback on the user's stderr: the
        # message the user needs is already said in one sentence.
        return


def private_log_handler(path: Path, *, max_bytes: int, backups: int) -> logging.Handler:
    path.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    handler = _PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def setup_logging(level: int = logging.INFO, *, console: bool = True) -> Path:
    """The log file for the GUI (`console`: warnings also on stderr, when there is one)
    or for a command line run (file only: its stderr carries one sentence, no details)."""
    global _configured
    path = log_path()
    if _configured:
        return path
    handler = private_log_handler(path, max_bytes=2_000_000, backups=5)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    if console and sys.stderr is not None and "pytest" not in sys.modules:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    _configured = True
    return path


def setup_cli_logging() -> Path | None:
    """The log file of a command line run; None when it cannot be written. Either way
    nothing is left to Python's last-resort handler, which would print details (and
    a traceback) on stderr."""
    try:
        return setup_logging(console=False)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())
        return None


def install_thread_excepthook() -> None:
    """An exception that escapes a background thread is written to the log (the default
    hook prints to sys.stderr, which a windowed build does not have)."""
    import threading

    thread_log = logging.getLogger("ao_desktop.thread")

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        thread_log.error("uncaught exception in thread %s", name,
                         exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = hook


def install_qt_message_handler() -> None:
    """Qt's own warnings (qWarning, QML, platform plugin) go to the log file too."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        where = getattr(context, "category", None)
        qt_log.log(levels.get(kind, logging.WARNING), "%s%s", f"[{where}] " if where and where != "default" else "", message)

    qInstallMessageHandler(handler)
