"""The Laporan view: generates off the GUI thread and previews; an AO is held to their own
report; the history reopens a report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.reports.view import ReportsView
from tests.fixtures.report_db import ANI, build_report_db


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    db = build_report_db(tmp_path / "r.sqlite")
    yield SqlUnitOfWork(db)
    db.close()


def _context(uow: SqlUnitOfWork, tmp_path: Path, role: OfficerRole, officer: int | None) -> UiContext:
    return UiContext(uow=uow, database_label="r", shared=False, actor="Tester", officer_id=officer,
                     role=role, reports_folder=tmp_path / "reports")


def test_supervisor_generates_previews_and_reopens(qtbot, uow: SqlUnitOfWork, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = ReportsView(_context(uow, tmp_path, OfficerRole.SUPERVISOR, 3))
    qtbot.addWidget(view)
    view.form.month.setCurrentIndex(view.form.month.findText("November 2026"))
    view.form.obstacles.setPlainText("Hujan")
    view._on_generate_clicked()
    qtbot.waitUntil(lambda: view.shown is not None, timeout=20_000)
    assert view.shown is not None and view.shown.pdf.is_file() and view.pages_layout.count() >= 1
    assert view.save_button.isEnabled() and view.excel_button.isEnabled()
    assert view.history.rowCount() == 1 and "Hujan" in view.history.item(0, 5).text()
    view.form.obstacles.clear()
    view._reopen(view.history.records[0])
    assert view.form.obstacles.toPlainText() == "Hujan"


def test_an_ao_cannot_choose_the_branch(qtbot, uow: SqlUnitOfWork, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = ReportsView(_context(uow, tmp_path, OfficerRole.AO, ANI))
    qtbot.addWidget(view)
    assert not view.form.scope.isEnabled() and view.form.report_scope().officer_id == ANI
