"""SqlProductRepository: the product catalog, mapped between ProductRow and domain Product.

Rates and percentages travel as exact Decimal strings in TEXT columns; list fields as JSON
arrays. Updates are version-checked (`WHERE id = ? AND version = ?`) like clients: a
product a colleague changed since it was loaded is not overwritten; the caller gets None.
Every write leaves a row in the audit log.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanFees, Rounding
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.product_rules import EDITABLE_PRODUCT_FIELDS
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.models import ProductRow

# Catalog order: loans first, then deposits, savings, others; within a kind, the order in
# which products were added (the seed's order, new products last).
_KIND_ORDER = case(
    {ProductKind.LOAN.value: 0, ProductKind.DEPOSIT.value: 1, ProductKind.SAVINGS.value: 2},
    value=ProductRow.kind,
    else_=3,
)


def _dec(value: Decimal) -> str:
    return str(Decimal(value))


def _json_list(items: tuple[Any, ...]) -> str:
    return json.dumps(
        [str(i.value if isinstance(i, Enum) else i) for i in items], ensure_ascii=False
    )


def product_values(p: Product) -> dict[str, Any]:
    """The row's column values for a product (everything but id, version and audit)."""
    return {
        "code": p.code,
        "name": p.name,
        "kind": ProductKind(p.kind).value,
        "short_description": p.short_description,
        "long_description": p.long_description,
        "benefits": _json_list(p.benefits),
        "required_documents": _json_list(p.required_documents),
        "eligibility": _json_list(p.eligibility),
        "rate_pa": _dec(p.rate_pa),
        "method": InterestMethod(p.method).value if p.method else None,
        "allowed_methods": _json_list(p.allowed_methods),
        "tiered_rates": _json_list(
            tuple(_dec(r) for r in p.tiered_rate.rates_by_use) if p.tiered_rate else ()
        ),
        "min_tenor_months": p.min_tenor_months,
        "max_tenor_months": p.max_tenor_months,
        "min_amount": p.min_amount,
        "max_amount": p.max_amount,
        "provision_pct": _dec(p.fees.provision_pct),
        "admin": p.fees.admin,
        "insurance_pct": _dec(p.fees.insurance_pct),
        "notary": p.fees.notary,
        "rounding": Rounding(p.rounding).value,
        "max_dsr_pct": None if p.max_dsr_pct is None else _dec(p.max_dsr_pct),
        "aro_available": p.aro_available,
        "risks": _json_list(p.risks),
        "late_penalty": p.late_penalty,
        "early_repayment": p.early_repayment,
        "other_costs": _json_list(p.other_costs),
        "early_withdrawal_penalty": p.early_withdrawal_penalty,
        "active": p.active,
        "terms_version": p.terms_version,
        "terms_effective": p.terms_effective,
    }


def row_to_product(row: ProductRow) -> Product:
    tiered = [Decimal(r) for r in json.loads(row.tiered_rates or "[]")]
    return Product(
        code=row.code,
        name=row.name,
        kind=ProductKind(row.kind),
        short_description=row.short_description,
        long_description=row.long_description,
        benefits=tuple(json.loads(row.benefits or "[]")),
        required_documents=tuple(json.loads(row.required_documents or "[]")),
        eligibility=tuple(json.loads(row.eligibility or "[]")),
        rate_pa=Decimal(row.rate_pa),
        method=InterestMethod(row.method) if row.method else None,
        allowed_methods=tuple(InterestMethod(m) for m in json.loads(row.allowed_methods or "[]")),
        tiered_rate=TieredRateRule(tuple(tiered)) if tiered else None,
        min_tenor_months=row.min_tenor_months,
        max_tenor_months=row.max_tenor_months,
        min_amount=row.min_amount,
        max_amount=row.max_amount,
        fees=LoanFees(
            Decimal(row.provision_pct), row.admin, Decimal(row.insurance_pct), row.notary
        ),
        rounding=Rounding(row.rounding),
        max_dsr_pct=None if row.max_dsr_pct is None else Decimal(row.max_dsr_pct),
        aro_available=row.aro_available,
        risks=tuple(json.loads(row.risks or "[]")),
        late_penalty=row.late_penalty or "",
        early_repayment=row.early_repayment or "",
        other_costs=tuple(json.loads(row.other_costs or "[]")),
        early_withdrawal_penalty=row.early_withdrawal_penalty or "",
        active=row.active,
        terms_version=row.terms_version,
        terms_effective=row.terms_effective,
        id=row.id,
        version=row.version,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, TieredRateRule):
        return _jsonable(value.rates_by_use)
    if isinstance(value, LoanFees):
        return {k: _jsonable(v) for k, v in vars(value).items()}
    return value


class SqlProductRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading ------------------------------------------------------------------------
    def list(self, include_inactive: bool = False) -> list[Product]:
        stmt = select(ProductRow).order_by(_KIND_ORDER, ProductRow.id)
        if not include_inactive:
            stmt = stmt.where(ProductRow.active.is_(True))
        return [row_to_product(r) for r in self.session.scalars(stmt)]

    def get(self, product_id: int) -> Product | None:
        row = self.session.get(ProductRow, product_id, populate_existing=True)
        return row_to_product(row) if row else None

    def get_by_code(self, code: str) -> Product | None:
        """Codes are stored upper case; the lookup ignores case."""
        stmt = select(ProductRow).where(ProductRow.code == code.strip().upper())
        row = self.session.scalars(stmt.execution_options(populate_existing=True)).first()
        return row_to_product(row) if row else None

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(ProductRow)).scalar_one())

    def last_change(self, product_id: int) -> tuple[str, datetime] | None:
        """Who changed the product last and when (for stale-edit messages)."""
        r = self.session.execute(
            select(ProductRow.updated_by, ProductRow.updated_at).where(ProductRow.id == product_id)
        ).first()
        return (r.updated_by, r.updated_at) if r else None

    # --- writing ------------------------------------------------------------------------
    def _audit(
        self, row_id: int, action: str, actor: str, now: datetime, details: dict[str, Any]
    ) -> None:
        audit_entry(self.session, "products", row_id, action, actor, now, details)

    def add(self, product: Product, actor_name: str, now: datetime) -> Product:
        row = ProductRow(
            **product_values(product), version=1, updated_at=now, updated_by=actor_name
        )
        self.session.add(row)
        self.session.flush()
        self._audit(row.id, "create", actor_name, now, {"code": row.code})
        saved = self.get(row.id)
        assert saved is not None
        return saved

    def update(self, product: Product, actor_name: str, now: datetime) -> Product | None:
        """Save if the stored version still equals `product.version`; None when it does not
        (or the product is gone)."""
        if product.id is None:
            return None
        before = self.get(product.id)
        if before is None or before.version != product.version:
            return None
        result = self.session.execute(
            update(ProductRow)
            .where(ProductRow.id == product.id, ProductRow.version == product.version)
            .values(
                **product_values(product),
                version=ProductRow.version + 1,
                updated_at=now,
                updated_by=actor_name,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            return None
        changed = {
            f: [_jsonable(getattr(before, f)), _jsonable(getattr(product, f))]
            for f in EDITABLE_PRODUCT_FIELDS
            if getattr(before, f) != getattr(product, f)
        }
        self._audit(product.id, "update", actor_name, now, changed)
        return self.get(product.id)
