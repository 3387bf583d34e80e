"""Use cases of the first-run wizard and the Settings dialog: the bank and branch (kept in
the database, so every PC sharing it prints the same header), the logo, the officer who
uses this PC, and where the database file lives.

Plain values in, Indonesian messages out (`ValidationFailed` with one `FieldIssue` per
field). The database is reached only through the unit of work; which file to open is
decided by the caller (app.py), never here, so the wizard stays light to import.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.errors import (
    FieldIssue,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, normalize_phone
from ao_desktop.services.branch_logo import IMAGE_MAGIC, LOGO_PATH_KEY, logo_for_print, store_logo
from ao_desktop.services.ports import Transaction, UnitOfWork

# The keys the product sheet reads (services/product_sheets.py) and the file name the
# storage layer uses for a database (storage/location.py); tests keep them equal.
BANK_NAME_KEY = "bank.name"
BRANCH_NAME_KEY = "bank.branch"
DATABASE_FILE_NAME = "ao-desktop.sqlite"

LOGO_FILE_STEM = "logo-bank"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_NAME_LENGTH = 80
MAX_OFFICER_NAME_LENGTH = 120


@dataclass(frozen=True)
class BranchProfile:
    """What the bank's documents print at the top: bank, branch and logo (a path or "")."""

    bank_name: str = ""
    branch_name: str = ""
    logo_path: str = ""


@dataclass(frozen=True)
class JoinResult:
    """The outcome of setting up (or joining) a database on this PC."""

    officer: Officer  # the officer signed in on this PC from now on
    created_admin: bool  # the database had no officer: this user became its admin
    joined_existing: bool  # the officer was already in the database (matched by phone)
    profile: BranchProfile  # what the database holds now
    kept_database_profile: bool  # the database already named its bank: that stays


def _issue(field: str, message: str) -> FieldIssue:
    return FieldIssue(field, message, True)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# --- validation -----------------------------------------------------------------------------


def profile_issues(profile: BranchProfile) -> list[FieldIssue]:
    """What is wrong with the bank and branch names (the logo is checked when installed)."""
    issues: list[FieldIssue] = []
    for field, value, missing in (
        ("bank_name", profile.bank_name, _("Nama bank belum diisi")),
        ("branch_name", profile.branch_name, _("Nama cabang belum diisi")),
    ):
        text = _squash(value)
        if not text:
            issues.append(_issue(field, missing))
        elif len(text) > MAX_NAME_LENGTH:
            issues.append(
                _issue(
                    field, _("Terlalu panjang: paling banyak {n} huruf").format(n=MAX_NAME_LENGTH)
                )
            )
    return issues


def officer_name_issue(name: str) -> str | None:
    text = _squash(name)
    if not text:
        return _("Nama petugas belum diisi")
    if not any(ch.isalpha() for ch in text):
        return _("Nama petugas harus berisi huruf")
    if len(text) > MAX_OFFICER_NAME_LENGTH:
        return _("Nama terlalu panjang: paling banyak {n} huruf").format(n=MAX_OFFICER_NAME_LENGTH)
    return None


def officer_phone_issue(phone: str) -> str | None:
    """None for a valid Indonesian mobile number, else the message to show under the field."""
    try:
        number = normalize_phone(phone)
    except PhoneError as exc:
        return str(exc)
    if number.kind is not PhoneKind.MOBILE:
        return _(
            "Isi nomor HP (diawali 08), bukan telepon kantor: nasabah menghubungi lewat WhatsApp"
        )
    return None


def officer_issues(name: str, phone: str) -> list[FieldIssue]:
    issues = []
    if (message := officer_name_issue(name)) is not None:
        issues.append(_issue("officer_name", message))
    if (message := officer_phone_issue(phone)) is not None:
        issues.append(_issue("officer_phone", message))
    return issues


def clean_profile(profile: BranchProfile) -> BranchProfile:
    if issues := profile_issues(profile):
        raise ValidationFailed(issues)
    return BranchProfile(
        _squash(profile.bank_name), _squash(profile.branch_name), profile.logo_path.strip()
    )


def clean_officer(name: str, phone: str) -> tuple[str, str]:
    """(name, phone as E.164) or ValidationFailed."""
    if issues := officer_issues(name, phone):
        raise ValidationFailed(issues)
    return _squash(name), normalize_phone(phone).e164


# --- where the database lives ---------------------------------------------------------------


def shared_database_file(folder: str | Path) -> Path:
    """The database file in a branch's shared folder: checked to be a reachable folder."""
    text = str(folder).strip()
    if not text:
        raise ValidationFailed([_issue("folder", _("Pilih folder di shared drive cabang"))])
    path = Path(text)
    if not path.is_dir():
        raise ValidationFailed(
            [
                _issue(
                    "folder", _("Folder {p} tidak ditemukan atau tidak dapat dibuka").format(p=path)
                )
            ]
        )
    if not os.access(path, os.W_OK):
        raise ValidationFailed(
            [
                _issue(
                    "folder",
                    _("Folder {p} tidak dapat ditulisi; minta akses tulis ke admin").format(p=path),
                )
            ]
        )
    return path / DATABASE_FILE_NAME


def database_exists_in(folder: str | Path) -> bool:
    """True when the folder already holds an AO Desktop database to join."""
    return bool(str(folder).strip()) and (Path(folder) / DATABASE_FILE_NAME).is_file()


# --- the logo -------------------------------------------------------------------------------


def _logo_suffix(source: Path) -> str:
    """The image type, judged by the file's first bytes (a renamed file is refused)."""
    try:
        with source.open("rb") as fh:
            head = fh.read(8)
        size = source.stat().st_size
    except OSError as exc:
        raise ValidationFailed(
            [_issue("logo", _("Berkas logo tidak dapat dibaca: {e}").format(e=exc))]
        ) from exc
    if size > MAX_LOGO_BYTES:
        raise ValidationFailed([_issue("logo", _("Berkas logo terlalu besar (paling besar 5 MB)"))])
    for magic, suffix in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return suffix
    raise ValidationFailed([_issue("logo", _("Logo harus gambar PNG atau JPG"))])


def install_logo(source: str | Path, folder: str | Path) -> Path:
    """Copy the chosen logo into `folder` (the database's folder, so every PC sharing the
    database prints it); returns the copy.

    The copy is named by its content (logo-bank-<hash>.png), so installing a logo never
    overwrites the one a colleague's sheets are printing, and it is written to a temporary
    file first, so a failed copy never leaves half a logo behind.
    """
    source, folder = Path(source), Path(folder)
    suffix = _logo_suffix(source)
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    except OSError as exc:
        raise ValidationFailed(
            [_issue("logo", _("Berkas logo tidak dapat dibaca: {e}").format(e=exc))]
        ) from exc
    target = folder / f"{LOGO_FILE_STEM}-{digest}{suffix}"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".logo-", suffix=suffix, dir=folder)
        os.close(fd)
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise ValidationFailed(
            [_issue("logo", _("Logo tidak dapat disalin ke {p}: {e}").format(p=folder, e=exc))]
        ) from exc
    return target


# --- the database's settings and officers ---------------------------------------------------


def _read_profile(tx: Transaction) -> BranchProfile:
    return BranchProfile(
        tx.settings.get(BANK_NAME_KEY, "").strip(),
        tx.settings.get(BRANCH_NAME_KEY, "").strip(),
        tx.settings.get(LOGO_PATH_KEY, "").strip(),
    )


def _write_profile(tx: Transaction, profile: BranchProfile) -> None:
    tx.settings.set(BANK_NAME_KEY, profile.bank_name)
    tx.settings.set(BRANCH_NAME_KEY, profile.branch_name)
    store_logo(tx.settings, profile.logo_path)  # before the path: it compares with the stored one
    tx.settings.set(LOGO_PATH_KEY, profile.logo_path)


def read_profile(uow: UnitOfWork) -> BranchProfile:
    """The profile as this PC shows it: the logo is a file it can read (branch_logo.py)."""
    with uow.read() as tx:
        return replace(_read_profile(tx), logo_path=logo_for_print(tx.settings))


def _officer_with_phone(
    tx: Transaction, phone: str, except_id: int | None = None
) -> Officer | None:
    for officer in tx.officers.list(active_only=False):
        if officer.phone == phone and officer.id != except_id:
            return officer
    return None


def _ensure_officer(tx: Transaction, name: str, phone: str,
                    pin_hash: str | None = None) -> tuple[Officer, bool, bool]:
    """(officer, became admin, was already there): found by phone, else added; the first
    officer of a database is its admin. A new officer gets `pin_hash` (None: they choose a
    PIN at their next start); an existing one keeps theirs."""
    created_admin = not tx.officers.list(active_only=False)
    existing = _officer_with_phone(tx, phone)
    if existing is not None and not existing.active:
        raise ValidationFailed(
            [
                _issue(
                    "officer_phone",
                    _(
                        "Petugas dengan nomor ini sudah dinonaktifkan di database ini; hubungi admin cabang"
                    ),
                )
            ]
        )
    if existing is not None:
        return existing, False, True
    role = OfficerRole.ADMIN if created_admin else OfficerRole.AO
    return tx.officers.add(Officer(name, phone, role), name, pin_hash=pin_hash), created_admin, False


def prepare_database(uow: UnitOfWork) -> int:
    """What every database needs before anyone works in it, whoever created or migrated
    it (the wizard, `init`, demo-data, an older version): the seed product catalog, and
    the RIPLAY content of seeded products an older version stored without it. The
    number of products added; 0 when it was there already, so calling it is harmless.
    Settings need nothing stored: every reader falls back to its default."""
    from ao_desktop.services.products.catalog import seed_catalog_if_empty
    from ao_desktop.services.products.riplay_backfill import complete_seeded_products

    added = seed_catalog_if_empty(uow)
    complete_seeded_products(uow)
    return added


def add_officer_if_missing(uow: UnitOfWork, officer_name: str, officer_phone: str) -> Officer:
    """The officer with this phone in the database, added (as an AO, or as the admin of a
    database without officers) when it does not know them yet."""
    name, phone = clean_officer(officer_name, officer_phone)
    with uow.write() as tx:
        return _ensure_officer(tx, name, phone)[0]


def join_database(
    uow: UnitOfWork, profile: BranchProfile, officer_name: str, officer_phone: str,
    pin: str | None = None,
) -> JoinResult:
    """Set up this PC's user on a database, new or already used by the branch.

    A database without officers is new: the user becomes its admin and the bank profile is
    written. In a database the branch already uses, the user is found by phone number or
    added as an AO, and the bank profile stored there stays (an admin changes it in
    Settings); only what it lacks is filled in. One transaction: all or nothing.
    """
    from ao_desktop.domain.access.pin import hash_pin, pin_issues

    pin_problems = pin_issues(pin) if pin is not None else []
    if issues := profile_issues(profile) + officer_issues(officer_name, officer_phone) + pin_problems:
        raise ValidationFailed(issues)  # every wrong field at once
    profile = clean_profile(profile)
    name, phone = clean_officer(officer_name, officer_phone)
    digest = hash_pin(pin) if pin is not None else None  # slow: before the write lock
    with uow.write() as tx:
        officer, created_admin, existing = _ensure_officer(tx, name, phone, digest)
        stored = _read_profile(tx)
        kept = bool(stored.bank_name) and not created_admin
        if kept:
            merged = BranchProfile(
                stored.bank_name,
                stored.branch_name or profile.branch_name,
                stored.logo_path or profile.logo_path,
            )
        else:
            merged = profile
        _write_profile(tx, merged)
    return JoinResult(officer, created_admin, existing, merged, kept)


def save_profile(uow: UnitOfWork, profile: BranchProfile, actor: Actor) -> BranchProfile:
    """Change the bank, branch or logo of the database; admins only, audited."""
    require(actor, Action.MANAGE_SETTINGS, _("Hanya admin yang dapat mengubah nama bank, cabang dan logo."))
    profile = clean_profile(profile)
    with uow.write() as tx:
        store_logo(tx.settings, profile.logo_path)  # before the path: it compares with the stored one
        tx.settings.change({BANK_NAME_KEY: profile.bank_name, BRANCH_NAME_KEY: profile.branch_name,
                            LOGO_PATH_KEY: profile.logo_path}, actor.name, datetime.now().replace(microsecond=0))
    return profile


def get_officer(uow: UnitOfWork, officer_id: int) -> Officer | None:
    with uow.read() as tx:
        return tx.officers.get(officer_id)


def update_officer_contact(
    uow: UnitOfWork, officer: Officer, name: str, phone: str, actor: Actor
) -> Officer:
    """Change an officer's name and mobile number: their own, or anyone's for an admin.

    `officer` is the row as loaded; if a colleague changed it since, the edit is refused.
    """
    if officer.id is None or actor.officer_id != officer.id:
        require(actor, Action.MANAGE_OFFICERS)
    name, phone = clean_officer(name, phone)
    with uow.write() as tx:
        other = _officer_with_phone(tx, phone, except_id=officer.id)
        if other is not None:
            raise ValidationFailed(
                [
                    _issue(
                        "officer_phone",
                        _("Nomor ini sudah dipakai petugas lain: {n}").format(n=other.name),
                    )
                ]
            )
        # Only name and phone come from the caller: role and status as stored, so a
        # hand-made Officer cannot raise its own role through this door.
        stored = tx.officers.get(officer.id) if officer.id is not None else None
        saved = None if stored is None else tx.officers.update(
            replace(stored, name=name, phone=phone, version=officer.version), actor.name)
        if saved is None:
            raise StaleEdit(
                _("Data petugas baru saja diubah di komputer lain. Buka Pengaturan lagi."), [], None
            )
    return saved


def find_signed_in(uow: UnitOfWork, officer_id: int | None, phone: str) -> Officer | None:
    """The officer remembered on this PC, if this database knows them and they are active.

    Ids are per database, so an id only counts when its phone matches too; otherwise the
    phone alone finds them (the same person on a database opened from another folder).
    """
    with uow.read() as tx:
        officer = tx.officers.get(officer_id) if officer_id is not None else None
        if officer is None or (phone and officer.phone != phone):
            officer = _officer_with_phone(tx, phone) if phone else None
    return officer if officer is not None and officer.active else None
