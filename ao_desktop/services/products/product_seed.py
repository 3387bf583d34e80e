"""The seed product catalog (resources/products.json): reading it into domain Products.

The file holds typical products in plain Bahasa Indonesia; every figure is a string or an
integer so rates stay exact Decimals. Catalog-wide `terms_version` and `terms_effective`
apply to every product that does not name its own.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanFees, Rounding
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.product_rules import validated_product
from ao_desktop.paths import resource

SEED_FILE = "products.json"


def _decimal(value: Any) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError("rates in the seed file must be strings or integers")
    return Decimal(str(value))


def product_from_dict(data: dict[str, Any], defaults: dict[str, Any] | None = None) -> Product:
    """One product of the seed file; KeyError/ValueError/TypeError on a malformed entry."""
    defaults = defaults or {}
    fees = data.get("fees") or {}
    tiered = [_decimal(r) for r in data.get("tiered_rates") or ()]
    dsr = data.get("max_dsr_pct")
    effective = data.get("terms_effective", defaults.get("terms_effective"))
    return Product(
        code=str(data["code"]),
        name=str(data["name"]),
        kind=ProductKind(data["kind"]),
        short_description=str(data.get("short_description", "")),
        long_description=str(data.get("long_description", "")),
        benefits=tuple(str(x) for x in data.get("benefits", ())),
        required_documents=tuple(str(x) for x in data.get("required_documents", ())),
        eligibility=tuple(str(x) for x in data.get("eligibility", ())),
        rate_pa=_decimal(data.get("rate_pa", "0")),
        method=InterestMethod(data["method"]) if data.get("method") else None,
        allowed_methods=tuple(InterestMethod(m) for m in data.get("allowed_methods", ())),
        tiered_rate=TieredRateRule(tuple(tiered)) if tiered else None,
        min_tenor_months=int(data.get("min_tenor_months", 1)),
        max_tenor_months=int(data.get("max_tenor_months", 12)),
        min_amount=int(data.get("min_amount", 0)),
        max_amount=int(data.get("max_amount", 0)),
        fees=LoanFees(
            provision_pct=_decimal(fees.get("provision_pct", "0")),
            admin=int(fees.get("admin", 0)),
            insurance_pct=_decimal(fees.get("insurance_pct", "0")),
            notary=int(fees.get("notary", 0)),
        ),
        rounding=Rounding(str(data.get("rounding", "1"))),
        max_dsr_pct=None if dsr is None else _decimal(dsr),
        aro_available=bool(data.get("aro_available", False)),
        risks=tuple(str(x) for x in data.get("risks", ())),
        late_penalty=str(data.get("late_penalty", "")),
        early_repayment=str(data.get("early_repayment", "")),
        other_costs=tuple(str(x) for x in data.get("other_costs", ())),
        early_withdrawal_penalty=str(data.get("early_withdrawal_penalty", "")),
        active=bool(data.get("active", True)),
        terms_version=str(data.get("terms_version", defaults.get("terms_version", "1"))),
        terms_effective=date.fromisoformat(effective) if effective else None,
    )


def product_to_dict(product: Product) -> dict[str, Any]:
    """The product in the seed file's format (the inverse of `product_from_dict`): rates
    as exact strings, so a snapshot read back is the same product, figure for figure."""
    fees = product.fees
    return {
        "code": product.code,
        "name": product.name,
        "kind": ProductKind(product.kind).value,
        "short_description": product.short_description,
        "long_description": product.long_description,
        "benefits": list(product.benefits),
        "required_documents": list(product.required_documents),
        "eligibility": list(product.eligibility),
        "rate_pa": str(product.rate_pa),
        "method": InterestMethod(product.method).value if product.method else None,
        "allowed_methods": [InterestMethod(m).value for m in product.allowed_methods],
        "tiered_rates": [str(r) for r in product.tiered_rate.rates_by_use]
        if product.tiered_rate
        else [],
        "min_tenor_months": product.min_tenor_months,
        "max_tenor_months": product.max_tenor_months,
        "min_amount": product.min_amount,
        "max_amount": product.max_amount,
        "fees": {
            "provision_pct": str(fees.provision_pct),
            "admin": fees.admin,
            "insurance_pct": str(fees.insurance_pct),
            "notary": fees.notary,
        },
        "rounding": Rounding(product.rounding).value,
        "max_dsr_pct": None if product.max_dsr_pct is None else str(product.max_dsr_pct),
        "aro_available": product.aro_available,
        "active": product.active,
        "terms_version": product.terms_version,
        "terms_effective": product.terms_effective.isoformat() if product.terms_effective else None,
        "risks": list(product.risks),
        "late_penalty": product.late_penalty,
        "early_repayment": product.early_repayment,
        "other_costs": list(product.other_costs),
        "early_withdrawal_penalty": product.early_withdrawal_penalty,
    }


def load_seed_catalog(path: Path | None = None) -> list[Product]:
    """Every product of the seed file, validated by the same rules as an admin's edit.

    A broken seed file is a packaging bug, reported as ValidationFailed naming the entry.
    """
    path = path or resource(SEED_FILE)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["products"]
        defaults = {
            k: document.get(k) for k in ("terms_version", "terms_effective") if document.get(k)
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationFailed(
            [
                FieldIssue(
                    "seed",
                    _("Katalog produk awal {p} tidak dapat dibaca: {e}").format(p=path, e=exc),
                )
            ]
        ) from exc
    products: list[Product] = []
    for index, entry in enumerate(entries, start=1):
        try:
            products.append(validated_product(product_from_dict(entry, defaults)))
        except (KeyError, ValueError, TypeError, InvalidOperation, ValidationFailed) as exc:
            raise ValidationFailed(
                [
                    FieldIssue(
                        "seed",
                        _("Produk ke-{i} di katalog awal {p} tidak valid: {e}").format(
                            i=index, p=path, e=exc
                        ),
                    )
                ]
            ) from exc
    return products
