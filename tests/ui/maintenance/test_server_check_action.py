"""Berkas › Periksa database on a PostgreSQL server: the server's relational checks (the
same as `check --db postgresql://...`), run off the GUI thread; no backup or restore of a
file is offered there (the server's backups are the DBA's)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.main_window import MainWindow
from tests.storage.postgres_server import index_dropped
from tests.ui.conftest import answer_message_box, open_main_window


@pytest.fixture
def admin_on_server(pg_context: UiContext) -> UiContext:
    return replace(pg_context, role=OfficerRole.ADMIN)


def _window(context: UiContext, qtbot) -> MainWindow:  # noqa: ANN001
    return open_main_window(context, qtbot)


def _check(window: MainWindow, qtbot) -> str:  # noqa: ANN001
    seen: list[str] = []
    answer_message_box("Tutup", seen)
    window.backup_actions.check_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    qtbot.waitUntil(lambda: not window.backup_actions.busy, timeout=5000)
    return " ".join(seen)


def test_an_admin_checks_the_server_and_gets_no_file_backup(
    admin_on_server: UiContext, qtbot  # noqa: ANN001
) -> None:
    window = _window(admin_on_server, qtbot)
    actions = window.backup_actions
    assert actions.check_action.isEnabled()
    assert not actions.backup_action.isVisible() and not actions.restore_action.isVisible()
    text = _check(window, qtbot)
    assert "Database dalam keadaan baik" in text
    assert "dijaga oleh PostgreSQL sendiri" in text and "Relasi antardata (foreign key): baik." in text


def test_an_ao_gets_no_check_on_the_server(pg_context: UiContext, qtbot) -> None:  # noqa: ANN001
    window = _window(replace(pg_context, role=OfficerRole.AO), qtbot)
    assert not window.backup_actions.check_action.isEnabled()


def test_a_missing_search_index_on_the_server_is_reported_for_the_dba(
    admin_on_server: UiContext, pg_url: str, qtbot  # noqa: ANN001
) -> None:
    with index_dropped(pg_url, "ix_clients_trgm_names"):
        text = _check(_window(admin_on_server, qtbot), qtbot)
    assert "Database di server RUSAK" in text and "ix_clients_trgm_names" in text
    assert "TI/DBA" in text and "Pulihkan dari cadangan lewat" not in text
