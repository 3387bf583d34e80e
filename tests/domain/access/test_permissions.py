"""The role table: every action, every role, allowed or refused as the table says."""

from __future__ import annotations

import pytest

from ao_desktop.domain.access.permissions import ROLE_TABLE, Action, allowed, require, require_owner
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, OfficerRole

EXPECTED = {  # written out by hand, not derived from ROLE_TABLE
    Action.VIEW_PIPELINE: {"ao", "supervisor", "admin", "marketing"},
    Action.VIEW_PERSONAL_DATA: {"ao", "supervisor", "admin"},
    Action.WORK_ON_OWN: {"ao", "supervisor", "admin"},
    Action.WORK_ON_ANY: {"supervisor", "admin"},
    Action.IMPORT_OWN_CLIENTS: {"ao", "supervisor", "admin"},
    Action.IMPORT_FOR_BRANCH: {"supervisor", "admin"},
    Action.DECIDE_APPLICATIONS: {"supervisor", "admin"},
    Action.REASSIGN_CLIENTS: {"supervisor", "admin"},
    Action.EXPORT_PERSONAL_DATA: {"ao", "supervisor", "admin"},
    Action.VIEW_AUDIT: {"supervisor", "admin"},
    Action.MANAGE_SETTINGS: {"admin"},
    Action.MANAGE_CATALOG: {"admin"},
    Action.MANAGE_TEMPLATES: {"admin"},
    Action.MANAGE_HOLIDAYS: {"admin"},
    Action.MANAGE_OFFICERS: {"admin"},
    Action.MANAGE_BACKUPS: {"admin"},
    Action.ANONYMISE_CLIENTS: {"admin"},
}


def test_every_action_is_in_the_table() -> None:
    assert set(ROLE_TABLE) == set(Action) == set(EXPECTED)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(OfficerRole))
def test_each_role_is_allowed_or_refused_as_written(action: Action, role: OfficerRole) -> None:
    actor = Actor("Petugas", role, officer_id=7)
    if role.value in EXPECTED[action]:
        assert allowed(actor, action)
        require(actor, action)
    else:
        assert not allowed(actor, action)
        with pytest.raises(PermissionDenied):
            require(actor, action)


def test_anything_but_an_actor_is_refused() -> None:
    assert not allowed("admin", Action.MANAGE_CATALOG)  # type: ignore[arg-type]
    assert not allowed(None, Action.WORK_ON_OWN)  # type: ignore[arg-type]


def test_an_ao_works_on_their_own_records_only() -> None:
    ao = Actor("Dewi", OfficerRole.AO, officer_id=3)
    require_owner(ao, 3, "x")
    with pytest.raises(PermissionDenied, match="milik AO lain"):
        require_owner(ao, 4, "milik AO lain")
    require_owner(Actor("Bayu", OfficerRole.SUPERVISOR, officer_id=9), 4, "x")
