"""Dialogs on one account of the worklist: its history (positions per extract, warning
letters, promises to pay) and issuing a warning letter (the app's warnings about the
order shown first; the AO decides)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_date, format_number, format_rupiah
from ao_desktop.domain.portfolio.collections import WorkItem, promise_label
from ao_desktop.domain.portfolio.letters import level_name
from ao_desktop.services.portfolio.collections import client_promises
from ao_desktop.services.portfolio.letters import (
    IssuedLetter,
    account_letters,
    issue_letter,
    letter_warnings,
)
from ao_desktop.services.portfolio.summary import account_positions
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.save_dialog import ask_save_path


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(text))
    return t


class AccountHistoryDialog(QDialog):
    def __init__(self, context: UiContext, item: WorkItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Riwayat rekening {a} · {n}").format(a=item.account_no, n=item.borrower_name))
        self.resize(760, 560)
        positions = account_positions(context.uow, item.account_id)
        letters = account_letters(context.uow, item.account_id)
        promises = client_promises(context.uow, item.client_id) if item.client_id else []
        self.positions_table = _table(
            [self.tr("Posisi"), self.tr("Baki debet"), self.tr("Tunggakan"), self.tr("Hari"), self.tr("Kol"),
             self.tr("AO")],
            [[format_date(p.as_of), format_rupiah(p.outstanding),
              format_rupiah(p.arrears_principal + p.arrears_interest), format_number(p.days_past_due),
              str(p.collectibility), p.officer_name or "—"] for p in positions])
        self.letters_table = _table(
            [self.tr("Surat"), self.tr("Nomor"), self.tr("Tanggal"), self.tr("Batas bayar"), self.tr("Jumlah")],
            [[f"SP{w.level}", w.number, format_date(w.issued_on), format_date(w.deadline), format_rupiah(w.total)]
             for w in letters])
        self.promises_table = _table(
            [self.tr("Dibuat"), self.tr("Janji tanggal"), self.tr("Jumlah"), self.tr("Status"), self.tr("Diperiksa")],
            [[format_date(p.promise.made_on), format_date(p.promise.promise_date), format_rupiah(p.promise.amount),
              promise_label(p.state), format_date(p.checked_on) if p.checked_on else "—"] for p in promises])
        layout = QVBoxLayout(self)
        for title, table in ((self.tr("Posisi per ekstrak"), self.positions_table),
                             (self.tr("Surat peringatan"), self.letters_table),
                             (self.tr("Janji bayar nasabah"), self.promises_table)):
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class WarningLetterDialog(QDialog):
    """Pick SP1, SP2 or SP3; the order warnings show under the choice; Terbitkan asks
    where to save the PDF, records the letter and writes it."""

    def __init__(self, context: UiContext, item: WorkItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Surat peringatan · {a}").format(a=item.account_no))
        self._context, self._item = context, item
        self.issued: IssuedLetter | None = None
        self.level_group = QButtonGroup(self)
        levels = QHBoxLayout()
        for level in (1, 2, 3):
            button = QRadioButton(level_name(level))
            self.level_group.addButton(button, level)
            levels.addWidget(button)
        self.level_group.button(min(3, item.last_letter + 1)).setChecked(True)
        self.level_group.idToggled.connect(self._on_level_group_toggled)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8A4B00")
        info = QLabel(self.tr("{n} · tunggakan <b>{t}</b>, {d} hari").format(
            n=item.borrower_name, t=format_rupiah(item.arrears), d=format_number(item.days_past_due)))
        info.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue_button = buttons.addButton(self.tr("Terbitkan…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(levels)
        layout.addWidget(self.warning_label)
        layout.addWidget(buttons)
        self._on_level_group_toggled()

    def level(self) -> int:
        return self.level_group.checkedId()

    def _on_level_group_toggled(self, *_args: object) -> None:
        warnings = letter_warnings(self._context.uow, self._item.account_no, self.level())
        self.warning_label.setText("\n".join(self.tr("Perhatian: ") + w for w in warnings))

    def issue_to(self, out: Path) -> bool:
        try:
            self.issued = issue_letter(self._context.uow, self._item.account_no, self.level(),
                                       self._context.who, out)
        except (DomainError, OSError) as exc:
            self.warning_label.setText(str(exc))
            return False
        return True

    def _on_buttons_accepted(self) -> None:
        name = f"SP{self.level()}-{self._item.account_no}-{date.today():%Y%m%d}.pdf"
        out = ask_save_path(self, self.tr("Simpan surat peringatan"), Path.home() / name,
                            self.tr("PDF (*.pdf)"), ".pdf")
        if out is not None and self.issue_to(out):
            self.accept()
