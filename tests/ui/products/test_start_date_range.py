"""The disbursement and placement date fields keep to the range the domain accepts."""

from __future__ import annotations

from PySide6.QtCore import QDate

from ao_desktop.domain.common.user_dates import EARLIEST_START, LATEST_START
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.view import ProductsView

pytest_plugins = ["tests.ui.products.products_helpers"]


def test_start_dates_cannot_leave_the_sensible_range(context: UiContext, catalog: int, qtbot) -> None:  # noqa: ANN001
    view = ProductsView(context)
    qtbot.addWidget(view)
    for edit in (view.simulator.start_edit, view.deposit.start_edit):
        edit.setDate(QDate(9999, 12, 1))
        assert edit.date().toPython() == LATEST_START
        edit.setDate(QDate(1, 1, 1))
        assert edit.date().toPython() == EARLIEST_START
