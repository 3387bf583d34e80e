"""ProductForm: every field of a catalog product, for the admin's edit dialog.

Lists (benefits, documents, eligibility) are one item per line; rates are typed with a
decimal comma ("7,5"); KUR tiers as "6; 7; 8; 9". The form turns what was typed into a
`Product` and the domain's own rules (`clean_product`) judge it, so the messages under
the fields are exactly the ones the service would give when saving.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    Rounding,
    method_label,
    rounding_label,
)
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.domain.products.product_rules import clean_product
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.field_message import FieldMessage, Severity
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

# Which message line shows an issue about a field the form has no editor of its own for.
_ISSUE_TARGET = {
    "fees": "provision_pct",
    "tiered_rate": "tiered_rate",
    "rates_by_use": "tiered_rate",
}


def parse_percent(text: str) -> Decimal | None:
    """`7,5` or `7.5` or `7,5 %` -> Decimal("7.5"); None when it is not a number."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}".replace(".", ",")


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class ProductForm(QTabWidget):
    """Four tabs of fields; `changed` after every edit, `issues()` what is wrong."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = Product(code="", name="", kind=ProductKind.LOAN)
        self._parse_issues: list[FieldIssue] = []
        self.messages: dict[str, FieldMessage] = {}
        self._build_explanation_tab()
        self._build_terms_tab()
        self._build_fees_tab()
        self._build_riplay_tab()
        for editor in self.findChildren(QLineEdit):
            editor.textChanged.connect(self.changed)
        for edit in self.findChildren(QPlainTextEdit):
            edit.textChanged.connect(self.changed)
        for spin in self.findChildren(QSpinBox):
            spin.valueChanged.connect(self.changed)
        for check in self.findChildren(QCheckBox):
            check.toggled.connect(self.changed)
        for combo in (self.kind_combo, self.method_combo, self.rounding_combo):
            combo.currentIndexChanged.connect(self.changed)
        self.effective_edit.valueChanged.connect(self.changed)

    def _row(self, form: QFormLayout, name: str, label: str, editor: QWidget | QHBoxLayout) -> None:
        column = QVBoxLayout()
        column.setSpacing(2)
        if isinstance(editor, QHBoxLayout):
            column.addLayout(editor)
        else:
            column.addWidget(editor)
        message = self.messages[name] = FieldMessage()
        column.addWidget(message)
        form.addRow(label, column)

    def _build_explanation_tab(self) -> None:
        self.code_edit = QLineEdit(placeholderText=self.tr("mis. KPR, KUR-MIKRO, DEP-3"))
        self.name_edit = QLineEdit()
        self.kind_combo = EnumComboBox(ProductKind, product_kind_label)
        self.short_edit = QLineEdit()
        self.long_edit = QPlainTextEdit()
        self.long_edit.setPlaceholderText(
            self.tr("Bahasa sederhana; pisahkan paragraf dengan baris kosong")
        )
        self.benefits_edit = QPlainTextEdit(placeholderText=self.tr("Satu keuntungan per baris"))
        for edit in (self.long_edit, self.benefits_edit):
            edit.setMinimumHeight(70)
        page = QWidget()
        form = QFormLayout(page)
        self._row(form, "code", self.tr("Kode"), self.code_edit)
        self._row(form, "name", self.tr("Nama produk"), self.name_edit)
        self._row(form, "kind", self.tr("Jenis"), self.kind_combo)
        self._row(form, "short_description", self.tr("Deskripsi singkat"), self.short_edit)
        self._row(form, "long_description", self.tr("Penjelasan"), self.long_edit)
        self._row(form, "benefits", self.tr("Keuntungan"), self.benefits_edit)
        self.addTab(page, self.tr("Penjelasan"))

    def _build_terms_tab(self) -> None:
        self.rate_edit = QLineEdit(placeholderText=self.tr("mis. 8,5"))
        self.method_combo = EnumComboBox(
            InterestMethod, method_label, self.tr("\u2014 (bukan kredit)")
        )
        self.allowed_checks = {m: QCheckBox(method_label(m)) for m in InterestMethod}
        allowed = QHBoxLayout()
        for check in self.allowed_checks.values():
            allowed.addWidget(check)
        only_main = QLabel(self.tr("(kosong: hanya metode utama)"))
        only_main.setStyleSheet("color: palette(placeholder-text);")
        allowed.addWidget(only_main)
        allowed.addStretch(1)
        self.tiers_edit = QLineEdit(
            placeholderText=self.tr("KUR: mis. 6; 7; 8; 9 (kosong bila tidak bertingkat)")
        )
        self.min_tenor_spin, self.max_tenor_spin = QSpinBox(), QSpinBox()
        for spin in (self.min_tenor_spin, self.max_tenor_spin):
            spin.setRange(1, 600)
            spin.setSuffix(self.tr(" bulan"))
        tenor = QHBoxLayout()
        tenor.addWidget(self.min_tenor_spin)
        tenor.addWidget(self.max_tenor_spin)
        self.min_amount_edit, self.max_amount_edit = RupiahEdit(), RupiahEdit()
        self.dsr_edit = QLineEdit(placeholderText=self.tr("mis. 35 (kosong: batas bawaan)"))
        self.aro_check = QCheckBox(self.tr("Perpanjangan otomatis (ARO) tersedia"))
        self.eligibility_edit = QPlainTextEdit(placeholderText=self.tr("Satu syarat per baris"))
        self.documents_edit = QPlainTextEdit(
            placeholderText=self.tr("Satu dokumen per baris: KTP, KK, NPWP…")
        )
        for edit in (self.eligibility_edit, self.documents_edit):
            edit.setMinimumHeight(60)
        page = QWidget()
        form = QFormLayout(page)
        self._row(form, "rate_pa", self.tr("Suku bunga % per tahun"), self.rate_edit)
        self._row(form, "method", self.tr("Metode bunga utama"), self.method_combo)
        self._row(form, "allowed_methods", self.tr("Metode yang boleh dipilih"), allowed)
        self._row(form, "tiered_rate", self.tr("Bunga bertingkat KUR %"), self.tiers_edit)
        self._row(form, "min_tenor_months", self.tr("Tenor minimum / maksimum"), tenor)
        self.messages["max_tenor_months"] = self.messages["min_tenor_months"]
        self._row(form, "min_amount", self.tr("Nominal minimum"), self.min_amount_edit)
        self._row(form, "max_amount", self.tr("Nominal maksimum"), self.max_amount_edit)
        self._row(form, "max_dsr_pct", self.tr("DSR maksimum %"), self.dsr_edit)
        self._row(form, "aro_available", "", self.aro_check)
        self._row(form, "eligibility", self.tr("Syarat"), self.eligibility_edit)
        self._row(form, "required_documents", self.tr("Dokumen"), self.documents_edit)
        self.addTab(page, self.tr("Bunga dan batas"))

    def _build_fees_tab(self) -> None:
        self.provision_edit = QLineEdit(placeholderText="0")
        self.insurance_edit = QLineEdit(placeholderText="0")
        self.admin_edit, self.notary_edit = RupiahEdit(), RupiahEdit()
        self.rounding_combo = EnumComboBox(Rounding, rounding_label)
        self.terms_version_edit = QLineEdit(placeholderText=self.tr("mis. 2026.1"))
        self.effective_edit = OptionalDateEdit()
        self.active_check = QCheckBox(self.tr("Produk aktif (ditawarkan kepada nasabah)"))
        page = QWidget()
        form = QFormLayout(page)
        self._row(form, "provision_pct", self.tr("Provisi %"), self.provision_edit)
        self._row(form, "admin", self.tr("Biaya administrasi"), self.admin_edit)
        self._row(form, "insurance_pct", self.tr("Asuransi %"), self.insurance_edit)
        self._row(form, "notary", self.tr("Biaya notaris"), self.notary_edit)
        self._row(form, "rounding", self.tr("Pembulatan angsuran"), self.rounding_combo)
        self._row(form, "terms_version", self.tr("Versi ketentuan"), self.terms_version_edit)
        self._row(form, "terms_effective", self.tr("Berlaku mulai"), self.effective_edit)
        self._row(form, "active", "", self.active_check)
        self.addTab(page, self.tr("Biaya dan ketentuan"))

    def _build_riplay_tab(self) -> None:
        """What OJK's RIPLAY states besides the benefits; the rules say which kind needs what."""
        self.risks_edit = QPlainTextEdit(placeholderText=self.tr("Satu risiko per baris"))
        self.late_penalty_edit = QLineEdit(
            placeholderText=self.tr("Kredit: mis. 0,1% per hari dari angsuran yang terlambat")
        )
        self.early_repayment_edit = QLineEdit(
            placeholderText=self.tr("Kredit: boleh atau tidak, dan biayanya")
        )
        self.other_costs_edit = QPlainTextEdit(
            placeholderText=self.tr("Materai, appraisal, asuransi kebakaran, biaya bulanan...")
        )
        self.withdrawal_penalty_edit = QLineEdit(
            placeholderText=self.tr("Deposito: penalti pencairan sebelum jatuh tempo")
        )
        for edit in (self.risks_edit, self.other_costs_edit):
            edit.setMinimumHeight(70)
        page = QWidget()
        form = QFormLayout(page)
        self._row(form, "risks", self.tr("Risiko"), self.risks_edit)
        self._row(form, "late_penalty", self.tr("Denda keterlambatan"), self.late_penalty_edit)
        self._row(form, "early_repayment", self.tr("Pelunasan dipercepat"),
                  self.early_repayment_edit)  # fmt: skip
        self._row(form, "other_costs", self.tr("Biaya lain"), self.other_costs_edit)
        self._row(form, "early_withdrawal_penalty", self.tr("Penalti pencairan"),
                  self.withdrawal_penalty_edit)  # fmt: skip
        self.addTab(page, self.tr("RIPLAY"))

    # --- loading and reading --------------------------------------------------------------
    def load(self, product: Product) -> None:
        self._base = product
        self.code_edit.setText(product.code)
        self.name_edit.setText(product.name)
        self.kind_combo.set_value(product.kind)
        self.short_edit.setText(product.short_description)
        self.long_edit.setPlainText(product.long_description)
        self.benefits_edit.setPlainText("\n".join(product.benefits))
        self.eligibility_edit.setPlainText("\n".join(product.eligibility))
        self.documents_edit.setPlainText("\n".join(product.required_documents))
        self.rate_edit.setText(percent_text(product.rate_pa))
        self.method_combo.set_value(product.method)
        for method, check in self.allowed_checks.items():
            check.setChecked(method in product.allowed_methods)
        tiers = product.tiered_rate.rates_by_use if product.tiered_rate else ()
        self.tiers_edit.setText("; ".join(percent_text(r) for r in tiers))
        self.min_tenor_spin.setValue(product.min_tenor_months)
        self.max_tenor_spin.setValue(product.max_tenor_months)
        self.min_amount_edit.set_value(product.min_amount)
        self.max_amount_edit.set_value(product.max_amount)
        self.dsr_edit.setText(percent_text(product.max_dsr_pct))
        self.aro_check.setChecked(product.aro_available)
        self.provision_edit.setText(percent_text(product.fees.provision_pct))
        self.insurance_edit.setText(percent_text(product.fees.insurance_pct))
        self.admin_edit.set_value(product.fees.admin)
        self.notary_edit.set_value(product.fees.notary)
        self.rounding_combo.set_value(product.rounding)
        self.terms_version_edit.setText(product.terms_version)
        self.effective_edit.set_value(product.terms_effective)
        self.active_check.setChecked(product.active)
        self.risks_edit.setPlainText("\n".join(product.risks))
        self.late_penalty_edit.setText(product.late_penalty)
        self.early_repayment_edit.setText(product.early_repayment)
        self.other_costs_edit.setPlainText("\n".join(product.other_costs))
        self.withdrawal_penalty_edit.setText(product.early_withdrawal_penalty)

    def _percent(self, edit: QLineEdit, name: str, default: Decimal | None) -> Decimal | None:
        if not edit.text().strip():
            return default
        value = parse_percent(edit.text())
        if value is None:
            self._parse_issues.append(
                FieldIssue(name, self.tr("Isi angka persen, misalnya 7,5"), True)
            )
            return default
        return value

    def edited(self) -> Product:
        """The product as typed (not yet judged); number typos are noted for `issues()`."""
        self._parse_issues = []
        tiers: list[Decimal] = []
        for part in self.tiers_edit.text().replace(",", ".").replace(";", " ").split():
            value = parse_percent(part)
            if value is None:
                self._parse_issues.append(
                    FieldIssue(
                        "tiered_rate", self.tr("Tulis bunga bertingkat seperti 6; 7; 8; 9"), True
                    )
                )
                tiers = []
                break
            tiers.append(value)
        tiered = None
        if tiers:
            try:
                tiered = TieredRateRule(tuple(tiers))
            except ValidationFailed as exc:
                self._parse_issues.append(FieldIssue("tiered_rate", str(exc), True))
        for field, edit in (("min_amount", self.min_amount_edit), ("max_amount", self.max_amount_edit),
                            ("admin", self.admin_edit), ("notary", self.notary_edit)):  # fmt: skip
            unreadable = edit.issue(field)
            if unreadable is not None:
                self._parse_issues.append(unreadable)
        fees = LoanFees(
            provision_pct=self._percent(self.provision_edit, "provision_pct", Decimal(0))
            or Decimal(0),
            admin=self.admin_edit.value(),
            insurance_pct=self._percent(self.insurance_edit, "insurance_pct", Decimal(0))
            or Decimal(0),
            notary=self.notary_edit.value(),
        )
        return replace(
            self._base,
            code=self.code_edit.text(),
            name=self.name_edit.text(),
            kind=self.kind_combo.value() or ProductKind.LOAN,
            short_description=self.short_edit.text(),
            long_description=self.long_edit.toPlainText(),
            benefits=_lines(self.benefits_edit),
            required_documents=_lines(self.documents_edit),
            eligibility=_lines(self.eligibility_edit),
            rate_pa=self._percent(self.rate_edit, "rate_pa", Decimal(0)) or Decimal(0),
            method=self.method_combo.value(),
            allowed_methods=tuple(m for m, c in self.allowed_checks.items() if c.isChecked()),
            tiered_rate=tiered,
            min_tenor_months=self.min_tenor_spin.value(),
            max_tenor_months=self.max_tenor_spin.value(),
            min_amount=self.min_amount_edit.value(),
            max_amount=self.max_amount_edit.value(),
            fees=fees,
            rounding=self.rounding_combo.value() or Rounding.WHOLE,
            max_dsr_pct=self._percent(self.dsr_edit, "max_dsr_pct", None),
            aro_available=self.aro_check.isChecked(),
            active=self.active_check.isChecked(),
            terms_version=self.terms_version_edit.text(),
            terms_effective=self.effective_edit.value(),
            risks=_lines(self.risks_edit),
            late_penalty=self.late_penalty_edit.text(),
            early_repayment=self.early_repayment_edit.text(),
            other_costs=_lines(self.other_costs_edit),
            early_withdrawal_penalty=self.withdrawal_penalty_edit.text(),
        )

    def issues(self) -> list[FieldIssue]:
        """Every problem with what is typed: number typos first, then the domain's rules."""
        product = self.edited()
        _cleaned, rule_issues = clean_product(product)
        # A number that could not be read is judged as 0 by the rules; their complaints
        # about that 0 would only repeat the typo, so they are left out.
        typos = {i.field for i in self._parse_issues}
        rules = [i for i in rule_issues if i.is_error and i.field not in typos]
        if "rate_pa" in typos or "tiered_rate" in typos:
            rules = [i for i in rules if i.field not in ("rate_pa", "tiered_rate")]
        return [*self._parse_issues, *rules]

    def show_issues(self, issues: list[FieldIssue]) -> None:
        for message in self.messages.values():
            message.clear_message()
        shown: set[int] = set()
        for issue in issues:
            message = self.messages.get(_ISSUE_TARGET.get(issue.field, issue.field))
            if message is not None and id(message) not in shown:
                message.show_message(issue.message, Severity.ERROR)
                shown.add(id(message))

    def tab_of(self, field: str) -> int:
        """The tab holding the message line of `field` (to switch to the first error)."""
        message = self.messages.get(_ISSUE_TARGET.get(field, field))
        for index in range(self.count()):
            if message is not None and self.widget(index).isAncestorOf(message):
                return index
        return 0
