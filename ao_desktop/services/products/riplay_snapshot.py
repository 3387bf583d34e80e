"""The snapshot a personal RIPLAY is recorded with, and the document read back from it.

A reprint must show what the client received, not today's catalog: the snapshot holds
the product's terms as printed (in the seed file's format), the bank header and RIPLAY
details, the inputs of the simulation, the deposit rules and the client's DSR as they
were. Reading it back runs the same simulation on those values, so every figure is the
same; nothing is read from the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ao_desktop.documents.products.product_sheet_data import ProductSheetData, SheetHeader
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.deposit import DepositRules
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule
from ao_desktop.domain.products.product import ProductKind
from ao_desktop.domain.products.riplay import RiplayIssuer
from ao_desktop.services.products.product_seed import product_from_dict, product_to_dict
from ao_desktop.services.products.product_simulation import (
    simulate_product_deposit,
    simulate_product_loan,
)

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class SheetInputs:
    """What the AO entered for the simulation, as the sheet service takes it."""

    amount: int
    tenor_months: int
    start_date: date
    method: InterestMethod | None = None
    previous_uses: int = 0
    comparison_methods: tuple[InterestMethod, ...] = ()
    aro: bool = False
    rollovers: int = 0


def _affordability(value: Affordability | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "dsr_pct": None if value.dsr_pct is None else str(value.dsr_pct),
        "max_dsr_pct": str(value.max_dsr_pct),
        "affordable": value.affordable,
        "headroom": value.headroom,
        "limit_amount": value.limit_amount,
    }


def encode_snapshot(data: ProductSheetData, inputs: SheetInputs) -> str:
    """The document as JSON (exact decimal strings, ISO dates)."""
    header, issuer = data.header, data.issuer
    rules = data.deposit.rules if data.deposit is not None else None
    document = {
        "format": SNAPSHOT_FORMAT,
        "printed_at": data.printed_at.isoformat(),
        "client_name": data.client_name,
        "product": product_to_dict(data.product),
        "product_version": data.product.version,
        "header": {
            "bank_name": header.bank_name,
            "branch_name": header.branch_name,
            "logo_path": str(header.logo_path) if header.logo_path else "",
            "officer_name": header.officer_name,
            "officer_phone": header.officer_phone,
        },
        "issuer": {
            "full_name": issuer.full_name,
            "supervision": issuer.supervision,
            "complaint_branch": issuer.complaint_branch,
            "complaint_phone": issuer.complaint_phone,
            "complaint_email": issuer.complaint_email,
            "complaint_website": issuer.complaint_website,
            "ojk_contact": issuer.ojk_contact,
            "valid_days": issuer.valid_days,
        },
        "inputs": {
            "amount": inputs.amount,
            "tenor_months": inputs.tenor_months,
            "start_date": inputs.start_date.isoformat(),
            "method": InterestMethod(inputs.method).value if inputs.method else None,
            "previous_uses": inputs.previous_uses,
            "comparison_methods": [InterestMethod(m).value for m in inputs.comparison_methods],
            "aro": inputs.aro,
            "rollovers": inputs.rollovers,
        },
        "deposit_rules": None
        if rules is None
        else {
            "tax_pct": str(rules.tax_pct),
            "tax_free_threshold": rules.tax_free_threshold,
            "lps_max_rate_pa": str(rules.lps_max_rate_pa),
            "lps_max_balance": rules.lps_max_balance,
        },
        "affordability": _affordability(data.affordability),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def decode_snapshot(text: str) -> ProductSheetData:
    """The document recorded in `text`, simulated again from its own values."""
    doc = json.loads(text)
    product = product_from_dict(doc["product"])
    product = replace(product, version=int(doc.get("product_version", 0)))
    inputs = doc["inputs"]
    start = date.fromisoformat(inputs["start_date"])
    schedule = deposit = None
    comparison: tuple[LoanSchedule, ...] = ()
    if product.is_loan:

        def simulate(method: str | None) -> LoanSchedule:
            return simulate_product_loan(
                product, inputs["amount"], inputs["tenor_months"], method=method,
                start_date=start, previous_uses=inputs["previous_uses"],
            )  # fmt: skip

        schedule = simulate(inputs["method"])
        comparison = tuple(
            schedule if m == inputs["method"] else simulate(m)
            for m in inputs["comparison_methods"]
        )
    elif product.kind is ProductKind.DEPOSIT:
        r = doc["deposit_rules"]
        rules = DepositRules(
            Decimal(r["tax_pct"]), r["tax_free_threshold"],
            Decimal(r["lps_max_rate_pa"]), r["lps_max_balance"],
        )  # fmt: skip
        deposit = simulate_product_deposit(
            product, inputs["amount"], inputs["tenor_months"], start_date=start,
            aro=inputs["aro"], rollovers=inputs["rollovers"], rules=rules,
        )  # fmt: skip
    a = doc.get("affordability")
    affordability = None
    if a is not None:
        affordability = Affordability(
            None if a["dsr_pct"] is None else Decimal(a["dsr_pct"]),
            Decimal(a["max_dsr_pct"]), a["affordable"], a["headroom"],
            a.get("limit_amount", 0),
        )  # fmt: skip
    h = doc["header"]
    return ProductSheetData(
        header=SheetHeader(
            h["bank_name"], h["branch_name"], Path(h["logo_path"]) if h["logo_path"] else None,
            h["officer_name"], h["officer_phone"],
        ),  # fmt: skip
        product=product,
        printed_at=datetime.fromisoformat(doc["printed_at"]),
        client_name=doc["client_name"],
        schedule=schedule,
        deposit=deposit,
        affordability=affordability,
        comparison=comparison,
        issuer=RiplayIssuer(**doc["issuer"]),
    )
