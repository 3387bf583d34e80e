"""Use cases of the printed product sheet, OJK's RIPLAY: the bank header and RIPLAY
details from the settings, and one sheet for one product, general (umum) without a client
or personal for one client, simulated and written as a PDF. A personal RIPLAY printed or
saved is recorded on the client with the snapshot it was printed from.

The simulation runs through the catalog services, so the sheet shows exactly what the
simulator on screen shows (the product's rate, range checks, fees and rounding). Every
input is checked before anything is written; the PDF goes to a temporary file beside
the target and is renamed over it, so a failed write never leaves half a sheet behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from ao_desktop.documents.products.product_sheet_data import (
    ComparisonOption,
    ComparisonSheetData,
    ProductSheetData,
    SheetHeader,
)
from ao_desktop.domain.common.errors import FieldIssue, NotFound, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.riplay import RiplayKind, RiplayRecord, riplay_issues
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.branch_logo import logo_for_print
from ao_desktop.services.clients.directory import get_client
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.catalog import (
    client_affordability,
    deposit_rules,
    get_product,
    simulate_product_deposit,
    simulate_product_loan,
)
from ao_desktop.services.products.riplay_issuer import issuer_for_print, require_complete
from ao_desktop.services.products.riplay_snapshot import SheetInputs, encode_snapshot

BANK_NAME_KEY = "bank.name"
BRANCH_NAME_KEY = "bank.branch"
DEFAULT_BANK_NAME = "Bank"
MAX_COMPARISON = 3


@dataclass(frozen=True)
class SheetResult:
    """A written RIPLAY: its pages, general or personal, and the record made of it."""

    pages: int
    kind: RiplayKind
    record_id: int | None = None
    affordability: Affordability | None = None  # the client's DSR, when a client was named


def require_riplay_content(product: Product) -> None:
    """Refuse a product whose RIPLAY would have a blank, telling the admin what to fill."""
    issues = riplay_issues(product)
    if issues:
        missing = "; ".join(issue.message for issue in issues)
        raise ValidationFailed(
            [
                FieldIssue(
                    "riplay",
                    _(
                        "RIPLAY produk {code} belum dapat dicetak: {missing}. Admin melengkapinya "
                        "di katalog produk (Ubah produk, bagian RIPLAY)."
                    ).format(code=product.code, missing=missing),
                    True,
                )
            ]
        )


def sheet_header(uow: UnitOfWork, officer_id: int | None) -> SheetHeader:
    """The bank and branch (settings "bank.*") and the AO who hands the sheet over.

    An unknown officer is printed without a name rather than refusing the sheet: the
    client still needs the simulation.
    """
    with uow.read() as tx:
        bank = tx.settings.get(BANK_NAME_KEY, "").strip() or DEFAULT_BANK_NAME
        branch = tx.settings.get(BRANCH_NAME_KEY, "").strip()
        logo = logo_for_print(tx.settings)
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


@dataclass(frozen=True)
class SheetSpec:
    """What a product sheet (RIPLAY) is printed for: the product and the simulation's
    inputs, the officer who hands it over and, for a personal RIPLAY, the client."""

    code: str
    amount: int = 0
    tenor_months: int = 0
    officer_id: int | None = None
    client_id: int | None = None
    method: InterestMethod | str | None = None
    start_date: date | None = None
    previous_uses: int = 0
    comparison_methods: tuple[InterestMethod | str, ...] = ()
    aro: bool = False
    rollovers: int = 0
    printed_at: datetime | None = None


def build_product_sheet(uow: UnitOfWork, spec: SheetSpec) -> ProductSheetData:
    """Everything the sheet prints, simulated and checked; nothing is written.

    Loans get the schedule (and the client's DSR when a client is named), deposits the
    interest and ARO projection under the bank's tax and LPS settings; savings and other
    products print their explanation only, so `amount` and `tenor_months` are ignored.
    """
    product = get_product(uow, spec.code)
    require_riplay_content(product)
    with uow.read() as tx:
        issuer = require_complete(issuer_for_print(tx))
    client_name = ""
    if spec.client_id is not None:
        client_name = get_client(uow, spec.client_id).display_name
    schedule = deposit = affordability = None
    comparison: tuple[LoanSchedule, ...] = ()
    start = spec.start_date or date.today()
    if product.is_loan:

        def simulate(m: InterestMethod | str | None) -> LoanSchedule:
            return simulate_product_loan(
                product, spec.amount, spec.tenor_months, method=m, start_date=start,
                previous_uses=spec.previous_uses,
            )

        schedule = simulate(spec.method)
        if spec.client_id is not None:
            affordability = client_affordability(uow, spec.client_id, schedule, product)
        comparison = _comparison(schedule, tuple(spec.comparison_methods), simulate)
    elif product.kind is ProductKind.DEPOSIT:
        deposit = simulate_product_deposit(
            product,
            spec.amount,
            spec.tenor_months,
            start_date=start,
            aro=spec.aro,
            rollovers=spec.rollovers,
            rules=deposit_rules(uow),
        )
    return ProductSheetData(
        header=sheet_header(uow, spec.officer_id),
        product=product,
        printed_at=spec.printed_at or datetime.now().replace(microsecond=0),
        client_name=client_name,
        schedule=schedule,
        deposit=deposit,
        affordability=affordability,
        comparison=comparison,
        issuer=issuer,
    )


@records_refusal
def make_riplay(uow: UnitOfWork, spec: SheetSpec, out: Path, *, record: bool = False,
                actor: Actor | None = None) -> SheetResult:
    """Simulate and write the RIPLAY to `out`: personal with a client, general without.

    Bad input (unknown product or client, an amount or tenor outside the product's range,
    RIPLAY content or bank details missing) raises before any file is touched; `out` is
    replaced only by a complete PDF. With `record` (a personal RIPLAY printed or saved,
    not a preview) the hand-over is recorded on the client in the same transaction that
    puts the file in place: there is never a record without its document, or the reverse.
    """
    if actor is not None and spec.client_id is not None:
        _check_client_sheet(uow, actor, spec.client_id)
    start = spec.start_date or date.today()
    data = build_product_sheet(uow, replace(spec, start_date=start))
    pdf, pages = render_sheet(data)  # reportlab's work, outside any transaction
    client_id = spec.client_id
    if not (record and client_id is not None):
        write_pdf_atomically(pdf, Path(out))
        return SheetResult(pages, data.kind, None, data.affordability)
    inputs = SheetInputs(
        amount=spec.amount, tenor_months=spec.tenor_months, start_date=start,
        method=data.schedule.request.method if data.schedule is not None else None,
        previous_uses=spec.previous_uses,
        comparison_methods=tuple(InterestMethod(s.request.method) for s in data.comparison),
        aro=spec.aro, rollovers=spec.rollovers,
    )  # fmt: skip
    with uow.write() as tx:
        saved = tx.riplays.add(
            _record_of(data, client_id, spec.officer_id, inputs), data.header.officer_name,
            data.printed_at,
        )  # fmt: skip
        write_pdf_atomically(pdf, Path(out))  # a failure here rolls the record back
    if actor is not None:
        from ao_desktop.services.access.exports import record_export

        record_export(uow, actor, "product_sheet_pdf", Path(out).name,
                      {"product": spec.code, "record_id": saved.id}, client_id)
    return SheetResult(pages, data.kind, saved.id, data.affordability)


def _check_client_sheet(uow: UnitOfWork, actor: Actor, client_id: int) -> None:
    """A personal sheet is for one's own client (an AO), any in the branch (supervisor,
    admin); marketing prints general sheets only."""
    from ao_desktop.domain.access.permissions import Action, require, require_owner

    require(actor, Action.EXPORT_PERSONAL_DATA)
    with uow.read() as tx:
        client = tx.clients.get(client_id)
    if client is not None:
        require_owner(actor, client.officer_id, _("AO hanya dapat membuat RIPLAY personal untuk nasabahnya sendiri."))


def _record_of(
    data: ProductSheetData, client_id: int, officer_id: int | None, inputs: SheetInputs
) -> RiplayRecord:
    product = data.product
    if data.schedule is not None:
        amount, tenor = data.schedule.request.amount, data.schedule.request.tenor_months
        rate = data.schedule.request.rate_pa
    elif data.deposit is not None:
        amount, tenor = data.deposit.request.amount, data.deposit.request.tenor_months
        rate = data.deposit.request.rate_pa
    else:  # savings and others print no simulation: no amount or tenor was given to them
        amount, tenor, rate = 0, 0, product.rate_pa
    return RiplayRecord(
        client_id=client_id,
        printed_at=data.printed_at,
        product_code=product.code,
        product_name=product.name,
        product_kind=ProductKind(product.kind).value,
        amount=amount,
        tenor_months=tenor,
        rate_pa=rate,
        terms_version=product.terms_version,
        product_version=product.version,
        officer_id=officer_id if data.header.officer_name else None,
        officer_name=data.header.officer_name,
        snapshot=encode_snapshot(data, inputs),
    )


def render_sheet(data: ProductSheetData) -> tuple[bytes, int]:
    """The PDF's bytes and its page count."""
    # reportlab loads here, on first use, not when the window starts.
    from ao_desktop.documents.products.product_sheet import write_product_sheet

    buffer = BytesIO()
    pages = write_product_sheet(data, buffer)
    return buffer.getvalue(), pages


def write_atomically(data: ProductSheetData, out: Path) -> int:
    """Write the sheet to `out` (see `write_pdf_atomically`); the number of pages."""
    pdf, pages = render_sheet(data)
    write_pdf_atomically(pdf, out)
    return pages


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

    from ao_desktop.documents.products.comparison_sheet import write_comparison_sheet

    buffer = BytesIO()
    pages = write_comparison_sheet(data, buffer)
    write_pdf_atomically(buffer.getvalue(), Path(out))
    return pages


def write_pdf_atomically(pdf: bytes, out: Path) -> None:
    """Write to a temporary file in `out`'s folder, then rename it over `out`."""
    folder = out.parent
    if not folder.is_dir():
        raise NotFound(_("Folder {p} tidak ditemukan.").format(p=folder))
    fd, temp_name = tempfile.mkstemp(prefix=".sheet-", suffix=".pdf.tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
            handle.flush()
            os.fsync(handle.fileno())  # on a shared drive: on disk before the rename
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the sheet from colleagues
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
