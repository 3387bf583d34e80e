"""ProductsView at a laptop's size: product names are not cut."""

from __future__ import annotations

from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.catalog_model import Column as CatalogColumn
from ao_desktop.ui.products.view import ProductsView

pytest_plugins = ["tests.ui.products.products_helpers"]


def _laptop_view(context: UiContext, qtbot) -> ProductsView:  # noqa: ANN001
    view = ProductsView(context)
    qtbot.addWidget(view)
    view.resize(1210, 640)  # what a 1366x768 window leaves beside the navigation
    view.show()
    qtbot.waitExposed(view)
    return view


def test_product_names_fit_the_catalog(context: UiContext, catalog: int, qtbot) -> None:  # noqa: ANN001
    view = _laptop_view(context, qtbot)
    table, proxy = view.catalog.table, view.catalog.proxy
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(proxy.index(r, CatalogColumn.NAME).data())
        for r in range(proxy.rowCount())
    )
    assert table.columnWidth(CatalogColumn.NAME) >= widest + 8

