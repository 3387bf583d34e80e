"""The client directory out to Excel (with the directory's current filter and order), and
the blank import template. The workbook writers live in documents/client_workbook.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.labels import source_label, status_label
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.services.ports import Progress, UnitOfWork

# Clients per short read transaction: ~0.1 s of reading, so a colleague's save waits at
# most that long behind an export.
EXPORT_BATCH = 2000


def describe_query(query: ClientQuery, officer_name: str = "") -> str:
    """The filter in words, written into the export so a reader knows what the list is."""
    parts = []
    if query.text.strip():
        parts.append(_("pencarian \u201c{t}\u201d").format(t=query.text.strip()))
    if query.statuses:
        parts.append(_("status: {s}").format(
            s=", ".join(sorted(status_label(s) for s in query.statuses))))
    if query.sources:
        parts.append(_("sumber: {s}").format(
            s=", ".join(sorted(source_label(s) for s in query.sources))))
    if query.officer_id is not None:
        parts.append(_("AO: {n}").format(n=officer_name or query.officer_id))
    if query.tag.strip():
        parts.append(_("tag: {t}").format(t=query.tag.strip()))
    if query.archived_only:
        parts.append(_("hanya arsip"))
    elif query.include_archived:
        parts.append(_("termasuk arsip"))
    return "; ".join(parts) if parts else _("semua nasabah (tanpa filter)")


def export_clients(
    uow: UnitOfWork,
    query: ClientQuery,
    path: str | Path,
    actor: Actor,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write every client the query finds to an .xlsx file; returns how many.

    The ids are read in one short transaction, then the clients in batches, each its own
    short read: on a shared drive a colleague's save never waits behind a long export (a
    rollback-journal reader blocks every writer's commit). A client changed meanwhile is
    written as it is when its batch is read; one deleted meanwhile is left out. The file
    appears only when complete; a cancel (OperationCancelled) leaves any existing file as
    it was.
    """
    from ao_desktop.documents.imports.client_workbook import ExportRow, write_client_sheet
    from ao_desktop.services.access.exports import record_export
    from ao_desktop.services.clients.directory import scoped_query

    require(actor, Action.EXPORT_PERSONAL_DATA)
    query = scoped_query(query, actor)  # an AO exports their own clients only
    report = progress or (lambda _what, _done, _total: None)
    with uow.read() as tx:
        ids = tx.clients.export_ids(query)
        officer = tx.officers.get(query.officer_id) if query.officer_id is not None else None
        description = describe_query(query, officer.name if officer else "")
    total = len(ids)
    report(_("Menulis berkas Excel…"), 0, total)

    def on_progress(done: int) -> None:
        report(_("Menulis berkas Excel…"), done, total)

    def stop() -> bool:
        return cancelled is not None and cancelled()

    def rows() -> Iterator[ExportRow]:
        for start in range(0, total, EXPORT_BATCH):
            with uow.read() as batch_tx:
                batch = batch_tx.clients.export_batch(ids[start:start + EXPORT_BATCH])
            # The read is over before the writer sees the rows.
            for client, officer_name in batch:
                yield ExportRow(client, officer_name)

    written = write_client_sheet(
        path, rows(), description=description,
        exported_by=_("{who}, {when}").format(who=actor.name, when=format_datetime(datetime.now())),
        progress=on_progress, cancelled=stop,
    )
    record_export(uow, actor, "clients_xlsx", Path(path).name, {"clients": written, "filter": description})
    return written


def write_import_template(uow: UnitOfWork, path: str | Path) -> None:
    """The blank import workbook, with the branch's active AOs in the AO drop-down."""
    from ao_desktop.documents.imports.client_workbook import write_import_template as write

    with uow.read() as tx:
        names = [o.name for o in tx.officers.list()]
    write(path, names)
