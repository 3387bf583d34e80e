"""MainWindow: the shell opens the Today panel, shows the database, remembers its layout."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt

from ao_desktop.ui.calendar.today_view import TodayView
from ao_desktop.ui.clients.view import ClientDirectoryView
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.main_window import MainWindow, registered_views
from tests.ui.conftest import answer_after, click_button, on_next_modal, open_main_window


def _open(context: UiContext, qtbot) -> MainWindow:  # noqa: ANN001
    return open_main_window(context, qtbot)


def test_opens_on_the_today_panel(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    assert window.windowTitle() == "AO Desktop"
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "Hari ini",
        "Nasabah",
        "Produk",
        "Kalender",
        "Pengajuan kredit",
        "Permasalahan",
        "Portofolio",
        "Laporan",
    ]
    assert isinstance(window.stack.currentWidget(), TodayView)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Berkas", "Bantuan"]


def test_status_bar_names_the_local_database(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    text = window.database_label.text()
    assert context.database_label in text
    assert "Lokal" in text
    assert not hasattr(window, "demo_label")


def test_status_bar_marks_a_shared_demo_database(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(replace(context, shared=True, demo=True), qtbot)
    assert "Bersama (shared drive)" in window.database_label.text()
    assert window.demo_label.text() == "DEMO"


def test_status_bar_marks_an_offline_copy_read_only(context: UiContext, qtbot) -> None:  # noqa: ANN001
    why = "Salinan offline dari postgresql://ao@server/ao_cabang (diambil 2026-12-05 08:00) hanya untuk dibaca"
    window = _open(replace(context, read_only=why), qtbot)
    assert "Salinan offline, hanya baca" in window.database_label.text()
    assert why in window.database_label.toolTip()


def test_app_path_shows_the_window_before_the_database_is_attached(
    context: UiContext,
    qtbot,  # noqa: ANN001
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_paint, timeout=3000):
        window.show()
    assert window.database_label.text() == "Membuka database…"
    assert window.navigation.count() == 0
    window.attach(context)
    assert isinstance(window.stack.currentWidget(), TodayView)
    assert "Lokal" in window.database_label.text()


def test_geometry_and_splitter_are_remembered(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    window.resize(790, 600)  # the offscreen screen is 800x800
    size = (window.width(), window.height())
    assert size[1] == 600  # not the default 760, which a failed restore would give
    directory = window.views["clients"]
    assert isinstance(directory, ClientDirectoryView)
    directory.splitter.setSizes([600, 300])
    saved_sizes = directory.splitter.sizes()
    window.close()
    settings = QSettings("AO Desktop", "AO Desktop")
    assert settings.value("window/geometry") is not None
    assert settings.value("views/clients/splitter") is not None

    again = _open(context, qtbot)
    assert (again.width(), again.height()) == size
    assert again.views["clients"].splitter.sizes() == saved_sizes  # type: ignore[attr-defined]


def test_every_registered_view_has_a_unique_key() -> None:
    keys = [spec.key for spec in registered_views()]
    assert len(keys) == len(set(keys))


def test_keyboard_starts_in_the_search_box_and_ctrl_n_adds(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    window.activateWindow()
    window.navigation.setCurrentRow(1)  # the directory, after the Today panel
    directory = window.views["clients"]
    assert isinstance(directory, ClientDirectoryView)
    qtbot.waitUntil(directory.search_edit.hasFocus)
    titles: list[str] = []

    def close(dialog) -> None:  # noqa: ANN001
        titles.append(dialog.windowTitle())
        click_button(dialog, "Batal")

    on_next_modal(close)
    qtbot.keyClick(directory.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert titles == ["Tambah nasabah"]


def test_about_box_lists_only_the_views_this_version_has(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    seen: list[str] = []

    def read_and_close(dialog) -> None:  # noqa: ANN001
        seen.append(dialog.text())
        click_button(dialog, "Tutup")

    on_next_modal(read_and_close)
    window._on_about_action_triggered()
    assert seen, "the About box did not open"
    text = seen[0]
    assert "direktori nasabah" in text and "simulasi angsuran" in text and "kunjungan" in text
    assert "kolektibilitas" in text and "surat peringatan" in text
    assert "laporan kerja bulanan" in text.lower()


def test_the_first_window_fits_the_screen_with_its_title_bar(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)  # offscreen: an 800x800 screen, like a small laptop's
    available = window.screen().availableGeometry()
    # Never wider than the screen, unless the window cannot be narrower (its minimum, under
    # 1000 px, fits a 1366 laptop); never so tall that the title bar ends up off screen.
    assert window.width() <= max(available.width(), window.minimumSizeHint().width())
    assert window.width() < 1280
    assert window.height() + 40 <= available.height()


def test_status_bar_names_the_server_and_its_engine_never_the_password(
    pg_context: UiContext, pg_link, qtbot  # noqa: ANN001
) -> None:
    window = _open(pg_context, qtbot)
    text = window.database_label.text()
    assert text.startswith(f"Database: {pg_link.url} — Server PostgreSQL 1")
    assert "Lokal" not in text and "Bersama" not in text
    assert pg_link.url in window.database_label.toolTip()
    assert "rahasia" not in text + window.database_label.toolTip()


def test_status_bar_tooltip_names_the_local_file(context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _open(context, qtbot)
    assert window.database_label.toolTip() == f"{context.database_label}\nLokal"


def test_a_view_load_on_a_cut_server_offers_coba_lagi_that_loads_it_again(
    pg_context: UiContext, pg_link, qtbot, tmp_path, monkeypatch  # noqa: ANN001
) -> None:
    import sys

    from PySide6.QtCore import QTimer

    from ao_desktop import app
    from ao_desktop.domain.clients.client import Client
    from ao_desktop.services.clients.directory import add_client

    add_client(pg_context.uow, Client(full_name="Budi Santoso"), actor="test", allow_duplicates=True)
    window = _open(pg_context, qtbot)
    window.navigation.setCurrentRow(1)
    view = window.views["clients"]
    assert view.model.rowCount() == 1
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app's hook, for this test only
    app._install_excepthook(tmp_path / "ao.log", window)
    add_client(pg_context.uow, Client(full_name="Citra Lestari"), actor="test", allow_duplicates=True)
    pg_link.cut()
    seen: list[str] = []
    answer_after("Coba lagi", seen, before=pg_link.restore)
    QTimer.singleShot(0, view.reload)  # a slot that loads, as a filter change does
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert "Data tidak dapat dimuat" in seen and "[Coba lagi]" in seen
    assert any(f"Koneksi ke server database terputus:\n{pg_link.url}" in t for t in seen)


def test_every_view_reloads_for_coba_lagi(context: UiContext, qtbot) -> None:  # noqa: ANN001
    """"Coba lagi" after a lost database reloads the shown view: every view can."""
    from ao_desktop.ui.main_window import ReloadsData

    window = _open(context, qtbot)
    for key, view in window.views.items():
        assert isinstance(view, ReloadsData), key
        window.navigation.setCurrentRow(list(window.views).index(key))
        window.reload_current_view()


def test_the_products_view_reload_reads_the_catalog_again(context: UiContext, qtbot) -> None:  # noqa: ANN001
    from decimal import Decimal

    from ao_desktop.domain.common.officer import Actor, OfficerRole
    from ao_desktop.services.products.catalog import (
        get_product,
        save_product,
        seed_catalog_if_empty,
    )

    seed_catalog_if_empty(context.uow)
    window = _open(context, qtbot)
    window.navigation.setCurrentRow(list(window.views).index("products"))
    view = window.views["products"]
    assert view.select_product("KPR")
    stored = get_product(context.uow, "KPR")
    save_product(context.uow, replace(stored, rate_pa=Decimal("9.25")), Actor("a", OfficerRole.ADMIN), stored)
    assert view.product.rate_pa != Decimal("9.25")
    window.reload_current_view()
    assert view.product.code == "KPR" and view.product.rate_pa == Decimal("9.25")
