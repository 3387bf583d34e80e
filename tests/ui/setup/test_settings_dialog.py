"""Settings: the wizard's fields editable later. An admin changes the bank, anyone their
own contact; a new database location is created or joined now and used after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services import setup as setup_services
from ao_desktop.services.products.riplay_issuer import read_issuer_settings
from ao_desktop.services.setup import BranchProfile
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import (
    DatabaseChoice,
    RememberedOfficer,
    load_database_choice,
    load_officer,
    save_database_choice,
)
from ao_desktop.ui.main_window import MainWindow
from ao_desktop.ui.setup.setup_actions import signed_in
from ao_desktop.ui.setup.setup_fields import SetupEnvironment
from tests.ui.conftest import answer_next_modal, click_button, on_next_modal

PROFILE = BranchProfile("BPR Sejahtera Mandiri", "Cabang Bogor")



@pytest.fixture
def team(uow: SqlUnitOfWork, db_path: Path) -> dict[str, UiContext]:
    """The database in use: Rina (admin, set it up) and Dedi (AO)."""
    save_database_choice(DatabaseChoice(db_path, False))
    base = UiContext(uow=uow, database_label=str(db_path), shared=False, actor="login")
    rina = setup_services.join_database(uow, PROFILE, "Rina Marlina", "081234567890").officer
    dedi = setup_services.join_database(uow, PROFILE, "Dedi Kurniawan", "081311112222").officer
    return {"admin": signed_in(base, rina), "ao": signed_in(base, dedi)}



def test_shows_what_the_database_and_this_pc_hold(team: dict[str, UiContext], dialog_for) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(team["admin"])

    assert dialog.windowTitle() == "Pengaturan"
    assert dialog.bank.bank_name.text() == "BPR Sejahtera Mandiri"
    assert dialog.officer_fields.values() == ("Rina Marlina", "0812-3456-7890")
    # "Di komputer ini" stands for the file in use, so saving unchanged moves nothing.
    assert dialog.location.local.isChecked() and dialog.location.choice() == (
        Path(team["admin"].database_label),
        False,
    )
    assert dialog.location.status.text() == "Database ini yang sedang dipakai."
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Bank dan cabang",
        "Petugas",
        "Database",
        "RIPLAY dan pengaduan",
    ]


def test_an_admin_changes_the_bank_and_logo(
    team: dict[str, UiContext],
    dialog_for,
    tmp_path: Path,
    db_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    logo = tmp_path / "new-logo.png"
    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    assert image.save(str(logo))
    dialog = dialog_for(team["admin"])
    dialog.bank.bank_name.setText("BPR Sejahtera Mandiri Tbk")
    dialog.bank.set_logo(logo)

    dialog.save_button.click()

    assert not dialog.isVisible()
    saved = setup_services.read_profile(team["admin"].uow)
    assert saved.bank_name == "BPR Sejahtera Mandiri Tbk"
    assert Path(saved.logo_path).parent == db_path.parent  # copied beside the database


def test_an_admin_fills_the_riplay_details(team: dict[str, UiContext], dialog_for) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(team["admin"])
    edits = dialog.riplay.edits
    assert edits["ojk_contact"].text().startswith("Kontak OJK 157")
    edits["full_name"].setText("PT BPR Sejahtera Mandiri")
    edits["complaint_email"].setText("bukan-email")
    dialog.save_button.click()
    # Refused with what is wrong, on the RIPLAY tab; nothing saved.
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 3
    assert "Alamat email tidak valid" in dialog.error.text()
    assert "Kantor layanan pengaduan wajib diisi" in dialog.error.text()
    assert read_issuer_settings(team["admin"].uow).full_name == ""
    edits["complaint_email"].setText("pengaduan@bprsm.co.id")
    edits["complaint_branch"].setText("Kantor Pusat, Jl. Merdeka 1, Bogor")
    edits["complaint_phone"].setText("(0251) 8312345")
    edits["supervision"].setText("PT BPR Sejahtera Mandiri berizin dan diawasi OJK")
    dialog.riplay.valid_days_spin.setValue(30)
    dialog.save_button.click()
    assert not dialog.isVisible()
    saved = read_issuer_settings(team["admin"].uow)
    assert (saved.full_name, saved.complaint_phone, saved.valid_days) == (
        "PT BPR Sejahtera Mandiri", "(0251) 8312345", 30)  # fmt: skip


def test_an_ao_sees_the_bank_read_only(team: dict[str, UiContext], dialog_for) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(team["ao"])
    assert dialog.riplay.edits["complaint_phone"].isReadOnly()

    assert dialog.bank.bank_name.isReadOnly() and not dialog.bank.choose_logo.isEnabled()
    assert any("Hanya admin" in label.text() for label in dialog.findChildren(QLabel))


def test_an_officer_changes_their_own_contact(
    team: dict[str, UiContext], dialog_for, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(team["ao"])
    dialog.officer_fields.officer_name.setText("Dedi K.")
    dialog.officer_fields.officer_phone.setText("0813 9999 0000")

    with qtbot.waitSignal(dialog.officer_changed) as changed:
        dialog.save_button.click()

    assert changed.args[0].name == "Dedi K." and changed.args[0].phone == "+6281399990000"
    assert setup_services.get_officer(team["ao"].uow, team["ao"].officer_id).name == "Dedi K."
    remembered = load_officer()
    assert remembered == RememberedOfficer(team["ao"].officer_id, "Dedi K.", "+6281399990000")


def test_an_invalid_phone_keeps_the_dialog_open_on_the_officer_tab(
    team: dict[str, UiContext],
    dialog_for,  # type: ignore[no-untyped-def]
) -> None:
    dialog = dialog_for(team["ao"])
    dialog.officer_fields.officer_phone.setText("12")

    dialog.save_button.click()

    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1
    assert "terlalu pendek" in dialog.error.text()
    assert (
        setup_services.get_officer(team["ao"].uow, team["ao"].officer_id).phone == "+6281311112222"
    )


def test_moving_to_a_shared_folder_prepares_it_and_applies_after_restart(
    team: dict[str, UiContext],
    dialog_for,
    tmp_path: Path,
    db_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    dialog = dialog_for(team["ao"])
    dialog.location.shared.setChecked(True)
    dialog.location.folder.setText(str(share))
    seen = answer_next_modal("Tutup")

    dialog.save_button.click()

    assert any("setelah ditutup dan dibuka lagi" in text for text in seen)
    choice = load_database_choice()
    assert choice == DatabaseChoice(share / "ao-desktop.sqlite", True)
    db = open_database(share / "ao-desktop.sqlite", create=True)
    try:
        assert db.shared
        uow = SqlUnitOfWork(db)
        with uow.read() as tx:
            officers = tx.officers.list()
        profile = setup_services.read_profile(uow)
    finally:
        db.close()
    # The new database knows the officer (its first one: its admin) and the bank.
    assert [(o.name, o.role) for o in officers] == [("Dedi Kurniawan", OfficerRole.ADMIN)]
    assert profile.bank_name == "BPR Sejahtera Mandiri"
    assert load_officer().officer_id == officers[0].id  # type: ignore[union-attr]
    assert team["ao"].database_label == str(db_path)  # this session keeps its database


def test_main_window_opens_settings_from_the_berkas_menu(
    qtbot: QtBot, team: dict[str, UiContext], env: SetupEnvironment
) -> None:
    window = MainWindow(team["admin"])
    qtbot.addWidget(window)
    assert not window.settings_action.isEnabled()  # nothing to create databases with yet
    window.set_setup_environment(env)
    assert window.settings_action.isEnabled()
    assert window.settings_action in window.menuBar().actions()[0].menu().actions()
    titles: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        titles.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(close)
    window.settings_action.trigger()

    assert titles == ["Pengaturan"]
