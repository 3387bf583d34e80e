"""BackupActions: "Cadangkan sekarang", "Pulihkan dari cadangan…" and "Periksa database"
in the Berkas menu.

The work runs off the GUI thread (TaskRunner) behind a progress dialog; a backup can be
cancelled. The actions reach the database only through the maintenance port that app.py
puts in the context, so the UI never touches storage. After a restore the database the
app had open is gone: the user is told, and `restored` asks the window to close so the
app starts afresh on the restored file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.maintenance.backup import (
    BackupInfo,
    CheckReport,
    describe_backup,
    parse_backup_name,
)
from ao_desktop.services import maintenance
from ao_desktop.services.maintenance import MaintenancePort
from ao_desktop.ui.maintenance.restore_dialog import RestoreDialog
from ao_desktop.ui.widgets.messages import confirm, inform, show_exception
from ao_desktop.ui.widgets.task_progress import discard_progress_dialog
from ao_desktop.ui.workers import CancelToken, TaskRunner


class _ProgressRelay(QObject):
    """Emitted from the worker thread; delivered queued to a slot in the GUI thread."""

    changed = Signal(int, int)


class BackupActions(QObject):
    """Owns the three actions; `attach(port)` enables them once the database is open."""

    restored = Signal(object)  # where the previous database was kept (Path or None)

    def __init__(self, window: QWidget, runner: TaskRunner | None = None) -> None:
        super().__init__(window)
        from PySide6.QtGui import QAction

        self._window = window
        self._runner = runner or TaskRunner(self)
        self._port: MaintenancePort | None = None
        self._actor: Actor | None = None
        self._server_check: Callable[[], CheckReport] | None = None
        self._dialog: QProgressDialog | None = None
        self._relay = _ProgressRelay()
        self._relay.changed.connect(self._on_relay_changed, Qt.ConnectionType.QueuedConnection)
        self.backup_action = QAction(self.tr("Cadangkan sekarang"), window)
        self.restore_action = QAction(self.tr("Pulihkan dari cadangan…"), window)
        self.check_action = QAction(self.tr("Periksa database"), window)
        self.backup_action.triggered.connect(self._on_backup_action_triggered)
        self.restore_action.triggered.connect(self._on_restore_action_triggered)
        self.check_action.triggered.connect(self._on_check_action_triggered)
        self.attach(None)

    def actions(self) -> list:  # type: ignore[type-arg]
        return [self.backup_action, self.restore_action, self.check_action]

    def attach(
        self,
        port: MaintenancePort | None,
        actor: Actor | None = None,
        server_check: Callable[[], CheckReport] | None = None,
    ) -> None:
        """Offer the actions on `port` to `actor`; the services refuse anyone but an admin.
        On a database server there is no port (its backups are the DBA's: backup and
        restore are hidden) and `server_check` answers "Periksa database"."""
        self._port = port
        self._actor = actor
        self._server_check = server_check if port is None else None
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(port is not None)
            action.setVisible(self._server_check is None)
        self.check_action.setEnabled(port is not None or self._server_check is not None)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    # -- backup -----------------------------------------------------------------------

    def _on_backup_action_triggered(self) -> None:
        port, actor = self._port, self._actor
        if port is None or self.busy:
            return
        relay = self._relay

        def work(token: CancelToken) -> BackupInfo:
            return maintenance.back_up_now(port, actor, progress=relay.changed.emit,  # type: ignore[arg-type]
                                           cancelled=lambda: token.cancelled)

        task = self._runner.submit(work, self._on_backup_done, self._on_failed)
        self._open_progress(self.tr("Mencadangkan database…"), on_cancel=task.cancel)

    def _on_backup_done(self, info: BackupInfo) -> None:
        self._close_progress()
        inform(
            self._window,
            self.tr("Cadangan tersimpan"),
            self.tr(
                "Cadangan database tersimpan dan lolos pemeriksaan integritas.\n\n{what}\n{path}"
            ).format(what=describe_backup(info), path=info.path),
        )

    # -- restore ----------------------------------------------------------------------

    def _choose_backup(self) -> Path | None:
        """The file the user picked (None: cancelled); tests replace this."""
        assert self._port is not None
        backups = maintenance.list_backups(self._port, self._actor)  # type: ignore[arg-type]
        dialog = RestoreDialog(backups, self._port.backup_folder, self._window)
        try:
            return dialog.chosen if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def _on_restore_action_triggered(self) -> None:
        port, actor = self._port, self._actor
        if port is None or self.busy:
            return
        try:
            backup = self._choose_backup()
        except DomainError as exc:
            show_exception(self._window, self.tr("Pulihkan dari cadangan"), exc)
            return
        if backup is None:
            return
        info = parse_backup_name(backup)
        what = describe_backup(info) if info is not None else str(backup)
        question = self.tr(
            "Database {db} akan diganti dengan cadangan:\n{what}\n\nDatabase sekarang disimpan "
            "di sampingnya dan tidak dihapus. Setelah itu AO Desktop ditutup; buka lagi untuk "
            "memakai database yang dipulihkan. Lanjutkan?"
        ).format(db=port.database_path, what=what)
        if not confirm(
            self._window, self.tr("Pulihkan dari cadangan"), question, self.tr("Pulihkan")
        ):
            return
        self._runner.submit(
            lambda _token: maintenance.restore_backup(port, backup, actor),  # type: ignore[arg-type]
            self._on_restore_done, self._on_failed
        )
        self._open_progress(self.tr("Memulihkan database…"))

    def _on_restore_done(self, aside: Path | None) -> None:
        self._close_progress()
        kept = (
            self.tr("\n\nDatabase sebelumnya disimpan sebagai:\n{path}").format(path=aside)
            if aside
            else ""
        )
        inform(
            self._window,
            self.tr("Database dipulihkan"),
            self.tr(
                "Database dipulihkan dari cadangan.{kept}\n\nAO Desktop akan ditutup sekarang; buka "
                "lagi untuk melanjutkan dengan database yang dipulihkan."
            ).format(kept=kept),
        )
        self.attach(None)
        self.restored.emit(aside)

    # -- check ------------------------------------------------------------------------

    def _on_check_action_triggered(self) -> None:
        check = self._port.check if self._port is not None else self._server_check
        if check is None or self.busy:
            return
        self._runner.submit(lambda _token: check(), self._on_check_done, self._on_failed)
        self._open_progress(self.tr("Memeriksa database…"))

    def _on_check_done(self, report: CheckReport) -> None:
        self._close_progress()
        lines = "\n".join(f"• {line}" for line in report.lines)
        if report.ok:
            inform(
                self._window,
                self.tr("Periksa database"),
                self.tr("Database dalam keadaan baik.\n\n{lines}").format(lines=lines),
            )
        elif report.engine != "sqlite":
            # A server's database is repaired or restored by its DBA (pg_dump/pg_restore),
            # never from this PC's backups.
            inform(
                self._window,
                self.tr("Periksa database"),
                self.tr(
                    "Database di server RUSAK.\n\n{lines}\n\nSampaikan laporan ini kepada TI/DBA "
                    "bank: pemulihan database server dilakukan dari cadangan server (pg_dump), "
                    "bukan dari PC ini."
                ).format(lines=lines),
                QMessageBox.Icon.Warning,
            )
        else:
            inform(
                self._window,
                self.tr("Periksa database"),
                self.tr(
                    "Database RUSAK.\n\n{lines}\n\nPulihkan dari cadangan lewat Berkas › Pulihkan dari "
                    "cadangan…, atau hubungi admin."
                ).format(lines=lines),
                QMessageBox.Icon.Warning,
            )

    # -- shared -----------------------------------------------------------------------

    def _on_failed(self, exc: BaseException) -> None:
        self._close_progress()
        show_exception(self._window, self.tr("Pemeliharaan database"), exc)

    def _open_progress(self, label: str, on_cancel: Callable[[], None] | None = None) -> None:
        """A window-modal busy dialog; with `on_cancel` it has a Batal button."""
        dialog = QProgressDialog(label, self.tr("Batal"), 0, 0, self._window)
        if on_cancel is None:
            dialog.setCancelButton(None)
        else:
            dialog.canceled.connect(on_cancel)  # before _close_progress, which disconnects
        dialog.setWindowTitle(self.tr("AO Desktop"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)  # a quick job never flashes a dialog
        dialog.canceled.connect(self._close_progress)
        self._dialog = dialog

    def _close_progress(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            discard_progress_dialog(dialog)

    @Slot(int, int)
    def _on_relay_changed(self, done: int, total: int) -> None:
        if self._dialog is not None and total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)
