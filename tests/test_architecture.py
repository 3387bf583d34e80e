"""The package layout holds: no import circles between modules of ao_desktop, and the
top level and the domain stay as docs/ARCHITECTURE.md describes them.

The layer and area rules themselves are import-linter contracts (pyproject.toml), run
by CI as `lint-imports`; circles are checked here because import-linter has no contract
for them.
"""

from __future__ import annotations

from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[1] / "ao_desktop"


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph.modules:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_the_cycle_finder_finds_a_circle() -> None:
    # The check itself can fail: a graph with a circle a -> b -> c -> a is reported.
    graph = grimp.ImportGraph()
    for name in ("x", "x.a", "x.b", "x.c", "x.d"):
        graph.add_module(name)
    graph.add_import(importer="x.a", imported="x.b")
    graph.add_import(importer="x.b", imported="x.c")
    graph.add_import(importer="x.c", imported="x.a")
    graph.add_import(importer="x.d", imported="x.a")
    assert import_cycles(graph) == [["x.a", "x.b", "x.c"]]


def test_no_import_cycles_between_modules() -> None:
    # Imports inside functions and under TYPE_CHECKING count too: a circle hidden in a
    # function still ties two modules together.
    graph = grimp.build_graph("ao_desktop")
    assert import_cycles(graph) == []


def test_the_top_level_holds_only_packages_and_entry_points() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert modules == ["__init__.py", "__main__.py", "app.py", "paths.py"]


def test_the_domain_is_grouped_by_area() -> None:
    direct = [p.name for p in (PACKAGE / "domain").glob("*.py")]
    assert len(direct) <= 3, direct
    areas = {p.name for p in (PACKAGE / "domain").iterdir() if (p / "__init__.py").is_file()}
    assert {"common", "clients", "imports", "products"} <= areas
