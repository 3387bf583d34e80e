"""Message boxes: a database out of reach offers "Coba lagi" only where there is something
to redo, and redoes it after the message closed, never inside the failed attempt."""

from __future__ import annotations

from ao_desktop.domain.common.errors import DatabaseUnreachable, DomainError
from ao_desktop.ui.widgets.messages import show_exception
from tests.ui.conftest import answer_after

UNREACHABLE = DatabaseUnreachable("Koneksi ke server database postgresql://ao@srv/ao_cabang terputus.",
                                  "postgresql://ao@srv/ao_cabang")


def test_coba_lagi_redoes_the_action_once_the_message_is_closed(qtbot) -> None:  # noqa: ANN001
    calls: list[str] = []
    seen: list[str] = []
    answer_after("Coba lagi", seen)
    show_exception(None, "Gagal menyimpan", UNREACHABLE, retry=lambda: calls.append("again"))
    assert calls == []  # not nested inside the slot that showed the message
    qtbot.waitUntil(lambda: calls == ["again"], timeout=3000)
    assert seen[:2] == ["Gagal menyimpan", str(UNREACHABLE)]
    assert "[Coba lagi]" in seen and "[Tutup]" in seen


def test_tutup_redoes_nothing(qtbot) -> None:  # noqa: ANN001
    calls: list[str] = []
    answer_after("Tutup", [])
    show_exception(None, "Gagal menyimpan", UNREACHABLE, retry=lambda: calls.append("again"))
    qtbot.wait(50)
    assert calls == []


def test_without_anything_to_redo_only_tutup_is_offered(qtbot) -> None:  # noqa: ANN001
    seen: list[str] = []
    answer_after("Tutup", seen)
    show_exception(None, "Kalender", UNREACHABLE)
    assert "[Tutup]" in seen and "[Coba lagi]" not in seen


def test_other_refusals_keep_their_single_tutup(qtbot) -> None:  # noqa: ANN001
    seen: list[str] = []
    answer_after("Tutup", seen)
    show_exception(None, "Gagal menyimpan", DomainError("NIK sudah dipakai"), retry=lambda: None)
    assert "NIK sudah dipakai" in seen and "[Coba lagi]" not in seen
