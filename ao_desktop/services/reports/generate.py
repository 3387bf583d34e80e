"""Generating a work report: read it from one snapshot, write the PDF (and the Excel
companion) and keep it in the report history with the next version number.

The PDF, the workbook and the headline are all made from the one MonthlyReport read
inside `uow.snapshot()`, so they agree figure by figure. Runs on any thread; reports
progress and stops when `cancelled()` says so (nothing is recorded then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ao_desktop.domain.common.errors import NotFound, OperationCancelled
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.reports.history import ReportRecord, report_file_stem
from ao_desktop.domain.reports.report import MonthlyReport, headline
from ao_desktop.services.ports import Progress, SnapshotUnitOfWork, UnitOfWork
from ao_desktop.services.reports.monthly import ReportRequest, check_allowed, gather


@dataclass(frozen=True)
class GeneratedReport:
    report: MonthlyReport
    pdf: Path
    xlsx: Path | None
    pages: int
    headline: dict[str, object]
    record: ReportRecord | None = None


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def generate_report(
    uow: SnapshotUnitOfWork, request: ReportRequest, *, actor: Actor | None, actor_name: str,
    pdf_out: Path | None = None, xlsx_out: Path | None = None, folder: Path | None = None,
    excel: bool = True, record: bool = True, progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None, now: datetime | None = None,
) -> GeneratedReport:
    """Write the report to `pdf_out` (and `xlsx_out`), or, without them, into `folder`
    (the data folder's reports) under a name with period, scope and version."""
    from ao_desktop.documents.reports.monthly_pdf import write_report_pdf
    from ao_desktop.documents.reports.monthly_xlsx import write_report_xlsx

    check_allowed(actor, request.scope)
    now = now or _now()
    with uow.snapshot() as tx:
        version = tx.report_history.next_version(request.period.key, request.scope.code) if record else 0
        report = gather(tx, request, now, actor_name, progress, cancelled)
    report = replace(report, version=version)
    stem = report_file_stem(request.period.key, request.scope.code, version or 1)
    if pdf_out is None:
        if folder is None:
            raise NotFound(_("Folder laporan tidak diketahui."))
        folder.mkdir(parents=True, exist_ok=True)
        pdf_out = folder / f"{stem}.pdf"
        xlsx_out = folder / f"{stem}.xlsx" if excel else None

    def pdf_progress(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise OperationCancelled(_("Pembuatan laporan dibatalkan."))
        if progress is not None:
            progress(_("Menulis PDF… ({d} dari {t} nasabah)").format(d=done, t=total), 5, 10)

    if progress is not None:
        progress(_("Menulis PDF…"), 6, 10)
    pages = write_report_pdf(report, pdf_out, pdf_progress)
    if xlsx_out is not None:
        if cancelled is not None and cancelled():
            pdf_out.unlink(missing_ok=True)
            raise OperationCancelled(_("Pembuatan laporan dibatalkan."))
        if progress is not None:
            progress(_("Menulis Excel…"), 8, 10)
        write_report_xlsx(report, xlsx_out)
    head = {**headline(report), "pages": pages, "version": version, "pdf": str(pdf_out),
            "xlsx": str(xlsx_out) if xlsx_out else None}
    stored = None
    if record:
        stored = _record(uow, report, pdf_out, xlsx_out, head)
    if progress is not None:
        progress(_("Selesai."), 10, 10)
    return GeneratedReport(report, pdf_out, xlsx_out, pages, head, stored)


def _record(uow: UnitOfWork, report: MonthlyReport, pdf: Path, xlsx: Path | None,
            head: dict[str, object]) -> ReportRecord:
    p = report.period
    with uow.write() as tx:
        return tx.report_history.add(ReportRecord(
            period_key=p.key, period_kind=p.kind, period_first=p.first, period_last=p.last,
            period_label=p.label, scope=report.scope.code, officer_id=report.scope.officer_id,
            scope_label="", notes_obstacles=report.notes.obstacles, notes_plan=report.notes.plan,
            sections=tuple(sorted(s.value for s in report.sections)), created_at=report.generated_at,
            created_by=report.generated_by, pdf_path=str(pdf), xlsx_path=str(xlsx) if xlsx else "",
            headline=head, version=report.version))


def report_history(uow: UnitOfWork, actor: Actor | None) -> list[ReportRecord]:
    """The reports an actor may reopen: an AO their own, a supervisor or admin all."""
    with uow.read() as tx:
        if actor is not None and not actor.is_admin and actor.role.value == "ao":
            return tx.report_history.list(officer_id=actor.officer_id) if actor.officer_id else []
        return tx.report_history.list()
