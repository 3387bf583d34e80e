"""AccountDialog: record a loan account before the core-banking extract lists it:
either the account of a disbursed credit application (its figures come from the
application; only the account number is typed) or a loan entered by hand."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.portfolio.account import LoanAccount
from ao_desktop.services.portfolio.accounts import (
    account_from_application,
    add_account,
    disbursed_without_account,
)
from ao_desktop.ui.clients.referrer_picker import ReferrerPicker
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit


class AccountDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tambah rekening pinjaman"))
        self._context = context
        self.saved: LoanAccount | None = None
        self.source_combo = QComboBox()
        self.source_combo.addItem(self.tr("Diisi manual"), None)
        for app_id, name, amount in disbursed_without_account(context.uow, context.who):
            self.source_combo.addItem(self.tr("Pengajuan no. {i}: {n}, {a}").format(
                i=app_id, n=name, a=format_rupiah(amount)), app_id)
        self.account_edit = QLineEdit()
        self.client_picker = ReferrerPicker(context.uow)
        self.client_picker.setPlaceholderText(self.tr("Cari nasabah…"))
        self.product_edit = QLineEdit()
        self.plafond_edit, self.outstanding_edit, self.installment_edit = RupiahEdit(), RupiahEdit(), RupiahEdit()
        self.arrears_principal_edit, self.arrears_interest_edit = RupiahEdit(), RupiahEdit()
        self.disbursed_edit = OptionalDateEdit()
        self.tenor_spin = QSpinBox()
        self.tenor_spin.setRange(0, 600)
        self.tenor_spin.setSuffix(self.tr(" bulan"))
        self.dpd_spin = QSpinBox()
        self.dpd_spin.setRange(0, 36_500)
        self.dpd_spin.setSuffix(self.tr(" hari"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B42318")
        form = QFormLayout()
        form.addRow(self.tr("Sumber"), self.source_combo)
        form.addRow(self.tr("No. rekening"), self.account_edit)
        self._manual = [
            (self.tr("Nasabah"), self.client_picker), (self.tr("Produk"), self.product_edit),
            (self.tr("Plafond"), self.plafond_edit), (self.tr("Tanggal realisasi"), self.disbursed_edit),
            (self.tr("Jangka waktu"), self.tenor_spin), (self.tr("Angsuran per bulan"), self.installment_edit),
            (self.tr("Baki debet"), self.outstanding_edit), (self.tr("Hari tunggakan"), self.dpd_spin),
            (self.tr("Tunggakan pokok"), self.arrears_principal_edit),
            (self.tr("Tunggakan bunga"), self.arrears_interest_edit)]
        for label, widget in self._manual:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Rekening ini masuk ke angka portofolio (NPL) saat ekstrak core banking "
                                        "berikutnya memuat nomor yang sama.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.source_combo.currentIndexChanged.connect(self._on_source_combo_changed)

    def _on_source_combo_changed(self, *_args: object) -> None:
        manual = self.source_combo.currentData() is None
        for _label, widget in self._manual:
            widget.setEnabled(manual)

    def account(self) -> LoanAccount:
        return LoanAccount(
            account_no=self.account_edit.text(), client_id=self.client_picker.client_id(),
            product=self.product_edit.text().strip(), plafond=self.plafond_edit.value(),
            disbursed_on=self.disbursed_edit.value(), tenor_months=self.tenor_spin.value(),
            installment=self.installment_edit.value(), outstanding=self.outstanding_edit.value(),
            days_past_due=self.dpd_spin.value(), arrears_principal=self.arrears_principal_edit.value(),
            arrears_interest=self.arrears_interest_edit.value(), officer_id=self._context.officer_id)

    def save(self) -> bool:
        app_id = self.source_combo.currentData()
        try:
            if app_id is None:
                self.saved = add_account(self._context.uow, self.account(), self._context.who)
            else:
                self.saved = account_from_application(self._context.uow, app_id, self.account_edit.text(),
                                                      self._context.who)
        except DomainError as exc:
            self.message.setText(str(exc))
            return False
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()
