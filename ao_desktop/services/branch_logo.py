"""The bank's logo as every PC prints it: kept in the database, not only as a file.

A database file on the branch's drive has its logo beside it, and the path stored in the
settings reaches it from every PC. A database on a PostgreSQL server has no folder every
PC shares: the logo's bytes are stored in the settings too, and a PC that cannot read
the stored path writes that copy to its own temporary folder once and prints from it.
"""

from __future__ import annotations

import base64
import binascii
import os
import tempfile
from pathlib import Path

from ao_desktop.services.ports import SettingsRepository, UnitOfWork

LOGO_PATH_KEY = "bank.logo_path"
# The logo's bytes in base64 (a text setting on both engines; at most MAX_LOGO_BYTES).
# Written beside the path but never audited: the path is named by the content, so its
# audited change already says that the logo changed.
LOGO_DATA_KEY = "bank.logo_data"
# The images a logo may be, by their first bytes (a renamed file is refused on choosing).
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


def store_logo(settings: SettingsRepository, logo_path: str) -> None:
    """Keep the logo's bytes beside its path; call it before the path is written. The
    same path as stored, with its copy, is the same logo (installed logos are named by
    their content): nothing is read again, so a colleague joining from another PC never
    rewrites it. A new path this PC cannot read, or no logo, leaves no copy."""
    same = bool(logo_path) and settings.get(LOGO_PATH_KEY, "").strip() == logo_path
    if same and settings.get(LOGO_DATA_KEY, ""):
        return
    data = ""
    if logo_path:
        try:
            data = base64.b64encode(Path(logo_path).read_bytes()).decode("ascii")
        except OSError:
            if same:
                return
    settings.set(LOGO_DATA_KEY, data)


def _cache_folder() -> Path:
    # This user's temp folder (rewritten on demand if cleaned); inside AO_DESKTOP_HOME
    # when that is set (storage/location.py's override, used by the self-test and the
    # test suite), so those runs leave nothing behind.
    home = os.environ.get("AO_DESKTOP_HOME")
    return Path(home) / "logo-cache" if home else Path(tempfile.gettempdir()) / "ao-desktop-logo"


def logo_for_print(settings: SettingsRepository, cache: Path | None = None) -> str:
    """The logo file this PC prints ("" for none): the stored path when this PC reads it,
    else the database's copy written under `cache` (default: `_cache_folder()`).

    The copy keeps the stored file's name, which install_logo makes from the content: a
    PC that has written it once prints from it without fetching the bytes again (a batch
    of letters asks for the logo once per letter)."""
    path = settings.get(LOGO_PATH_KEY, "").strip()
    if not path or Path(path).is_file():
        return path
    target = (cache or _cache_folder()) / Path(path).name
    if target.is_file():
        return str(target)
    encoded = settings.get(LOGO_DATA_KEY, "")
    if not encoded:
        return path  # no copy kept (an older database): printed without the logo
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return path
    if not any(data.startswith(magic) for magic in IMAGE_MAGIC):
        return path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file renamed into place: a colleague's print never reads half a logo.
        fd, tmp = tempfile.mkstemp(prefix=".logo-", suffix=target.suffix, dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError:
        return path
    return str(target)


def keep_logo_copy(uow: UnitOfWork) -> bool:
    """Store the copy for a database that has only the path (one moved onto a server by
    migrate-db from a file made before the copy was kept), read from the path on this PC;
    True when the database now holds a copy or has no logo to keep."""
    with uow.write() as tx:
        path = tx.settings.get(LOGO_PATH_KEY, "").strip()
        if not path:
            return True  # nothing written: the copy stays row for row the file's
        store_logo(tx.settings, path)
        return bool(tx.settings.get(LOGO_DATA_KEY, ""))


def logo_as_printed(settings: SettingsRepository, printed_path: str) -> str:
    """The logo a document printed earlier had (a RIPLAY's reprint), on this PC: its path
    when readable, else the database's copy when that is the same image (the file names
    carry the content's hash); else "" (reprinted without it rather than with another)."""
    if not printed_path or Path(printed_path).is_file():
        return printed_path
    current = logo_for_print(settings)
    return current if current and Path(current).name == Path(printed_path).name else ""
