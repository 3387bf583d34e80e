"""Use cases of the product catalog: the seed, browsing, the admin's edits, deposit rules
kept as settings, and Excel in and out. Simulations driven by a product and a client's
affordability live in `product_simulation` and are re-exported here, so callers import
every product use case from this one module.

Changing the catalog or the deposit rules is for admins only, checked here (not only by
hiding buttons). Every rate, range and fee comes from the product, never from code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.cell_values import RowIssue
from ao_desktop.domain.common.errors import (
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.products.deposit import DepositRules
from ao_desktop.domain.products.product import Product
from ao_desktop.domain.products.product_rules import (
    EDITABLE_PRODUCT_FIELDS,
    product_changes,
    validated_product,
)
from ao_desktop.domain.products.rate_conversion import check_rate
from ao_desktop.services.ports import Transaction, UnitOfWork
from ao_desktop.services.products.product_seed import load_seed_catalog
from ao_desktop.services.products.product_simulation import (
    DEFAULT_MAX_DSR_PCT,
    client_affordability,
    max_amount_for_client,
    simulate_product_deposit,
    simulate_product_loan,
)

__all__ = [
    "DEFAULT_MAX_DSR_PCT",
    "DEPOSIT_SETTING_KEYS",
    "ImportSummary",
    "client_affordability",
    "deposit_rules",
    "export_catalog",
    "get_product",
    "import_catalog",
    "list_products",
    "max_amount_for_client",
    "save_deposit_rules",
    "save_product",
    "seed_catalog_if_empty",
    "set_product_active",
    "simulate_product_deposit",
    "simulate_product_loan",
]

log = logging.getLogger(__name__)

SEED_ACTOR = "sistem (katalog awal)"
# Deposit rules in the settings table; a missing or unreadable value means the default.
DEPOSIT_SETTING_KEYS = {
    "tax_pct": "deposit.tax_pct",
    "tax_free_threshold": "deposit.tax_free_threshold",
    "lps_max_rate_pa": "deposit.lps_max_rate_pa",
    "lps_max_balance": "deposit.lps_max_balance",
}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _issue(name: str, message: str) -> FieldIssue:
    return FieldIssue(name, message, True)


def _require_admin(actor: Actor, message: str | None = None) -> None:
    require(actor, Action.MANAGE_CATALOG, message)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- the catalog --------------------------------------------------------------------------
def seed_catalog_if_empty(uow: UnitOfWork) -> int:
    """Load the seed catalog into a database without products; the number added (0 when
    the catalog already has products, so calling it on every start is harmless)."""
    with uow.read() as tx:
        if tx.products.count():
            return 0
    products = load_seed_catalog()
    now = _now()
    with uow.write() as tx:
        # Checked again under the write lock: a colleague's PC may have seeded meanwhile.
        if tx.products.count():
            return 0
        for product in products:
            tx.products.add(product, SEED_ACTOR, now)
    return len(products)


def list_products(uow: UnitOfWork, include_inactive: bool = False) -> list[Product]:
    with uow.read() as tx:
        return tx.products.list(include_inactive)


def _not_found(code: str) -> NotFound:
    return NotFound(_("Produk dengan kode {code} tidak ditemukan.").format(code=str(code).strip()))


def get_product(uow: UnitOfWork, code: str) -> Product:
    """The product with this code (any case); NotFound otherwise."""
    with uow.read() as tx:
        product = tx.products.get_by_code(str(code))
    if product is None:
        raise _not_found(code)
    return product


def _check_code_free(tx: Transaction, product: Product, own_id: int | None) -> None:
    other = tx.products.get_by_code(product.code)
    if other is not None and other.id != own_id:
        raise ValidationFailed(
            [
                _issue(
                    "code",
                    _("Kode produk {code} sudah dipakai oleh {name}.").format(
                        code=product.code, name=other.name
                    ),
                )
            ]
        )


def _stale(tx: Transaction, original: Product, current: Product | None) -> StaleEdit:
    if current is None or original.id is None:
        return StaleEdit(_("Produk ini sudah tidak ada di database."), [], None)
    changes = product_changes(original, current)
    last = tx.products.last_change(original.id)
    who = (last[0] if last else "") or _("rekan lain")
    when = format_datetime(last[1]) if last else ""
    fields = ", ".join(c.label for c in changes) or _("status aktif")
    return StaleEdit(
        _(
            "Produk {name} sudah diubah oleh {who} pada {when} sejak Anda membukanya "
            "(bagian yang berubah: {fields}). Perubahan Anda tidak disimpan; muat ulang lalu ulangi."
        ).format(name=current.name, who=who, when=when, fields=fields),
        changes,
        last[0] if last else None,
    )


def save_product(
    uow: UnitOfWork, product: Product, actor: Actor, original: Product | None = None
) -> Product:
    """Add `product` (when `original` is None) or save it over `original`.

    Admins only. Every field is validated; a code already in use is refused; an edit of a
    product a colleague saved meanwhile is refused with what they changed (StaleEdit).
    """
    _require_admin(actor)
    cleaned = validated_product(product)
    with uow.write() as tx:
        if original is None:
            _check_code_free(tx, cleaned, None)
            return tx.products.add(replace(cleaned, id=None, version=0), actor.name, _now())
        if original.id is None:
            raise NotFound(_("Produk belum tersimpan."))
        cleaned = replace(cleaned, id=original.id, version=original.version)
        _check_code_free(tx, cleaned, original.id)
        saved = tx.products.update(cleaned, actor.name, _now())
        if saved is None:
            raise _stale(tx, original, tx.products.get(original.id))
        return saved


def set_product_active(uow: UnitOfWork, code: str, active: bool, actor: Actor) -> Product:
    """Offer or withdraw a product; an inactive product stays in the catalog for admins."""
    _require_admin(actor)
    with uow.write() as tx:
        product = tx.products.get_by_code(str(code))
        if product is None:
            raise _not_found(code)
        if product.active == bool(active):
            return product
        saved = tx.products.update(replace(product, active=bool(active)), actor.name, _now())
        if saved is None:  # pragma: no cover - read and written under one write lock
            raise _stale(tx, product, tx.products.get(product.id or 0))
        return saved


# --- deposit rules (settings) ---------------------------------------------------------------
def _check_deposit_rules(rules: DepositRules) -> DepositRules:
    issues: list[FieldIssue] = []
    for name, message in (
        ("tax_pct", _("Tarif pajak bunga harus antara 0% dan 100%")),
        ("lps_max_rate_pa", _("Tingkat bunga penjaminan LPS harus antara 0% dan 100%")),
    ):
        try:
            check_rate(getattr(rules, name), name)
        except ValidationFailed:
            issues.append(_issue(name, message))
    for name in ("tax_free_threshold", "lps_max_balance"):
        value = getattr(rules, name)
        if not _is_int(value) or value < 0:
            issues.append(_issue(name, _("Jumlah tidak boleh negatif")))
    if issues:
        raise ValidationFailed(issues)
    return rules


def deposit_rules(uow: UnitOfWork) -> DepositRules:
    """The tax and LPS rules stored in the database's settings; defaults where unset."""
    default = DepositRules()
    values: dict[str, object] = {}
    with uow.read() as tx:
        for name, key in DEPOSIT_SETTING_KEYS.items():
            text = tx.settings.get(key, "").strip()
            if not text:
                continue
            try:
                values[name] = (
                    int(text) if isinstance(getattr(default, name), int) else Decimal(text)
                )
            except (ValueError, InvalidOperation):
                log.warning("setting %s has an unreadable value %r; using the default", key, text)
    try:
        return _check_deposit_rules(replace(default, **values))
    except ValidationFailed:
        log.warning("deposit settings out of range; using the defaults")
        return default


def save_deposit_rules(uow: UnitOfWork, rules: DepositRules, actor: Actor) -> DepositRules:
    """Store the tax and LPS rules (admins only), with who changed them and when."""
    _require_admin(actor, _("Hanya admin yang dapat mengubah ketentuan deposito."))
    _check_deposit_rules(rules)
    with uow.write() as tx:
        tx.settings.change({key: str(getattr(rules, name)) for name, key in DEPOSIT_SETTING_KEYS.items()},
                           actor.name, _now())
        tx.settings.set("deposit.updated_by", actor.name)
        tx.settings.set("deposit.updated_at", _now().isoformat())
    return rules


# --- Excel --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    errors: list[RowIssue] = field(default_factory=list)
    unchanged: int = 0


def export_catalog(uow: UnitOfWork, path: str | Path) -> int:
    """Write every product (inactive ones too) to an Excel workbook; the number written."""
    products = list_products(uow, include_inactive=True)
    from ao_desktop.documents.products.product_catalog_xlsx import (
        write_catalog,  # openpyxl: on first use
    )

    write_catalog(Path(path), products)
    return len(products)


def _same(a: Product, b: Product) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in EDITABLE_PRODUCT_FIELDS)


def import_catalog(uow: UnitOfWork, path: str | Path, actor: Actor) -> ImportSummary:
    """Add or update products from a workbook, matched by code (admins only).

    All or nothing: when any row is bad, nothing is written and the summary lists every
    problem by row and column; otherwise every change is saved in one write transaction.
    """
    _require_admin(actor)
    from ao_desktop.documents.products.product_catalog_xlsx import (
        read_catalog,  # openpyxl: on first use
    )

    products, errors = read_catalog(Path(path))
    if errors:
        return ImportSummary(0, 0, errors)
    added = updated = unchanged = 0
    now = _now()
    with uow.write() as tx:
        for product in products:
            current = tx.products.get_by_code(product.code)
            if current is None:
                tx.products.add(product, actor.name, now)
                added += 1
            elif _same(current, product):
                unchanged += 1
            else:
                saved = tx.products.update(
                    replace(product, id=current.id, version=current.version), actor.name, now
                )
                if saved is None:  # pragma: no cover - read and written under one write lock
                    raise _stale(tx, current, tx.products.get(current.id or 0))
                updated += 1
    return ImportSummary(added, updated, [], unchanged)
