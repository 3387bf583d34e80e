"""MainWindow: the thin shell around the views (navigation, menu, status bar, geometry).

Each view is one `ViewSpec` line in `registered_views()`; the shell builds it, lists it
in the navigation and remembers its layout if it has `save_settings`/`restore_settings`.
Nothing else lives here: views hold their own widgets and logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from ao_desktop.domain.access.permissions import Action, allowed
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.maintenance.backup_actions import BackupActions
from ao_desktop.ui.widgets.badge import badge
from ao_desktop.ui.widgets.messages import show_exception

if TYPE_CHECKING:
    from ao_desktop.ui.setup.setup_fields import SetupEnvironment


DEFAULT_SIZE = (1280, 760)
TITLE_BAR_ALLOWANCE = 40  # title bar and frame, outside the window's own height


@dataclass(frozen=True)
class ViewSpec:
    key: str  # stable: names the view's QSettings group
    title: str  # source text, translated in the "MainWindow" context when shown
    factory: Callable[[UiContext], QWidget]
    about: str = ""  # what the view offers, listed in the About box (same context)


# Views are imported when the database is attached, after the first paint: their modules
# cost ~0.2 s to import, which would otherwise delay the empty window on every start.
def _client_directory_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.clients.view import ClientDirectoryView

    return ClientDirectoryView(context)


def _products_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.products.view import ProductsView

    return ProductsView(context)


def _today_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.calendar.today_view import TodayView

    return TodayView(context)


def _calendar_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.calendar.view import CalendarView

    return CalendarView(context)


def _applications_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.credit.view import ApplicationsView

    return ApplicationsView(context)


def _problems_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.problems.view import ProblemsView

    return ProblemsView(context)


def _portfolio_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.portfolio.view import PortfolioView

    return PortfolioView(context)


def _reports_view(context: UiContext) -> QWidget:
    from ao_desktop.ui.reports.view import ReportsView

    return ReportsView(context)


def registered_views() -> list[ViewSpec]:
    """The views in navigation order; adding a view is adding one line here."""
    return [
        ViewSpec("today", QT_TRANSLATE_NOOP("MainWindow", "Hari ini"), _today_view,
                 QT_TRANSLATE_NOOP("MainWindow", "agenda hari ini, tindak lanjut terlambat, janji "
                                                 "bayar jatuh tempo, nasabah lama tak dihubungi, "
                                                 "permasalahan terlambat")),
        ViewSpec("clients", QT_TRANSLATE_NOOP("MainWindow", "Nasabah"), _client_directory_view,
                 QT_TRANSLATE_NOOP("MainWindow", "direktori nasabah dan calon nasabah, impor dan "
                                                 "ekspor Excel")),
        ViewSpec("products", QT_TRANSLATE_NOOP("MainWindow", "Produk"), _products_view,
                 QT_TRANSLATE_NOOP("MainWindow", "katalog produk, simulasi angsuran dan deposito, "
                                                 "lembar produk untuk nasabah")),
        ViewSpec("calendar", QT_TRANSLATE_NOOP("MainWindow", "Kalender"), _calendar_view,
                 QT_TRANSLATE_NOOP("MainWindow", "kunjungan dan tindak lanjut per bulan, minggu dan "
                                                 "hari; hari libur dan cuti bersama; ekspor .ics")),
        ViewSpec("applications", QT_TRANSLATE_NOOP("MainWindow", "Pengajuan kredit"), _applications_view,
                 QT_TRANSLATE_NOOP("MainWindow", "pengajuan kredit: data keuangan usaha, RPC dan DSR, "
                                                 "agunan, 5C, SLIK, dokumen; memo analisa kredit (MAK)")),
        ViewSpec("problems", QT_TRANSLATE_NOOP("MainWindow", "Permasalahan"), _problems_view,
                 QT_TRANSLATE_NOOP("MainWindow", "permasalahan nasabah: batas waktu 10 hari kerja, "
                                                 "perpanjangan sekali, eskalasi ke supervisor, penyelesaian")),
        ViewSpec("portfolio", QT_TRANSLATE_NOOP("MainWindow", "Portofolio"), _portfolio_view,
                 QT_TRANSLATE_NOOP("MainWindow", "portofolio kredit dari ekstrak core banking: kolektibilitas "
                                                 "OJK, NPL, pergerakan, daftar penagihan, janji bayar, surat "
                                                 "peringatan SP1-SP3")),
        ViewSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "Laporan"), _reports_view,
                 QT_TRANSLATE_NOOP("MainWindow", "laporan kerja bulanan per AO dan cabang (PDF dan "
                                                 "Excel), target bulanan, riwayat laporan")),
    ]


@runtime_checkable
class RemembersLayout(Protocol):
    def save_settings(self, settings: QSettings) -> None: ...
    def restore_settings(self, settings: QSettings) -> None: ...


@runtime_checkable
class ReloadsData(Protocol):
    def reload(self) -> None: ...


def app_settings() -> QSettings:
    return QSettings("AO Desktop", "AO Desktop")  # organisation, application


class MainWindow(QMainWindow):
    """Navigation on the left, the current view on the right, the database in the status bar.

    app.py shows the window first and calls `attach(context)` once the database is open
    (opening runs on a background thread); `MainWindow(context)` does both at once.
    """

    first_paint = Signal()

    def __init__(self, context: UiContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = self._painted = False
        self.setWindowTitle(self.tr("AO Desktop"))
        self.resize(*DEFAULT_SIZE)
        self.navigation = QListWidget()
        self.navigation.setFixedWidth(120)
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {}
        self.database_label = QLabel(self.tr("Membuka database…"))
        self.statusBar().addWidget(self.database_label, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menu()
        if context is not None:
            self.attach(context)

    def attach(self, context: UiContext) -> None:
        """Build the views on the now open database and show the first one."""
        for spec in registered_views():
            view = spec.factory(context)
            self.views[spec.key] = view
            self.stack.addWidget(view)
            self.navigation.addItem(QCoreApplication.translate("MainWindow", spec.title))
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        self.navigation.setCurrentRow(0)
        self.stack.currentWidget().setFocus()
        self._build_status_bar(context)
        # Backup and restore by hand are an admin's (the daily automatic backup runs for all).
        may_back_up = allowed(context.who, Action.MANAGE_BACKUPS)
        self.backup_actions.attach(context.maintenance if may_back_up else None, context.who,
                                   context.server_check if may_back_up else None)
        self._context = context
        self.settings_action.setEnabled(self._setup_environment is not None)
        may_audit = allowed(context.who, Action.VIEW_AUDIT)
        self.audit_action.setVisible(may_audit)
        self.audit_action.setEnabled(may_audit)
        may_manage = allowed(context.who, Action.MANAGE_OFFICERS)
        self.officers_action.setVisible(may_manage)
        self.officers_action.setEnabled(may_manage)
        may_hand_over = allowed(context.who, Action.REASSIGN_CLIENTS)
        self.handover_action.setVisible(may_hand_over)
        self.handover_action.setEnabled(may_hand_over)
        may_anonymise = allowed(context.who, Action.ANONYMISE_CLIENTS)
        self.retention_action.setVisible(may_anonymise)
        self.retention_action.setEnabled(may_anonymise)
        self.change_pin_action.setEnabled(context.officer_id is not None)
        if self._shown:
            self._sync_view_settings(save=False)

    def _on_navigation_current_row_changed(self, row: int) -> None:
        # The view's own focus (the directory's search box) follows the navigation.
        self.stack.setCurrentIndex(row)
        self.stack.currentWidget().setFocus()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        self.backup_actions = BackupActions(self)
        self.backup_actions.restored.connect(self.close)  # reopening starts on the restored file
        file_menu.addActions(self.backup_actions.actions())
        file_menu.addSeparator()
        self._context: UiContext | None = None
        self._setup_environment: SetupEnvironment | None = None
        self.settings_action = QAction(self.tr("&Pengaturan…"), self, enabled=False)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        file_menu.addAction(self.settings_action)
        # Supervisors and admins read the audit trail (the service checks the role).
        self.audit_action = QAction(self.tr("&Jejak audit…"), self, enabled=False, visible=False)
        self.audit_action.triggered.connect(self._on_audit_action_triggered)
        file_menu.addAction(self.audit_action)
        self.officers_action = QAction(self.tr("Petugas dan &keamanan…"), self, enabled=False, visible=False)
        self.officers_action.triggered.connect(self._on_officers_action_triggered)
        file_menu.addAction(self.officers_action)
        # A supervisor's or admin's handover; the admin's retention (the services check).
        self.handover_action = QAction(self.tr("Pindahkan &nasabah AO…"), self, enabled=False, visible=False)
        self.handover_action.triggered.connect(self._on_handover_action_triggered)
        file_menu.addAction(self.handover_action)
        self.retention_action = QAction(self.tr("&Retensi data nasabah…"), self, enabled=False, visible=False)
        self.retention_action.triggered.connect(self._on_retention_action_triggered)
        file_menu.addAction(self.retention_action)
        self.change_pin_action = QAction(self.tr("&Ganti PIN…"), self, enabled=False)
        self.change_pin_action.triggered.connect(self._on_change_pin_action_triggered)
        file_menu.addAction(self.change_pin_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Keluar"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("Ba&ntuan"))
        about_action = QAction(self.tr("&Tentang AO Desktop"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about_action)
        self.log_folder_action = QAction(self.tr("Buka folder log"), self, enabled=False)
        self.log_folder_action.triggered.connect(self._on_log_folder_action_triggered)
        help_menu.addAction(self.log_folder_action)

    def set_log_folder(self, folder: Path) -> None:
        """app.py names the log folder; "Buka folder log" opens it in the file manager."""
        self._log_folder = folder
        self.log_folder_action.setEnabled(True)
        self.log_folder_action.setToolTip(str(folder))

    def _on_log_folder_action_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_folder)))

    def set_setup_environment(self, env: SetupEnvironment) -> None:
        """app.py lends what Settings needs to create or join another database."""
        self._setup_environment = env
        self.settings_action.setEnabled(self._context is not None)

    def _on_audit_action_triggered(self) -> None:
        from ao_desktop.ui.access.audit_dialog import AuditDialog

        if self._context is not None:
            AuditDialog(self._context, self).exec()

    def _on_officers_action_triggered(self) -> None:
        from ao_desktop.ui.access.officers_dialog import OfficersDialog

        if self._context is not None:
            OfficersDialog(self._context, self).exec()

    def _on_handover_action_triggered(self) -> None:
        from ao_desktop.ui.access.handover_dialog import HandoverDialog

        if self._context is not None:
            HandoverDialog(self._context, self).exec()

    def _on_retention_action_triggered(self) -> None:
        from ao_desktop.ui.access.retention_dialog import RetentionDialog

        if self._context is not None:
            RetentionDialog(self._context, self).exec()

    def _on_change_pin_action_triggered(self) -> None:
        from ao_desktop.ui.access.officers_dialog import ChangePinDialog

        if self._context is not None:
            ChangePinDialog(self._context, self).exec()

    def _on_settings_action_triggered(self) -> None:
        from ao_desktop.ui.setup.settings_dialog import SettingsDialog

        if self._context is None or self._setup_environment is None:
            return
        dialog = SettingsDialog(self._context, self._setup_environment, self)
        dialog.officer_changed.connect(
            lambda officer: self.user_label.setText(self.tr("Pengguna: {actor}").format(actor=officer.name)))
        dialog.exec()

    def _on_about_action_triggered(self) -> None:
        from ao_desktop.ui.widgets.about_box import show_about

        show_about(self, [QCoreApplication.translate("MainWindow", spec.about)
                          for spec in registered_views() if spec.about])

    def show_load_failure(self, exc: BaseException) -> None:
        """A load outside any form failed (app.py's excepthook), e.g. on a database out of
        reach: the message, whose "Coba lagi" loads the shown view again."""
        show_exception(self, self.tr("Data tidak dapat dimuat"), exc, retry=self.reload_current_view)

    def reload_current_view(self) -> None:
        view = self.stack.currentWidget()
        if not isinstance(view, ReloadsData):
            return
        try:
            view.reload()
        except DomainError as exc:  # still out of reach: say so again, with the same offer
            self.show_load_failure(exc)

    def _build_status_bar(self, context: UiContext) -> None:
        if context.server_version:
            mode = self.tr("Server {engine}").format(engine=context.server_version)
        elif context.read_only:
            mode = self.tr("Salinan offline, hanya baca")
        elif context.shared:
            mode = self.tr("Bersama (shared drive)")
        else:
            mode = self.tr("Lokal")
        self.database_label.setText(
            self.tr("Database: {path} — {mode}").format(path=context.database_label, mode=mode)
        )
        self.database_label.setToolTip(f"{context.database_label}\n{context.read_only or mode}")
        self.user_label = QLabel(self.tr("Pengguna: {actor}").format(actor=context.actor))
        self.statusBar().addPermanentWidget(self.user_label)
        if context.demo:
            tip = self.tr("Data contoh: perubahan tidak menyentuh data nasabah sungguhan")
            self.demo_label = badge(self.tr("DEMO"), tip)
            self.statusBar().addPermanentWidget(self.demo_label)

    def _sync_view_settings(self, *, save: bool) -> None:
        """Save or restore each view's layout (splitters, columns) in its own group."""
        settings = app_settings()
        for key, view in self.views.items():
            if isinstance(view, RemembersLayout):
                settings.beginGroup(f"views/{key}")
                if save:
                    view.save_settings(settings)
                else:
                    view.restore_settings(settings)
                settings.endGroup()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if not self._shown:  # only the first show: later shows are un-minimising
            self._shown = True
            geometry = app_settings().value("window/geometry")
            if geometry is None or not self.restoreGeometry(geometry):
                self._fit_screen()
            self._sync_view_settings(save=False)
        super().showEvent(event)

    def _fit_screen(self) -> None:
        """The default size, shrunk to the screen: a 1366x768 laptop leaves ~1366x728
        above the taskbar, and the title bar (~32 px) is outside the window's height."""
        available = self.screen().availableGeometry()
        width = min(DEFAULT_SIZE[0], available.width() - 16)
        height = min(DEFAULT_SIZE[1], available.height() - TITLE_BAR_ALLOWANCE)
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        app_settings().setValue("window/geometry", self.saveGeometry())
        self._sync_view_settings(save=True)
        super().closeEvent(event)
