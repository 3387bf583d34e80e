"""Collateral (agunan) offered for an application, and its coverage of the amount."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.enums import CollateralType

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Collateral:
    type: CollateralType
    owner: str
    description: str
    market_value: int  # nilai pasar, rupiah
    liquidation_value: int  # nilai likuidasi (forced sale), rupiah


def collateral_issues(items: Sequence[Collateral]) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    for n, item in enumerate(items, start=1):
        for name, value in (("market_value", item.market_value),
                            ("liquidation_value", item.liquidation_value)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                issues.append(FieldIssue(f"collateral[{n}].{name}", _(
                    "Agunan ke-{n}: nilai harus rupiah bulat, tidak negatif.").format(n=n)))
        if item.liquidation_value > item.market_value:
            issues.append(FieldIssue(f"collateral[{n}].liquidation_value", _(
                "Agunan ke-{n}: nilai likuidasi tidak boleh melebihi nilai pasar.").format(n=n)))
        if not item.owner.strip():
            issues.append(FieldIssue(f"collateral[{n}].owner", _(
                "Agunan ke-{n}: isi nama pemilik.").format(n=n)))
    return issues


def total_liquidation(items: Sequence[Collateral]) -> int:
    return sum(i.liquidation_value for i in items)


def coverage_pct(items: Sequence[Collateral], amount: int) -> Decimal | None:
    """Coverage = total liquidation value ÷ amount × 100, 2 decimals half-up; None when
    there is no amount yet."""
    if amount <= 0:
        return None
    return (Decimal(total_liquidation(items)) * 100 / amount).quantize(HUNDREDTH, ROUND_HALF_UP)
