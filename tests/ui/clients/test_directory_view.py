"""ClientDirectoryView with a real database: type-ahead, filters, count, actions, panel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientSort
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.services.clients.directory import get_client
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.clients.client_dialog import ClientDialog
from ao_desktop.ui.clients.status_dialog import StatusDialog
from ao_desktop.ui.clients.table_model import Column
from ao_desktop.ui.clients.view import ClientDirectoryView, format_count
from ao_desktop.ui.context import UiContext
from tests.ui.conftest import answer_next_modal, click_button, on_next_modal


@pytest.fixture
def clients(add: Callable[..., Client]) -> dict[str, Client]:
    return {
        "siti": add(
            "Siti Nurhaliza",
            mobile="081234567890",
            status=ClientStatus.ACTIVE,
            monthly_income=8_000_000,
            monthly_obligations=2_000_000,
        ),
        "budi": add("Budi Santoso", mobile="081298765432"),
        "agus": add("Agus Salim", status=ClientStatus.ACTIVE),
    }


@pytest.fixture
def view(context: UiContext, clients: dict[str, Client], qtbot) -> ClientDirectoryView:  # noqa: ANN001
    widget = ClientDirectoryView(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _names(view: ClientDirectoryView) -> list[str]:
    return [view.model.index(r, Column.NAME).data() for r in range(view.model.rowCount())]


def test_lists_clients_by_name_with_a_count(view: ClientDirectoryView) -> None:
    assert _names(view) == ["Agus Salim", "Budi Santoso", "Siti Nurhaliza"]
    assert view.count_label.text() == "3 nasabah"
    assert view.search_edit.placeholderText() == "Cari nama, NIK, no. HP, alamat…"


def test_count_uses_dots_for_thousands() -> None:
    assert format_count(1234) == "1.234"
    assert format_count(1_000_000) == "1.000.000"


def test_typing_narrows_the_results_after_a_pause(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    qtbot.keyClicks(view.search_edit, "nurh")
    assert view.model.rowCount() == 3  # not yet: the query waits for the typing to pause
    qtbot.waitUntil(lambda: _names(view) == ["Siti Nurhaliza"], timeout=2000)
    assert view.count_label.text() == "1 nasabah"
    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=2000)


def test_ctrl_f_focuses_the_search_box(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search_edit.hasFocus)


def test_status_filter(view: ClientDirectoryView) -> None:
    view.status_combo.set_value(ClientStatus.ACTIVE)
    assert _names(view) == ["Agus Salim", "Siti Nurhaliza"]
    assert view.count_label.text() == "2 nasabah"


def test_clicking_a_header_sorts_in_sql(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.NAME) + 10
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert view.model.query.sort is ClientSort.NAME and view.model.query.descending
    qtbot.waitUntil(lambda: view.model.shown_query == view.model.query, timeout=5000)
    assert _names(view) == ["Siti Nurhaliza", "Budi Santoso", "Agus Salim"]
    assert header.sortIndicatorSection() == Column.NAME


def test_selecting_a_row_shows_the_detail_panel(view: ClientDirectoryView, clients) -> None:  # noqa: ANN001
    assert view.select_client(clients["siti"].id)
    assert view.detail.name_label.text() == "Siti Nurhaliza"
    profile = view.detail.profile_tab
    assert profile.mobile.label.text() == "0812-3456-7890"
    assert profile.mobile.whatsapp_url().toString() == "https://wa.me/6281234567890"
    assert profile.value("ratio") == "25,0%"
    assert profile.value("monthly_income") == "Rp8.000.000"
    profile.mobile.copy_button.click()
    assert QGuiApplication.clipboard().text() == "081234567890"


def test_archive_hides_the_row_and_restore_brings_it_back(
    view: ClientDirectoryView,
    clients,
    uow: SqlUnitOfWork,  # noqa: ANN001
) -> None:
    budi = clients["budi"]
    view.select_client(budi.id)
    assert view.archive_action.text() == "Arsipkan"
    seen = answer_next_modal("Arsipkan")
    view.archive_action.trigger()
    assert any("Arsipkan Budi Santoso?" in text for text in seen)
    assert "Budi Santoso" not in _names(view)
    assert view.count_label.text() == "2 nasabah"
    assert get_client(uow, budi.id).archived
    view.archived_check.setChecked(True)
    assert "Budi Santoso" in _names(view)
    view.select_client(budi.id)
    assert view.archive_action.text() == "Pulihkan"
    view.archive_action.trigger()
    assert not get_client(uow, budi.id).archived


def test_cancelled_archive_changes_nothing(view: ClientDirectoryView, clients, uow) -> None:  # noqa: ANN001
    view.select_client(clients["budi"].id)
    answer_next_modal("Batal")
    view.archive_action.trigger()
    assert "Budi Santoso" in _names(view)
    assert not get_client(uow, clients["budi"].id).archived


def test_add_opens_the_dialog_and_selects_the_new_client(view: ClientDirectoryView, uow) -> None:  # noqa: ANN001
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        dialog.form.full_name.setText("Dewi Lestari")
        dialog.form.mobile.setText("0813 1111 2222")
        click_button(dialog, "Simpan")

    on_next_modal(fill)
    view.add_action.trigger()
    assert "Dewi Lestari" in _names(view)
    assert view.detail.name_label.text() == "Dewi Lestari"
    assert view.count_label.text() == "4 nasabah"


def test_change_status_records_the_step(view: ClientDirectoryView, clients, uow) -> None:  # noqa: ANN001
    view.select_client(clients["budi"].id)

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, StatusDialog)
        dialog.status_combo.set_value(ClientStatus.APPLICATION)
        dialog.note_edit.setPlainText("Berkas lengkap")
        click_button(dialog, "Ubah status")

    on_next_modal(choose)
    view.status_action.trigger()
    assert get_client(uow, clients["budi"].id).status is ClientStatus.APPLICATION
    history = view.detail.history_tab.table
    assert history.item(0, 1).text() == "Pengajuan"
    assert history.item(0, 3).text() == "Berkas lengkap"


def test_adding_a_note_in_the_panel(view: ClientDirectoryView, clients, qtbot) -> None:  # noqa: ANN001
    view.select_client(clients["agus"].id)
    notes = view.detail.notes_tab
    assert not notes.add_button.isEnabled()
    qtbot.keyClicks(notes.editor, "Minta brosur KUR")
    notes.add_button.click()
    assert "Minta brosur KUR" in notes.notes.toPlainText()
    assert view.detail.tab_widget.tabText(3) == "Catatan (1)"
    assert notes.editor.toPlainText() == ""


def test_referrals_tab_opens_the_referred_client(
    view: ClientDirectoryView,
    add: Callable[..., Client],
    clients,  # noqa: ANN001
) -> None:
    referred = add("Rina Wati", referrer_id=clients["siti"].id)
    view.model.refresh()
    view.select_client(clients["siti"].id)
    tab = view.detail.referrals_tab
    assert view.detail.tab_widget.tabText(2) == "Referensi (1)"
    tab.referred.itemActivated.emit(tab.referred.item(0))
    assert view.detail.client_id == referred.id
    assert view.detail.referrals_tab.referrer_button.text() == "Siti Nurhaliza"


def test_enter_on_the_table_opens_the_selected_client(
    view: ClientDirectoryView, clients, qtbot
) -> None:  # noqa: ANN001
    view.select_client(clients["agus"].id)
    titles: list[str] = []

    def close(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(close)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert titles == ["Ubah nasabah — Agus Salim"]


def _click_row(view: ClientDirectoryView, qtbot, row: int, double: bool = False) -> None:  # noqa: ANN001
    pos = view.table.visualRect(view.model.index(row, Column.NAME)).center()
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:  # a real double-click starts with a press that selects the row
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    click(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_mouse_click_selects_the_client_and_enables_its_actions(
    view: ClientDirectoryView, qtbot
) -> None:  # noqa: ANN001
    assert not view.edit_action.isEnabled()
    _click_row(view, qtbot, 1)
    assert view.selected_id() == view.model.client_id(1)
    assert view.detail.name_label.text() == "Budi Santoso"
    assert view.edit_action.isEnabled()
    assert view.status_action.isEnabled()
    assert view.archive_action.isEnabled()


def test_double_click_opens_the_editor(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    titles: list[str] = []

    def close(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(close)
    _click_row(view, qtbot, 0, double=True)
    assert titles == ["Ubah nasabah — Agus Salim"]


def test_enter_after_a_click_opens_the_editor(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    _click_row(view, qtbot, 2)
    titles: list[str] = []

    def close(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(close)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert titles == ["Ubah nasabah — Siti Nurhaliza"]


def test_an_empty_directory_offers_add_import_and_the_template(context: UiContext, qtbot, add) -> None:  # noqa: ANN001
    view = ClientDirectoryView(context)
    qtbot.addWidget(view)
    view.show()
    empty = view.empty_state
    assert empty.isVisible() and not view.table.isVisible()
    assert [b.text() for b in (empty.add_button, empty.import_button, empty.template_button)] == [
        "Tambah nasabah", "Impor dari Excel…", "Unduh templat impor…"
    ]
    triggered: list[str] = []
    view.excel_actions.template_action.triggered.disconnect()
    view.excel_actions.template_action.triggered.connect(lambda: triggered.append("template"))
    empty.template_button.click()
    assert triggered == ["template"]

    def fill(dialog: QWidget) -> None:
        dialog.form.full_name.setText("Dewi Lestari")  # type: ignore[attr-defined]
        dialog.form.mobile.setText("0813 1111 2222")  # type: ignore[attr-defined]
        click_button(dialog, "Simpan")

    on_next_modal(fill)
    empty.add_button.click()
    assert view.table.isVisible() and not empty.isVisible()
    assert _names(view) == ["Dewi Lestari"]


def test_a_search_without_hits_keeps_the_table(view: ClientDirectoryView, qtbot) -> None:  # noqa: ANN001
    view.search_edit.setText("zzzz")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.table.isVisible() and not view.empty_state.isVisible()


def test_the_table_gets_most_of_the_width_and_columns_fit_their_content(
    view: ClientDirectoryView, add, qtbot  # noqa: ANN001
) -> None:
    table_width, detail_width = view.splitter.sizes()
    assert detail_width < table_width / 2
    phone = view.model.index(0, Column.MOBILE)
    assert view.table.columnWidth(Column.MOBILE) >= view.table.sizeHintForColumn(Column.MOBILE)
    assert view.table.columnWidth(Column.NIK) <= 160  # within reason: not the old fixed widths
    assert phone.isValid()


def test_change_status_starts_on_the_current_status(qtbot) -> None:  # noqa: ANN001
    dialog = StatusDialog("Siti Nurhaliza", ClientStatus.ACTIVE)
    qtbot.addWidget(dialog)
    assert dialog.status_combo.value() is ClientStatus.ACTIVE
    assert not dialog.ok_button.isEnabled()  # nothing to change yet
    dialog.status_combo.set_value(ClientStatus.INACTIVE)
    assert dialog.ok_button.isEnabled()


def test_duplicate_dialog_opens_the_existing_client_in_the_directory(
    view: ClientDirectoryView, clients  # noqa: ANN001
) -> None:
    view.select_client(clients["agus"].id)
    asked: list[list[str]] = []  # the texts of the discard question, filled once it shows

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientDialog)
        dialog.form.full_name.setText("Siti Nurhaliza")
        dialog.form.mobile.setText("0812-3456-7890")

        def open_existing(duplicate: QWidget) -> None:
            asked.append(answer_next_modal("Buang"))
            click_button(duplicate, "Buka nasabah yang ada")

        on_next_modal(open_existing)
        click_button(dialog, "Simpan")

    on_next_modal(fill)
    view.add_action.trigger()
    assert "Buang perubahan?" in asked[0]
    assert view.selected_id() == clients["siti"].id
    assert view.detail.name_label.text() == "Siti Nurhaliza"
    assert view.count_label.text() == "3 nasabah"  # nothing was saved


def test_profile_names_the_free_text_field_keterangan(view: ClientDirectoryView, clients) -> None:  # noqa: ANN001
    view.select_client(clients["siti"].id)
    profile = view.detail.profile_tab
    form = profile.widget().layout()
    labels = [form.itemAt(r, form.ItemRole.LabelRole).widget().text() for r in range(form.rowCount())]
    assert "Keterangan" in labels and "Catatan" not in labels
    assert view.detail.tab_widget.tabText(3) == "Catatan (0)"


def test_a_landline_in_the_mobile_field_is_labelled_telepon_without_whatsapp(
    view: ClientDirectoryView, clients, uow: SqlUnitOfWork  # noqa: ANN001
) -> None:
    from datetime import datetime

    with uow.write() as tx:  # as an import from an older sheet left it: straight to storage
        shop = tx.clients.add(
            Client(full_name="Toko Kelontong", mobile="+62215551234"), "t", datetime.now()
        )
    view.model.refresh()
    view.select_client(shop.id)
    profile = view.detail.profile_tab
    assert profile.mobile.label.text() == "(021) 5551234"
    assert profile.mobile_title.text() == "Telepon"
    assert not profile.mobile.whatsapp_button.isVisibleTo(profile)
    view.select_client(clients["siti"].id)  # a real mobile keeps its title and WhatsApp
    assert profile.mobile_title.text() == "No. HP / WhatsApp"
    assert profile.mobile.whatsapp_button.isVisibleTo(profile)


def test_the_panel_tells_the_consent_and_blocks_whatsapp_it_does_not_allow(
    view: ClientDirectoryView, uow: SqlUnitOfWork  # noqa: ANN001
) -> None:
    from datetime import date, datetime

    from ao_desktop.domain.clients.enums import ConsentChannel, ConsentPurpose

    with uow.write() as tx:
        phone_only = tx.clients.add(Client(
            full_name="Dewi Lestari", mobile="+6281311112222", consent_contact=True,
            consent_given_on=date(2026, 11, 3), consent_purpose=ConsentPurpose.COLLECTION,
            consent_channels=(ConsentChannel.PHONE, ConsentChannel.SMS)), "t", datetime.now())
        withdrawn = tx.clients.add(Client(
            full_name="Eko Prasetyo", mobile="+6281322223333", consent_given_on=date(2026, 3, 1),
            consent_withdrawn_on=date(2026, 12, 5), consent_withdrawal_reason="terlalu sering"),
            "t", datetime.now())
    view.model.refresh()
    profile = view.detail.profile_tab
    view.select_client(phone_only.id)
    assert profile.value("consent_contact") == ("Bersedia dihubungi sejak 3 Nov 2026 (telepon, SMS) "
                                                "untuk penagihan")
    assert not profile.mobile.whatsapp_button.isEnabled()
    assert "lewat WhatsApp" in profile.mobile.whatsapp_button.toolTip()
    view.select_client(withdrawn.id)
    assert profile.value("consent_contact") == "Persetujuan dicabut 5 Des 2026: terlalu sering"
    assert not profile.mobile.whatsapp_button.isEnabled()


def test_the_count_label_says_when_the_count_failed(view: ClientDirectoryView) -> None:
    from ao_desktop.ui.clients.table_model import COUNT_FAILED, COUNTING

    view.model.totalChanged.emit(COUNTING)
    assert view.count_label.text() == "menghitung…"
    view.model.totalChanged.emit(COUNT_FAILED)
    assert view.count_label.text() == "jumlah tidak terbaca"
    assert "database tidak terjangkau" in view.count_label.toolTip()
    assert view.table_stack.currentWidget() is view.table  # the rows stay on screen
    view.model.totalChanged.emit(3)
    assert view.count_label.text() == "3 nasabah" and view.count_label.toolTip() == ""
