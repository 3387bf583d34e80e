"""The tabs of the application editor, each a widget with `value()`, `set_value()` and
a `changed` signal: request, business figures (with the ratios and their formulas),
collateral, 5C, SLIK, documents, recommendation. The dialog assembles them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.formatting import format_datetime, format_pct, format_rupiah
from ao_desktop.domain.credit.checklist import DocumentItem
from ao_desktop.domain.credit.collateral import Collateral, coverage_pct
from ao_desktop.domain.credit.enums import CollateralType, IncomeKind
from ao_desktop.domain.credit.figures import (
    FIGURE_LABELS,
    MONEY_FIELDS,
    BusinessFigures,
    balance_issue,
)
from ao_desktop.domain.credit.five_c import ASPECTS, FiveCScore, aspect_label
from ao_desktop.domain.credit.history import StatusEntry
from ao_desktop.domain.credit.labels import collateral_type_label, income_kind_label, status_label
from ao_desktop.domain.credit.ratios import CreditRatios, formula, ratio_warnings
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit

_SALARY_FIELDS = {"net_salary", "other_income", "household_expenses", "other_installments"}


class FiguresTab(QWidget):
    """The income statement and balance sheet, and beside them every ratio with its
    formula, recomputed as the AO types (the dialog calls `show_ratios`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = EnumComboBox(list(IncomeKind), income_kind_label)
        self.edits: dict[str, RupiahEdit] = {name: RupiahEdit() for name in MONEY_FIELDS}
        form = QFormLayout()
        form.addRow(self.tr("Sumber penghasilan"), self.kind_combo)
        self._rows: dict[str, QLabel] = {}
        for name in MONEY_FIELDS:
            label = QLabel(FIGURE_LABELS[name])
            self._rows[name] = label
            form.addRow(label, self.edits[name])
            self.edits[name].textChanged.connect(self.changed)
        self.balance_label = QLabel()
        self.balance_label.setWordWrap(True)
        self.ratios_label = QLabel()
        self.ratios_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #B45309; font-weight: bold;")
        grid = QGridLayout(self)
        grid.addLayout(form, 0, 0, 3, 1)
        grid.addWidget(self.ratios_label, 0, 1)
        grid.addWidget(self.balance_label, 1, 1)
        grid.addWidget(self.warnings_label, 2, 1)
        grid.setColumnStretch(1, 1)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self._on_kind_combo_current_index_changed()

    def value(self) -> BusinessFigures:
        kind = self.kind_combo.value() or IncomeKind.BUSINESS
        return BusinessFigures(kind, **{n: e.value() for n, e in self.edits.items()})

    def set_value(self, figures: BusinessFigures) -> None:
        self.kind_combo.set_value(figures.income_kind)
        for name, edit in self.edits.items():
            edit.set_value(getattr(figures, name))

    def show_ratios(self, ratios: CreditRatios, figures: BusinessFigures) -> None:
        def pct(v: object) -> str:
            return format_pct(v, 2) if v is not None else "—"  # type: ignore[arg-type]

        def times(v: object) -> str:
            return f"{v:.2f}×".replace(".", ",") if v is not None else "—"

        lines = [
            (self.tr("Penghasilan bulanan"), format_rupiah(ratios.monthly_income), formula("monthly_income")),
            (self.tr("Margin kotor"), pct(ratios.gross_margin_pct), formula("gross_margin")),
            (self.tr("Margin bersih"), pct(ratios.net_margin_pct), formula("net_margin")),
            (self.tr("Current ratio"), times(ratios.current_ratio), formula("current_ratio")),
            (self.tr("DER"), times(ratios.debt_to_equity), formula("debt_to_equity")),
            (self.tr("Angsuran lain"), format_rupiah(ratios.other_installments),
             self.tr("termasuk kredit berjalan di bank ini: {r}").format(
                 r=format_rupiah(ratios.portfolio_installments))),
            (self.tr("RPC"), format_rupiah(ratios.repayment_capacity), formula("repayment_capacity")),
            (self.tr("Angsuran ÷ RPC"), pct(ratios.rpc_ratio_pct), formula("rpc_ratio")),
            (self.tr("DSR (batas {p})").format(p=format_pct(ratios.max_dsr_pct)), pct(ratios.dsr_pct), formula("dsr")),
        ]
        self.ratios_label.setText("<table>" + "".join(
            f"<tr><td>{n}</td><td align='right'><b>{v}</b></td><td><i>&nbsp;= {f}</i></td></tr>"
            for n, v, f in lines) + "</table>")
        issue = balance_issue(figures) if figures.income_kind is IncomeKind.BUSINESS else None
        self.balance_label.setText(issue.message if issue else self.tr("Neraca seimbang."))
        self.warnings_label.setText("\n".join(w.message for w in ratio_warnings(ratios)))

    def _on_kind_combo_current_index_changed(self, *_args: object) -> None:
        salaried = self.kind_combo.value() is IncomeKind.SALARIED
        for name in MONEY_FIELDS:
            shown = name in _SALARY_FIELDS if salaried else name != "net_salary"
            self._rows[name].setVisible(shown)
            self.edits[name].setVisible(shown)
        self.changed.emit()


class CollateralTab(QWidget):
    changed = Signal()
    HEADERS = ("Jenis", "Pemilik", "Uraian", "Nilai pasar", "Nilai likuidasi")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("+ Tambah agunan"))
        self.remove_button = QPushButton(self.tr("Hapus"))
        self.coverage_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.coverage_label)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemChanged.connect(self.changed)

    def _add_row(self, item: Collateral) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = EnumComboBox(list(CollateralType), collateral_type_label)
        combo.set_value(item.type)
        combo.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, 0, combo)
        for col, text in ((1, item.owner), (2, item.description)):
            self.table.setItem(row, col, QTableWidgetItem(text))
        for col, amount in ((3, item.market_value), (4, item.liquidation_value)):
            edit = RupiahEdit()
            edit.set_value(amount)
            edit.textChanged.connect(self.changed)
            self.table.setCellWidget(row, col, edit)

    def value(self) -> tuple[Collateral, ...]:
        items = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 0)
            texts = [(self.table.item(row, c).text() if self.table.item(row, c) else "") for c in (1, 2)]
            market, liquidation = (self.table.cellWidget(row, c).value() for c in (3, 4))  # type: ignore[attr-defined]
            items.append(Collateral(combo.value() or CollateralType.OTHER, texts[0], texts[1], market, liquidation))  # type: ignore[attr-defined]
        return tuple(items)

    def set_value(self, items: tuple[Collateral, ...]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self._add_row(item)

    def show_coverage(self, amount: int) -> None:
        cov = coverage_pct(self.value(), amount)
        self.coverage_label.setText(self.tr("Coverage: {c} ({f})").format(
            c=format_pct(cov, 2) if cov is not None else "—", f=formula("coverage")))

    def _on_add_button_clicked(self) -> None:
        self._add_row(Collateral(CollateralType.SHM, "", "", 0, 0))
        self.changed.emit()

    def _on_remove_button_clicked(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self.changed.emit()


class FiveCTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        grid = QGridLayout(self)
        for row, aspect in enumerate(ASPECTS):
            spin = QSpinBox()
            spin.setRange(0, 5)  # 0: not scored yet
            spin.setSpecialValueText("—")
            note = QLineEdit()
            grid.addWidget(QLabel(aspect_label(aspect)), row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(note, row, 2)
            self.spins[aspect], self.notes[aspect] = spin, note
            spin.valueChanged.connect(self.changed)
        self.total_label = QLabel()
        grid.addWidget(self.total_label, len(ASPECTS), 0, 1, 3)
        grid.setRowStretch(len(ASPECTS) + 1, 1)
        grid.setColumnStretch(2, 1)

    def value(self) -> FiveCScore:
        return FiveCScore(*(self.spins[a].value() for a in ASPECTS),
                          notes=tuple(self.notes[a].text() for a in ASPECTS))  # type: ignore[arg-type]

    def set_value(self, score: FiveCScore) -> None:
        for i, a in enumerate(ASPECTS):
            self.spins[a].setValue(getattr(score, a))
            self.notes[a].setText(score.notes[i] if i < len(score.notes) else "")


class SlikTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checked_box = QCheckBox(self.tr("Sudah dicek pada"))
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.worst_combo = QComboBox()
        self.worst_combo.addItems([self.tr("tidak ada catatan")] + [f"Kol {n}" for n in range(1, 6)])
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Kreditur"), self.tr("Baki debet"), self.tr("Angsuran"), self.tr("Kol")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("+ Tambah fasilitas"))
        self.notes_edit = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.checked_box, self.date_edit)
        form.addRow(self.tr("Kolektibilitas terburuk"), self.worst_combo)
        form.addRow(self.table)
        form.addRow(self.add_button)
        form.addRow(self.tr("Catatan"), self.notes_edit)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.table.itemChanged.connect(self.changed)

    def _add_row(self, f: OtherFacility) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(f.lender))
        for col, amount in ((1, f.outstanding), (2, f.installment)):
            edit = RupiahEdit()
            edit.set_value(amount)
            edit.textChanged.connect(self.changed)
            self.table.setCellWidget(row, col, edit)
        kol = QSpinBox()
        kol.setRange(1, 5)
        kol.setValue(f.collectibility)
        self.table.setCellWidget(row, 3, kol)

    def value(self) -> SlikCheck:
        checked = None
        if self.checked_box.isChecked():
            d = QDate.fromString(self.date_edit.text().strip(), "yyyy-MM-dd")
            checked = date(d.year(), d.month(), d.day()) if d.isValid() else None
        facilities = tuple(OtherFacility(
            self.table.item(r, 0).text() if self.table.item(r, 0) else "",
            self.table.cellWidget(r, 1).value(), self.table.cellWidget(r, 2).value(),  # type: ignore[attr-defined]
            self.table.cellWidget(r, 3).value()) for r in range(self.table.rowCount()))  # type: ignore[attr-defined]
        worst = self.worst_combo.currentIndex() or None
        return SlikCheck(checked, worst, facilities, self.notes_edit.text())

    def set_value(self, slik: SlikCheck) -> None:
        self.checked_box.setChecked(slik.checked_on is not None)
        self.date_edit.setText(slik.checked_on.isoformat() if slik.checked_on else "")
        self.worst_combo.setCurrentIndex(slik.worst_collectibility or 0)
        self.table.setRowCount(0)
        for f in slik.facilities:
            self._add_row(f)
        self.notes_edit.setText(slik.notes)

    def _on_add_button_clicked(self) -> None:
        self._add_row(OtherFacility("", 0, 0))
        self.changed.emit()


class DocumentsTab(QWidget):
    """The product's required documents: tick what was received (dated today)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[tuple[QCheckBox, DocumentItem]] = []
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)

    def value(self) -> tuple[DocumentItem, ...]:
        today = date.today()
        return tuple(DocumentItem(item.name, (item.received_on or today) if box.isChecked() else None)
                     for box, item in self.boxes)

    def set_value(self, items: tuple[DocumentItem, ...]) -> None:
        for box, _item in self.boxes:
            box.deleteLater()
        self.boxes = []
        for item in items:
            box = QCheckBox(item.name + (f"  ({item.received_on:%d/%m/%Y})" if item.received_on else ""))
            box.setChecked(item.received)
            self._layout.insertWidget(self._layout.count() - 1, box)
            self.boxes.append((box, item))


class RecommendationTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recommendation_edit = QPlainTextEdit()
        self.conditions_edit = QPlainTextEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Rekomendasi AO"), self.recommendation_edit)
        form.addRow(self.tr("Syarat"), self.conditions_edit)
        # Read-only: who moved the application and when (the approver asks first).
        self.history_table = QTableWidget(0, 4)
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Status"), self.tr("Oleh"), self.tr("Keterangan")])
        self.history_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.setMaximumHeight(150)
        form.addRow(self.tr("Riwayat status"), self.history_table)

    def set_history(self, entries: list[StatusEntry]) -> None:
        self.history_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (format_datetime(entry.changed_at), status_label(entry.status), entry.changed_by, entry.note)
            for column, text in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(text))
        self.history_table.resizeColumnsToContents()
