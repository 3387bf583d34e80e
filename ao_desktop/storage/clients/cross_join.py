"""`CROSS JOIN ... ON`: SQLite's documented way to pin the join order.

A search must read the FTS index first and look clients up by primary key. Without
statistics for a new index, SQLite may instead walk every client through an index on
`archived` and run the full-text query once per client: 0.6 s at 100k clients instead
of 2 ms. "The left operand of CROSS JOIN is always in an outer loop" (SQLite docs,
query planner), so the plan no longer depends on statistics.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Join


class CrossJoin(Join):
    inherit_cache = True


@compiles(CrossJoin)
def _compile_cross_join(join: CrossJoin, compiler: Any, **kw: Any) -> str:
    # SQLAlchemy's own join rendering (it also keeps its FROM linter informed), with the
    # join keyword between the left table and the rest swapped for CROSS JOIN.
    text = compiler.visit_join(join, **kw)
    left = join.left._compiler_dispatch(compiler, asfrom=True)
    if not text.startswith(left + " JOIN "):  # pragma: no cover - only on an unexpected left side
        raise ValueError("CrossJoin needs a plain table on its left")
    return f"{left} CROSS JOIN {text[len(left) + len(' JOIN '):]}"
