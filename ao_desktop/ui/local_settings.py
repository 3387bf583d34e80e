"""What this PC remembers for its user (QSettings: the registry on Windows, an ini file
elsewhere): where the database lives and who signed in. Everything the branch shares
(bank, branch, logo, officers) lives in the database instead.

Keys: "database/path" (a file, or a server location without its password, which lives in
the credential store), "database/shared", "user/officer_id", "user/name", "user/phone".
The name and phone let the app find the same officer again in a database opened from
another folder (ids are per database).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ao_desktop.domain.common.server_address import is_server_location

ORGANIZATION = "AO Desktop"
APPLICATION = "AO Desktop"

DATABASE_PATH = "database/path"
DATABASE_SHARED = "database/shared"
OFFICER_ID = "user/officer_id"
OFFICER_NAME = "user/name"
OFFICER_PHONE = "user/phone"


def local_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def remembered_folder(key: str) -> Path:
    """The folder last used for `key` (a save or open dialog), while it still exists;
    else the user's Documents folder, else home."""
    saved = local_settings().value(key, "")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(key: str, path: Path) -> None:
    """Remember the folder of `path` (a file just chosen) for the next dialog of `key`."""
    local_settings().setValue(key, str(path.parent))


def _bool(value: object) -> bool:
    # An ini file gives "true"/"false" back as text; the registry keeps a real bool.
    return value is True or str(value).strip().lower() in {"true", "1", "yes"}


@dataclass(frozen=True)
class DatabaseChoice:
    path: Path | str  # a file, or a postgresql://user@host:port/db location (no password)
    shared: bool  # on the branch's shared drive: opened in shared mode on every PC


@dataclass(frozen=True)
class RememberedOfficer:
    officer_id: int | None
    name: str
    phone: str  # E.164


def load_database_choice(settings: QSettings | None = None) -> DatabaseChoice | None:
    """The database chosen in the wizard or Settings; None before the first run."""
    settings = settings or local_settings()
    path = str(settings.value(DATABASE_PATH, "") or "").strip()
    if not path:
        return None
    shared = _bool(settings.value(DATABASE_SHARED, False))
    if is_server_location(path):
        return DatabaseChoice(path, False)  # kept as typed: a Path would fold its "//"
    return DatabaseChoice(Path(path), shared)


def save_database_choice(choice: DatabaseChoice, settings: QSettings | None = None) -> None:
    settings = settings or local_settings()
    settings.setValue(DATABASE_PATH, str(choice.path))
    settings.setValue(DATABASE_SHARED, choice.shared)
    settings.sync()


def load_officer(settings: QSettings | None = None) -> RememberedOfficer | None:
    settings = settings or local_settings()
    name = str(settings.value(OFFICER_NAME, "") or "")
    phone = str(settings.value(OFFICER_PHONE, "") or "")
    raw_id = settings.value(OFFICER_ID, None)
    try:
        officer_id = int(raw_id) if raw_id not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        officer_id = None
    if officer_id is None and not phone:
        return None
    return RememberedOfficer(officer_id, name, phone)


def save_officer(officer: RememberedOfficer, settings: QSettings | None = None) -> None:
    settings = settings or local_settings()
    settings.setValue(OFFICER_ID, officer.officer_id if officer.officer_id is not None else "")
    settings.setValue(OFFICER_NAME, officer.name)
    settings.setValue(OFFICER_PHONE, officer.phone)
    settings.sync()
