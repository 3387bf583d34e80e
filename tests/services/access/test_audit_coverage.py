"""Every user change reaches the audit trail with before and after per field: a client
note, a new client, activity, loan account, settings (credit analysis, bank profile), an
officer's role; read back through the audit search the viewer uses, on a real file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from ao_desktop.domain.access.audit import AuditEntry, AuditQuery, describe
from ao_desktop.domain.calendar.activity import Activity
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.portfolio.account import LoanAccount
from ao_desktop.services.access.officers import change_role
from ao_desktop.services.calendar.activities import schedule_activity, update_activity
from ao_desktop.services.clients.directory import add_client, add_client_note
from ao_desktop.services.credit.applications import CreditSettings, save_settings
from ao_desktop.services.portfolio.accounts import add_account
from ao_desktop.services.setup import BranchProfile, save_profile
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def people(uow: SqlUnitOfWork) -> dict[str, Any]:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "+6281211112222"))
        admin = tx.officers.add(Officer("Admin Cabang", "+6281233334444", OfficerRole.ADMIN))
    rina_actor = Actor("Rina Marlina", OfficerRole.AO, rina.id)
    client = add_client(uow, Client(full_name="Siti Aminah", mobile="+6281298765432", officer_id=rina.id,
                                    monthly_income=7_500_000), rina_actor, allow_duplicates=True)
    return {"rina": rina_actor, "rina_officer": rina, "client": client,
            "admin": Actor("Admin Cabang", OfficerRole.ADMIN, admin.id)}


def _entries(uow: SqlUnitOfWork, **query: Any) -> list[AuditEntry]:
    with uow.read() as tx:
        return tx.audit.search(AuditQuery(**query), 0, 500)


def _newest(uow: SqlUnitOfWork, table: str) -> AuditEntry:
    return next(e for e in _entries(uow) if e.table == table)


def test_a_client_note_is_in_the_trail_and_found_by_its_client(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    client = people["client"]
    note = add_client_note(uow, client.id, "Minta dihubungi setelah jam 4 sore.", people["rina"])
    about = _entries(uow, client_id=client.id)
    entry = next(e for e in about if e.table == "client_notes")
    assert (entry.row_id, entry.action, entry.actor, entry.client_id) == (note.id, "create", "Rina Marlina",
                                                                            client.id)
    assert entry.details == {"text": [None, "Minta dihubungi setelah jam 4 sore."]}
    assert "text: - → Minta dihubungi" in describe(entry.details)


def test_a_new_client_names_its_fields(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    entry = _newest(uow, "clients")
    assert entry.action == "create"
    assert entry.details["full_name"] == [None, "Siti Aminah"]
    assert entry.details["monthly_income"] == [None, 7_500_000]
    assert "nik" not in entry.details  # empty fields are left out


def test_an_activity_is_recorded_when_created_and_per_field_when_edited(
        uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    rina, client = people["rina"], people["client"]
    saved = schedule_activity(uow, Activity(client_id=client.id, officer_id=rina.officer_id,
                                            type=ActivityType.VISIT, purpose=ActivityPurpose.PRODUCT_INTRO,
                                            starts_at=datetime(2026, 12, 7, 9)), rina)
    created = _newest(uow, "activities")
    assert created.action == "create" and created.details["type"] == [None, "kunjungan"]
    update_activity(uow, saved, replace(saved, duration_minutes=90), rina)
    edited = _newest(uow, "activities")
    assert edited.action == "update" and edited.details == {"duration_minutes": [saved.duration_minutes, 90]}


def test_a_loan_account_entered_by_hand_is_recorded(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    client = people["client"]
    account = add_account(uow, LoanAccount("0012345", client_id=client.id, product="KUR Mikro", plafond=25_000_000,
                                           tenor_months=24, outstanding=25_000_000), people["rina"])
    entry = _newest(uow, "loan_accounts")
    assert (entry.row_id, entry.action, entry.client_id) == (account.id, "create", client.id)
    assert entry.details["plafond"] == [None, 25_000_000] and entry.details["account_no"] == [None, "0012345"]


def test_settings_changes_name_each_key_before_and_after(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    admin = people["admin"]
    save_settings(uow, CreditSettings(prudence_pct=Decimal(60)), admin)
    credit = _newest(uow, "settings")
    assert credit.actor == "Admin Cabang" and any(v[1] == "60" for v in credit.details.values())
    assert len(credit.details) == 3  # nothing stored before: every key changed
    save_settings(uow, CreditSettings(prudence_pct=Decimal(60)), admin)
    assert len([e for e in _entries(uow) if e.table == "settings"]) == 1  # unchanged: no entry
    save_profile(uow, BranchProfile("BPR Sejahtera", "Cabang Genteng"), admin)
    profile = _newest(uow, "settings")
    assert ["", "BPR Sejahtera"] in profile.details.values() and ["", "Cabang Genteng"] in profile.details.values()


def test_an_officers_role_change_is_recorded(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    change_role(uow, people["rina_officer"], OfficerRole.SUPERVISOR, people["admin"])
    entry = _newest(uow, "officers")
    assert entry.action == "update" and entry.details == {"role": ["ao", "supervisor"]}


def test_a_clients_status_and_archive_name_before_and_after(uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    from ao_desktop.domain.clients.enums import ClientStatus
    from ao_desktop.services.clients.directory import archive_client, change_status

    moved = change_status(uow, people["client"], ClientStatus.ACTIVE, people["rina"])
    assert _newest(uow, "clients").details["status"] == ["prospek", "aktif"]
    archive_client(uow, moved, people["rina"])
    assert _newest(uow, "clients").details == {"archived": [False, True]}


def test_templates_holidays_and_the_uncontacted_days_name_before_and_after(
        uow: SqlUnitOfWork, people: dict[str, Any]) -> None:
    from datetime import date

    from ao_desktop.domain.calendar.message_templates import MessageTemplate
    from ao_desktop.domain.calendar.working_days import HolidayOverride
    from ao_desktop.services.calendar.agenda import set_days_without_contact
    from ao_desktop.services.calendar.contact import save_template
    from ao_desktop.services.calendar.holiday_calendar import set_holiday_override

    admin = people["admin"]
    saved = save_template(uow, MessageTemplate("salam", "Salam", "Selamat pagi {nama}"), admin)
    save_template(uow, replace(saved, text="Selamat siang {nama}"), admin)
    assert _newest(uow, "message_templates").details["text"] == ["Selamat pagi {nama}", "Selamat siang {nama}"]
    set_holiday_override(uow, HolidayOverride(date(2026, 12, 24), "Cuti bersama", True), admin)
    assert _newest(uow, "holiday_overrides").details["name"] == [None, "Cuti bersama"]
    set_days_without_contact(uow, 45, people["rina"])
    entry = _newest(uow, "settings")
    assert entry.actor == "Rina Marlina" and list(entry.details.values()) == [["", "45"]]
