"""Client use cases against a real database: validation, duplicates, stale edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.enums import ClientStatus, Sex
from ao_desktop.domain.common.errors import (
    DuplicateSuspected,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.services.clients import directory as svc

SITI = Client(full_name="  Siti   Nurhaliza ", nik="3174 0552 0790 0001", birth_date=date(1990, 7, 12),
              sex=Sex.FEMALE, mobile="0812-3456-7890", monthly_income=8_500_000)


def test_add_normalises_and_records_history(uow) -> None:
    saved = svc.add_client(uow, SITI, actor="rina")
    assert saved.id is not None and saved.version == 1
    assert saved.full_name == "Siti Nurhaliza"
    assert saved.nik == "3174055207900001"
    assert saved.mobile == "+6281234567890"
    profile = svc.get_client_profile(uow, saved.id)
    assert [h.status for h in profile.history] == [ClientStatus.PROSPECT]
    assert profile.history[0].changed_by == "rina"


def test_add_refuses_invalid_fields_with_indonesian_reasons(uow) -> None:
    bad = Client(full_name="", nik="12345", mobile="12", monthly_income=-5)
    with pytest.raises(ValidationFailed) as info:
        svc.add_client(uow, bad, actor="rina")
    fields = {i.field for i in info.value.issues if i.is_error}
    assert {"full_name", "nik", "mobile", "monthly_income"} <= fields
    assert "wajib" in str(info.value)
    assert svc.count_clients(uow, ClientQuery(include_archived=True)) == 0


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        (Client(full_name="Budi", nik="3174055207900001"), "NIK sama"),
        (Client(full_name="Budi", mobile="+62 812 3456 7890"), "No. HP sama"),
        (Client(full_name="Siti Nurhalizah", birth_date=date(1990, 7, 12)), "Nama mirip"),
    ],
)
def test_duplicates_are_suspected_until_confirmed(uow, other, reason) -> None:
    svc.add_client(uow, SITI, actor="rina")
    with pytest.raises(DuplicateSuspected) as info:
        svc.add_client(uow, other, actor="rina")
    assert any(reason in r for m in info.value.matches for r in m.reasons)
    assert svc.check_duplicates(uow, other)
    svc.add_client(uow, other, actor="rina", allow_duplicates=True)
    assert svc.count_clients(uow, ClientQuery()) == 2


def test_different_person_same_birthday_is_not_a_duplicate(uow) -> None:
    svc.add_client(uow, SITI, actor="rina")
    svc.add_client(uow, Client(full_name="Bambang Wijaya", birth_date=date(1990, 7, 12)), actor="rina")
    assert svc.count_clients(uow, ClientQuery()) == 2


def test_stale_edit_is_refused_and_names_what_changed(uow) -> None:
    loaded = svc.add_client(uow, SITI, actor="rina")
    # A colleague saves first...
    svc.update_client(uow, loaded, replace(loaded, occupation="Pedagang sayur"), actor="budi")
    # ...then this user saves their older copy.
    with pytest.raises(StaleEdit) as info:
        svc.update_client(uow, loaded, replace(loaded, monthly_income=9_000_000), actor="rina")
    assert [c.field for c in info.value.changes] == ["occupation"]
    assert info.value.changed_by == "budi"
    assert "budi" in str(info.value) and "Pekerjaan" in str(info.value)
    current = svc.get_client(uow, loaded.id)
    assert current.occupation == "Pedagang sayur" and current.monthly_income == 8_500_000


def test_status_change_archive_and_restore(uow) -> None:
    c = svc.add_client(uow, SITI, actor="rina")
    c = svc.change_status(uow, c, ClientStatus.APPLICATION, actor="rina", note="KUR Mikro")
    c = svc.archive_client(uow, c, actor="rina")
    assert svc.count_clients(uow, ClientQuery()) == 0
    c = svc.restore_client(uow, c, actor="rina")
    assert svc.count_clients(uow, ClientQuery()) == 1
    history = svc.get_client_profile(uow, c.id).history
    assert [(h.status, h.note) for h in history] == [(ClientStatus.PROSPECT, ""),
                                                     (ClientStatus.APPLICATION, "KUR Mikro")]
    stale = replace(c, version=1)
    with pytest.raises(StaleEdit):
        svc.archive_client(uow, stale, actor="budi")


def test_notes_and_profile(uow) -> None:
    referrer = svc.add_client(uow, SITI, actor="rina")
    friend = svc.add_client(uow, Client(full_name="Dewi Lestari", referrer_id=referrer.id), actor="rina")
    svc.add_client_note(uow, friend.id, "Minta simulasi KUR 50 juta", actor="rina")
    with pytest.raises(ValidationFailed):
        svc.add_client_note(uow, friend.id, "   ", actor="rina")
    with pytest.raises(NotFound):
        svc.add_client_note(uow, 9999, "x", actor="rina")
    profile = svc.get_client_profile(uow, friend.id)
    assert profile.referrer.full_name == "Siti Nurhaliza"
    assert [n.text for n in profile.notes] == ["Minta simulasi KUR 50 juta"]
    assert [r.full_name for r in svc.get_client_profile(uow, referrer.id).referrals] == ["Dewi Lestari"]


def test_unknown_referrer_or_officer_is_refused(uow) -> None:
    with pytest.raises(ValidationFailed):
        svc.add_client(uow, Client(full_name="Dewi", referrer_id=42), actor="rina")
    with pytest.raises(ValidationFailed):
        svc.add_client(uow, Client(full_name="Dewi", officer_id=42), actor="rina")
    with pytest.raises(NotFound):
        svc.get_client(uow, 42)
