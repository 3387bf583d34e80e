"""Use cases of the personal RIPLAYs on record: the list on a client's panel and the
reprint of one, identical to what the client received.

The reprint is built from the record's snapshot alone (terms, figures, bank details and
print time as they were), so a catalog changed since cannot change the document.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ao_desktop.domain.common.errors import NotFound
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.riplay import RiplayRecord
from ao_desktop.services.branch_logo import logo_as_printed
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.product_sheets import render_sheet, write_pdf_atomically
from ao_desktop.services.products.riplay_snapshot import decode_snapshot


def list_riplay_records(uow: UnitOfWork, client_id: int) -> list[RiplayRecord]:
    """The client's recorded RIPLAYs, newest first."""
    with uow.read() as tx:
        return tx.riplays.for_client(client_id)


def get_riplay_record(uow: UnitOfWork, record_id: int) -> RiplayRecord:
    with uow.read() as tx:
        record = tx.riplays.get(record_id)
    if record is None:
        raise NotFound(_("Catatan RIPLAY {id} tidak ditemukan.").format(id=record_id))
    return record


def reprint_riplay(uow: UnitOfWork, record_id: int, out: Path) -> int:
    """Write the recorded RIPLAY again to `out`; the number of pages. Not a new record:
    the client received it once, this is a copy of the same document."""
    record = get_riplay_record(uow, record_id)
    data = decode_snapshot(record.snapshot)
    if data.header.logo_path is not None:  # printed on another PC: its logo file is not here
        with uow.read() as tx:
            logo = logo_as_printed(tx.settings, str(data.header.logo_path))
        data = replace(data, header=replace(data.header, logo_path=Path(logo) if logo else None))
    pdf, pages = render_sheet(data)
    write_pdf_atomically(pdf, Path(out))
    return pages
