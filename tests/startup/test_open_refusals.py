"""A GUI start on `--db PATH` opens an existing database only (issue #11 item 5): a new
one is made by the wizard or Settings (`create=True`), never by a mistyped path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.startup.opening import OpenRequest, open_context

pytestmark = pytest.mark.usefixtures("home")


@pytest.mark.parametrize("zero_byte", [False, True])
def test_db_on_the_command_line_is_not_created(tmp_path: Path, zero_byte: bool) -> None:
    path = tmp_path / "salah-ketik.sqlite"
    if zero_byte:
        path.touch()
    with pytest.raises(DatabaseRefused):
        open_context(OpenRequest(path, demo=False, shared=False))
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == (
        ["salah-ketik.sqlite"] if zero_byte else []
    )
    assert not zero_byte or path.stat().st_size == 0
