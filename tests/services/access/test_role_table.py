"""The role table (domain/access/permissions.py ROLE_TABLE) row by row through the
services: each use case is called as an AO, a supervisor, an admin and marketing on a
real database, and must give its result or a refusal exactly as the table says.

EXPECTED is written out by hand (tests/domain/access/test_permissions.py checks the
table against it); here the services prove they check it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import insert

from ao_desktop.domain.access.audit import AuditQuery
from ao_desktop.domain.access.permissions import Action
from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.credit.status_flow import StatusChange
from ao_desktop.domain.imports.import_plan import DuplicatePolicy
from ao_desktop.services.access.audit_trail import search_audit
from ao_desktop.services.access.privacy import clients_past_retention, hand_over_portfolio
from ao_desktop.services.access.security_settings import SecuritySettings, save_security_settings
from ao_desktop.services.access.sign_in import unlock_officer
from ao_desktop.services.calendar.contact import list_templates, save_template
from ao_desktop.services.calendar.holiday_calendar import set_holiday_override
from ao_desktop.services.clients.directory import (
    add_client,
    add_client_note,
    get_client,
    search_clients,
)
from ao_desktop.services.clients.subject_access import subject_access_data
from ao_desktop.services.credit.applications import change_status
from ao_desktop.services.imports.client_import import commit_import, preview_import
from ao_desktop.services.products.catalog import seed_catalog_if_empty, set_product_active
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.models import CreditApplicationRow
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.domain.access.test_permissions import EXPECTED

AO1, AO2, SUPERVISOR, ADMIN, MARKETING = 1, 2, 3, 4, 5
ROLES = {OfficerRole.AO: AO1, OfficerRole.SUPERVISOR: SUPERVISOR, OfficerRole.ADMIN: ADMIN,
         OfficerRole.MARKETING: MARKETING}
NIK = "3275012410750001"


class Branch:
    """A branch database: one officer per role plus a second AO; each officer has a
    client of their own (client id = officer id) and AO1's client a submitted application."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.db = open_database(tmp_path / "cabang.sqlite", create=True)
        self.uow = SqlUnitOfWork(self.db)
        seed_catalog_if_empty(self.uow)
        with self.uow.write() as tx:
            for name, role in (("Ani", OfficerRole.AO), ("Budi", OfficerRole.AO), ("Sari", OfficerRole.SUPERVISOR),
                               ("Admin", OfficerRole.ADMIN), ("Maya", OfficerRole.MARKETING)):
                tx.officers.add(Officer(name, role=role))
        for officer_id in range(1, 6):
            add_client(self.uow, Client(full_name=f"Nasabah {officer_id}", nik=NIK[:-1] + str(officer_id),
                                        officer_id=officer_id), "t", allow_duplicates=True)
        now = datetime(2026, 12, 1, 9, 0)
        with self.db.write_engine.begin() as conn:
            conn.execute(insert(CreditApplicationRow), [{
                "id": 1, "client_id": AO1, "officer_id": AO1, "product_code": "KMK", "amount": 50_000_000,
                "tenor_months": 24, "purpose": "modal_kerja", "status": "diajukan", "created_at": now,
                "updated_at": now}])

    def sheet(self) -> Path:
        path = self.tmp_path / "prospek.xlsx"
        wb = Workbook()
        wb.active.append(["Nama", "No HP"])
        wb.active.append(["Rahmat Hidayat", "081355550001"])
        wb.save(path)
        return path


def _import(branch: Branch, actor: Actor, for_officer: int | None) -> object:
    preview = preview_import(branch.uow, branch.sheet(), actor, for_officer=for_officer)
    return commit_import(branch.uow, preview, DuplicatePolicy.SKIP, actor)


def _sees_nik(branch: Branch, actor: Actor) -> object:
    client = get_client(branch.uow, actor.officer_id or 0, actor)
    if client.nik != NIK[:-1] + str(actor.officer_id):  # marketing gets it masked: not allowed to see it
        raise PermissionDenied("masked")
    return client


CASES: dict[Action, Callable[[Branch, Actor], object]] = {
    Action.VIEW_PIPELINE: lambda b, a: search_clients(b.uow, ClientQuery(), actor=a),
    Action.VIEW_PERSONAL_DATA: _sees_nik,
    Action.WORK_ON_OWN: lambda b, a: add_client_note(b.uow, a.officer_id or 0, "ditelepon", a),
    Action.WORK_ON_ANY: lambda b, a: add_client_note(b.uow, AO2, "ditelepon", a),
    Action.IMPORT_OWN_CLIENTS: lambda b, a: _import(b, a, None),
    Action.IMPORT_FOR_BRANCH: lambda b, a: _import(b, a, AO2),
    Action.DECIDE_APPLICATIONS: lambda b, a: change_status(
        b.uow, 1, 1, StatusChange(ApplicationStatus.REJECTED, reason="DSR terlalu tinggi"), a),
    Action.REASSIGN_CLIENTS: lambda b, a: hand_over_portfolio(b.uow, AO2, AO1, a),
    Action.EXPORT_PERSONAL_DATA: lambda b, a: subject_access_data(b.uow, a.officer_id or 0, a),
    Action.VIEW_AUDIT: lambda b, a: search_audit(b.uow, AuditQuery(), a),
    Action.MANAGE_SETTINGS: lambda b, a: save_security_settings(b.uow, SecuritySettings(lock_minutes=5), a),
    Action.MANAGE_CATALOG: lambda b, a: set_product_active(b.uow, "KMK", False, a),
    Action.MANAGE_TEMPLATES: lambda b, a: save_template(b.uow, list_templates(b.uow)[0], a),
    Action.MANAGE_HOLIDAYS: lambda b, a: set_holiday_override(
        b.uow, HolidayOverride(date(2026, 12, 24), "Cuti bersama"), a),
    Action.MANAGE_OFFICERS: lambda b, a: unlock_officer(b.uow, AO2, a),
    Action.ANONYMISE_CLIENTS: lambda b, a: clients_past_retention(b.uow, a),
}


def test_every_row_but_backups_has_a_service_case() -> None:
    # Backups copy the database file: the check is in the command and the GUI action,
    # tested below through the command line.
    assert set(CASES) | {Action.MANAGE_BACKUPS} == set(Action)


@pytest.mark.parametrize("role", list(ROLES), ids=lambda r: r.value)
@pytest.mark.parametrize("action", list(CASES), ids=lambda a: a.value)
def test_each_use_case_as_each_role(action: Action, role: OfficerRole, tmp_path: Path) -> None:
    branch = Branch(tmp_path)
    actor = Actor(role.value, role, ROLES[role])
    try:
        if role.value in EXPECTED[action]:
            assert CASES[action](branch, actor) is not None or action in {
                Action.MANAGE_HOLIDAYS, Action.MANAGE_OFFICERS}  # these return nothing
        else:
            with pytest.raises(PermissionDenied):
                CASES[action](branch, actor)
    finally:
        branch.db.close()


@pytest.mark.parametrize("role", list(ROLES), ids=lambda r: r.value)
def test_backups_as_each_role(role: OfficerRole, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ao_desktop.cli.main import main

    branch = Branch(tmp_path)
    branch.db.close()
    out = tmp_path / "cadangan.sqlite"
    code = main(["--as", str(ROLES[role]), "backup", "--db", str(tmp_path / "cabang.sqlite"), "--out", str(out)])
    if role.value in EXPECTED[Action.MANAGE_BACKUPS]:
        assert code == 0 and out.is_file()
    else:
        assert code == 1 and not out.exists()
        assert "admin" in capsys.readouterr().err
