from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.storage.engine import Database, open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "ao.sqlite", create=True)
    yield database
    database.close()


@pytest.fixture
def uow(db: Database) -> SqlUnitOfWork:
    return SqlUnitOfWork(db)
