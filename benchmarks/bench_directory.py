"""Keystroke to repainted directory: after the debounce fires, the time to re-query the
first page and repaint the table (the count follows in a worker and is not waited for).
Sort click: the GUI thread's time from a header click to the repainted table, and to
the sorted page on screen (which may come from a worker). Real widgets, offscreen.
Prints JSON.

    uv run python benchmarks/bench_directory.py --clients 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import demo_db, summary_ms  # noqa: E402
from bench_search import typed_queries  # noqa: E402


def run(clients: int, max_queries: int) -> dict[str, object]:
    from PySide6.QtCore import QSignalBlocker, QThreadPool
    from PySide6.QtWidgets import QApplication

    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork
    from ao_desktop.ui.clients.view import ClientDirectoryView
    from ao_desktop.ui.context import UiContext

    app = QApplication.instance() or QApplication([])
    path = demo_db(clients)
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    view = ClientDirectoryView(UiContext(uow=uow, database_label=str(path), shared=False, actor="bench"))
    view.resize(1280, 760)
    view.show()
    app.processEvents()
    queries = typed_queries(uow, random.Random(2))[:max_queries]
    samples: list[float] = []
    for text in queries:
        with QSignalBlocker(view.search_edit):  # the debounce timer is bypassed: we time what follows it
            view.search_edit.setText(text)
        t0 = time.perf_counter()
        view._apply_filters()
        view.table.viewport().repaint()
        samples.append(time.perf_counter() - t0)
        app.processEvents()
    QThreadPool.globalInstance().waitForDone(30000)
    app.processEvents()
    with QSignalBlocker(view.search_edit):
        view.search_edit.setText("")
    view._apply_filters()
    blocked, shown = sort_clicks(app, view)
    QThreadPool.globalInstance().waitForDone(30000)
    view.close()
    db.close()
    return {"clients": clients, "keystroke_to_repaint": summary_ms(samples),
            "sort_click_gui_thread": summary_ms(blocked), "sort_click_to_sorted_page": summary_ms(shown)}


def sort_clicks(app, view) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Every column, ascending then descending, twice: (GUI-thread time of the click
    handler and repaint, time until the model holds the new order)."""
    from PySide6.QtCore import Qt, QThreadPool

    from ao_desktop.ui.clients.table_model import SORT_OF_COLUMN

    header = view.table.horizontalHeader()
    header.blockSignals(True)
    blocked: list[float] = []
    shown: list[float] = []
    for _round in range(2):
        for column, sort in SORT_OF_COLUMN.items():
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                QThreadPool.globalInstance().waitForDone(30000)
                app.processEvents()
                t0 = time.perf_counter()
                # What a click runs (a header already showing this order would not emit).
                header.setSortIndicator(int(column), order)
                view._on_header_sort_indicator_changed(int(column), order)
                view.table.viewport().repaint()
                blocked.append(time.perf_counter() - t0)
                wanted = (sort, order == Qt.SortOrder.DescendingOrder)
                while (view.model.shown_query.sort, view.model.shown_query.descending) != wanted:
                    app.processEvents()
                    time.sleep(0.0005)
                view.table.viewport().repaint()
                shown.append(time.perf_counter() - t0)
    return blocked, shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, action="append")
    parser.add_argument("--queries", type=int, default=10_000, help="at most this many typed queries")
    args = parser.parse_args()
    results = [run(n, args.queries) for n in (args.clients or [100_000])]
    print(json.dumps({"benchmark": "directory", "results": results}, indent=2))


if __name__ == "__main__":
    main()
