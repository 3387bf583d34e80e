"""PortfolioView: the loan portfolio of the branch (or the signed-in AO) on one extract.

Top: the extract (as-of date) and the officer; Impor ekstrak…, Pengaturan… (admins).
Tabs: Ringkasan (headline, collectibility, aging, per officer, six-extract chart),
Pergerakan (loans that got worse, recovered, are new or left since the previous
extract) and Penagihan (the collections worklist, riskiest first, with the WhatsApp
reminder, a collection visit in the calendar, a warning letter and the account history).
Every figure is one service call; the sums are SQL over one extract.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DatabaseUnreachable, DomainError
from ao_desktop.domain.common.formatting import format_date, format_number, format_rupiah
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.portfolio.collections import WorkItem, action_hint
from ao_desktop.services.clients.directory import list_officers
from ao_desktop.services.portfolio.collections import (
    schedule_collection_visit,
    send_reminder,
    worklist,
)
from ao_desktop.services.portfolio.summary import (
    MovementReport,
    list_extracts,
    movement,
    portfolio_summary,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.portfolio.account_dialogs import AccountHistoryDialog, WarningLetterDialog
from ao_desktop.ui.portfolio.account_form import AccountDialog
from ao_desktop.ui.portfolio.import_dialog import ExtractImportDialog
from ao_desktop.ui.portfolio.settings_dialog import PortfolioSettingsDialog
from ao_desktop.ui.portfolio.summary_panel import SummaryPanel
from ao_desktop.ui.portfolio.table_models import (
    MoveColumn,
    MovementTableModel,
    SortRole,
    WorkColumn,
    WorklistTableModel,
)
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox
from ao_desktop.ui.workers import TaskRunner


def _sorted_view(model: object, stretch: int) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SortRole)
    view = QTableView()
    view.setModel(proxy)
    # No sort column until the user clicks one: the service's order (riskiest first) stays.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Widths from the first rows, not from thousands: a refresh stays cheap on a big branch.
    view.horizontalHeader().setResizeContentsPrecision(60)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class PortfolioView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._officers = list_officers(context.uow)
        self._runner = TaskRunner(self)
        self.worklist_pending = False
        self.extract_combo = QComboBox()
        self.officer_combo = OfficerComboBox(self._officers, self.tr("Semua AO (cabang)"), context.officer_id)
        if context.role is OfficerRole.AO and context.officer_id is not None:
            self.officer_combo.set_value(context.officer_id)
            self.officer_combo.setEnabled(False)  # the service enforces it too
        self.import_button = QPushButton(self.tr("Impor ekstrak…"))
        self.account_button = QPushButton(self.tr("Tambah rekening…"))
        self.settings_button = QPushButton(self.tr("Pengaturan…"))
        self.settings_button.setVisible(context.role is OfficerRole.ADMIN)
        top = QHBoxLayout()
        for label, widget in ((self.tr("Posisi"), self.extract_combo), (self.tr("AO"), self.officer_combo)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.account_button)
        top.addWidget(self.settings_button)
        self.summary_panel = SummaryPanel()
        self.movement_model = MovementTableModel(self)
        self.movement_view, self._movement_proxy = _sorted_view(self.movement_model, MoveColumn.CLIENT)
        self.movement_label = QLabel()
        self.movement_label.setTextFormat(Qt.TextFormat.RichText)
        self.movement_label.setWordWrap(True)
        movement_page = QWidget()
        movement_layout = QVBoxLayout(movement_page)
        movement_layout.addWidget(self.movement_label)
        movement_layout.addWidget(self.movement_view, 1)
        self.work_model = WorklistTableModel(self)
        self.work_view, self._work_proxy = _sorted_view(self.work_model, WorkColumn.CLIENT)
        self.work_label = QLabel()
        self.work_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.reminder_button = QPushButton(self.tr("Ingatkan via WhatsApp"))
        self.visit_button = QPushButton(self.tr("Jadwalkan kunjungan penagihan"))
        self.letter_button = QPushButton(self.tr("Surat peringatan…"))
        self.history_button = QPushButton(self.tr("Riwayat rekening…"))
        actions = QHBoxLayout()
        for button in (self.reminder_button, self.visit_button, self.letter_button, self.history_button):
            actions.addWidget(button)
        actions.addStretch(1)
        work_page = QWidget()
        work_layout = QVBoxLayout(work_page)
        work_layout.addWidget(self.work_label)
        work_layout.addWidget(self.work_view, 1)
        work_layout.addWidget(self.hint_label)
        work_layout.addLayout(actions)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.summary_panel, self.tr("Ringkasan"))
        self.tabs.addTab(movement_page, self.tr("Pergerakan"))
        self.tabs.addTab(work_page, self.tr("Penagihan"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.account_button.clicked.connect(self._on_account_button_clicked)
        self.settings_button.clicked.connect(self._on_settings_button_clicked)
        self.reminder_button.clicked.connect(self._on_reminder_button_clicked)
        self.visit_button.clicked.connect(self._on_visit_button_clicked)
        self.letter_button.clicked.connect(self._on_letter_button_clicked)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        self.work_view.selectionModel().selectionChanged.connect(self._on_work_selection_changed)
        self._fill_extracts()
        self.extract_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.officer_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.refresh()

    # --- data ---------------------------------------------------------------------------
    def _fill_extracts(self) -> None:
        self.extract_combo.blockSignals(True)
        self.extract_combo.clear()
        for e in list_extracts(self._context.uow):
            self.extract_combo.addItem(self.tr("{d} ({n} rekening)").format(
                d=format_date(e.as_of), n=format_number(e.accounts)), e.as_of)
        if self.extract_combo.count() == 0:
            self.extract_combo.addItem(self.tr("belum ada ekstrak"), None)
        self.extract_combo.blockSignals(False)

    def as_of(self) -> date | None:
        return self.extract_combo.currentData()

    def reload(self) -> None:
        """The main window's "Coba lagi" after a load found the database out of reach."""
        self.refresh()

    def refresh(self) -> None:
        """The summary at once (a few hundred pre-added rows); the movement and the worklist
        (tens of milliseconds each on a big branch: every account of two extracts, every
        promise judged) from a worker. A newer refresh cancels an older one."""
        uow, who, officer, as_of = self._context.uow, self._context.who, self.officer_combo.value(), self.as_of()
        self.summary_panel.show_summary(portfolio_summary(uow, officer, as_of, who))
        self._runner.cancel_all()
        self.movement_label.setText(self.tr("Membandingkan dengan ekstrak sebelumnya…"))
        self.work_label.setText(self.tr("Menyusun daftar penagihan…"))
        self.worklist_pending = True

        def lists(_token: object) -> tuple[MovementReport, list[WorkItem]]:
            return movement(uow, officer, as_of, who), worklist(uow, officer, actor=who)

        self._runner.submit(lists, self._on_lists_ready, self._on_lists_failed)

    def _on_lists_ready(self, result: tuple[MovementReport, list[WorkItem]]) -> None:
        report, items = result
        self.worklist_pending = False
        self.movement_model.set_items(report.items)
        c = report.counts
        if report.previous_as_of is None:
            self.movement_label.setText(self.tr("Belum ada ekstrak sebelumnya untuk dibandingkan."))
        else:
            self.movement_label.setText(self.tr(
                "Sejak {p}: <b>{w}</b> memburuk ({wo}), <b>{b}</b> membaik ({bo}), <b>{n}</b> baru ({no}), "
                "<b>{l}</b> lunas atau keluar ({lo}).").format(
                p=format_date(report.previous_as_of), w=c.worse.accounts, wo=format_rupiah(c.worse.outstanding),
                b=c.better.accounts, bo=format_rupiah(c.better.outstanding), n=c.new.accounts,
                no=format_rupiah(c.new.outstanding), l=c.paid_off.accounts, lo=format_rupiah(c.paid_off.outstanding)))
        self.work_model.set_items(items)
        self.work_label.setText(self.tr(
            "{n} rekening perlu dihubungi atau dikunjungi (ekstrak terbaru), urut dari risiko tertinggi: "
            "hari tunggakan, janji bayar yang diingkari, jumlah tunggakan.").format(n=format_number(len(items))))
        self._on_work_selection_changed()

    def _on_lists_failed(self, exc: BaseException) -> None:
        self.worklist_pending = False
        unreachable = isinstance(exc, DatabaseUnreachable)
        text = (self.tr("Database tidak terjangkau; daftar belum disusun.") if unreachable
                else self.tr("Daftar tidak dapat disusun: {e}").format(e=exc))
        self.movement_label.setText(text)
        self.work_label.setText(text)
        if unreachable:
            show_exception(self, self.tr("Portofolio"), exc, retry=self.refresh)

    def selected_item(self) -> WorkItem | None:
        rows = self.work_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.work_model.item(self._work_proxy.mapToSource(rows[0]).row())

    def select_row(self, row: int) -> None:
        self.work_view.selectRow(row)

    # --- slots --------------------------------------------------------------------------
    def _on_filter_changed(self, *_args: object) -> None:
        self.refresh()

    def _on_work_selection_changed(self, *_args: object) -> None:
        item = self.selected_item()
        for button in (self.reminder_button, self.visit_button, self.letter_button, self.history_button):
            button.setEnabled(item is not None)
        self.hint_label.setText(self.tr("Saran: {h}").format(h=action_hint(item, date.today())) if item else "")

    def _on_import_button_clicked(self) -> None:
        dialog = ExtractImportDialog(self._context, self)
        if dialog.exec():
            self._fill_extracts()
            self.refresh()

    def _on_account_button_clicked(self) -> None:
        AccountDialog(self._context, self).exec()

    def _on_settings_button_clicked(self) -> None:
        if PortfolioSettingsDialog(self._context, self._officers, self).exec():
            self.refresh()

    def _on_reminder_button_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        try:
            started = send_reminder(self._context.uow, item.account_id, self._context.who)
        except DomainError as exc:
            self.hint_label.setText(str(exc))
            return
        QDesktopServices.openUrl(QUrl(started.url))
        self.hint_label.setText(self.tr("WhatsApp dibuka; kontak penagihan dicatat di kalender."))

    def _on_visit_button_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        when = datetime.combine(date.today() + timedelta(days=1), time(10, 0))
        try:
            activity = schedule_collection_visit(self._context.uow, item.account_id, when, self._context.who)
        except DomainError as exc:
            self.hint_label.setText(str(exc))
            return
        self.hint_label.setText(self.tr("Kunjungan penagihan dijadwalkan {d} di kalender.").format(
            d=format_date(activity.starts_at.date()) + activity.starts_at.strftime(" %H:%M")))

    def _on_letter_button_clicked(self) -> None:
        item = self.selected_item()
        if item is not None and WarningLetterDialog(self._context, item, self).exec():
            self.refresh()

    def _on_history_button_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            AccountHistoryDialog(self._context, item, self).exec()
