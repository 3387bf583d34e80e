"""ApplicationEditorDialog: one application in tabs (request, business figures,
collateral, 5C, SLIK, documents, recommendation). The ratios, coverage and 5C total are
recomputed by the domain on every keystroke; saving is one service call, and a stale
save is refused with what a colleague changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.credit.application import (
    CreditApplication,
    new_installment,
    request_issues,
    schedule_for,
)
from ao_desktop.domain.credit.checklist import checklist_for
from ao_desktop.domain.credit.enums import LoanPurpose
from ao_desktop.domain.credit.five_c import grade_label
from ao_desktop.domain.credit.labels import purpose_label
from ao_desktop.domain.products.product import Product
from ao_desktop.services.credit import applications as svc
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.credit.editor_tabs import (
    CollateralTab,
    DocumentsTab,
    FiguresTab,
    FiveCTab,
    RecommendationTab,
    SlikTab,
)
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.messages import show_exception
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit


class ApplicationEditorDialog(QDialog):
    def __init__(self, context: UiContext, application: CreditApplication, client_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._original = application
        self.saved: CreditApplication | None = None
        self._settings = svc.credit_settings(context.uow)
        # The client's running loans in the portfolio count in RPC and DSR.
        self._running = svc.portfolio_installments_of(context.uow, application.client_id, application.id)
        self._products: dict[str, Product] = {p.code: p for p in svc.loan_products(context.uow)}
        self.setWindowTitle(self.tr("Pengajuan kredit: {n}").format(n=client_name))
        self.resize(960, 640)
        self.product_combo = QComboBox()
        for code, product in self._products.items():
            self.product_combo.addItem(f"{product.name} ({code})", code)
        self.amount_edit = RupiahEdit()
        self.tenor_spin = QSpinBox()
        self.tenor_spin.setRange(1, 360)
        self.tenor_spin.setSuffix(self.tr(" bulan"))
        self.purpose_combo = EnumComboBox(list(LoanPurpose), purpose_label)
        self.description_edit = QLineEdit()
        self.installment_label = QLabel()
        self.request_issue_label = QLabel()
        self.request_issue_label.setStyleSheet("color: #B91C1C;")
        self.request_issue_label.setWordWrap(True)
        request = QWidget()
        form = QFormLayout(request)
        form.addRow(self.tr("Produk"), self.product_combo)
        form.addRow(self.tr("Plafond"), self.amount_edit)
        form.addRow(self.tr("Tenor"), self.tenor_spin)
        form.addRow(self.tr("Tujuan"), self.purpose_combo)
        form.addRow(self.tr("Uraian tujuan"), self.description_edit)
        form.addRow(self.tr("Angsuran (simulasi)"), self.installment_label)
        form.addRow(self.request_issue_label)
        self.figures_tab, self.collateral_tab = FiguresTab(), CollateralTab()
        self.five_c_tab, self.slik_tab = FiveCTab(), SlikTab()
        self.documents_tab, self.recommendation_tab = DocumentsTab(), RecommendationTab()
        self.tabs = QTabWidget()
        for widget, title in ((request, self.tr("Permohonan")), (self.figures_tab, self.tr("Data keuangan")),
                              (self.collateral_tab, self.tr("Agunan")), (self.five_c_tab, self.tr("5C")),
                              (self.slik_tab, self.tr("SLIK")), (self.documents_tab, self.tr("Dokumen")),
                              (self.recommendation_tab, self.tr("Rekomendasi"))):
            self.tabs.addTab(widget, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._load(application)
        for signal in (self.product_combo.currentIndexChanged, self.amount_edit.textChanged,
                       self.tenor_spin.valueChanged, self.figures_tab.changed, self.collateral_tab.changed,
                       self.five_c_tab.changed, self.slik_tab.changed):
            signal.connect(self._on_inputs_changed)
        self.product_combo.currentIndexChanged.connect(self._on_product_combo_current_index_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_inputs_changed()

    def _load(self, app: CreditApplication) -> None:
        index = self.product_combo.findData(app.product_code)
        self.product_combo.setCurrentIndex(max(index, 0))
        self.amount_edit.set_value(app.amount)
        self.tenor_spin.setValue(app.tenor_months)
        self.purpose_combo.set_value(app.purpose)
        self.description_edit.setText(app.purpose_description)
        self.figures_tab.set_value(app.figures)
        self.collateral_tab.set_value(app.collateral)
        self.five_c_tab.set_value(app.five_c)
        self.slik_tab.set_value(app.slik)
        product = self._product()
        self.documents_tab.set_value(checklist_for(product.required_documents, app.documents)
                                     if product else app.documents)
        self.recommendation_tab.recommendation_edit.setPlainText(app.recommendation)
        self.recommendation_tab.conditions_edit.setPlainText(app.conditions)
        if app.id is not None:
            self.recommendation_tab.set_history(svc.status_history(self._context.uow, app.id))

    def _product(self) -> Product | None:
        return self._products.get(self.product_combo.currentData())

    def application(self) -> CreditApplication:
        """The application as the form shows it, with the simulator's instalment when the
        request fits the product (0 while it does not)."""
        product = self._product()
        app = replace(
            self._original, product_code=product.code if product else "", amount=self.amount_edit.value(),
            tenor_months=self.tenor_spin.value(), purpose=self.purpose_combo.value() or LoanPurpose.WORKING_CAPITAL,
            purpose_description=self.description_edit.text(), figures=self.figures_tab.value(),
            collateral=self.collateral_tab.value(), five_c=self.five_c_tab.value(), slik=self.slik_tab.value(),
            documents=self.documents_tab.value(),
            recommendation=self.recommendation_tab.recommendation_edit.toPlainText(),
            conditions=self.recommendation_tab.conditions_edit.toPlainText())
        installment = 0
        if product is not None and not request_issues(app, product):
            try:
                installment = new_installment(schedule_for(app, product, date.today()))
            except ValidationFailed:
                installment = 0
        return replace(app, installment=installment)

    def _on_inputs_changed(self, *_args: object) -> None:
        app = self.application()
        product = self._product()
        issues = request_issues(app, product) if product else []
        self.request_issue_label.setText("\n".join(i.message for i in issues))
        self.installment_label.setText(format_rupiah(app.installment) if app.installment else "—")
        try:
            a = svc.assess(app, product, self._settings, portfolio_installments=self._running)
        except DomainError:
            return  # a score out of range: the spin boxes cannot produce one
        self.figures_tab.show_ratios(a.ratios, app.figures)
        self.collateral_tab.show_coverage(app.amount)
        total = f"{a.score:.2f}".replace(".", ",") if a.score is not None else "—"
        self.five_c_tab.total_label.setText(self.tr("Total tertimbang: {t} · {g}").format(t=total, g=grade_label(a.grade)))

    def _on_product_combo_current_index_changed(self, *_args: object) -> None:
        product = self._product()
        if product is not None:
            self.documents_tab.set_value(checklist_for(product.required_documents, self.documents_tab.value()))

    def _on_buttons_accepted(self) -> None:
        app = self.application()
        try:
            if app.id is None:
                self.saved = svc.create_application(self._context.uow, app, self._context.who)
            else:
                self.saved = svc.update_application(self._context.uow, app, self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Pengajuan tidak disimpan"), exc, retry=self._on_buttons_accepted)
            return
        self.accept()
