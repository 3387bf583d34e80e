"""CalendarSettingsDialog (admin): the holiday overrides every PC on the database
shares (a new decree, a regional holiday, a listed day that is worked after all) and
the WhatsApp/SMS message templates. The services refuse non-admins as well."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ao_desktop.domain.calendar.message_templates import PLACEHOLDERS, MessageTemplate
from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.services.calendar.contact import list_templates, save_template
from ao_desktop.services.calendar.holiday_calendar import (
    list_overrides,
    remove_holiday_override,
    set_holiday_override,
)
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.widgets.messages import show_exception


class CalendarSettingsDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Hari libur dan templat pesan"))
        self.resize(620, 460)
        tabs = QTabWidget(self)
        tabs.addTab(self._holidays_page(), self.tr("Hari libur tambahan"))
        tabs.addTab(self._templates_page(), self.tr("Templat pesan"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self._load_overrides()
        self._load_templates()

    # --- holidays -------------------------------------------------------------------------
    def _holidays_page(self) -> QWidget:
        page = QWidget()
        hint = QLabel(self.tr("Libur nasional dan cuti bersama sudah dikenal aplikasi. Tambahkan di "
                              "sini keputusan baru, libur daerah, atau hari yang tetap masuk kerja."))
        hint.setWordWrap(True)
        self.override_list = QListWidget()
        self.day_edit = QDateEdit(QDate.currentDate())
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Misalnya: Cuti bersama (SKB 3 Menteri)"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItems([self.tr("Libur"), self.tr("Tetap masuk kerja")])
        self.add_override_button = QPushButton(self.tr("Simpan tanggal"))
        self.remove_override_button = QPushButton(self.tr("Hapus yang dipilih"))
        form = QFormLayout()
        form.addRow(self.tr("Tanggal"), self.day_edit)
        form.addRow(self.tr("Nama"), self.name_edit)
        form.addRow(self.tr("Jenis"), self.kind_combo)
        row = QHBoxLayout()
        row.addWidget(self.add_override_button)
        row.addWidget(self.remove_override_button)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.override_list, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        self.add_override_button.clicked.connect(self._on_add_override_button_clicked)
        self.remove_override_button.clicked.connect(self._on_remove_override_button_clicked)
        return page

    def _load_overrides(self) -> None:
        self.override_list.clear()
        for item in list_overrides(self._context.uow):
            kind = self.tr("libur") if item.is_holiday else self.tr("masuk kerja")
            entry = QListWidgetItem(f"{format_date(item.day)} — {item.name or '—'} ({kind})")
            entry.setData(Qt.ItemDataRole.UserRole, item.day.toordinal())
            self.override_list.addItem(entry)

    def _on_add_override_button_clicked(self) -> None:
        d = self.day_edit.date()
        item = HolidayOverride(date(d.year(), d.month(), d.day()), self.name_edit.text(),
                               self.kind_combo.currentIndex() == 0)
        try:
            set_holiday_override(self._context.uow, item, self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Tanggal tidak disimpan"), exc)
            return
        self.name_edit.clear()
        self._load_overrides()

    def _on_remove_override_button_clicked(self) -> None:
        entry = self.override_list.currentItem()
        if entry is None:
            return
        try:
            remove_holiday_override(self._context.uow, date.fromordinal(entry.data(Qt.ItemDataRole.UserRole)),
                                    self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Tanggal tidak dihapus"), exc)
            return
        self._load_overrides()

    # --- templates ------------------------------------------------------------------------
    def _templates_page(self) -> QWidget:
        page = QWidget()
        self.template_combo = QComboBox()
        self.template_name = QLineEdit()
        self.template_text = QPlainTextEdit()
        fields = ", ".join(f"{{{k}}} = {v}" for k, v in PLACEHOLDERS.items())
        hint = QLabel(self.tr("Isian yang bisa dipakai: {f}").format(f=fields))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.save_template_button = QPushButton(self.tr("Simpan templat"))
        form = QFormLayout()
        form.addRow(self.tr("Templat"), self.template_combo)
        form.addRow(self.tr("Nama"), self.template_name)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.template_text, 1)
        layout.addWidget(hint)
        layout.addWidget(self.save_template_button, 0, Qt.AlignmentFlag.AlignRight)
        self.template_combo.currentIndexChanged.connect(self._on_template_combo_current_index_changed)
        self.save_template_button.clicked.connect(self._on_save_template_button_clicked)
        return page

    def _load_templates(self, key: str | None = None) -> None:
        self._templates = list_templates(self._context.uow)
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        self.template_combo.addItems([t.name for t in self._templates])
        index = next((n for n, t in enumerate(self._templates) if t.key == key), 0)
        self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(False)
        self._on_template_combo_current_index_changed(index)

    def _on_template_combo_current_index_changed(self, index: int) -> None:
        if 0 <= index < len(self._templates):
            self.template_name.setText(self._templates[index].name)
            self.template_text.setPlainText(self._templates[index].text)

    def _on_save_template_button_clicked(self) -> None:
        current = self._templates[self.template_combo.currentIndex()]
        edited = MessageTemplate(current.key, self.template_name.text(), self.template_text.toPlainText(),
                                 current.version)
        try:
            save_template(self._context.uow, edited, self._context.who)
        except DomainError as exc:
            show_exception(self, self.tr("Templat tidak disimpan"), exc)
            return
        self._load_templates(current.key)
