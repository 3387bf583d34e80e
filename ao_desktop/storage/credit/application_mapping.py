"""CreditApplication <-> row values. The parts stored as JSON are written with their
field names, so a stored application reads back the same after a field is added (the
new field takes its default)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.checklist import DocumentItem
from ao_desktop.domain.credit.collateral import Collateral
from ao_desktop.domain.credit.enums import (
    ApplicationStatus,
    CollateralType,
    IncomeKind,
    LoanPurpose,
)
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.credit.five_c import FiveCScore
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat())


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def application_values(app: CreditApplication) -> dict[str, Any]:
    return {
        "client_id": app.client_id, "officer_id": app.officer_id, "product_code": app.product_code,
        "amount": app.amount, "tenor_months": app.tenor_months, "purpose": app.purpose.value,
        "purpose_description": app.purpose_description, "installment": app.installment,
        "figures": _dump(asdict(app.figures)),
        "collateral": _dump([asdict(c) for c in app.collateral]),
        "five_c": _dump(asdict(app.five_c)), "slik": _dump(asdict(app.slik)),
        "documents": _dump([asdict(d) for d in app.documents]),
        "recommendation": app.recommendation, "conditions": app.conditions,
        "status": app.status.value, "rejection_reason": app.rejection_reason,
        "disbursed_on": app.disbursed_on,
    }  # fmt: skip


def _figures(text: str) -> BusinessFigures:
    data = _known(BusinessFigures, json.loads(text or "{}"))
    if "income_kind" in data:
        data["income_kind"] = IncomeKind(data["income_kind"])
    return BusinessFigures(**data)


def _slik(text: str) -> SlikCheck:
    data = _known(SlikCheck, json.loads(text or "{}"))
    return SlikCheck(
        checked_on=_day(data.get("checked_on")),
        worst_collectibility=data.get("worst_collectibility"),
        facilities=tuple(OtherFacility(**_known(OtherFacility, f)) for f in data.get("facilities", [])),
        notes=data.get("notes", ""),
    )


def _five_c(text: str) -> FiveCScore:
    data = _known(FiveCScore, json.loads(text or "{}"))
    if "notes" in data:
        data["notes"] = tuple(data["notes"])
    return FiveCScore(**data)


def row_to_application(row: Any) -> CreditApplication:
    return CreditApplication(
        client_id=row.client_id, officer_id=row.officer_id, product_code=row.product_code,
        amount=row.amount, tenor_months=row.tenor_months, purpose=LoanPurpose(row.purpose),
        purpose_description=row.purpose_description, installment=row.installment,
        figures=_figures(row.figures),
        collateral=tuple(Collateral(**{**c, "type": CollateralType(c["type"])})
                         for c in json.loads(row.collateral or "[]")),
        five_c=_five_c(row.five_c), slik=_slik(row.slik),
        documents=tuple(DocumentItem(d["name"], _day(d.get("received_on")))
                        for d in json.loads(row.documents or "[]")),
        recommendation=row.recommendation, conditions=row.conditions,
        status=ApplicationStatus(row.status), rejection_reason=row.rejection_reason,
        disbursed_on=row.disbursed_on, id=row.id, version=row.version,
        created_at=row.created_at, updated_at=row.updated_at, updated_by=row.updated_by,
    )  # fmt: skip
