"""ClientDialog with real widgets and a real database: inline validation, NIK filling,
saving, duplicate confirmation and the refusal of a stale edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, Sex
from ao_desktop.services.clients.directory import count_clients, get_client, update_client
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.clients.client_dialog import ClientDialog
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.field_message import Severity
from tests.ui.conftest import answer_next_modal, click_button, on_next_modal

VALID_NIK = "3273054512880001"  # Bandung, woman born 5 Dec 1988


def _open(qtbot, dialog: ClientDialog) -> ClientDialog:  # noqa: ANN001
    # Closed at teardown without the discard question a changed form would ask.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    dialog.show()
    return dialog


@pytest.fixture
def new_dialog(context: UiContext, qtbot) -> ClientDialog:  # noqa: ANN001
    dialog = _open(qtbot, ClientDialog(context))
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Type like a user, then press Enter (which moves on and ends the edit)."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_new_form_cannot_be_saved_until_a_name_is_typed(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    assert not new_dialog.save_button.isEnabled()
    assert "Nama lengkap wajib diisi" in new_dialog.summary.text()
    assert not new_dialog.form.message("full_name").isVisibleTo(new_dialog)  # untouched: no red yet
    _type(qtbot, new_dialog.form.full_name, "Siti Aminah")
    assert new_dialog.save_button.isEnabled()
    assert new_dialog.summary.text() == ""


def test_invalid_nik_shows_the_error_and_disables_save(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    _type(qtbot, new_dialog.form.full_name, "Siti Aminah")
    _type(qtbot, new_dialog.form.nik, "32730545")
    message = new_dialog.form.message("nik")
    assert message.isVisibleTo(new_dialog)
    assert message.text() == "NIK harus 16 digit, yang diisi 8 digit"
    assert message.severity is Severity.ERROR
    assert not new_dialog.save_button.isEnabled()
    assert "NIK" in new_dialog.summary.text()


def test_valid_nik_fills_birth_date_and_sex(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    form = new_dialog.form
    qtbot.keyClicks(form.nik, VALID_NIK)
    assert form.birth_date.value() == date(1988, 12, 5)
    assert form.sex.value() is Sex.FEMALE
    assert form.message("nik").severity is Severity.NOTE
    assert "Diisi dari NIK" in form.message("nik").text()


def test_nik_disagreeing_with_sex_is_an_amber_warning_that_allows_saving(
    new_dialog: ClientDialog,
    qtbot,  # noqa: ANN001
) -> None:
    form = new_dialog.form
    _type(qtbot, form.full_name, "Siti Aminah")
    form.sex.set_value(Sex.MALE)
    _type(qtbot, form.nik, VALID_NIK)
    assert form.message("nik").severity is Severity.WARNING
    assert "Jenis kelamin Laki-laki tidak cocok dengan NIK" in form.message("nik").text()
    assert new_dialog.save_button.isEnabled()


def test_rupiah_field_groups_thousands(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    qtbot.keyClicks(new_dialog.form.monthly_income, "6000000")
    assert new_dialog.form.monthly_income.text() == "6.000.000"
    new_dialog.form.monthly_income.clear()
    qtbot.keyClicks(new_dialog.form.monthly_income, "6.500.000")
    assert new_dialog.form.monthly_income.value() == 6_500_000


def test_other_installments_read_5jt_as_five_million(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    _type(qtbot, new_dialog.form.full_name, "Siti Aminah")
    _type(qtbot, new_dialog.form.monthly_obligations, "5jt")
    assert new_dialog.form.edited().monthly_obligations == 5_000_000
    assert new_dialog.form.monthly_obligations.text() == "5.000.000"
    assert new_dialog.save_button.isEnabled()


def test_unreadable_money_is_an_error_beside_the_field(new_dialog: ClientDialog, qtbot) -> None:  # noqa: ANN001
    _type(qtbot, new_dialog.form.full_name, "Siti Aminah")
    _type(qtbot, new_dialog.form.monthly_obligations, "5 kilo")
    message = new_dialog.form.message("monthly_obligations")
    assert message.isVisibleTo(new_dialog) and message.severity is Severity.ERROR
    assert "kilo" in message.text()
    assert not new_dialog.save_button.isEnabled()


def test_business_shows_nib_and_npwp_instead_of_nik(new_dialog: ClientDialog) -> None:
    form = new_dialog.form
    assert form.nik.isVisibleTo(new_dialog) and not form.nib.isVisibleTo(new_dialog)
    form.kind.set_value(ClientKind.BUSINESS)
    assert form.nib.isVisibleTo(new_dialog) and form.npwp.isVisibleTo(new_dialog)
    assert not form.nik.isVisibleTo(new_dialog) and not form.birth_date.isVisibleTo(new_dialog)


def test_refusal_reason_is_enabled_only_for_declined(new_dialog: ClientDialog) -> None:
    form = new_dialog.form
    assert not form.refusal_reason.isEnabled()
    form.status.set_value(ClientStatus.DECLINED)
    assert form.refusal_reason.isEnabled()
    assert form.message("refusal_reason").severity is Severity.WARNING


def test_saving_adds_the_client(new_dialog: ClientDialog, qtbot, context: UiContext) -> None:  # noqa: ANN001
    form = new_dialog.form
    _type(qtbot, form.full_name, "Siti Aminah")
    _type(qtbot, form.nik, VALID_NIK)
    _type(qtbot, form.mobile, "0812 3456 7890")
    _type(qtbot, form.monthly_income, "6.000.000")
    _type(qtbot, form.tags, "UMKM, pasar")
    qtbot.mouseClick(new_dialog.save_button, Qt.MouseButton.LeftButton)
    assert new_dialog.result() == QDialog.DialogCode.Accepted
    assert new_dialog.saved_client is not None and new_dialog.saved_client.id is not None
    stored = get_client(context.uow, new_dialog.saved_client.id)
    assert stored.full_name == "Siti Aminah"
    assert stored.nik == VALID_NIK
    assert stored.birth_date == date(1988, 12, 5) and stored.sex is Sex.FEMALE
    assert stored.mobile == "+6281234567890"
    assert stored.monthly_income == 6_000_000
    assert stored.tags == ("pasar", "umkm")
    assert stored.officer_id == context.officer_id


def test_referrer_is_picked_from_suggestions(new_dialog: ClientDialog, qtbot, add) -> None:  # noqa: ANN001
    referrer = add("Bambang Suryadi", mobile="081311112222")
    picker = new_dialog.form.referrer
    picker.setFocus()
    qtbot.keyClicks(picker, "Bambang")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.client_id() == referrer.id
    assert picker.text().startswith("Bambang Suryadi")
    qtbot.keyClicks(picker, "x")  # editing the text un-picks
    assert picker.client_id() is None


def test_suggestions_are_as_wide_as_their_text(context: UiContext, qtbot, add) -> None:  # noqa: ANN001
    from ao_desktop.ui.clients.referrer_picker import ReferrerPicker

    add("Koperasi Simpan Pinjam Sejahtera Bersama", mobile="081311112222")
    picker = ReferrerPicker(context.uow)
    qtbot.addWidget(picker)
    picker.resize(200, picker.height())  # as narrow as the simulator's field
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker, "Koperasi")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    label = popup.model().index(0, 0).data()
    assert popup.width() > popup.fontMetrics().horizontalAdvance(label)


@pytest.mark.parametrize(("answer", "expected_count"), [("Tetap simpan", 2), ("Batal", 1)])
def test_duplicate_asks_before_saving(
    context: UiContext,
    qtbot,
    add: Callable[..., Client],
    answer: str,
    expected_count: int,  # noqa: ANN001
) -> None:
    add("Siti Aminah", nik=VALID_NIK, mobile="081234567890")
    dialog = _open(qtbot, ClientDialog(context))
    dialog.form.full_name.setText("Siti Aminah")
    dialog.form.nik.setText(VALID_NIK)
    seen = answer_next_modal(answer)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Kemungkinan data ganda" in seen
    assert "NIK sama" in seen
    assert count_clients(context.uow, ClientQuery()) == expected_count
    assert (dialog.result() == QDialog.DialogCode.Accepted) == (answer == "Tetap simpan")


def test_stale_edit_is_refused_and_reloaded(
    context: UiContext,
    qtbot,
    add: Callable[..., Client],
    uow: SqlUnitOfWork,  # noqa: ANN001
) -> None:
    client = add("Budi Santoso", occupation="Karyawan swasta", monthly_income=5_000_000)
    dialog = _open(qtbot, ClientDialog(context, client.id))
    # A colleague saves first, behind the dialog's back.
    update_client(uow, client, replace(client, occupation="Wiraswasta"), "dedi")
    dialog.form.occupation.setText("Guru")
    dialog.form.monthly_income.set_value(7_000_000)
    seen = answer_next_modal("Muat ulang data terbaru")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Data sudah diubah rekan lain" in seen
    assert any("dedi" in text for text in seen)
    assert {"Pekerjaan/bidang usaha", "Karyawan swasta", "Wiraswasta"} <= set(seen)
    stored = get_client(uow, client.id)
    assert (
        stored.occupation == "Wiraswasta" and stored.monthly_income == 5_000_000
    )  # not overwritten
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.occupation.text() == "Wiraswasta"  # the form shows the colleague's version
    # After the reload the AO can save again, on top of the current version.
    dialog.form.occupation.setText("Guru")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_client(uow, client.id).occupation == "Guru"


def test_form_groups_are_titled_in_indonesian(new_dialog: ClientDialog) -> None:
    from PySide6.QtWidgets import QGroupBox

    titles = [box.title() for box in new_dialog.form.findChildren(QGroupBox)]
    assert "Status dan sumber" in titles and "Pipeline" not in titles


# --- leaving the form: Batal, Esc and the close button ------------------------------------
def _leave(dialog: ClientDialog, qtbot, how: str) -> None:  # noqa: ANN001
    if how == "Batal":
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    elif how == "Esc":
        qtbot.keyClick(dialog.form.full_name, Qt.Key.Key_Escape)
    else:
        dialog.close()  # what the window's close button does


@pytest.mark.parametrize("how", ["Batal", "Esc", "close"])
def test_leaving_an_untouched_form_closes_without_asking(
    context: UiContext, qtbot, add: Callable[..., Client], how: str  # noqa: ANN001
) -> None:
    # A question here would block until the watchdog fails the test.
    stored = add("Budi Santoso", mobile="081298765432", tags=("umkm",), notes="Pagi saja")
    for client_id in (None, stored.id):
        dialog = _open(qtbot, ClientDialog(context, client_id))
        _leave(dialog, qtbot, how)
        assert not dialog.isVisible()
        assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("how", ["Batal", "Esc", "close"])
def test_leaving_a_changed_form_asks_and_back_keeps_what_was_typed(
    new_dialog: ClientDialog, qtbot, how: str  # noqa: ANN001
) -> None:
    qtbot.keyClicks(new_dialog.form.full_name, "Siti Aminah")
    seen = answer_next_modal("Kembali ke formulir")
    _leave(new_dialog, qtbot, how)
    assert "Buang perubahan?" in seen
    assert new_dialog.isVisible()
    assert new_dialog.form.full_name.text() == "Siti Aminah"


def test_discarding_closes_the_form_and_saves_nothing(
    context: UiContext, qtbot, add: Callable[..., Client]  # noqa: ANN001
) -> None:
    stored = add("Budi Santoso", occupation="Karyawan swasta")
    dialog = _open(qtbot, ClientDialog(context, stored.id))
    dialog.form.notes.setPlainText("Minta ditelepon sore")
    answer_next_modal("Buang")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert get_client(context.uow, stored.id).notes == ""


def test_a_change_undone_by_hand_is_no_change(context: UiContext, qtbot, add) -> None:  # noqa: ANN001
    stored = add("Budi Santoso", occupation="Karyawan swasta")
    dialog = _open(qtbot, ClientDialog(context, stored.id))
    dialog.form.occupation.setText("Guru")
    dialog.form.occupation.setText("Karyawan swasta")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


# --- the duplicate dialog can open the client already stored -------------------------------
@pytest.mark.parametrize(("discard_answer", "closed"), [("Buang", True), ("Kembali ke formulir", False)])
def test_duplicate_dialog_opens_the_existing_client(
    context: UiContext,
    qtbot,  # noqa: ANN001
    add: Callable[..., Client],
    discard_answer: str,
    closed: bool,
) -> None:
    existing = add("Siti Aminah", nik=VALID_NIK, mobile="081234567890")
    dialog = _open(qtbot, ClientDialog(context))
    dialog.form.full_name.setText("Siti Aminah")
    dialog.form.nik.setText(VALID_NIK)
    asked: list[list[str]] = []  # the texts of the discard question, filled once it shows

    def open_existing(duplicate: QWidget) -> None:
        asked.append(answer_next_modal(discard_answer))
        click_button(duplicate, "Buka nasabah yang ada")

    on_next_modal(open_existing)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Buang perubahan?" in asked[0]
    assert dialog.isVisible() != closed
    assert dialog.open_client_id == (existing.id if closed else None)
    assert count_clients(context.uow, ClientQuery()) == 1


# --- names the AO reads -------------------------------------------------------------------
def _row_labels(dialog: ClientDialog) -> dict[str, str]:
    """Field -> the label Qt shows beside it in the form."""
    rows = dialog.form._rows  # noqa: SLF001 - the form's own rows, as laid out
    labels = {field: form.labelForField(cell) for field, (form, cell) in rows.items()}
    return {field: label.text() for field, label in labels.items() if label is not None}


def test_the_free_text_field_is_not_called_catatan(new_dialog: ClientDialog) -> None:
    labels = _row_labels(new_dialog)
    assert labels["notes"] == "Keterangan"
    assert "Catatan" not in labels.values()  # the panel's tab of dated notes keeps that name


def test_form_labels_are_sentence_case(new_dialog: ClientDialog) -> None:
    keep = {"NIK", "NIB", "NPWP", "AO", "RT/RW", "HP", "No.", "KTP", "DSR", "WhatsApp"}
    for text in _row_labels(new_dialog).values():
        later_words = text.replace("(", " ").replace(")", " ").split()[1:]
        assert all(w in keep or not w[0].isupper() for w in later_words), text


# --- consent to be contacted (UU PDP) ----------------------------------------------------
def test_ticking_consent_asks_date_purpose_and_channels(new_dialog: ClientDialog, qtbot, context: UiContext) -> None:  # noqa: ANN001
    from ao_desktop.domain.clients.enums import ConsentChannel, ConsentPurpose

    form = new_dialog.form
    consent = form.consent_contact
    assert consent.details.isHidden()
    _type(qtbot, form.full_name, "Siti Aminah")
    consent.box.click()
    assert not consent.details.isHidden()
    assert consent.given_on.value() == date.today()
    assert all(c.isChecked() for c in consent.channels.values())
    consent.given_on.set_value(date(2026, 11, 3))
    consent.purpose.set_value(ConsentPurpose.OFFER)
    consent.channels[ConsentChannel.SMS].click()
    qtbot.mouseClick(new_dialog.save_button, Qt.MouseButton.LeftButton)
    assert new_dialog.saved_client is not None and new_dialog.saved_client.id is not None
    stored = get_client(context.uow, new_dialog.saved_client.id)
    assert stored.consent_contact and stored.consent_given_on == date(2026, 11, 3)
    assert stored.consent_purpose is ConsentPurpose.OFFER
    assert stored.consent_channels == (ConsentChannel.PHONE, ConsentChannel.WHATSAPP)


def test_unticking_consent_records_the_withdrawal_with_its_reason(context: UiContext, qtbot, add) -> None:  # noqa: ANN001
    stored = add("Siti Aminah", consent_contact=True, consent_given_on=date(2026, 11, 3))
    dialog = _open(qtbot, ClientDialog(context, stored.id))
    consent = dialog.form.consent_contact
    assert consent.withdrawal.isHidden()
    consent.box.click()
    assert not consent.withdrawal.isHidden() and "dicabut hari ini" in consent.withdrawal_note.text()
    _type(qtbot, consent.withdrawal_reason, "Tidak ingin ditawari produk lagi")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = get_client(context.uow, stored.id)
    assert saved.consent_contact is False
    assert saved.consent_withdrawn_on == date.today()
    assert saved.consent_withdrawal_reason == "Tidak ingin ditawari produk lagi"
    assert saved.consent_given_on == date(2026, 11, 3)


def test_an_untouched_consenting_client_leaves_without_asking(context: UiContext, qtbot, add) -> None:  # noqa: ANN001
    stored = add("Siti Aminah", consent_contact=True)
    dialog = _open(qtbot, ClientDialog(context, stored.id))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
