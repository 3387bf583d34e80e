"""The first-run wizard, driven like a user: fields typed, Lanjut blocked by an invalid
phone, a shared folder chosen; Selesai creates (or joins) the database there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services import setup as setup_services
from ao_desktop.services.access.sign_in import sign_in
from ao_desktop.services.setup import BranchProfile
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.local_settings import load_database_choice, load_officer
from ao_desktop.ui.setup.setup_fields import SetupEnvironment
from ao_desktop.ui.setup.setup_wizard import SetupWizard

Button = QWizard.WizardButton




def make_logo(path: Path) -> Path:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#0a3d82"))
    assert image.save(str(path))
    return path


def type_into(qtbot: QtBot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def fill_bank(qtbot: QtBot, wizard: SetupWizard, logo: Path | None = None) -> None:
    fields = wizard.bank_page.fields
    type_into(qtbot, fields.bank_name, "BPR Sejahtera Mandiri")
    type_into(qtbot, fields.branch_name, "Cabang Bogor")
    if logo is not None:
        fields.set_logo(logo)


def fill_officer(
    qtbot: QtBot, wizard: SetupWizard, name: str = "Rina Marlina", phone: str = "081234567890",
    pin: str = "rahasia9",
) -> None:
    type_into(qtbot, wizard.officer_page.fields.officer_name, name)
    type_into(qtbot, wizard.officer_page.fields.officer_phone, phone)
    type_into(qtbot, wizard.officer_page.pin_fields.pin_edit, pin)
    type_into(qtbot, wizard.officer_page.pin_fields.confirm_edit, pin)


def choose_shared(wizard: SetupWizard, folder: Path) -> None:
    fields = wizard.database_page.fields
    fields.shared.setChecked(True)
    fields.folder.setText(str(folder))


def test_buttons_speak_indonesian(wizard: SetupWizard) -> None:
    texts = {
        wizard.buttonText(b)
        for b in (Button.BackButton, Button.NextButton, Button.FinishButton, Button.CancelButton)
    }
    assert texts == {"Kembali", "Lanjut", "Selesai", "Batal"}
    assert wizard.bank_page.title() == "Selamat datang di AO Desktop"


def test_lanjut_waits_for_bank_and_branch(qtbot: QtBot, wizard: SetupWizard) -> None:
    assert not wizard.button(Button.NextButton).isEnabled()
    type_into(qtbot, wizard.bank_page.fields.bank_name, "BPR Sejahtera")
    assert not wizard.button(Button.NextButton).isEnabled()
    type_into(qtbot, wizard.bank_page.fields.branch_name, "Cabang Bogor")
    assert wizard.button(Button.NextButton).isEnabled()
    wizard.bank_page.fields.branch_name.clear()
    qtbot.keyClick(wizard.bank_page.fields.branch_name, Qt.Key.Key_Space)
    message = wizard.bank_page.fields.messages["branch_name"]
    assert message.isVisible() and message.text() == "Nama cabang belum diisi"
    assert not wizard.button(Button.NextButton).isEnabled()


def test_an_invalid_phone_shows_why_and_blocks_lanjut(qtbot: QtBot, wizard: SetupWizard) -> None:
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    assert wizard.currentPage() is wizard.officer_page

    fill_officer(qtbot, wizard, phone="021 5551234")

    message = wizard.officer_page.fields.messages["officer_phone"]
    assert message.isVisible() and "nomor HP" in message.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    type_into(qtbot, wizard.officer_page.fields.officer_phone, "0812-3456-7890")
    assert not message.isVisible()
    assert wizard.button(Button.NextButton).isEnabled()


def test_finishing_on_a_shared_folder_creates_a_shared_database_there(
    qtbot: QtBot, wizard: SetupWizard, env: SetupEnvironment, tmp_path: Path
) -> None:
    logo = make_logo(tmp_path / "logo.png")
    shared = tmp_path / "share"
    shared.mkdir()
    fill_bank(qtbot, wizard, logo)
    assert not wizard.bank_page.fields.logo_preview.pixmap().isNull()  # the preview shows it
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    choose_shared(wizard, shared)
    assert "baru" in wizard.database_page.fields.status.text()

    wizard.button(Button.FinishButton).click()

    assert wizard.result() == QWizard.DialogCode.Accepted
    path = shared / "ao-desktop.sqlite"
    assert not env.default_database_path.exists()
    context = wizard.outcome.context
    assert context.shared and context.actor == "Rina Marlina" and context.role is OfficerRole.ADMIN
    wizard.outcome.opened.close()
    db = open_database(path, create=True)  # no shared flag: the file itself says it is shared
    try:
        assert db.shared is True
        uow = SqlUnitOfWork(db)
        profile = setup_services.read_profile(uow)
        with uow.read() as tx:
            officers = tx.officers.list()
    finally:
        db.close()
    assert profile.bank_name == "BPR Sejahtera Mandiri" and profile.branch_name == "Cabang Bogor"
    # The logo was copied beside the shared database, so every PC prints it.
    assert (
        Path(profile.logo_path).parent == shared
        and Path(profile.logo_path).read_bytes() == logo.read_bytes()
    )
    assert [(o.name, o.phone, o.role) for o in officers] == [
        ("Rina Marlina", "+6281234567890", OfficerRole.ADMIN)
    ]
    choice = load_database_choice()
    assert choice is not None and choice.path == path and choice.shared is True
    remembered = load_officer()
    assert remembered is not None and remembered.officer_id == officers[0].id
    assert remembered.phone == "+6281234567890"


def test_finishing_on_this_pc_uses_the_default_file(
    qtbot: QtBot, wizard: SetupWizard, env: SetupEnvironment
) -> None:
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard)
    wizard.button(Button.NextButton).click()

    wizard.button(Button.FinishButton).click()

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert env.default_database_path.is_file() and not wizard.outcome.context.shared
    choice = load_database_choice()
    assert (
        choice is not None and choice.path == env.default_database_path and choice.shared is False
    )


def test_joining_a_branch_database_keeps_its_bank_and_adds_an_ao(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    db = open_database(shared / "ao-desktop.sqlite", shared=True, create=True)
    setup_services.join_database(
        SqlUnitOfWork(db),
        BranchProfile("Bank Cabang", "KCP Cibinong"),
        "Admin Cabang",
        "081399998888",
    )
    db.close()
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard, "Dedi Kurniawan", "081311112222")
    wizard.button(Button.NextButton).click()
    choose_shared(wizard, shared)
    assert "bergabung" in wizard.database_page.fields.status.text()

    wizard.button(Button.FinishButton).click()

    outcome = wizard.outcome
    assert outcome is not None and outcome.result.kept_database_profile
    assert outcome.context.role is OfficerRole.AO and outcome.context.shared
    assert setup_services.read_profile(outcome.context.uow).bank_name == "Bank Cabang"
    # The new AO's PIN is the one typed in the wizard, so this first start needs no sign-in.
    assert outcome.signed_in_here
    actor = sign_in(outcome.context.uow, outcome.context.officer_id, "rahasia9")
    assert actor.name == "Dedi Kurniawan"


def test_a_missing_folder_keeps_the_wizard_open_with_the_reason(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    choose_shared(wizard, tmp_path / "not-mounted")
    assert "tidak ditemukan" in wizard.database_page.fields.status.text()

    wizard.button(Button.FinishButton).click()

    assert wizard.isVisible() and wizard.outcome is None
    assert "tidak ditemukan" in wizard.database_page.error.text()
    assert load_database_choice() is None  # nothing remembered: the next start asks again


def test_a_file_that_is_not_an_image_is_refused_as_logo(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture")
    fill_bank(qtbot, wizard, fake)

    message = wizard.bank_page.fields.messages["logo"]
    assert message.isVisible() and "bukan gambar" in message.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    wizard.bank_page.fields.remove_logo.click()
    assert wizard.button(Button.NextButton).isEnabled()


def _on_database_page(qtbot: QtBot, env: SetupEnvironment) -> SetupWizard:
    """A wizard on `env`, the bank and officer pages filled, shown at its last page."""
    wizard = SetupWizard(env)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_bank(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    fill_officer(qtbot, wizard)
    wizard.button(Button.NextButton).click()
    return wizard


def test_selesai_prepares_the_database_while_the_window_keeps_painting(
    qtbot: QtBot, env: SetupEnvironment, tmp_path: Path
) -> None:
    """A slow server or shared drive: the database is made on a helper thread; the
    wizard says so with a moving bar, refuses to close halfway, and its event loop runs
    (a timer fires) until the database is there."""
    import threading

    from PySide6.QtCore import QTimer

    release = threading.Event()
    opening_on: list[str] = []

    def slow_open(path, shared):  # type: ignore[no-untyped-def]  # the real opener, held back
        opening_on.append(threading.current_thread().name)
        assert release.wait(10)
        return env.open_database(path, shared)

    wizard = _on_database_page(qtbot, SetupEnvironment(env.default_database_path, slow_open, env.server))
    seen: dict[str, object] = {}

    def while_busy() -> None:
        page = wizard.database_page
        seen["busy"] = (not wizard.isEnabled(), page.busy_bar.isVisible(), page.busy_label.text())
        wizard.reject()  # Batal or the title bar's close: ignored until the database is made
        seen["still_open"] = wizard.isVisible()
        release.set()

    QTimer.singleShot(200, while_busy)  # fires only if the GUI thread is not blocked
    wizard.button(Button.FinishButton).click()
    try:
        assert opening_on == ["setup-database"]
        assert seen == {"busy": (True, True, "Menyiapkan database…"), "still_open": True}
        assert wizard.result() == QWizard.DialogCode.Accepted
        assert wizard.isEnabled() and not wizard.database_page.busy_bar.isVisible()
        assert env.default_database_path.is_file()
    finally:
        if wizard.outcome is not None:
            wizard.outcome.opened.close()


def test_a_failure_on_the_helper_thread_is_shown_on_the_page(
    qtbot: QtBot, env: SetupEnvironment
) -> None:
    from ao_desktop.domain.common.errors import DomainError

    def refusing(path, shared):  # type: ignore[no-untyped-def]
        raise DomainError("Folder bersama tidak dapat ditulis.")

    wizard = _on_database_page(qtbot, SetupEnvironment(env.default_database_path, refusing, env.server))
    wizard.button(Button.FinishButton).click()
    assert wizard.outcome is None and wizard.isVisible() and wizard.isEnabled()
    assert wizard.currentPage() is wizard.database_page
    assert "Folder bersama tidak dapat ditulis." in wizard.database_page.error.text()
