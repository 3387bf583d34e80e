from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    db = open_database(tmp_path / "svc.sqlite", create=True)
    yield SqlUnitOfWork(db)
    db.close()
