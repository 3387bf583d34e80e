"""ClientDetailPanel: the client 360 view beside the directory table.

A header (name, kind, status, last change) over a QTabWidget. Each tab is a widget with
`title(profile)` and `show_profile(profile)`; the panel reads the profile once per
client (`get_client_profile`, one read transaction) and hands it to every tab. Later
views add their tab with one `add_tab(...)` call (visits, loans, problems).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QTabWidget, QVBoxLayout, QWidget

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.clients.labels import kind_label, status_label
from ao_desktop.domain.common.errors import NotFound
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.services.clients.directory import get_client_profile
from ao_desktop.ui.calendar.timeline_tab import ClientTimelineTab
from ao_desktop.ui.clients.detail_tabs import HistoryTab, NotesTab, ProfileTab, ReferralsTab
from ao_desktop.ui.clients.riplay_tab import RiplayTab
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.credit.client_applications_tab import ClientApplicationsTab
from ao_desktop.ui.portfolio.client_loans_tab import ClientLoansTab
from ao_desktop.ui.problems.client_problems_tab import ClientProblemsTab


@runtime_checkable
class DetailTab(Protocol):
    """What a tab of the panel implements."""

    def title(self, profile: ClientProfile) -> str: ...
    def show_profile(self, profile: ClientProfile) -> None: ...


class ClientDetailPanel(QWidget):
    """Shows one client (or a hint when none is selected)."""

    clientChanged = Signal(int)  # noqa: N815 - something about the client was saved here

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._profile: ClientProfile | None = None
        self._tabs: list[DetailTab] = []
        self.name_label = QLabel()
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setWordWrap(True)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name_label.setFont(font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self.profile_tab = ProfileTab()
        self.history_tab = HistoryTab()
        self.referrals_tab = ReferralsTab()
        self.notes_tab = NotesTab(context)
        self.riplay_tab = RiplayTab(context)
        for tab in (self.profile_tab, self.history_tab, self.referrals_tab, self.notes_tab,
                    self.riplay_tab):  # fmt: skip
            self.add_tab(tab)
        self.timeline_tab = ClientTimelineTab(context)  # the calendar's tab: activities, contact
        self.add_tab(self.timeline_tab)
        self.credit_tab = ClientApplicationsTab(context)  # the credit area's tab: applications
        self.add_tab(self.credit_tab)
        self.problems_tab = ClientProblemsTab(context)  # the problems area's tab: all of them
        self.add_tab(self.problems_tab)
        self.loans_tab = ClientLoansTab(context)  # the portfolio's tab: loan accounts, promises
        self.add_tab(self.loans_tab)
        self.referrals_tab.clientRequested.connect(self.show_client)
        self.notes_tab.noteAdded.connect(self._on_notes_tab_note_added)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.name_label)
        details_layout.addWidget(self.subtitle_label)
        details_layout.addWidget(self.tab_widget, 1)
        self.empty_label = QLabel(
            self.tr(
                "Pilih nasabah di tabel untuk melihat profil, riwayat, referensi dan catatannya."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(details)

    def add_tab(self, tab: QWidget) -> None:
        """Register a tab (a QWidget implementing DetailTab); it appears after the others."""
        assert isinstance(tab, DetailTab), "a detail tab needs title() and show_profile()"
        self._tabs.append(tab)
        self.tab_widget.addTab(tab, "")
        if self._profile is not None:
            self._show(self._profile)

    @property
    def client_id(self) -> int | None:
        return self._profile.client.id if self._profile else None

    @property
    def profile(self) -> ClientProfile | None:
        return self._profile

    def show_client(self, client_id: int | None) -> None:
        """Read and show `client_id`; None (or a client deleted meanwhile) shows the hint."""
        if client_id is None:
            self.clear()
            return
        try:
            profile = get_client_profile(self._context.uow, client_id)
        except NotFound:
            self.clear()
            return
        self._show(profile)

    def reload(self) -> None:
        self.show_client(self.client_id)

    def clear(self) -> None:
        self._profile = None
        self._stack.setCurrentIndex(0)

    def _show(self, profile: ClientProfile) -> None:
        self._profile = profile
        client = profile.client
        self.name_label.setText(client.display_name)
        parts = [kind_label(client.kind), status_label(client.status)]
        if client.archived:
            parts.append(self.tr("DIARSIPKAN"))
        if client.updated_at:
            parts.append(
                self.tr("diubah {when} oleh {who}").format(
                    when=format_datetime(client.updated_at), who=client.updated_by or "—"
                )
            )
        self.subtitle_label.setText(" · ".join(parts))
        for index, tab in enumerate(self._tabs):
            tab.show_profile(profile)
            self.tab_widget.setTabText(index, tab.title(profile))
        self._stack.setCurrentIndex(1)

    def _on_notes_tab_note_added(self) -> None:
        self.reload()
        if self.client_id is not None:
            self.clientChanged.emit(self.client_id)
