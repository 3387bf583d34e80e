from __future__ import annotations

import pytest


@pytest.fixture
def db(engine_db):  # type: ignore[no-untyped-def]
    """This area's repositories run against both engines (tests/conftest.py)."""
    return engine_db
