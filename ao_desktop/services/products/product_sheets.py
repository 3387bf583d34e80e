"""Use cases of the printed product sheet: the bank header from the settings, and one
sheet for one product and (optionally) one client, simulated and written as a PDF.

The simulation runs through the catalog services, so the sheet shows exactly what the
simulator on screen shows (the product's rate, range checks, fees and rounding). Every
input is checked before anything is written; the PDF goes to a temporary file beside
the target and is renamed over it, so a failed write never leaves half a sheet behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from ao_desktop.documents.products.product_sheet_data import (
    ComparisonOption,
    ComparisonSheetData,
    ProductSheetData,
    SheetHeader,
)
from ao_desktop.domain.common.errors import FieldIssue, NotFound, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule
from ao_desktop.domain.products.product import ProductKind
from ao_desktop.services.clients.directory import get_client
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.catalog import (
    client_affordability,
    deposit_rules,
    get_product,
    simulate_product_deposit,
    simulate_product_loan,
)

BANK_NAME_KEY = "bank.name"
BRANCH_NAME_KEY = "bank.branch"
LOGO_PATH_KEY = "bank.logo_path"
DEFAULT_BANK_NAME = "Bank"
MAX_COMPARISON = 3


def sheet_header(uow: UnitOfWork, officer_id: int | None) -> SheetHeader:
    """The bank and branch (settings "bank.*") and the AO who hands the sheet over.

    An unknown officer is printed without a name rather than refusing the sheet: the
    client still needs the simulation.
    """
    with uow.read() as tx:
        bank = tx.settings.get(BANK_NAME_KEY, "").strip() or DEFAULT_BANK_NAME
        branch = tx.settings.get(BRANCH_NAME_KEY, "").strip()
        logo = tx.settings.get(LOGO_PATH_KEY, "").strip()
        officer = tx.officers.get(officer_id) if officer_id is not None else None
    return SheetHeader(
        bank_name=bank,
        branch_name=branch,
        logo_path=Path(logo) if logo else None,
        officer_name=officer.name if officer else "",
        officer_phone=officer.phone if officer else "",
    )


def sheet_officer(uow: UnitOfWork, officer_id: int | None) -> int | None:
    """The officer whose name and number a sheet carries: `officer_id`, which must exist
    (NotFound otherwise), or without one the branch's only active officer; None when
    there are several (the sheet then asks the client to contact "their" AO)."""
    with uow.read() as tx:
        if officer_id is not None:
            if tx.officers.get(officer_id) is None:
                raise NotFound(
                    _("Account Officer dengan id {id} tidak ditemukan.").format(id=officer_id)
                )
            return officer_id
        active = tx.officers.list(active_only=True)
    return active[0].id if len(active) == 1 else None


def _comparison(
    product_schedule: LoanSchedule,
    methods: tuple[InterestMethod | str, ...],
    simulate: Callable[[InterestMethod], LoanSchedule],
) -> tuple[LoanSchedule, ...]:
    """The same amount and tenor under each method asked for, in order, at most three."""
    chosen: list[InterestMethod] = []
    for method in methods:
        try:
            member = InterestMethod(method)
        except ValueError:
            raise ValidationFailed(
                [FieldIssue("comparison_methods", _("Metode bunga tidak dikenal"), True)]
            ) from None
        if member not in chosen:
            chosen.append(member)
    if len(chosen) > MAX_COMPARISON:
        raise ValidationFailed(
            [
                FieldIssue(
                    "comparison_methods",
                    _("Paling banyak {n} pilihan dibandingkan").format(n=MAX_COMPARISON),
                    True,
                )
            ]
        )
    current = InterestMethod(product_schedule.request.method)
    return tuple(product_schedule if method is current else simulate(method) for method in chosen)


def build_product_sheet(
    uow: UnitOfWork,
    *,
    code: str,
    amount: int,
    tenor_months: int,
    officer_id: int | None = None,
    client_id: int | None = None,
    method: InterestMethod | str | None = None,
    start_date: date | None = None,
    previous_uses: int = 0,
    comparison_methods: tuple[InterestMethod | str, ...] = (),
    aro: bool = False,
    rollovers: int = 0,
    printed_at: datetime | None = None,
) -> ProductSheetData:
    """Everything the sheet prints, simulated and checked; nothing is written.

    Loans get the schedule (and the client's DSR when a client is named), deposits the
    interest and ARO projection under the bank's tax and LPS settings; savings and other
    products print their explanation only, so `amount` and `tenor_months` are ignored.
    """
    product = get_product(uow, code)
    client_name = ""
    if client_id is not None:
        client_name = get_client(uow, client_id).display_name
    schedule = deposit = affordability = None
    comparison: tuple[LoanSchedule, ...] = ()
    start = start_date or date.today()
    if product.is_loan:

        def simulate(m: InterestMethod | str | None) -> LoanSchedule:
            return simulate_product_loan(
                product, amount, tenor_months, method=m, start_date=start, previous_uses=previous_uses
            )

        schedule = simulate(method)
        if client_id is not None:
            affordability = client_affordability(uow, client_id, schedule, product)
        comparison = _comparison(schedule, tuple(comparison_methods), simulate)
    elif product.kind is ProductKind.DEPOSIT:
        deposit = simulate_product_deposit(
            product,
            amount,
            tenor_months,
            start_date=start,
            aro=aro,
            rollovers=rollovers,
            rules=deposit_rules(uow),
        )
    return ProductSheetData(
        header=sheet_header(uow, officer_id),
        product=product,
        printed_at=printed_at or datetime.now().replace(microsecond=0),
        client_name=client_name,
        schedule=schedule,
        deposit=deposit,
        affordability=affordability,
        comparison=comparison,
    )


def make_product_sheet(
    uow: UnitOfWork,
    *,
    code: str,
    amount: int,
    tenor_months: int,
    out: Path,
    officer_id: int | None = None,
    client_id: int | None = None,
    method: InterestMethod | str | None = None,
    start_date: date | None = None,
    previous_uses: int = 0,
    comparison_methods: tuple[InterestMethod | str, ...] = (),
    aro: bool = False,
    rollovers: int = 0,
    printed_at: datetime | None = None,
) -> int:
    """Simulate and write the product sheet to `out`; the number of pages.

    Bad input (unknown product or client, an amount or tenor outside the product's range)
    raises before any file is touched; `out` is replaced only by a complete PDF.
    """
    data = build_product_sheet(
        uow,
        code=code,
        amount=amount,
        tenor_months=tenor_months,
        officer_id=officer_id,
        client_id=client_id,
        method=method,
        start_date=start_date,
        previous_uses=previous_uses,
        comparison_methods=comparison_methods,
        aro=aro,
        rollovers=rollovers,
        printed_at=printed_at,
    )
    return write_atomically(data, Path(out))


def write_atomically(data: ProductSheetData, out: Path) -> int:
    """Write the sheet to a temporary file in `out`'s folder, then rename it over `out`."""

    def write(handle: BinaryIO) -> int:
        # reportlab loads here, on first use, not when the window starts.
        from ao_desktop.documents.products.product_sheet import write_product_sheet

        return write_product_sheet(data, handle)

    return _write_atomically(write, out)


def make_comparison_sheet(
    uow: UnitOfWork,
    *,
    options: Sequence[tuple[str, LoanSchedule]],
    out: Path,
    officer_id: int | None = None,
    client_id: int | None = None,
    printed_at: datetime | None = None,
) -> int:
    """Write the comparison of up to three simulated loans (product name, schedule) to
    `out` for the client; the number of pages. `out` is replaced only by a whole PDF."""
    if not 1 <= len(options) <= MAX_COMPARISON:
        raise ValidationFailed(
            [FieldIssue("options", _("Pilih 1 sampai {n} simulasi untuk dibandingkan")
                        .format(n=MAX_COMPARISON), True)]
        )  # fmt: skip
    data = ComparisonSheetData(
        header=sheet_header(uow, officer_id),
        printed_at=printed_at or datetime.now().replace(microsecond=0),
        options=tuple(ComparisonOption(name, schedule) for name, schedule in options),
        client_name=get_client(uow, client_id).display_name if client_id is not None else "",
    )

    def write(handle: BinaryIO) -> int:
        from ao_desktop.documents.products.comparison_sheet import write_comparison_sheet

        return write_comparison_sheet(data, handle)

    return _write_atomically(write, Path(out))


def _write_atomically(write: Callable[[BinaryIO], int], out: Path) -> int:
    """Run `write` on a temporary file in `out`'s folder, then rename it over `out`."""
    folder = out.parent
    if not folder.is_dir():
        raise NotFound(_("Folder {p} tidak ditemukan.").format(p=folder))
    fd, temp_name = tempfile.mkstemp(prefix=".sheet-", suffix=".pdf.tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            pages = write(handle)
            handle.flush()
            os.fsync(handle.fileno())  # on a shared drive: on disk before the rename
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the sheet from colleagues
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages
