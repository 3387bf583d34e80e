"""Fixtures shared by the Products view tests: a seeded catalog, an admin, a client."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.products.catalog import seed_catalog_if_empty
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.context import UiContext


@pytest.fixture
def catalog(uow: SqlUnitOfWork) -> int:
    with uow.write() as tx:  # what a RIPLAY needs from Settings besides the catalog
        tx.settings.set("riplay.bank_full_name", "PT Bank Contoh Sejahtera")
        tx.settings.set("riplay.complaint_branch", "KCP Bandung Dago")
        tx.settings.set("riplay.complaint_phone", "(022) 2501234")
    return seed_catalog_if_empty(uow)


@pytest.fixture
def admin_context(context: UiContext) -> UiContext:
    return replace(context, role=OfficerRole.ADMIN)


@pytest.fixture
def siti(add: Callable[..., Client]) -> Client:
    return add(
        "Siti Nurhaliza",
        sex=Sex.FEMALE,
        mobile="081234567890",
        monthly_income=8_000_000,
        monthly_obligations=500_000,
    )
