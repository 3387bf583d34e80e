"""Keystroke to repainted directory: after the debounce fires, the time to re-query the
first page and repaint the table (the count follows in a worker and is not waited for).
Real widgets, offscreen. Prints JSON.

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


def run(clients: int) -> dict[str, object]:
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
    queries = typed_queries(uow, random.Random(2))
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
    view.close()
    db.close()
    return {"clients": clients, "keystroke_to_repaint": summary_ms(samples)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, action="append")
    args = parser.parse_args()
    results = [run(n) for n in (args.clients or [100_000])]
    print(json.dumps({"benchmark": "directory", "results": results}, indent=2))


if __name__ == "__main__":
    main()
