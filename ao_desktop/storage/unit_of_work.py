"""SqlUnitOfWork: one session per transaction, repositories bound to it.

`read()` starts a deferred transaction (readers never block each other); `write()`
starts BEGIN IMMEDIATE (see engine.py), commits on clean exit and rolls back on any
exception, so nothing is ever half-written. Each call yields a fresh transaction object,
so a worker thread and the GUI thread never share a session.

All three are where every service meets the database, so a server or shared drive that
went out of reach leaves them as the user's DatabaseUnreachable (connection_lost.py),
never as a driver error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.storage.access.privacy_repository import SqlPrivacyRepository
from ao_desktop.storage.audit_repository import OFFICER_KEY, SqlAuditRepository
from ao_desktop.storage.calendar.activity_repository import SqlActivityRepository
from ao_desktop.storage.calendar.calendar_settings_repository import (
    SqlHolidayOverrideRepository,
    SqlMessageTemplateRepository,
)
from ao_desktop.storage.calendar.public_holidays import PackageHolidays
from ao_desktop.storage.clients.client_repository import SqlClientRepository
from ao_desktop.storage.connection_lost import unreachable_errors
from ao_desktop.storage.credit.application_repository import SqlCreditApplicationRepository
from ao_desktop.storage.engine import Database
from ao_desktop.storage.officer_repository import SqlOfficerRepository, SqlSettingsRepository
from ao_desktop.storage.portfolio.letter_repository import SqlWarningLetterRepository
from ao_desktop.storage.portfolio.portfolio_repository import SqlPortfolioRepository
from ao_desktop.storage.problems.problem_repository import SqlProblemRepository
from ao_desktop.storage.products.product_repository import SqlProductRepository
from ao_desktop.storage.products.riplay_repository import SqlRiplayRepository
from ao_desktop.storage.reports.area_sources import SqlPortfolioReport, SqlProblemReport
from ao_desktop.storage.reports.history_repository import SqlReportHistoryRepository
from ao_desktop.storage.reports.target_repository import SqlTargetRepository
from ao_desktop.storage.reports.work_figures import SqlWorkFigures


class SqlTransaction:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.clients = SqlClientRepository(session)
        self.officers = SqlOfficerRepository(session)
        self.settings = SqlSettingsRepository(session)
        self.products = SqlProductRepository(session)
        self.riplays = SqlRiplayRepository(session)
        self.activities = SqlActivityRepository(session)
        self.holiday_overrides = SqlHolidayOverrideRepository(session)
        self.message_templates = SqlMessageTemplateRepository(session)
        self.public_holidays = PackageHolidays()
        self.applications = SqlCreditApplicationRepository(session)
        self.problems = SqlProblemRepository(session)
        self.portfolio = SqlPortfolioRepository(session)
        self.letters = SqlWarningLetterRepository(session)
        self.audit = SqlAuditRepository(session)
        self.privacy = SqlPrivacyRepository(session)
        # The work report (services/reports/sources.py): one source per section.
        self.report_figures = SqlWorkFigures(session)
        self.report_targets = SqlTargetRepository(session)
        self.report_history = SqlReportHistoryRepository(session)
        self.portfolio_report = SqlPortfolioReport(session)
        self.problem_report = SqlProblemReport(session)


class SqlUnitOfWork:
    def __init__(self, db: Database) -> None:
        self.db = db
        # The signed-in officer: every audit entry written through this unit of work
        # carries their id (storage/audit_repository.py).
        self.officer_id: int | None = None

    @property
    def read_only(self) -> str | None:
        """An offline copy of a server database: why nothing can be saved; else None."""
        return getattr(self.db, "read_only", None)

    def act_as(self, officer_id: int | None) -> None:
        self.officer_id = officer_id

    @contextmanager
    def read(self) -> Iterator[SqlTransaction]:
        with unreachable_errors(self.db), self.db.read_sessions() as session:
            session.info[OFFICER_KEY] = self.officer_id
            try:
                yield SqlTransaction(session)
            finally:
                session.rollback()

    @contextmanager
    def snapshot(self) -> Iterator[SqlTransaction]:
        """One consistent read for a whole report: a read transaction begun at once on a
        local (WAL) database; on a shared one, a private copy taken with the backup API
        (storage/reports/snapshot.py), so colleagues are not kept from saving meanwhile."""
        if not self.db.shared:
            with self.read() as tx:
                tx.session.connection().exec_driver_sql("SELECT 1 FROM settings LIMIT 1").all()
                yield tx
            return
        from ao_desktop.storage.reports.snapshot import snapshot_copy

        # The copy is what reads the shared file: a drive lost then is DatabaseUnreachable too.
        with unreachable_errors(self.db), snapshot_copy(self.db.path) as copy, SqlUnitOfWork(copy).read() as tx:
            yield tx

    @contextmanager
    def write(self) -> Iterator[SqlTransaction]:
        if self.read_only:  # an offline copy of a server database
            raise DatabaseRefused(self.read_only)
        with unreachable_errors(self.db), self.db.write_sessions() as session:
            try:
                # Take the write lock now (BEGIN IMMEDIATE), not at the first statement:
                # waiting for a colleague happens before any work, never halfway through.
                session.info[OFFICER_KEY] = self.officer_id
                session.connection()
                yield SqlTransaction(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise
