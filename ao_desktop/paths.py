"""Where bundled resources (seed catalog, fonts, logo, translations) are found: in the
source tree during development, next to the frozen executable in a PyInstaller build,
inside the package in an installed wheel."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    package = Path(__file__).resolve().parent
    source_tree = package.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    return package / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
