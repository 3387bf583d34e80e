"""What one officer saves, over and over, when many save at once: the workload of the
concurrency test on PostgreSQL and of benchmarks/bench_engines.py."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any


def kind_of(i: int) -> str:
    """The i-th save: every tenth an edit of the one client everyone edits, every fourth
    a note on it, the rest new clients."""
    return "update" if i % 10 == 9 else "note" if i % 4 == 3 else "client"


def one_save(uow: Any, worker: int, i: int, actor: str, presses: list[float] | None = None) -> int:
    """Save the i-th thing; returns how many times a colleague's save in between refused
    the edit (StaleEdit), after which the officer reloaded and saved again, as the app asks.
    `presses` gets the seconds of each press of Simpan, a refused one included."""
    from ao_desktop.domain.clients.client import Client
    from ao_desktop.domain.common.errors import StaleEdit
    from ao_desktop.services.clients.directory import (
        add_client,
        add_client_note,
        get_client,
        update_client,
    )

    def press(save: Any) -> None:
        t0 = time.perf_counter()
        try:
            save()
        finally:
            if presses is not None:
                presses.append(time.perf_counter() - t0)

    kind = kind_of(i)
    if kind == "client":
        press(lambda: add_client(uow, Client(full_name=f"Nasabah P{worker} N{i}"), actor=actor,
                                 allow_duplicates=True))
        return 0
    if kind == "note":
        press(lambda: add_client_note(uow, 1, f"catatan {worker}-{i}", actor=actor))
        return 0
    refused = 0
    while True:
        shown = get_client(uow, 1)
        edited = replace(shown, notes=f"{shown.notes} {actor}-{i}".strip()[-900:])
        try:
            press(lambda: update_client(uow, shown, edited, actor=actor))  # noqa: B023 - called at once
            return refused
        except StaleEdit:
            refused += 1
