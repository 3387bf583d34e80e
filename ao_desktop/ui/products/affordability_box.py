"""AffordabilityBox: can the picked client carry this loan? DSR and the largest amount.

Shown under the simulator once a client is picked from the directory: the client's
income and other installments, the debt-service ratio of this simulation against the
product's limit (green within, red above, with the figures), and the largest amount the
client's income allows for the tenor, with a button that puts it into the simulator.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.product import Product
from ao_desktop.ui.products.texts import polite_name
from ao_desktop.ui.widgets.field_message import ERROR_COLOR, NOTE_COLOR

OK_COLOR = "#2e7d32"


class AffordabilityBox(QFrame):
    """The client's DSR for the current schedule; `useAmount` asks for the max amount."""

    useAmount = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._max_amount = 0
        self.client_label = QLabel()
        self.client_label.setWordWrap(True)
        self.dsr_label = QLabel()
        self.dsr_label.setWordWrap(True)
        self.max_label = QLabel()
        self.max_label.setWordWrap(True)
        self.use_button = QPushButton(self.tr("Pakai plafon ini"))
        self.use_button.setToolTip(self.tr("Isi plafon simulasi dengan jumlah maksimal ini"))
        self.use_button.clicked.connect(self._on_use_button_clicked)
        max_row = QHBoxLayout()
        max_row.addWidget(self.max_label, 1)
        max_row.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.client_label)
        layout.addWidget(self.dsr_label)
        layout.addLayout(max_row)
        self.hide()

    @property
    def max_amount(self) -> int:
        return self._max_amount

    def show_client(self, client: Client | None) -> None:
        """Show the client's figures (None hides the box)."""
        if client is None:
            self.hide()
            return
        if client.monthly_income > 0:
            text = self.tr("Penghasilan {who}: {income} per bulan").format(
                who=polite_name(client), income=format_rupiah(client.monthly_income)
            )
            if client.monthly_obligations:
                text += self.tr(" \u00b7 angsuran lain {other} per bulan").format(
                    other=format_rupiah(client.monthly_obligations)
                )
        else:
            text = self.tr(
                "Penghasilan {who} belum diisi di data nasabah, jadi DSR belum dapat dihitung."
            ).format(who=polite_name(client))
        self.client_label.setText(text)
        self.show()

    def show_dsr(
        self, affordability: Affordability | None, installment: int, obligations: int
    ) -> None:
        """The ratio of this schedule's highest installment (None: nothing to show)."""
        if affordability is None or affordability.dsr_pct is None:
            self.dsr_label.clear()
            self.dsr_label.hide()
            return
        parts = self.tr("Angsuran {installment}").format(installment=format_rupiah(installment))
        if obligations:
            parts += self.tr(" + angsuran lain {other}").format(other=format_rupiah(obligations))
        dsr, limit = format_pct(affordability.dsr_pct), format_pct(affordability.max_dsr_pct)
        if affordability.affordable:
            text = "\u2714 " + self.tr(
                "{parts} = {dsr} dari penghasilan; batas {limit} (semua angsuran paling banyak "
                "{limit_amount} per bulan)"
            ).format(parts=parts, dsr=dsr, limit=limit,
                     limit_amount=format_rupiah(affordability.limit_amount))  # fmt: skip
            color = OK_COLOR
        else:
            # The limit and the excess said apart: "melebihi batas RpX" read X as the limit.
            text = "\u2716 " + self.tr(
                "{parts} = {dsr} dari penghasilan. Batas {limit}: semua angsuran paling banyak "
                "{limit_amount} per bulan, jadi kelebihan {excess} per bulan."
            ).format(parts=parts, dsr=dsr, limit=limit,
                     limit_amount=format_rupiah(affordability.limit_amount),
                     excess=format_rupiah(-affordability.headroom))  # fmt: skip
            color = ERROR_COLOR
        self.dsr_label.setText(text)
        self.dsr_label.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.dsr_label.show()

    def show_max_amount(self, client: Client, product: Product, amount: int | None) -> None:
        """The largest affordable amount for the tenor (None: the tenor is not valid)."""
        self._max_amount = amount or 0
        if amount is None or client.monthly_income <= 0:
            self.max_label.hide()
            self.use_button.hide()
            return
        if amount:
            text = self.tr("Maksimal plafon untuk {who}: {amount}").format(
                who=polite_name(client), amount=format_rupiah(amount)
            )
            self.max_label.setStyleSheet("font-weight: bold;")
        else:
            text = self.tr(
                "Penghasilan {who} belum cukup untuk plafon minimum {low} dengan tenor ini"
            ).format(who=polite_name(client), low=format_rupiah(product.min_amount))
            self.max_label.setStyleSheet(f"color: {NOTE_COLOR};")
        self.max_label.setText(text)
        self.max_label.show()
        self.use_button.setVisible(amount > 0)

    def _on_use_button_clicked(self) -> None:
        if self._max_amount:
            self.useAmount.emit(self._max_amount)
