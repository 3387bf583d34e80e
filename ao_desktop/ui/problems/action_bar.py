"""ProblemActionBar: the handling steps of the selected problem as buttons (process,
extend, escalate, hand back, resolve, close, reopen). A button is enabled only when the
status flow allows its step; each asks for what the step needs (a resolution, a
reason, the supervisor) and is then one service call. Shared by the Permasalahan view,
the client panel's tab and the problem dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.domain.problems.problem import ClientProblem
from ao_desktop.domain.problems.status_flow import MOVES, ProblemAction
from ao_desktop.services.problems.handling import act_on_problem
from ao_desktop.services.problems.listing import supervisors
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception

A = ProblemAction
BUTTONS = ((A.START, "Proses"), (A.EXTEND, "Perpanjang…"), (A.ESCALATE, "Eskalasi…"),
           (A.RETURN, "Kembalikan ke AO…"), (A.RESOLVE, "Selesaikan…"), (A.CLOSE, "Tutup…"),
           (A.REOPEN, "Buka kembali…"))
# What each step asks, and whether the answer may be empty.
PROMPTS = {
    A.EXTEND: ("Perpanjang batas waktu", "Alasan perpanjangan (disampaikan juga kepada nasabah):"),
    A.ESCALATE: ("Eskalasi ke supervisor", "Catatan untuk supervisor:"),
    A.RETURN: ("Kembalikan ke AO", "Arahan untuk AO:"),
    A.RESOLVE: ("Selesaikan permasalahan", "Penyelesaian: apa yang dilakukan dan jawaban kepada nasabah:"),
    A.CLOSE: ("Tutup permasalahan", "Catatan penutupan (mis. nasabah mengonfirmasi), boleh kosong:"),
    A.REOPEN: ("Buka kembali", "Alasan membuka kembali:"),
}


class ProblemActionBar(QWidget):
    changed = Signal(object)  # the saved ClientProblem

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._problem: ClientProblem | None = None
        self.buttons = {action: QPushButton(self.tr(text)) for action, text in BUTTONS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for action, button in self.buttons.items():
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, a=action: self._on_button_clicked(a))
        # Handing back is the supervisor's step (refused in the service too).
        self.buttons[A.RETURN].setVisible(context.role is not OfficerRole.AO)
        self.set_problem(None)

    def set_problem(self, problem: ClientProblem | None) -> None:
        self._problem = problem
        for action, button in self.buttons.items():
            starts, _to = MOVES[action]
            allowed = problem is not None and problem.status in starts
            if action is A.EXTEND and problem is not None:
                allowed = allowed and not problem.extended
            button.setEnabled(allowed)

    def _on_button_clicked(self, action: ProblemAction) -> None:
        if self._problem is not None:
            self.run(self._problem, action)

    def run(self, problem: ClientProblem, action: ProblemAction, today: date | None = None) -> ClientProblem | None:
        """Ask what the step needs, then take it; None when cancelled or refused."""
        supervisor_id = None
        if action is A.ESCALATE:
            supervisor_id = self._ask_supervisor()
            if supervisor_id is None:
                return None
        note = ""
        if action in PROMPTS:
            title, label = PROMPTS[action]
            note, ok = QInputDialog.getMultiLineText(self, self.tr(title), self.tr(label))
            if not ok:
                return None
        assert problem.id is not None
        try:
            saved = act_on_problem(self._context.uow, problem.id, problem.version, action, note,
                                   self._context.who, supervisor_id=supervisor_id, today=today)
        except DomainError as exc:
            show_exception(self, self.tr("Permasalahan tidak diubah"), exc)
            return None
        self.set_problem(saved)
        self.changed.emit(saved)
        return saved

    def _ask_supervisor(self) -> int | None:
        people = supervisors(self._context.uow)
        if not people:
            show_exception(self, self.tr("Eskalasi"), DomainError(self.tr(
                "Belum ada supervisor di database ini; minta admin menambahkannya di Pengaturan.")))
            return None
        if len(people) == 1:
            return people[0].id
        names = [o.name for o in people]
        name, ok = QInputDialog.getItem(self, self.tr("Eskalasi ke supervisor"), self.tr("Supervisor:"),
                                        names, 0, False)
        return people[names.index(name)].id if ok else None
