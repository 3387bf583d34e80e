"""The start-up question for a damaged database: restore the newest backup, or quit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from ao_desktop.app import _offer_restore
from ao_desktop.domain.common.errors import DatabaseDamaged
from tests.ui.conftest import answer_next_modal


def _damaged(backup: Path | None) -> DatabaseDamaged:
    taken = datetime(2026, 11, 27, 9, 30) if backup else None
    return DatabaseDamaged(
        "Database /data/ao.sqlite rusak.", Path("/data/ao.sqlite"), backup, taken
    )


@pytest.mark.parametrize(("button", "restore"), [("Pulihkan", True), ("Keluar", False)])
def test_the_user_chooses_to_restore_or_quit(button: str, restore: bool, qapp) -> None:  # noqa: ANN001
    seen = answer_next_modal(button)
    assert (
        _offer_restore(None, _damaged(Path("/b/ao-desktop-2026-11-27T0930-daily.sqlite")))
        is restore
    )
    text = " ".join(seen)
    assert (
        "Database rusak" in text and "Pulihkan dari cadangan terbaru (27 Nov 2026 09:30)?" in text
    )


def test_without_a_backup_only_quitting_is_offered(qapp) -> None:  # noqa: ANN001
    seen = answer_next_modal("Keluar")
    assert _offer_restore(None, _damaged(None)) is False
    assert "Tidak ada cadangan yang baik" in " ".join(seen)
