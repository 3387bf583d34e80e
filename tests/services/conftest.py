from __future__ import annotations

import pytest

from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def uow(engine_db) -> SqlUnitOfWork:  # type: ignore[no-untyped-def]
    """The services run against both engines: SQLite, then PostgreSQL (tests/conftest.py)."""
    return SqlUnitOfWork(engine_db)
