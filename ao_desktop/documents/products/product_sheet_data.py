"""What a product sheet shows: plain data, importable without reportlab (the GUI and
services build it at start-up; reportlab loads only when a sheet is written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.deposit import DepositResult
from ao_desktop.domain.products.loan_schedule import LoanSchedule
from ao_desktop.domain.products.product import Product
from ao_desktop.domain.products.riplay import RiplayIssuer, RiplayKind


@dataclass(frozen=True)
class SheetHeader:
    bank_name: str
    branch_name: str
    logo_path: Path | None
    officer_name: str
    officer_phone: str  # E.164 or ""


@dataclass(frozen=True)
class ProductSheetData:
    header: SheetHeader
    product: Product
    printed_at: datetime
    client_name: str = ""
    schedule: LoanSchedule | None = None
    deposit: DepositResult | None = None
    affordability: Affordability | None = None
    comparison: tuple[LoanSchedule, ...] = ()
    issuer: RiplayIssuer = RiplayIssuer()

    @property
    def kind(self) -> RiplayKind:
        """Personal when prepared for a named client, general otherwise."""
        return RiplayKind.PERSONAL if self.client_name.strip() else RiplayKind.GENERAL


@dataclass(frozen=True)
class ComparisonOption:
    product_name: str
    schedule: LoanSchedule


@dataclass(frozen=True)
class ComparisonSheetData:
    """Up to three loan options side by side, for the client to take home."""

    header: SheetHeader
    printed_at: datetime
    options: tuple[ComparisonOption, ...]
    client_name: str = ""
