"""The credit memo (MAK) of one application: gathered in one read, written as a PDF.

The figures on the memo are the domain's (services/credit/applications.assess), so the
memo, the editor and `ao-desktop applications` can never disagree.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from ao_desktop.documents.credit.credit_memo import CreditMemoData, write_credit_memo
from ao_desktop.domain.common.errors import NotFound, ValidationFailed
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.credit.application import schedule_for
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.credit.labels import status_label
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.credit.applications import assess, read_settings
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.product_sheets import sheet_header


def credit_memo_data(uow: UnitOfWork, application_id: int) -> CreditMemoData:
    with uow.read() as tx:
        app = tx.applications.get(application_id)
        if app is None:
            raise NotFound(_("Pengajuan dengan id {id} tidak ditemukan.").format(id=application_id))
        client = tx.clients.get(app.client_id)
        product = tx.products.get_by_code(app.product_code)
        if client is None or product is None:
            raise NotFound(_("Nasabah atau produk pengajuan {id} tidak ditemukan.").format(id=application_id))
        settings = read_settings(tx)
        history = tx.applications.history(application_id)
        running = tx.portfolio.active_installments(app.client_id, app.id)
    a = assess(app, product, settings, client.full_name, running)
    # The schedule from the day it was written; a draft's from today.
    start = (app.created_at.date() if app.created_at else date.today())
    try:
        schedule = schedule_for(app, product, start)
    except ValidationFailed:
        schedule = schedule_for(app, product, date.today())
    decided = next((h for h in reversed(history)
                    if h.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)), None)
    return CreditMemoData(
        header=sheet_header(uow, app.officer_id), application=app, client=client, product=product,
        schedule=schedule, ratios=a.ratios, score=a.score, grade=a.grade, weights=settings.weights,
        printed_at=datetime.now().replace(microsecond=0),
        approver_name=decided.changed_by if decided else "",
        history=tuple((format_datetime(h.changed_at), status_label(h.status), h.changed_by) for h in history),
    )


@records_refusal
def write_memo(uow: UnitOfWork, application_id: int, out: Path | BinaryIO, actor: Actor | None = None) -> int:
    """The memo written whole to `out`, its page count; with `actor`, only for an application they may read, and the
    export recorded in the audit (the memo holds the client's NIK, income and loans)."""
    if actor is not None:
        from ao_desktop.domain.access.permissions import Action, require, require_reader
        from ao_desktop.services.access.exports import record_export

        require(actor, Action.EXPORT_PERSONAL_DATA)
        data = credit_memo_data(uow, application_id)
        require_reader(actor, data.application.officer_id, _("AO hanya dapat mencetak memo pengajuannya sendiri."))
        pages = write_credit_memo(data, out)
        record_export(uow, actor, "credit_memo_pdf", getattr(out, "name", "") if not isinstance(out, Path)
                      else out.name, {"application_id": application_id}, data.application.client_id)
        return pages
    return write_credit_memo(credit_memo_data(uow, application_id), out)
