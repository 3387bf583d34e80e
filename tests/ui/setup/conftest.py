"""The setup screens' test fixtures: the composition root's environment with a folder of
the test's own (and the server choice), the wizard, and a Settings dialog factory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ao_desktop.startup.first_run import open_for_setup, server_access
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.setup.settings_dialog import SettingsDialog
from ao_desktop.ui.setup.setup_fields import SetupEnvironment
from ao_desktop.ui.setup.setup_wizard import SetupWizard


@pytest.fixture(autouse=True)
def no_libpq_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a screen is given reaches a server: no PGPASSWORD, no pgpass file."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")


@pytest.fixture
def env(tmp_path: Path) -> SetupEnvironment:
    local = tmp_path / "local"
    local.mkdir()
    return SetupEnvironment(local / "ao-desktop.sqlite", open_for_setup, server_access())


@pytest.fixture
def wizard(qtbot: QtBot, env: SetupEnvironment) -> Iterator[SetupWizard]:
    wizard = SetupWizard(env)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    if wizard.outcome is not None:
        wizard.outcome.opened.close()


@pytest.fixture
def dialog_for(qtbot: QtBot, env: SetupEnvironment) -> Iterator:  # type: ignore[type-arg]
    def make(context: UiContext) -> SettingsDialog:
        dialog = SettingsDialog(context, env)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make
