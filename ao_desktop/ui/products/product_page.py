"""ProductPage: the product explained in plain language, as the AO reads it to a client.

What it is, why it helps, who may apply, the documents to bring (a checklist), and the
terms: rate and method, ranges, fees, DSR limit, and the terms version in force.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from ao_desktop.domain.common.formatting import format_date, format_pct, format_rupiah
from ao_desktop.domain.products.loan_schedule import method_label, rounding_label
from ao_desktop.domain.products.product import Product, ProductKind, fees_text, product_kind_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProductPage", text)


def _list(title: str, items: tuple[str, ...], bullet: str = "\u2022") -> str:
    lines = [i for i in items if i.strip()]
    if not lines:
        return ""
    rows = "".join(
        f"<tr><td width='22' valign='top'>{bullet}</td><td>{escape(item)}</td></tr>"
        for item in lines
    )
    return f"<h3>{escape(title)}</h3><table cellspacing='2'>{rows}</table>"


def rate_text(product: Product) -> str:
    if product.tiered_rate is not None and len(product.tiered_rate.rates_by_use) > 1:
        rates = product.tiered_rate.rates_by_use
        uses = [
            _tr("{rate} (penggunaan ke-{no})").format(no=no, rate=format_pct(rate))
            for no, rate in enumerate(rates[:-1], start=1)
        ]
        uses.append(
            _tr("{rate} (ke-{no} dan seterusnya)").format(no=len(rates), rate=format_pct(rates[-1]))
        )
        text = _tr("{uses} per tahun").format(uses=", ".join(uses))
    else:
        text = _tr("{rate} per tahun").format(rate=format_pct(product.rate_pa))
    if product.methods:
        text += " \u00b7 " + ", ".join(method_label(m) for m in product.methods)
    return text


def terms_rows(product: Product) -> list[tuple[str, str]]:
    rows = [(_tr("Suku bunga"), rate_text(product))]
    low, high = product.min_tenor_months, product.max_tenor_months
    if product.kind in (ProductKind.LOAN, ProductKind.DEPOSIT):
        tenor = f"{low}\u2013{high}" if low != high else str(low)
        rows.append((_tr("Tenor"), _tr("{tenor} bulan").format(tenor=tenor)))
    if product.is_loan:
        rows.append(
            (
                _tr("Plafon"),
                _tr("{low} sampai {high}").format(
                    low=format_rupiah(product.min_amount), high=format_rupiah(product.max_amount)
                ),
            )
        )
        rows.append((_tr("Biaya"), fees_text(product.fees)))
        if product.max_dsr_pct is not None:
            rows.append(
                (
                    _tr("Batas DSR"),
                    _tr("angsuran paling banyak {pct} dari penghasilan").format(
                        pct=format_pct(product.max_dsr_pct)
                    ),
                )
            )
        rows.append((_tr("Pembulatan angsuran"), rounding_label(product.rounding)))
    elif product.min_amount:
        rows.append((_tr("Setoran minimal"), format_rupiah(product.min_amount)))
    if product.kind is ProductKind.DEPOSIT:
        aro = _tr("Tersedia") if product.aro_available else _tr("Tidak tersedia")
        rows.append((_tr("Perpanjangan otomatis (ARO)"), aro))
    version = _tr("Versi {v}").format(v=product.terms_version)
    if product.terms_effective is not None:
        version += _tr(", berlaku sejak {d}").format(d=format_date(product.terms_effective))
    rows.append((_tr("Ketentuan"), version))
    return rows


def product_html(product: Product) -> str:
    """The whole page as rich text (every catalog text escaped)."""
    subtitle = escape(product_kind_label(product.kind)) + " \u00b7 " + escape(product.code)
    if not product.active:
        subtitle += (
            " \u00b7 <span style='color:#c62828'><b>" + escape(_tr("NONAKTIF")) + "</b></span>"
        )
    # The name is the view's title right above; the page starts with what kind it is.
    parts = [f"<p style='color:#5f6368'>{subtitle}</p>"]
    if product.short_description:
        parts.append(f"<p><b>{escape(product.short_description)}</b></p>")
    for paragraph in product.long_description.replace("\r\n", "\n").split("\n\n"):
        if paragraph.strip():
            parts.append(f"<p>{escape(paragraph.strip()).replace(chr(10), '<br>')}</p>")
    parts.append(_list(_tr("Keuntungan"), product.benefits))
    who = _tr("Siapa yang dapat mengajukan") if product.is_loan else _tr("Syarat")
    parts.append(_list(who, product.eligibility))
    parts.append(_list(_tr("Dokumen yang perlu disiapkan"), product.required_documents, "\u2610"))
    rows = "".join(
        f"<tr><td style='color:#5f6368; padding-right:12px' valign='top'>{escape(k)}</td>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in terms_rows(product)
    )
    parts.append(f"<h3>{escape(_tr('Ketentuan pokok'))}</h3><table cellspacing='3'>{rows}</table>")
    return "".join(p for p in parts if p)


class ProductPage(QTextBrowser):
    """Read-only rich text of one product (selectable, scrolls on its own)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText(self.tr("Pilih produk di daftar sebelah kiri."))

    def show_product(self, product: Product | None) -> None:
        self.setHtml(product_html(product) if product is not None else "")
