"""Giving the products of an older database the RIPLAY content of the seed catalog.

A database from before RIPLAY (schema 3) has products without risks, penalties or other
costs. A product the app seeded and nobody has changed since gets the seed's RIPLAY
content, as the seed catalog's own author would have written it; a product an admin
edited (or added) is left alone: only the admin knows its terms, and it is refused on
printing, with what to fill, until they complete it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.products.product import Product
from ao_desktop.domain.products.product_rules import EDITABLE_PRODUCT_FIELDS
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.product_seed import load_seed_catalog

RIPLAY_FIELDS = ("risks", "late_penalty", "early_repayment", "other_costs",
                 "early_withdrawal_penalty")  # fmt: skip
BACKFILL_ACTOR = "sistem (RIPLAY katalog awal)"


def _unchanged_seed(stored: Product, seed: Product) -> bool:
    """Every term as the seed has it; whether it is offered (active) does not count."""
    compared = (f for f in EDITABLE_PRODUCT_FIELDS if f not in (*RIPLAY_FIELDS, "active"))
    return all(getattr(stored, f) == getattr(seed, f) for f in compared)


def complete_seeded_products(uow: UnitOfWork) -> int:
    """Fill the RIPLAY content of unchanged seeded products; how many were filled (0 on
    every later start, so calling it on each opening is harmless)."""
    with uow.read() as tx:
        pending = [
            p for p in tx.products.list(include_inactive=True)
            if all(not getattr(p, name) for name in RIPLAY_FIELDS)
        ]  # fmt: skip
    if not pending:
        return 0
    seed = {p.code: p for p in load_seed_catalog()}
    filled = 0
    now = datetime.now().replace(microsecond=0)
    with uow.write() as tx:
        for product in pending:
            source = seed.get(product.code)
            if source is None or not _unchanged_seed(product, source):
                continue
            content = {name: getattr(source, name) for name in RIPLAY_FIELDS}
            # Version-checked like any edit: a colleague's change since the read wins.
            if tx.products.update(replace(product, **content), BACKFILL_ACTOR, now) is not None:
                filled += 1
    return filled
