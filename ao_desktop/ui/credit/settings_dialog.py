"""CreditSettingsDialog: the admin's credit-analysis settings: the prudence share of the
RPC, the DSR ceiling used when a product names none, and the 5C weights (adding to 100)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.credit.five_c import ASPECTS, FiveCWeights, aspect_label
from ao_desktop.services.credit.applications import CreditSettings, credit_settings, save_settings
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


def _percent_spin(value: int, low: int = 0) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, 100)
    spin.setSuffix("%")
    spin.setValue(value)
    return spin


class CreditSettingsDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Pengaturan analisa kredit"))
        current = credit_settings(context.uow)
        self.prudence_spin = _percent_spin(int(current.prudence_pct), 1)
        self.dsr_spin = _percent_spin(int(current.max_dsr_pct), 1)
        self.weight_spins = {a: _percent_spin(getattr(current.weights, a)) for a in ASPECTS}
        self.sum_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("Porsi kehati-hatian RPC"), self.prudence_spin)
        form.addRow(self.tr("Batas DSR bila produk tidak menentukan"), self.dsr_spin)
        for aspect, spin in self.weight_spins.items():
            form.addRow(self.tr("Bobot {a}").format(a=aspect_label(aspect)), spin)
            spin.valueChanged.connect(self._on_weight_spin_value_changed)
        form.addRow(self.sum_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_weight_spin_value_changed()

    def settings(self) -> CreditSettings:
        return CreditSettings(Decimal(self.prudence_spin.value()), Decimal(self.dsr_spin.value()),
                              FiveCWeights(*(self.weight_spins[a].value() for a in ASPECTS)))

    def _on_weight_spin_value_changed(self, *_args: object) -> None:
        total = sum(s.value() for s in self.weight_spins.values())
        self.sum_label.setText(self.tr("Jumlah bobot: {n}% (harus 100%)").format(n=total))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(total == 100)

    def _on_buttons_accepted(self) -> None:
        try:
            save_settings(self._context.uow, self.settings(), self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Pengaturan tidak disimpan"), exc)
            return
        self.accept()
