"""What the row-worker tests share: the fixture workbook in a fresh folder, and whether
any import helper process is still running."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tests.fixtures.client_sheets import build_fixture


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    return build_fixture(tmp_path / "prospek.xlsx")


def no_helper_left() -> bool:
    return not [p for p in multiprocessing.active_children() if p.name == "ao-desktop-import-check"]
