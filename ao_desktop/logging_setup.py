"""A rotating log file in the user's data folder. In a windowed build sys.stdout and
sys.stderr are None, so the file is the only place a problem can be read afterwards."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_configured = False


def log_path() -> Path:
    from ao_desktop.storage.location import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "ao-desktop.log"


def setup_logging(level: int = logging.INFO) -> Path:
    global _configured
    path = log_path()
    if _configured:
        return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    if sys.stderr is not None and "pytest" not in sys.modules:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    _configured = True
    return path
