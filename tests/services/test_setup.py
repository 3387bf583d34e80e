"""First-run and Settings services: validation in Indonesian, joining a new or a branch's
existing database, the bank profile (admins only), the officer's own contact, the logo."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services import setup as svc
from ao_desktop.services.products import product_sheets
from ao_desktop.services.setup import BranchProfile
from ao_desktop.storage import location
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

PROFILE = BranchProfile("BPR Sejahtera Mandiri", "Cabang Bogor")
RINA = ("Rina Marlina", "0812-3456-7890")
RINA_E164 = "+6281234567890"


def png_bytes(width: int = 4, height: int = 2) -> bytes:
    """A valid tiny PNG without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x00\x55\xaa" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def settings_of(uow: SqlUnitOfWork) -> dict[str, str]:
    with uow.read() as tx:
        return {
            k: tx.settings.get(k)
            for k in (svc.BANK_NAME_KEY, svc.BRANCH_NAME_KEY, svc.LOGO_PATH_KEY)
        }


def officers_of(uow: SqlUnitOfWork) -> list[Officer]:
    with uow.read() as tx:
        return tx.officers.list(active_only=False)


def test_keys_and_file_name_match_the_product_sheet_and_storage() -> None:
    assert svc.BANK_NAME_KEY == product_sheets.BANK_NAME_KEY
    assert svc.BRANCH_NAME_KEY == product_sheets.BRANCH_NAME_KEY
    assert svc.DATABASE_FILE_NAME == location.DEFAULT_DB_NAME


@pytest.mark.parametrize(
    ("profile", "fields"),
    [
        (BranchProfile("", "Cabang Bogor"), ["bank_name"]),
        (BranchProfile("BPR X", "  "), ["branch_name"]),
        (BranchProfile("", ""), ["bank_name", "branch_name"]),
        (BranchProfile("B" * 81, "Cabang"), ["bank_name"]),
        (BranchProfile("BPR X", "Cabang Bogor"), []),
    ],
)
def test_profile_issues_name_each_wrong_field(profile: BranchProfile, fields: list[str]) -> None:
    assert [i.field for i in svc.profile_issues(profile)] == fields


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("0812-3456-7890", None),
        ("+62 812 3456 7890", None),
        ("(021) 5551234", "nomor HP"),
        ("0812", "terlalu pendek"),
        ("abc", "hanya boleh berisi angka"),
        ("", "belum diisi"),
    ],
)
def test_officer_phone_must_be_a_mobile_number(phone: str, expected: str | None) -> None:
    issue = svc.officer_phone_issue(phone)
    if expected is None:
        assert issue is None
    else:
        assert issue is not None and expected.lower() in issue.lower()


def test_officer_name_needs_letters() -> None:
    assert svc.officer_name_issue("") == "Nama petugas belum diisi"
    assert svc.officer_name_issue("12345") == "Nama petugas harus berisi huruf"
    assert svc.officer_name_issue("  Rina   Marlina ") is None


def test_joining_a_new_database_makes_the_user_its_admin_and_writes_the_profile(
    uow: SqlUnitOfWork,
) -> None:
    result = svc.join_database(uow, BranchProfile("  BPR  Sejahtera ", "Cabang Bogor"), *RINA)

    assert result.created_admin and not result.joined_existing and not result.kept_database_profile
    assert result.officer.role is OfficerRole.ADMIN
    assert result.officer.phone == RINA_E164 and result.officer.name == "Rina Marlina"
    assert settings_of(uow) == {
        svc.BANK_NAME_KEY: "BPR Sejahtera",
        svc.BRANCH_NAME_KEY: "Cabang Bogor",
        svc.LOGO_PATH_KEY: "",
    }
    assert [o.name for o in officers_of(uow)] == ["Rina Marlina"]


def test_joining_a_branch_database_adds_an_ao_and_keeps_the_branch_profile(
    uow: SqlUnitOfWork,
) -> None:
    svc.join_database(uow, replace(PROFILE, logo_path=""), *RINA)

    result = svc.join_database(
        uow,
        BranchProfile("Bank Lain", "Cabang Lain", "/x/logo.png"),
        "Dedi Kurniawan",
        "0813 1111 2222",
    )

    assert result.officer.role is OfficerRole.AO and not result.created_admin
    assert result.kept_database_profile
    # The branch's names stay; only the missing logo is filled in.
    assert settings_of(uow) == {
        svc.BANK_NAME_KEY: PROFILE.bank_name,
        svc.BRANCH_NAME_KEY: PROFILE.branch_name,
        svc.LOGO_PATH_KEY: "/x/logo.png",
    }
    assert sorted(o.name for o in officers_of(uow)) == ["Dedi Kurniawan", "Rina Marlina"]


def test_joining_again_with_the_same_phone_finds_the_officer_instead_of_adding(
    uow: SqlUnitOfWork,
) -> None:
    first = svc.join_database(uow, PROFILE, *RINA)

    again = svc.join_database(uow, PROFILE, "Rina M.", "+6281234567890")

    assert again.joined_existing and again.officer.id == first.officer.id
    assert again.officer.role is OfficerRole.ADMIN
    assert len(officers_of(uow)) == 1


def test_a_deactivated_officer_cannot_join_again(uow: SqlUnitOfWork) -> None:
    officer = svc.join_database(uow, PROFILE, *RINA).officer
    with uow.write() as tx:
        tx.officers.update(replace(officer, active=False))

    with pytest.raises(ValidationFailed) as caught:
        svc.join_database(uow, PROFILE, *RINA)
    assert caught.value.issues[0].field == "officer_phone"
    assert "dinonaktifkan" in str(caught.value)


def test_invalid_setup_writes_nothing(uow: SqlUnitOfWork) -> None:
    with pytest.raises(ValidationFailed) as caught:
        svc.join_database(uow, BranchProfile("", "Cabang"), "Rina", "021 5551234")

    assert {i.field for i in caught.value.issues} == {"bank_name", "officer_phone"}
    assert officers_of(uow) == []
    assert settings_of(uow)[svc.BANK_NAME_KEY] == ""


def test_only_an_admin_changes_the_bank_profile(uow: SqlUnitOfWork) -> None:
    admin = svc.join_database(uow, PROFILE, *RINA).officer
    ao = svc.join_database(uow, PROFILE, "Dedi", "081311112222").officer

    with pytest.raises(PermissionDenied):
        svc.save_profile(uow, BranchProfile("Bank Baru", "Cabang"), Actor(ao.name, ao.role, ao.id))
    with pytest.raises(ValidationFailed):
        svc.save_profile(uow, BranchProfile("", "Cabang"), Actor(admin.name, admin.role, admin.id))
    saved = svc.save_profile(
        uow, BranchProfile(" Bank  Baru ", "Cabang Depok"), Actor(admin.name, admin.role, admin.id)
    )

    assert saved == BranchProfile("Bank Baru", "Cabang Depok", "")
    assert svc.read_profile(uow) == saved


def test_an_officer_changes_their_own_contact_but_not_a_colleagues(uow: SqlUnitOfWork) -> None:
    rina = svc.join_database(uow, PROFILE, *RINA).officer
    dedi = svc.join_database(uow, PROFILE, "Dedi", "081311112222").officer
    as_dedi = Actor(dedi.name, dedi.role, dedi.id)

    saved = svc.update_officer_contact(uow, dedi, "Dedi Kurniawan", "0813-9999-0000", as_dedi)

    assert (saved.name, saved.phone, saved.version) == (
        "Dedi Kurniawan",
        "+6281399990000",
        dedi.version + 1,
    )
    with pytest.raises(PermissionDenied):
        svc.update_officer_contact(uow, rina, "Rina", "081234567890", as_dedi)
    with pytest.raises(ValidationFailed, match="sudah dipakai petugas lain: Rina Marlina"):
        svc.update_officer_contact(uow, saved, "Dedi", RINA[1], as_dedi)
    with pytest.raises(StaleEdit):
        svc.update_officer_contact(uow, dedi, "Dedi K", "081399990000", as_dedi)  # the old version


def test_the_signed_in_officer_is_found_by_id_and_phone_or_by_phone(uow: SqlUnitOfWork) -> None:
    rina = svc.join_database(uow, PROFILE, *RINA).officer
    dedi = svc.join_database(uow, PROFILE, "Dedi", "081311112222").officer

    assert svc.find_signed_in(uow, rina.id, RINA_E164) == rina
    # An id from another database points at someone else here: the phone decides.
    assert svc.find_signed_in(uow, dedi.id, RINA_E164) == rina
    assert svc.find_signed_in(uow, None, "+6281311112222") == dedi
    assert svc.find_signed_in(uow, 999, "+6289999999999") is None
    with uow.write() as tx:
        tx.officers.update(replace(dedi, active=False))
    assert svc.find_signed_in(uow, dedi.id, "+6281311112222") is None


def test_add_officer_if_missing_adds_once(uow: SqlUnitOfWork) -> None:
    first = svc.add_officer_if_missing(uow, *RINA)
    again = svc.add_officer_if_missing(uow, "Rina", RINA_E164)

    assert first == again and first.role is OfficerRole.ADMIN
    assert svc.add_officer_if_missing(uow, "Dedi", "081311112222").role is OfficerRole.AO


def test_shared_folder_is_checked_before_a_file_is_made(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="Pilih folder"):
        svc.shared_database_file("  ")
    with pytest.raises(ValidationFailed, match="tidak ditemukan"):
        svc.shared_database_file(tmp_path / "missing")

    assert svc.shared_database_file(tmp_path) == tmp_path / "ao-desktop.sqlite"
    assert not svc.database_exists_in(tmp_path)
    (tmp_path / "ao-desktop.sqlite").write_bytes(b"")
    assert svc.database_exists_in(tmp_path)
    assert not svc.database_exists_in("")


def test_install_logo_copies_the_image_under_a_name_of_its_content(tmp_path: Path) -> None:
    source = tmp_path / "Logo Bank.PNG"
    source.write_bytes(png_bytes())
    folder = tmp_path / "data"

    copy = svc.install_logo(source, folder)

    assert copy.parent == folder and copy.name.startswith("logo-bank-") and copy.suffix == ".png"
    assert copy.read_bytes() == source.read_bytes()
    assert svc.install_logo(source, folder) == copy  # same picture: same file
    assert [p.name for p in folder.iterdir()] == [copy.name]  # no temporary file left
    other = tmp_path / "other.png"
    other.write_bytes(png_bytes(8, 8))
    assert svc.install_logo(other, folder) != copy  # a new logo never overwrites the old one


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text, renamed to .png", "PNG atau JPG"),
        (b"GIF89a" + b"\x00" * 20, "PNG atau JPG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (svc.MAX_LOGO_BYTES + 1), "terlalu besar"),
    ],
)
def test_install_logo_refuses_what_is_not_a_usable_image(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(content)

    with pytest.raises(ValidationFailed, match=message) as caught:
        svc.install_logo(source, tmp_path / "data")
    assert caught.value.issues[0].field == "logo"
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").iterdir())


def test_install_logo_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="tidak dapat dibaca"):
        svc.install_logo(tmp_path / "missing.png", tmp_path)
