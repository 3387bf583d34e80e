"""Which database a start opens (first run, the remembered choice, --db, --demo) and who is
signed in on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services import setup as setup_services
from ao_desktop.services.access.sign_in import sign_in
from ao_desktop.services.setup import BranchProfile
from ao_desktop.startup.first_run import configured_request
from ao_desktop.startup.opening import OpenRequest, open_context
from ao_desktop.ui.local_settings import (
    DatabaseChoice,
    RememberedOfficer,
    load_officer,
    save_database_choice,
    save_officer,
)

RINA = RememberedOfficer(None, "Rina Marlina", "+6281234567890")
TEST_PIN = "123456"  # tests/conftest.py gives it to every officer the tests add


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AO_DESKTOP_HOME", str(tmp_path / "home"))
    folder = tmp_path / "settings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield


def _close(context) -> None:  # type: ignore[no-untyped-def]
    context.uow.db.close()


def test_nothing_chosen_yet_is_a_first_run() -> None:
    assert configured_request(None, demo=False, shared=False) is None


def test_demo_and_db_never_ask_for_the_wizard(tmp_path: Path) -> None:
    assert configured_request(None, demo=True, shared=False) == OpenRequest(
        None, demo=True, shared=False
    )
    save_officer(RINA)
    request = configured_request(tmp_path / "x.sqlite", demo=False, shared=False)
    assert request == OpenRequest(
        tmp_path / "x.sqlite", False, False, officer=RINA, add_officer=False
    )


def test_the_remembered_database_opens_with_the_remembered_officer(tmp_path: Path) -> None:
    path = tmp_path / "share" / "ao-desktop.sqlite"
    save_database_choice(DatabaseChoice(path, True))
    save_officer(RINA)

    request = configured_request(None, demo=False, shared=False)

    assert request == OpenRequest(path, False, True, officer=RINA, add_officer=True)


def test_a_database_that_does_not_know_the_officer_gets_them_added(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"

    context = open_context(OpenRequest(path, False, False, officer=RINA, add_officer=True, create=True))
    try:
        # Preselected for the sign-in, with the least rights until the PIN is proven.
        assert (context.actor, context.role) == ("Rina Marlina", OfficerRole.MARKETING)
        assert context.officer_id is not None
        signed = context.signed_in_as(sign_in(context.uow, context.officer_id, TEST_PIN))
        assert signed.role is OfficerRole.ADMIN  # the first officer of a database
        assert load_officer() == RememberedOfficer(
            context.officer_id, "Rina Marlina", "+6281234567890"
        )
    finally:
        _close(context)


def test_db_on_the_command_line_only_looks_the_officer_up(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    first = open_context(OpenRequest(path, False, False, create=True))
    setup_services.join_database(
        first.uow, BranchProfile("Bank", "Cabang"), "Admin Lain", "081399998888"
    )
    _close(first)

    context = open_context(OpenRequest(path, False, False, officer=RINA, add_officer=False))
    try:
        # Nobody preselected, and no rights until someone signs in.
        assert context.officer_id is None and context.role is OfficerRole.MARKETING
        with context.uow.read() as tx:
            assert [o.name for o in tx.officers.list()] == ["Admin Lain"]
    finally:
        _close(context)


def test_an_ao_signs_in_with_their_own_role(tmp_path: Path) -> None:
    path = tmp_path / "branch.sqlite"
    first = open_context(OpenRequest(path, False, False, create=True))
    setup_services.join_database(
        first.uow, BranchProfile("Bank", "Cabang"), "Admin", "081399998888"
    )
    dedi = setup_services.join_database(
        first.uow, BranchProfile("Bank", "Cabang"), "Dedi", "081311112222"
    )
    _close(first)

    context = open_context(
        OpenRequest(
            path,
            False,
            False,
            officer=RememberedOfficer(dedi.officer.id, "Dedi", "+6281311112222"),
            add_officer=True,
        )
    )
    try:
        assert (context.actor, context.officer_id) == ("Dedi", dedi.officer.id)
        signed = context.signed_in_as(sign_in(context.uow, dedi.officer.id, TEST_PIN))
        assert (signed.actor, signed.role) == ("Dedi", OfficerRole.AO)
    finally:
        _close(context)
