"""PortfolioSettingsDialog (admins): the collectibility policy (OJK preset, BPR preset or
the admin's own day bounds), the warning letters' deadline in working days and the branch
code in their numbers, and which officer each unknown Kode AO is."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.portfolio.collectibility import (
    MAX_DAYS,
    PRESETS,
    CollectibilityPolicy,
    PolicyPreset,
    preset_label,
)
from ao_desktop.services.portfolio.portfolio_settings import (
    PortfolioSettings,
    assign_officer_code,
    portfolio_settings,
    save_settings,
    unassigned_codes,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.officer_combo import OfficerComboBox


class PortfolioSettingsDialog(QDialog):
    def __init__(self, context: UiContext, officers: list[Officer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pengaturan portofolio"))
        self._context = context
        current = portfolio_settings(context.uow)
        self.preset_combo = QComboBox()
        for preset in PolicyPreset:
            self.preset_combo.addItem(preset_label(preset), preset)
        self.bounds = [QSpinBox() for _i in range(4)]
        for spin in self.bounds:
            spin.setRange(0, MAX_DAYS)
            spin.setSuffix(self.tr(" hari"))
            spin.valueChanged.connect(self._on_bound_changed)
        self.deadline_spin = QSpinBox()
        self.deadline_spin.setRange(1, 60)
        self.deadline_spin.setSuffix(self.tr(" hari kerja"))
        self.deadline_spin.setValue(current.deadline_days)
        self.code_edit = QLineEdit(current.branch_code)
        self.code_edit.setPlaceholderText(self.tr("kosong: singkatan nama cabang"))
        self.code_combo = QComboBox()
        for code, n in unassigned_codes(context.uow):
            self.code_combo.addItem(self.tr("{c} ({n} rekening)").format(c=code, n=n), code)
        self.officer_combo = OfficerComboBox(officers, self.tr("Pilih AO"))
        assign = QPushButton(self.tr("Tetapkan"))
        assign.setEnabled(self.code_combo.count() > 0)
        assign.clicked.connect(self._on_assign_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kebijakan kolektibilitas"), self.preset_combo)
        for level, spin in enumerate(self.bounds, start=1):
            form.addRow(self.tr("Kol {n} sampai").format(n=level), spin)
        form.addRow(QLabel(self.tr("Di atas batas Kol 4: Kol 5 Macet. NPL = Kol 3-5.")))
        form.addRow(self.tr("Batas bayar surat peringatan"), self.deadline_spin)
        form.addRow(self.tr("Kode cabang di nomor surat"), self.code_edit)
        codes = QHBoxLayout()
        codes.addWidget(self.code_combo, 1)
        codes.addWidget(self.officer_combo, 1)
        codes.addWidget(assign)
        form.addRow(self.tr("Kode AO tak dikenal"), codes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._set_policy(current.policy)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_changed)

    def _set_policy(self, policy: CollectibilityPolicy) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(policy.preset))
        self._setting = True
        for spin, value in zip(self.bounds, policy.upper, strict=True):
            spin.setValue(value)
        self._setting = False

    def preset(self) -> PolicyPreset:
        return PolicyPreset(self.preset_combo.currentData())  # Qt hands a StrEnum back as str

    def policy(self) -> CollectibilityPolicy:
        return CollectibilityPolicy(self.preset(), tuple(s.value() for s in self.bounds))  # type: ignore[arg-type]

    def _on_preset_combo_changed(self, *_args: object) -> None:
        preset = self.preset()
        if preset in PRESETS:
            self._set_policy(PRESETS[preset])

    def _on_bound_changed(self, *_args: object) -> None:
        if getattr(self, "_setting", False):
            return
        upper = tuple(s.value() for s in self.bounds)
        match = next((p for p, policy in PRESETS.items() if policy.upper == upper), PolicyPreset.CUSTOM)
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(match))
        self.preset_combo.blockSignals(False)

    def _on_assign_clicked(self) -> None:
        code, officer = self.code_combo.currentData(), self.officer_combo.value()
        if code is None or officer is None:
            self.message.setText(self.tr("Pilih Kode AO dan AO-nya."))
            return
        try:
            n = assign_officer_code(self._context.uow, code, officer, self._context.who)
        except DomainError as exc:
            self.message.setText(str(exc))
            return
        self.code_combo.removeItem(self.code_combo.currentIndex())
        self.message.setText(self.tr("Kode AO {c} ditetapkan; {n} rekening kini punya AO.").format(c=code, n=n))

    def _on_buttons_accepted(self) -> None:
        try:
            save_settings(self._context.uow, PortfolioSettings(self.policy(), self.deadline_spin.value(),
                                                               self.code_edit.text()), self._context.who)
        except DomainError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
