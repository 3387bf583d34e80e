"""Validation of a catalog product: every field, all problems at once, in Bahasa Indonesia.

Shared by the catalog services (saving, importing the seed) and the Excel reader (one
message per bad cell), so a product is judged by the same rules wherever it comes from.
`clean_product` also normalises: the code upper case, text stripped, empty list items
dropped, duplicate methods removed.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ao_desktop.domain.common.errors import FieldChange, FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.deposit import MAX_DEPOSIT_TENOR_MONTHS
from ao_desktop.domain.products.loan_schedule import (
    MAX_AMOUNT,
    InterestMethod,
    LoanFees,
    LoanRequest,
    Rounding,
    simulate_loan,
    total_fees,
)
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.rate_conversion import MAX_TENOR_MONTHS, check_rate
from ao_desktop.domain.products.riplay import riplay_issues

CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,19}")
MAX_NAME = 120
MAX_SHORT_DESCRIPTION = 300
MAX_LONG_DESCRIPTION = 4000
MAX_LIST_ITEMS = 30
MAX_LIST_ITEM = 300
MAX_TERMS_VERSION = 20
# Due dates do not change whether a schedule can be computed; any start date will do.
_ANY_START = date(2026, 1, 31)

PRODUCT_FIELD_LABELS: dict[str, str] = {
    "code": _("Kode"),
    "name": _("Nama produk"),
    "kind": _("Jenis"),
    "short_description": _("Deskripsi singkat"),
    "long_description": _("Penjelasan"),
    "benefits": _("Manfaat"),
    "required_documents": _("Dokumen yang diperlukan"),
    "eligibility": _("Syarat"),
    "rate_pa": _("Suku bunga % per tahun"),
    "method": _("Metode bunga"),
    "allowed_methods": _("Metode yang diizinkan"),
    "tiered_rate": _("Bunga bertingkat (KUR)"),
    "min_tenor_months": _("Tenor minimum (bulan)"),
    "max_tenor_months": _("Tenor maksimum (bulan)"),
    "min_amount": _("Plafon/nominal minimum"),
    "max_amount": _("Plafon/nominal maksimum"),
    "fees": _("Biaya"),
    "provision_pct": _("Provisi %"),
    "admin": _("Biaya administrasi"),
    "insurance_pct": _("Asuransi %"),
    "notary": _("Biaya notaris"),
    "rounding": _("Pembulatan angsuran"),
    "max_dsr_pct": _("DSR maksimum %"),
    "aro_available": _("ARO tersedia"),
    "risks": _("Risiko"),
    "late_penalty": _("Denda keterlambatan"),
    "early_repayment": _("Pelunasan dipercepat"),
    "other_costs": _("Biaya lain"),
    "early_withdrawal_penalty": _("Penalti pencairan deposito"),
    "active": _("Aktif"),
    "terms_version": _("Versi ketentuan"),
    "terms_effective": _("Ketentuan berlaku mulai"),
}

# The fields an admin edits: everything but the storage identity (id, version).
EDITABLE_PRODUCT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Product) if f.name not in ("id", "version")
)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _clean_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, tuple | list):
        return ()
    return tuple(item.strip() for item in value if isinstance(item, str) and item.strip())


class _Issues:
    def __init__(self) -> None:
        self.items: list[FieldIssue] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(FieldIssue(field, message, True))


def _check_texts(p: Product, out: _Issues) -> None:
    if not p.code:
        out.add("code", _("Kode produk wajib diisi"))
    elif not CODE_PATTERN.fullmatch(p.code):
        out.add(
            "code",
            _(
                "Kode produk hanya huruf, angka, '-' atau '_', diawali huruf/angka, maksimal 20 karakter"
            ),
        )
    if not p.name:
        out.add("name", _("Nama produk wajib diisi"))
    elif len(p.name) > MAX_NAME:
        out.add("name", _("Nama produk maksimal {n} karakter").format(n=MAX_NAME))
    if len(p.short_description) > MAX_SHORT_DESCRIPTION:
        out.add(
            "short_description",
            _("Deskripsi singkat maksimal {n} karakter").format(n=MAX_SHORT_DESCRIPTION),
        )
    if len(p.long_description) > MAX_LONG_DESCRIPTION:
        out.add(
            "long_description", _("Penjelasan maksimal {n} karakter").format(n=MAX_LONG_DESCRIPTION)
        )
    for name in ("benefits", "required_documents", "eligibility", "risks", "other_costs"):
        items: tuple[str, ...] = getattr(p, name)
        if len(items) > MAX_LIST_ITEMS:
            out.add(name, _("Paling banyak {n} butir").format(n=MAX_LIST_ITEMS))
        if any(len(item) > MAX_LIST_ITEM for item in items):
            out.add(name, _("Setiap butir maksimal {n} karakter").format(n=MAX_LIST_ITEM))
    if not p.terms_version:
        out.add("terms_version", _("Versi ketentuan wajib diisi"))
    elif len(p.terms_version) > MAX_TERMS_VERSION:
        out.add(
            "terms_version", _("Versi ketentuan maksimal {n} karakter").format(n=MAX_TERMS_VERSION)
        )
    if not isinstance(p.terms_effective, date):
        out.add("terms_effective", _("Tanggal berlaku ketentuan wajib diisi"))


def _check_rate(value: object, field: str, message: str, out: _Issues) -> bool:
    try:
        check_rate(value, field)
    except ValidationFailed:
        out.add(field, message)
        return False
    return True


def _check_ranges(p: Product, out: _Issues) -> None:
    top_tenor = MAX_DEPOSIT_TENOR_MONTHS if p.kind is ProductKind.DEPOSIT else MAX_TENOR_MONTHS
    tenor_message = _("Tenor harus 1 sampai {n} bulan").format(n=top_tenor)
    tenors_ok = True
    for name in ("min_tenor_months", "max_tenor_months"):
        value = getattr(p, name)
        if not _is_int(value) or not 1 <= value <= top_tenor:
            out.add(name, tenor_message)
            tenors_ok = False
    if tenors_ok and p.min_tenor_months > p.max_tenor_months:
        out.add("max_tenor_months", _("Tenor maksimum tidak boleh lebih kecil dari tenor minimum"))
    amounts_ok = True
    for name in ("min_amount", "max_amount"):
        value = getattr(p, name)
        if not _is_int(value) or not 0 <= value <= MAX_AMOUNT:
            out.add(
                name, _("Nominal harus antara Rp0 dan {max}").format(max=format_rupiah(MAX_AMOUNT))
            )
            amounts_ok = False
    if not amounts_ok:
        return
    needs_limit = p.kind in (ProductKind.LOAN, ProductKind.DEPOSIT)
    if needs_limit and p.min_amount < 1:
        out.add("min_amount", _("Nominal minimum harus lebih dari Rp0"))
    if needs_limit and p.max_amount < 1:
        out.add("max_amount", _("Nominal maksimum wajib diisi"))
    elif p.max_amount and p.min_amount > p.max_amount:
        out.add("max_amount", _("Nominal maksimum tidak boleh lebih kecil dari nominal minimum"))


def _check_loan_terms(p: Product, out: _Issues) -> None:
    if p.method is None:
        out.add("method", _("Metode bunga wajib dipilih untuk produk kredit"))
    elif p.allowed_methods and p.method not in p.allowed_methods:
        out.add("allowed_methods", _("Metode bunga utama harus termasuk metode yang diizinkan"))
    if p.tiered_rate is not None and p.tiered_rate.rates_by_use[0] != p.rate_pa:
        out.add(
            "rate_pa", _("Suku bunga harus sama dengan bunga bertingkat untuk penggunaan pertama")
        )
    fees = p.fees
    if not isinstance(fees, LoanFees):
        out.add("fees", _("Biaya tidak valid"))
        return
    _check_rate(fees.provision_pct, "provision_pct", _("Provisi harus antara 0% dan 100%"), out)
    _check_rate(fees.insurance_pct, "insurance_pct", _("Asuransi harus antara 0% dan 100%"), out)
    for name in ("admin", "notary"):
        value = getattr(fees, name)
        if not _is_int(value) or not 0 <= value <= MAX_AMOUNT:
            out.add(name, _("Biaya tidak boleh negatif"))
    if p.max_dsr_pct is not None:
        dsr_ok = isinstance(p.max_dsr_pct, Decimal | int) and not isinstance(p.max_dsr_pct, bool)
        if not dsr_ok or not Decimal(p.max_dsr_pct).is_finite() or not 0 < p.max_dsr_pct <= 100:
            out.add("max_dsr_pct", _("DSR maksimum harus lebih dari 0% dan paling tinggi 100%"))
    if p.aro_available:
        out.add("aro_available", _("ARO hanya untuk produk deposito"))


def _check_not_loan(p: Product, out: _Issues) -> None:
    """Loan-only fields must stay empty on deposits and savings, so nothing misleads."""
    if p.method is not None or p.allowed_methods:
        out.add("method", _("Metode bunga hanya untuk produk kredit"))
    if p.tiered_rate is not None:
        out.add("tiered_rate", _("Bunga bertingkat hanya untuk produk kredit"))
    if p.fees != LoanFees():
        out.add(
            "fees", _("Biaya provisi, administrasi, asuransi dan notaris hanya untuk produk kredit")
        )
    if p.max_dsr_pct is not None:
        out.add("max_dsr_pct", _("DSR maksimum hanya untuk produk kredit"))
    if p.aro_available and p.kind is not ProductKind.DEPOSIT:
        out.add("aro_available", _("ARO hanya untuk produk deposito"))


def _check_corners(p: Product, out: _Issues) -> None:
    """Every allowed method and rate tier must simulate at the range's corners, so a saved
    product never shows the AO an error for amounts and tenors it advertises."""
    fee_total = total_fees(p.min_amount, p.fees)
    if fee_total > p.min_amount:
        out.add("fees", _("Total biaya melebihi plafon minimum"))
        return
    rates = set(p.tiered_rate.rates_by_use) if p.tiered_rate else {p.rate_pa}
    for method in p.methods:
        for rate in sorted(rates):
            for amount in (p.min_amount, p.max_amount):
                for tenor in (p.min_tenor_months, p.max_tenor_months):
                    request = LoanRequest(
                        amount, rate, tenor, method, _ANY_START, p.rounding, p.fees
                    )
                    try:
                        simulate_loan(request)
                    except ValidationFailed as exc:
                        out.add(
                            "rounding" if p.rounding is not Rounding.WHOLE else "max_tenor_months",
                            _("Simulasi gagal untuk {amount} selama {n} bulan: {reason}").format(
                                amount=format_rupiah(amount), n=tenor, reason=str(exc)
                            ),
                        )
                        return


def _enum(enum: Any, value: object) -> Any:
    """The member for a valid value (a plain "kredit" becomes ProductKind.LOAN), else the
    value unchanged for the checks to report."""
    try:
        return enum(value)
    except (ValueError, TypeError):
        return value


def clean_product(product: Product) -> tuple[Product, list[FieldIssue]]:
    """The product normalised, and every problem with it (empty when it may be saved)."""
    allowed = product.allowed_methods if isinstance(product.allowed_methods, tuple | list) else ()
    methods = tuple(dict.fromkeys(_enum(InterestMethod, m) for m in allowed))
    cleaned = replace(
        product,
        kind=_enum(ProductKind, product.kind),
        method=None if product.method is None else _enum(InterestMethod, product.method),
        rounding=_enum(Rounding, product.rounding),
        code=_clean_text(product.code).upper(),
        name=" ".join(_clean_text(product.name).split()),
        short_description=_clean_text(product.short_description),
        long_description=_clean_text(product.long_description),
        benefits=_clean_list(product.benefits),
        required_documents=_clean_list(product.required_documents),
        eligibility=_clean_list(product.eligibility),
        allowed_methods=methods,
        terms_version=_clean_text(product.terms_version),
        risks=_clean_list(product.risks),
        other_costs=_clean_list(product.other_costs),
        late_penalty=_clean_text(product.late_penalty),
        early_repayment=_clean_text(product.early_repayment),
        early_withdrawal_penalty=_clean_text(product.early_withdrawal_penalty),
    )
    out = _Issues()
    _check_texts(cleaned, out)
    if not isinstance(cleaned.kind, ProductKind):
        out.add("kind", _("Jenis produk tidak dikenal"))
        return cleaned, out.items
    if cleaned.method is not None and not isinstance(cleaned.method, InterestMethod):
        out.add("method", _("Metode bunga tidak dikenal"))
    if any(not isinstance(m, InterestMethod) for m in cleaned.allowed_methods):
        out.add("allowed_methods", _("Metode bunga tidak dikenal"))
    if not isinstance(cleaned.rounding, Rounding):
        out.add("rounding", _("Pembulatan tidak dikenal"))
    _check_rate(cleaned.rate_pa, "rate_pa", _("Suku bunga harus antara 0% dan 100% per tahun"), out)
    _check_ranges(cleaned, out)
    if cleaned.is_loan:
        _check_loan_terms(cleaned, out)
        if not out.items:
            _check_corners(cleaned, out)
    else:
        _check_not_loan(cleaned, out)
    # What OJK's RIPLAY needs: refused here, so a sheet never prints a blank for it.
    out.items += riplay_issues(cleaned)
    return cleaned, out.items


def validated_product(product: Product) -> Product:
    """The cleaned product, or ValidationFailed with every problem."""
    cleaned, issues = clean_product(product)
    if issues:
        raise ValidationFailed(issues)
    return cleaned


def product_changes(before: Product, after: Product) -> list[FieldChange]:
    """The editable fields that differ, labelled for the user."""
    return [
        FieldChange(
            name, PRODUCT_FIELD_LABELS.get(name, name), getattr(before, name), getattr(after, name)
        )
        for name in EDITABLE_PRODUCT_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
