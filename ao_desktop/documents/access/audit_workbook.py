"""The audit trail as an .xlsx: one row per entry, the change described in words."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ao_desktop.domain.access.audit import AuditEntry, describe, table_label
from ao_desktop.domain.common.i18n import _

HEADERS = ("Waktu", "Petugas", "Id petugas", "Bagian", "Id baris", "Tindakan", "Id nasabah", "Rincian")


def write_audit_workbook(path: Path, entries: Sequence[AuditEntry]) -> None:
    import xlsxwriter

    fd, tmp = tempfile.mkstemp(prefix=".audit-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        book = xlsxwriter.Workbook(tmp, {"constant_memory": True, "remove_timezone": True})
        sheet = book.add_worksheet(_("Jejak audit"))
        bold = book.add_format({"bold": True})
        when = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
        for col, title in enumerate(HEADERS):
            sheet.write(0, col, _(title), bold)
        for row, e in enumerate(entries, start=1):
            sheet.write_datetime(row, 0, e.at, when)
            sheet.write(row, 1, e.actor)
            sheet.write(row, 2, e.officer_id if e.officer_id is not None else "")
            sheet.write(row, 3, table_label(e.table))
            sheet.write(row, 4, e.row_id)
            sheet.write(row, 5, e.action)
            sheet.write(row, 6, e.client_id if e.client_id is not None else "")
            sheet.write_string(row, 7, describe(e.details, 32_000))
        sheet.set_column(0, 0, 19)
        sheet.set_column(1, 1, 24)
        sheet.set_column(3, 3, 18)
        sheet.set_column(5, 5, 14)
        sheet.set_column(7, 7, 80)
        sheet.freeze_panes(1, 0)
        book.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
