"""The supervisor's handover dialog and the admin's retention dialog, on a real database:
what will move is shown before it moves, every action asks first, the services refuse
a role the menu would not show it to."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.ui.access import handover_dialog, retention_dialog
from ao_desktop.ui.access.handover_dialog import HandoverDialog
from ao_desktop.ui.access.retention_dialog import Column, RetentionDialog


def _show(qtbot, dialog):  # noqa: ANN001, ANN202
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _officer_of(db_path: Path, client_id: int) -> int:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT officer_id FROM clients WHERE id = ?", (client_id,)).fetchone()[0]
    finally:
        con.close()


def test_the_handover_shows_the_counts_asks_and_moves(qtbot, monkeypatch, context, add, officers,  # noqa: ANN001
                                                     db_path: Path) -> None:
    rina, dedi = (o.id for o in officers)
    first, second = add("Siti Aminah", officer_id=rina), add("Joko Widodo", officer_id=rina)
    dialog = _show(qtbot, HandoverDialog(replace(context, role=OfficerRole.SUPERVISOR)))
    assert not dialog.move_button.isEnabled()
    dialog.select(rina, dedi)
    assert dialog.preview_label.text().splitlines() == [
        "2 nasabah", "0 rekening pinjaman", "0 kegiatan terencana", "0 pengajuan kredit berjalan", "0 permasalahan terbuka"]
    assert dialog.move_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(handover_dialog, "confirm", lambda _p, _t, text, _y: asked.append(text) or False)
    dialog.move_button.click()
    assert "dari Rina Marlina ke Dedi Kurniawan" in asked[0]
    assert _officer_of(db_path, first.id) == rina  # not confirmed: nothing moved
    monkeypatch.setattr(handover_dialog, "confirm", lambda *_a: True)
    dialog.move_button.click()
    assert {_officer_of(db_path, c.id) for c in (first, second)} == {dedi}
    assert dialog.message.text() == ("Selesai: 2 nasabah, 0 rekening pinjaman, 0 kegiatan terencana, 0 pengajuan "
                                     "kredit berjalan dan 0 permasalahan terbuka dipindahkan ke Dedi Kurniawan.")
    assert dialog.preview_label.text().startswith("0 nasabah\n") and not dialog.move_button.isEnabled()


def test_an_ao_gets_the_services_refusal_in_the_handover_dialog(qtbot, context, add, officers,  # noqa: ANN001
                                                               db_path: Path) -> None:
    rina, dedi = (o.id for o in officers)
    client = add("Siti Aminah", officer_id=dedi)
    dialog = _show(qtbot, HandoverDialog(replace(context, role=OfficerRole.AO)))
    dialog.select(dedi, rina)
    assert "supervisor atau admin" in dialog.message.text()
    assert not dialog.move_button.isEnabled()
    dialog.hand_over(dedi, rina)  # as if the button had been left enabled
    assert "supervisor atau admin" in dialog.message.text()
    assert _officer_of(db_path, client.id) == dedi


def _ended_long_ago(db_path: Path, client_id: int, years: int = 12) -> None:
    con = sqlite3.connect(db_path)
    try:
        con.execute("UPDATE clients SET status = 'tidak_aktif' WHERE id = ?", (client_id,))
        con.execute("DELETE FROM client_status_history WHERE client_id = ?", (client_id,))
        con.execute("INSERT INTO client_status_history (client_id, status, changed_at, changed_by, note) "
                    "VALUES (?, 'tidak_aktif', ?, 'x', '')", (client_id, f"{date.today().year - years}-03-01 09:00:00"))
        con.commit()
    finally:
        con.close()


def test_the_admin_lists_clients_past_retention_and_anonymises_the_selected(  # noqa: ANN001
        qtbot, qtmodeltester, monkeypatch, context, add, officers, db_path: Path) -> None:
    old, older, recent = (add(n, officer_id=officers[0].id, nik=f"32750124107500{i}1")
                          for i, n in enumerate(("Siti Aminah", "Joko Widodo", "Ani Lestari")))
    _ended_long_ago(db_path, old.id, 12)
    _ended_long_ago(db_path, older.id, 15)
    _ended_long_ago(db_path, recent.id, 3)
    dialog = _show(qtbot, RetentionDialog(replace(context, role=OfficerRole.ADMIN)))
    qtmodeltester.check(dialog.model)
    assert [c.client_id for c in dialog.model.items()] == [older.id, old.id]  # oldest end first
    assert dialog.model.index(0, Column.NAME).data() == "Joko Widodo"
    assert dialog.model.index(0, Column.ENDED).data() == f"01/03/{date.today().year - 15}"
    assert "tidak ada pinjaman atau pengajuan" in dialog.model.index(0, Column.REASON).data()
    assert "2 nasabah" in dialog.count_label.text() and not dialog.anonymise_button.isEnabled()
    dialog.select_ids([old.id])
    assert dialog.selected_ids() == [old.id] and dialog.anonymise_button.isEnabled()
    monkeypatch.setattr(retention_dialog, "confirm", lambda *_a: False)
    dialog.anonymise_button.click()
    assert len(dialog.model.items()) == 2  # not confirmed
    monkeypatch.setattr(retention_dialog, "confirm", lambda *_a: True)
    dialog.anonymise_button.click()
    assert dialog.message.text() == "1 nasabah dianonimkan."
    assert [c.client_id for c in dialog.model.items()] == [older.id]
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT full_name, nik FROM clients WHERE id = ?", (old.id,)).fetchone() == (
            f"Nasabah dianonimkan #{old.id}", "")
    finally:
        con.close()


@pytest.mark.parametrize("role", [OfficerRole.SUPERVISOR, OfficerRole.AO])
def test_only_the_admin_sees_the_retention_list(qtbot, context, add, officers, db_path: Path,  # noqa: ANN001
                                                role: OfficerRole) -> None:
    client = add("Siti Aminah", officer_id=officers[0].id)
    _ended_long_ago(db_path, client.id)
    dialog = _show(qtbot, RetentionDialog(replace(context, role=role)))
    assert dialog.model.rowCount() == 0 and "Hanya admin" in dialog.message.text()
    dialog.anonymise([client.id])  # as if a row had been there
    assert "ditolak" in dialog.message.text()


@pytest.mark.parametrize(("role", "handover", "retention"), [
    (OfficerRole.AO, False, False),
    (OfficerRole.SUPERVISOR, True, False), (OfficerRole.ADMIN, True, True)])
def test_the_berkas_menu_offers_them_by_role(qtbot, context, role: OfficerRole, handover: bool,  # noqa: ANN001
                                            retention: bool) -> None:
    from ao_desktop.ui.main_window import MainWindow

    window = MainWindow(replace(context, role=role))
    qtbot.addWidget(window)
    assert (window.handover_action.isVisible(), window.handover_action.isEnabled()) == (handover, handover)
    assert (window.retention_action.isVisible(), window.retention_action.isEnabled()) == (retention, retention)
    assert window.handover_action.text().replace("&", "") == "Pindahkan nasabah AO…"
    assert window.retention_action.text().replace("&", "") == "Retensi data nasabah…"
