"""The client panel's loans: each loan account of the client with its latest position
(outstanding, Kol, days past due, the extract's date) and the client's promises to pay
with their state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from ao_desktop.domain.clients.client import ClientProfile
from ao_desktop.domain.common.formatting import format_date, format_number, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.portfolio.account import AccountListItem
from ao_desktop.domain.portfolio.collectibility import level_label
from ao_desktop.domain.portfolio.collections import promise_label
from ao_desktop.services.portfolio.collections import client_promises
from ao_desktop.services.portfolio.summary import client_accounts
from ao_desktop.ui.context import UiContext


def account_text(item: AccountListItem) -> str:
    a = item.account
    where = format_date(item.as_of) if item.as_of else _("diisi manual")
    return _("{no} · {product} · baki debet {os} · Kol {kol} {label} · {dpd} hari · posisi {where}").format(
        no=a.account_no, product=a.product or "—", os=format_rupiah(a.outstanding), kol=a.collectibility,
        label=level_label(a.collectibility), dpd=format_number(a.days_past_due), where=where)


class ClientLoansTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._count = 0
        self.accounts_list = QListWidget()
        self.accounts_list.setAlternatingRowColors(True)
        self.promises_list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.accounts_list, 2)
        layout.addWidget(QLabel(self.tr("Janji bayar")))
        layout.addWidget(self.promises_list, 1)

    def title(self, profile: ClientProfile) -> str:
        return self.tr("Pinjaman ({n})").format(n=self._count) if self._count else self.tr("Pinjaman")

    def show_profile(self, profile: ClientProfile) -> None:
        client_id = profile.client.id
        self.accounts_list.clear()
        self.promises_list.clear()
        if client_id is None:
            self._count = 0
            return
        items = client_accounts(self._context.uow, client_id)
        self._count = len(items)
        self.accounts_list.addItems([account_text(i) for i in items] or [self.tr("Belum ada rekening pinjaman.")])
        promises = client_promises(self._context.uow, client_id)
        self.promises_list.addItems([
            self.tr("{d}: {a} (dibuat {m}) · {s}").format(
                d=format_date(p.promise.promise_date), a=format_rupiah(p.promise.amount),
                m=format_date(p.promise.made_on), s=promise_label(p.state)) for p in promises]
            or [self.tr("Tidak ada janji bayar.")])
