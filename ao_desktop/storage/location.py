"""Where a database lives: the default local file, and whether a path is on a network share.

A path on a share must open in shared mode (rollback journal, never WAL), because WAL's
shared-memory index does not work across machines.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Re-exported: the storage and CLI callers ask this module whether a location is a server.
from ao_desktop.domain.common.server_address import is_server_location as is_server_location

APP_NAME = "AO Desktop"
APP_AUTHOR = "AO Desktop"
DEFAULT_DB_NAME = "ao-desktop.sqlite"


def database_location(text: str) -> Path | str:
    """What the user typed after --db: a server URL as it is, a file path as a Path."""
    return text.strip() if is_server_location(text) else Path(text)


PRIVATE_FOLDER_MODE = 0o700  # POSIX: the user only; on Windows the profile folder's ACL does it


def private_folder(path: Path) -> Path:
    """`path` created (with its parents) readable by the user only, and made so when an
    older version created it with the umask (POSIX; Windows ignores the mode)."""
    path.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if os.name != "nt" and path.stat().st_mode & 0o077:
        path.chmod(PRIVATE_FOLDER_MODE)
    return path


def data_dir() -> Path:
    """The user's data folder (created on demand, the user's only); AO_DESKTOP_HOME
    overrides it for tests."""
    override = os.environ.get("AO_DESKTOP_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, APP_AUTHOR, roaming=False)
    return private_folder(path)


def default_database_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def is_unc_path(path: str | os.PathLike[str]) -> bool:
    text = str(path)
    return text.startswith("\\\\") or text.startswith("//")


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = os.path.splitdrive(str(path.resolve()))[0]
    if not drive:
        return False
    drive_remote = 4  # DRIVE_REMOTE from GetDriveTypeW
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)  # type: ignore[attr-defined]


_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph"}


def _posix_mount_is_remote(path: Path) -> bool:
    """Longest mount point containing `path` in /proc/mounts, judged by its fs type."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    target = str(path.resolve())
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type in _NETWORK_FS


def is_network_path(path: str | os.PathLike[str]) -> bool:
    """True for UNC paths and for drives or mounts the OS reports as remote."""
    if is_unc_path(path):
        return True
    p = Path(path)
    try:
        if sys.platform == "win32":
            return _windows_drive_is_remote(p)
        return _posix_mount_is_remote(p.parent if not p.exists() else p)
    except OSError:
        return False
