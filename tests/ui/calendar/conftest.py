"""A small calendar for GUI tests: two officers, two clients, activities in December 2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from ao_desktop.domain.calendar.activity import Activity
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.calendar.activities import schedule_activity
from ao_desktop.ui.context import UiContext

TODAY = datetime(2026, 12, 7).date()  # Monday


@dataclass
class Calendar:
    context: UiContext
    siti: Client
    budi: Client
    visit: Activity  # Mon 7 Dec 10:00, Siti
    call: Activity  # Tue 8 Dec 14:00, Budi


@pytest.fixture
def cal(context: UiContext, officers: list[Officer], add) -> Calendar:  # noqa: ANN001
    rina = officers[0]
    siti = add("Siti Aminah", mobile="+6281298765432", consent_contact=True, sex=Sex.FEMALE,
               officer_id=rina.id, address=Address(street="Jl. Melati 4", kecamatan="Genteng",
                                                   kelurahan="Ketabang", city="Surabaya"))
    budi = add("Budi Santoso", mobile="+6281233330000", consent_contact=False, officer_id=rina.id,
               address=Address(street="Jl. Kenanga 9", kecamatan="Tegalsari", city="Surabaya"))
    actor = Actor("Rina Marlina", OfficerRole.AO, rina.id)
    visit = schedule_activity(context.uow, Activity(
        client_id=siti.id, officer_id=rina.id, type=ActivityType.VISIT,  # type: ignore[arg-type]
        purpose=ActivityPurpose.PRODUCT_INTRO, starts_at=datetime(2026, 12, 7, 10, 0)), actor)
    call = schedule_activity(context.uow, Activity(
        client_id=budi.id, officer_id=rina.id, type=ActivityType.PHONE,  # type: ignore[arg-type]
        purpose=ActivityPurpose.COLLECTION, starts_at=datetime(2026, 12, 8, 14, 0)), actor)
    return Calendar(context, siti, budi, visit, call)
