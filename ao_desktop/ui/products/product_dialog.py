"""ProductDialog: the admin adds a catalog product or edits one (all its fields).

The form (product_form.py) is judged by the domain's product rules as the admin types;
Simpan stays disabled while an error remains. Saving is one service call,
`save_product`, which checks the role again and refuses an edit over a colleague's
newer save (StaleEdit: the message says who changed what; the form then reloads).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ao_desktop.domain.common.errors import NotFound, StaleEdit, ValidationFailed
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.product_rules import PRODUCT_FIELD_LABELS
from ao_desktop.services.products.catalog import get_product, save_product
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.products.product_form import ProductForm
from ao_desktop.ui.widgets.field_message import ERROR_COLOR
from ao_desktop.ui.widgets.messages import show_error, show_exception


class ProductDialog(QDialog):
    """Add (`product` None) or edit one product; `saved_product` is set after a save."""

    def __init__(
        self, context: UiContext, product: Product | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._original = product
        self.saved_product: Product | None = None
        self.form = ProductForm()
        if product is None:
            self.setWindowTitle(self.tr("Produk baru"))
            self.form.load(Product(code="", name="", kind=ProductKind.LOAN))
        else:
            self.setWindowTitle(self.tr("Ubah produk \u2014 {name}").format(name=product.name))
            self.form.load(product)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._on_save_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.form.changed.connect(self._on_form_changed)
        self._on_form_changed()

    @property
    def is_new(self) -> bool:
        return self._original is None

    def _on_form_changed(self) -> None:
        issues = self.form.issues()
        self.form.show_issues(issues)
        self.save_button.setEnabled(not issues)
        if not issues:
            self.summary.clear()
            return
        first = issues[0]
        label = PRODUCT_FIELD_LABELS.get(first.field, first.field)
        more = self.tr(" (dan {n} lainnya)").format(n=len(issues) - 1) if len(issues) > 1 else ""
        self.summary.setText(
            self.tr("Belum bisa disimpan \u2014 {field}: {message}{more}").format(
                field=label, message=first.message, more=more
            )
        )

    def _on_save_button_clicked(self) -> None:
        issues = self.form.issues()
        if issues:
            self.form.setCurrentIndex(self.form.tab_of(issues[0].field))
            self._on_form_changed()
            return
        try:
            self.saved_product = save_product(
                self._context.uow, self.form.edited(), self._context.who, self._original
            )
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            if exc.issues:
                self.form.setCurrentIndex(self.form.tab_of(exc.issues[0].field))
            show_error(self, self.tr("Belum bisa disimpan"), str(exc))
            return
        except StaleEdit as exc:
            show_error(self, self.tr("Produk sudah diubah rekan"), str(exc))
            self._reload()
            return
        except Exception as exc:  # noqa: BLE001 - PermissionDenied and others: shown, never a traceback
            show_exception(self, self.tr("Gagal menyimpan"), exc, retry=self._on_save_button_clicked)
            return
        self.accept()

    def _reload(self) -> None:
        """Load the colleague's version so the admin can redo the change on top of it."""
        if self._original is None:
            return
        try:
            self._original = get_product(self._context.uow, self._original.code)
        except NotFound as gone:
            show_error(self, self.tr("Produk tidak ditemukan"), str(gone))
            self.reject()
            return
        self.form.load(self._original)
        self._on_form_changed()
