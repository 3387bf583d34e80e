"""The audit viewer: filtered by client, officer and date, exported to Excel (itself
recorded), refused to an AO by the service whatever the menu shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook

from ao_desktop.domain.access.audit import AuditQuery
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.access.audit_trail import search_audit
from ao_desktop.ui.access.audit_dialog import AuditDialog, AuditTableModel, Column
from ao_desktop.ui.context import UiContext


def _dialog(qtbot, context: UiContext) -> AuditDialog:  # noqa: ANN001
    dialog = AuditDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_supervisor_filters_by_client_officer_and_date(qtbot, qtmodeltester, context, add, officers) -> None:  # noqa: ANN001
    siti = add("Siti Aminah", officer_id=officers[0].id)
    add("Budi Santoso", officer_id=officers[1].id)
    supervisor = replace(context, role=OfficerRole.SUPERVISOR)
    dialog = _dialog(qtbot, supervisor)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() >= 2 and dialog.export_button.isEnabled()
    dialog.client_spin.setValue(siti.id)
    dialog.show_button.click()
    rows = dialog.model.items()
    assert rows and all(e.client_id == siti.id for e in rows)
    assert dialog.model.index(0, Column.CLIENT).data() == str(siti.id)
    dialog.client_spin.setValue(0)
    dialog.since_edit.set_value(date.today() + timedelta(days=1))
    dialog.show_button.click()
    assert dialog.model.rowCount() == 0 and "0 catatan" in dialog.count_label.text()


def test_the_export_writes_the_filtered_trail_and_is_recorded(qtbot, context, add, officers, tmp_path: Path) -> None:  # noqa: ANN001
    add("Siti Aminah", officer_id=officers[0].id)
    admin = replace(context, role=OfficerRole.ADMIN)
    dialog = _dialog(qtbot, admin)
    shown = dialog.model.rowCount()
    path = tmp_path / "audit.xlsx"
    assert dialog.export_to(path) == shown
    sheet = load_workbook(path).active
    assert sheet.max_row == shown + 1  # a header row and one per entry
    assert "diekspor" in dialog.message.text()
    newest = search_audit(admin.uow, AuditQuery(), admin.who, 0, 1)[0]
    assert (newest.table, newest.action) == ("exports", "audit_xlsx")


def test_an_ao_is_refused_by_the_service(qtbot, context) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, replace(context, role=OfficerRole.AO))
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()
    assert "supervisor atau admin" in dialog.message.text()


def test_the_model_shows_newest_first_with_readable_columns(qtmodeltester, context, add) -> None:  # noqa: ANN001
    add("Siti Aminah")
    model = AuditTableModel()
    model.set_items(search_audit(context.uow, AuditQuery(), replace(context, role=OfficerRole.ADMIN).who))
    qtmodeltester.check(model)
    assert model.headerData(Column.AT, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Waktu"
