"""The logo kept in the database (services/branch_logo.py): a PC that cannot read the
stored path (a server database has no folder every PC shares) prints the database's
copy; bytes read back equal, on both engines."""

from __future__ import annotations

from pathlib import Path

from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.services import setup as svc
from ao_desktop.services.branch_logo import LOGO_DATA_KEY, logo_for_print
from ao_desktop.services.products.product_sheets import sheet_header
from ao_desktop.services.setup import BranchProfile
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.services.test_setup import RINA, png_bytes


def _set_up_with_logo(uow: SqlUnitOfWork, tmp_path: Path) -> tuple[Path, bytes]:
    image = png_bytes(6, 3)
    chosen = tmp_path / "pc-admin" / "logo.png"
    chosen.parent.mkdir()
    chosen.write_bytes(image)
    installed = svc.install_logo(chosen, tmp_path / "pc-admin" / "data")
    svc.join_database(uow, BranchProfile("BPR Sejahtera", "Cabang Bogor", str(installed)), *RINA)
    return installed, image


def test_a_pc_that_cannot_read_the_logo_path_prints_the_databases_copy(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    installed, image = _set_up_with_logo(uow, tmp_path)
    assert sheet_header(uow, None).logo_path == installed  # the admin's PC: its own file

    installed.unlink()  # another PC: the admin's folder is not there
    printed = sheet_header(uow, None).logo_path
    assert printed is not None and printed != installed
    assert printed.read_bytes() == image
    assert svc.read_profile(uow).logo_path == str(printed)  # Settings shows it too
    # Written once, by content: the next print reuses the same file.
    assert sheet_header(uow, None).logo_path == printed


def test_a_new_logo_replaces_the_copy_and_removing_it_clears_it(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    installed, _ = _set_up_with_logo(uow, tmp_path)
    admin = Actor("Rina Marlina", OfficerRole.ADMIN, 1)
    other = tmp_path / "baru.png"
    other.write_bytes(png_bytes(8, 8))
    newer = svc.install_logo(other, tmp_path / "pc-admin" / "data")
    svc.save_profile(uow, BranchProfile("BPR Sejahtera", "Cabang Bogor", str(newer)), admin)
    newer.unlink()
    installed.unlink()
    with uow.read() as tx:
        assert Path(logo_for_print(tx.settings, tmp_path / "cache")).read_bytes() == png_bytes(8, 8)

    svc.save_profile(uow, BranchProfile("BPR Sejahtera", "Cabang Bogor", ""), admin)
    with uow.read() as tx:
        assert tx.settings.get(LOGO_DATA_KEY) == "" and logo_for_print(tx.settings) == ""
    assert sheet_header(uow, None).logo_path is None


def test_a_damaged_copy_prints_without_a_logo(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    installed, _ = _set_up_with_logo(uow, tmp_path)
    installed.unlink()
    for damaged in ("bukan base64 !!", "aGFsbw=="):  # not base64; base64 of no image
        with uow.write() as tx:
            tx.settings.set(LOGO_DATA_KEY, damaged)
        with uow.read() as tx:
            assert logo_for_print(tx.settings, tmp_path / "cache") == str(installed)
        assert not (tmp_path / "cache").exists()


def test_joining_from_another_pc_keeps_the_stored_path_and_copy(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    installed, image = _set_up_with_logo(uow, tmp_path)
    installed.unlink()
    svc.join_database(uow, BranchProfile("BPR Sejahtera", "Cabang Bogor"), "Dedi Kurniawan", "0813 1111 2222")
    with uow.read() as tx:
        assert tx.settings.get(svc.LOGO_PATH_KEY) == str(installed)
    assert sheet_header(uow, None).logo_path.read_bytes() == image  # type: ignore[union-attr]
