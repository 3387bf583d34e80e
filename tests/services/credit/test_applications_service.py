"""Credit application use cases on a real SQLite file: creation against the product,
stale edits, the status flow moving the client's pipeline, permissions, the audit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.enums import LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck
from ao_desktop.domain.credit.status_flow import StatusChange
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.clients.directory import add_client, get_client
from ao_desktop.services.credit import applications as svc
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

TODAY = date.today()
KMK = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
              method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
              min_amount=5_000_000, max_amount=200_000_000, required_documents=("KTP", "KK"),
              max_dsr_pct=Decimal(40))
WARUNG = BusinessFigures(turnover=30_000_000, cost_of_goods=21_000_000, operating_costs=3_500_000,
                         other_income=500_000, household_expenses=2_500_000,
                         other_installments=1_200_000)


@pytest.fixture
def setup(uow: SqlUnitOfWork) -> tuple[Actor, Actor, Client]:
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        tx.officers.add(Officer("Bu Supervisor", role=OfficerRole.SUPERVISOR))
        tx.products.add(KMK, "t", svc._now())
    client = add_client(uow, Client(full_name="Siti Aminah", mobile="+6281298765432",
                                    officer_id=rina.id), actor="t", allow_duplicates=True)
    return (Actor("Rina Marlina", OfficerRole.AO, rina.id),
            Actor("Bu Supervisor", OfficerRole.SUPERVISOR), client)


def _app(ao: Actor, client: Client, **fields: object) -> CreditApplication:
    assert client.id is not None and ao.officer_id is not None
    base: dict[str, object] = dict(client_id=client.id, officer_id=ao.officer_id, product_code="kmk-t",
                                   amount=50_000_000, tenor_months=24,
                                   purpose=LoanPurpose.WORKING_CAPITAL, figures=WARUNG)
    base.update(fields)
    return CreditApplication(**base)  # type: ignore[arg-type]


def test_create_takes_instalment_and_checklist_from_the_product(uow, setup) -> None:
    ao, _sup, client = setup
    saved = svc.create_application(uow, _app(ao, client), ao)
    assert saved.id is not None and saved.version == 1 and saved.status is S.DRAFT
    assert saved.product_code == "KMK-T" and saved.installment == 2_583_333
    assert [d.name for d in saved.documents] == ["KTP", "KK"]
    a = svc.get_assessment(uow, saved.id)
    assert a.ratios.monthly_income == 6_000_000 and a.ratios.repayment_capacity == 1_610_000
    assert a.ratios.max_dsr_pct == Decimal(40)  # the product's ceiling, not the default
    assert a.ratios.dsr_pct == Decimal("63.06")  # (1.2M + 2,583,333) / 6M
    assert a.ratios.dsr_exceeded and a.ratios.rpc_exceeded


@pytest.mark.parametrize(("fields", "field"), [
    ({"amount": 1_000_000}, "amount"), ({"tenor_months": 48}, "tenor_months"),
    ({"client_id": 999}, "client_id"), ({"product_code": "NOPE"}, "product_code"),
    ({"figures": replace(WARUNG, turnover=-5)}, "turnover"),
])  # fmt: skip
def test_bad_input_is_refused_and_nothing_written(uow, setup, fields, field) -> None:
    ao, _sup, client = setup
    with pytest.raises(ValidationFailed) as caught:
        svc.create_application(uow, _app(ao, client, **fields), ao)
    assert field in [i.field for i in caught.value.issues]
    assert svc.list_assessments(uow) == []


def test_stale_edit_is_refused_with_what_changed(uow, setup) -> None:
    ao, _sup, client = setup
    saved = svc.create_application(uow, _app(ao, client), ao)
    svc.update_application(uow, replace(saved, amount=60_000_000), ao)
    with pytest.raises(StaleEdit) as caught:
        svc.update_application(uow, replace(saved, tenor_months=12), ao)
    assert "amount" in [c.field for c in caught.value.changes]
    assert "Jumlah" in str(caught.value)
    assert svc.get_assessment(uow, saved.id).application.tenor_months == 24


def test_status_flow_moves_the_client_and_records_history_and_audit(uow, setup) -> None:
    ao, sup, client = setup
    app = svc.create_application(uow, _app(ao, client), ao)
    app = svc.change_status(uow, app.id, app.version, StatusChange(S.SUBMITTED), ao)
    assert get_client(uow, client.id).status is ClientStatus.APPLICATION
    with pytest.raises(PermissionDenied):
        svc.change_status(uow, app.id, app.version, StatusChange(S.APPROVED), ao)
    app = svc.change_status(uow, app.id, app.version, StatusChange(S.APPROVED), sup)
    app = svc.change_status(uow, app.id, app.version, StatusChange(S.DISBURSED, on=TODAY), ao)
    assert app.status is S.DISBURSED and app.disbursed_on == TODAY
    assert get_client(uow, client.id).status is ClientStatus.ACTIVE
    history = svc.status_history(uow, app.id)
    assert [h.status for h in history] == [S.DRAFT, S.SUBMITTED, S.APPROVED, S.DISBURSED]
    assert history[2].changed_by == "Bu Supervisor"
    with uow.read() as tx:
        actions = tx.session.execute(text(
            "SELECT action FROM audit_log WHERE table_name='credit_applications' ORDER BY id")).scalars().all()
    assert actions == ["create", "status", "status", "status"]


def test_rejection_records_the_reason_on_the_client(uow, setup) -> None:
    ao, sup, client = setup
    app = svc.create_application(uow, _app(ao, client), ao)
    app = svc.change_status(uow, app.id, app.version, StatusChange(S.SUBMITTED), ao)
    app = svc.change_status(uow, app.id, app.version, StatusChange(S.REJECTED, "DSR 63% terlalu tinggi"), sup)
    stored = get_client(uow, client.id)
    assert stored.status is ClientStatus.DECLINED and stored.refusal_reason == "DSR 63% terlalu tinggi"
    assert app.rejection_reason == "DSR 63% terlalu tinggi"


def test_disbursing_an_unapproved_application_is_refused_and_nothing_changes(uow, setup) -> None:
    ao, _sup, client = setup
    app = svc.create_application(uow, _app(ao, client), ao)
    with pytest.raises(ValidationFailed, match="disetujui"):
        svc.change_status(uow, app.id, app.version, StatusChange(S.DISBURSED, on=TODAY), ao)
    assert svc.get_assessment(uow, app.id).application.status is S.DRAFT
    assert get_client(uow, client.id).status is ClientStatus.PROSPECT


def test_another_aos_application_is_refused(uow, setup) -> None:
    ao, _sup, client = setup
    with pytest.raises(PermissionDenied):
        svc.create_application(uow, _app(ao, client), Actor("Lain", OfficerRole.AO, 999))


def test_slik_instalments_feed_the_dsr_and_settings_are_read(uow, setup) -> None:
    ao, _sup, client = setup
    slik = SlikCheck(TODAY, 1, (OtherFacility("BPR Lain", 20_000_000, 1_800_000),))
    app = svc.create_application(uow, _app(ao, client, slik=slik), ao)
    svc.save_settings(uow, svc.CreditSettings(prudence_pct=Decimal(60)), Actor("adm", OfficerRole.ADMIN))
    r = svc.get_assessment(uow, app.id).ratios
    assert r.other_installments == 1_800_000
    assert r.repayment_capacity == 1_020_000  # (6.0M - 2.5M - 1.8M) x 60%
    with pytest.raises(PermissionDenied):
        svc.save_settings(uow, svc.CreditSettings(), ao)


def test_list_filters_and_counts(uow, setup) -> None:
    ao, _sup, client = setup
    a = svc.create_application(uow, _app(ao, client), ao)
    svc.create_application(uow, _app(ao, client, amount=10_000_000), ao)
    svc.change_status(uow, a.id, a.version, StatusChange(S.SUBMITTED), ao)
    assert [x.application.id for x in svc.list_assessments(uow, status=S.SUBMITTED)] == [a.id]
    assert len(svc.list_assessments(uow, officer_id=ao.officer_id, client_id=client.id)) == 2
    assert svc.list_assessments(uow, officer_id=999) == []
    assert svc.pipeline_counts(uow)[S.DRAFT] == 1 and svc.pipeline_counts(uow)[S.SUBMITTED] == 1
    assert json.dumps(len(svc.list_assessments(uow)))  # the list reads back


def test_an_ao_sees_only_their_own_applications(uow, setup) -> None:
    ao, sup, client = setup
    svc.create_application(uow, _app(ao, client), ao)
    other = Actor("Lain", OfficerRole.AO, 999)
    assert svc.list_assessments(uow, actor=other) == []
    assert svc.list_assessments(uow, officer_id=None, actor=other) == []
    assert len(svc.list_assessments(uow, actor=sup)) == 1
    assert len(svc.list_assessments(uow, actor=ao)) == 1
