"""Moving an application along its status flow from the UI: ask what the move needs (a
reason to refuse, the date of disbursement), then one service call."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus as S
from ao_desktop.domain.credit.status_flow import StatusChange
from ao_desktop.services.credit.applications import change_status
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


class StatusActions(QObject):
    changed = Signal()

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent

    def move(self, app: CreditApplication, to: S) -> None:
        change = StatusChange(to)
        if to is S.REJECTED:
            reason, ok = QInputDialog.getText(self._parent, self.tr("Tolak pengajuan"), self.tr("Alasan penolakan:"))
            if not ok:
                return
            change = StatusChange(to, reason=reason)
        elif to is S.DISBURSED:
            text, ok = QInputDialog.getText(self._parent, self.tr("Catat pencairan"),
                                            self.tr("Tanggal pencairan (YYYY-MM-DD):"), text=date.today().isoformat())
            if not ok:
                return
            try:
                change = StatusChange(to, on=date.fromisoformat(text.strip()))
            except ValueError:
                change = StatusChange(to)  # the service says the date is missing
        assert app.id is not None
        try:
            change_status(self._context.uow, app.id, app.version, change, self._context.who)
        except DomainError as exc:
            show_exception(self._parent, self.tr("Status tidak diubah"), exc)
            return
        self.changed.emit()
