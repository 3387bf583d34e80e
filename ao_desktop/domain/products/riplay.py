"""RIPLAY (Ringkasan Informasi Produk dan Layanan): what OJK requires a bank to hand a
prospective client before they decide, besides what the product sheet already says.

Three parts live here, all plain data:

- the product content a RIPLAY must state (risks, penalties, early repayment, every
  cost) and `riplay_issues`, which names what an admin still has to fill, so a RIPLAY is
  refused rather than printed with a blank where a risk or a fee should be;
- the issuer: the bank's full name, its OJK/LPS line and its complaint channels;
- the record of a personal RIPLAY handed to a client, kept so the bank can show what
  the client received, and so the identical document can be printed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.product import Product, ProductKind

MAX_TERMS_TEXT = 600
# OJK's consumer contact, printed under the bank's own channels (GLOSSARY: 157).
DEFAULT_OJK_CONTACT = (
    "Kontak OJK 157, WhatsApp 081-157-157-157, email konsumen@ojk.go.id, kontak157.ojk.go.id"
)
DEFAULT_VALID_DAYS = 14
MAX_VALID_DAYS = 90


class RiplayKind(StrEnum):
    GENERAL = "umum"  # for anyone, with an example simulation
    PERSONAL = "personal"  # computed for one client's amount and tenor, signed by them


def riplay_title(kind: RiplayKind) -> str:
    if kind is RiplayKind.PERSONAL:
        return _("Ringkasan Informasi Produk dan Layanan (RIPLAY) Personal")
    return _("Ringkasan Informasi Produk dan Layanan (RIPLAY) Umum")


# The product fields a RIPLAY needs, by kind: a missing one refuses the save and the print.
def _required_fields(kind: ProductKind) -> tuple[str, ...]:
    if kind is ProductKind.LOAN:
        return ("risks", "late_penalty", "early_repayment", "other_costs")
    if kind is ProductKind.DEPOSIT:
        return ("risks", "early_withdrawal_penalty")
    if kind is ProductKind.SAVINGS:
        return ("risks", "other_costs")
    return ("risks",)


def _missing_message(name: str) -> str:
    return {
        "risks": _("Risiko produk wajib diisi (minimal satu butir) untuk RIPLAY"),
        "late_penalty": _("Denda keterlambatan (dasar dan besarnya) wajib diisi untuk RIPLAY"),
        "early_repayment": _(
            "Ketentuan pelunasan dipercepat (boleh atau tidak, dan biayanya) wajib diisi untuk RIPLAY"
        ),
        "other_costs": _(
            "Biaya lain (misalnya materai, appraisal, biaya bulanan) wajib diisi untuk RIPLAY; "
            "tulis 'Tidak ada' bila memang tidak ada"
        ),
        "early_withdrawal_penalty": _(
            "Penalti pencairan sebelum jatuh tempo wajib diisi untuk RIPLAY"
        ),
    }[name]


def riplay_issues(product: Product) -> list[FieldIssue]:
    """What the product still lacks for a RIPLAY (empty when complete), one issue per field,
    and texts too long to print."""
    issues: list[FieldIssue] = []
    for name in _required_fields(product.kind):
        value = getattr(product, name)
        filled = any(item.strip() for item in value) if isinstance(value, tuple) else value.strip()
        if not filled:
            issues.append(FieldIssue(name, _missing_message(name), True))
    for name in ("late_penalty", "early_repayment", "early_withdrawal_penalty"):
        if len(getattr(product, name)) > MAX_TERMS_TEXT:
            issues.append(
                FieldIssue(name, _("Maksimal {n} karakter").format(n=MAX_TERMS_TEXT), True)
            )
    if product.kind is not ProductKind.LOAN and (product.late_penalty or product.early_repayment):
        issues.append(
            FieldIssue(
                "late_penalty",
                _("Denda keterlambatan dan pelunasan dipercepat hanya untuk produk kredit"),
                True,
            )
        )
    if product.kind is not ProductKind.DEPOSIT and product.early_withdrawal_penalty:
        issues.append(
            FieldIssue(
                "early_withdrawal_penalty",
                _("Penalti pencairan hanya untuk produk deposito"),
                True,
            )
        )
    return issues


@dataclass(frozen=True)
class RiplayIssuer:
    """The bank as a RIPLAY names it (settings "riplay.*", shared by every PC)."""

    full_name: str = ""  # "PT Bank Perekonomian Rakyat Sejahtera Abadi"
    supervision: str = ""  # licensed and supervised by OJK, LPS member
    complaint_branch: str = ""  # where to complain in person: the branch and its address
    complaint_phone: str = ""
    complaint_email: str = ""
    complaint_website: str = ""
    ojk_contact: str = DEFAULT_OJK_CONTACT
    valid_days: int = DEFAULT_VALID_DAYS  # how long the printed figures hold

    def valid_until(self, printed: date) -> date:
        return printed + timedelta(days=self.valid_days)


def default_supervision(bank_full_name: str) -> str:
    return _(
        "{bank} berizin dan diawasi oleh Otoritas Jasa Keuangan (OJK) serta merupakan "
        "peserta penjaminan Lembaga Penjamin Simpanan (LPS)."
    ).format(bank=bank_full_name or _("Bank"))


def issuer_issues(issuer: RiplayIssuer) -> list[FieldIssue]:
    """What the admin must fill in Settings before a RIPLAY can be printed.

    The complaint office (the branch, by default) and OJK's contact are the channels every
    RIPLAY names; a complaint phone, email and website are printed when given. A phone is
    not required, so a database made by `init` or the wizard prints at once."""
    issues: list[FieldIssue] = []
    required = (
        ("full_name", issuer.full_name, _("Nama lengkap bank wajib diisi")),
        ("supervision", issuer.supervision, _("Keterangan izin dan pengawasan OJK wajib diisi")),
        ("complaint_branch", issuer.complaint_branch, _("Kantor layanan pengaduan wajib diisi")),
        ("ojk_contact", issuer.ojk_contact, _("Kontak OJK wajib diisi")),
    )
    for field, value, message in required:
        if not value.strip():
            issues.append(FieldIssue(field, message, True))
    email = issuer.complaint_email.strip()
    if email and ("@" not in email or " " in email):
        issues.append(FieldIssue("complaint_email", _("Alamat email tidak valid"), True))
    if not 1 <= issuer.valid_days <= MAX_VALID_DAYS:
        issues.append(
            FieldIssue(
                "valid_days",
                _("Masa berlaku angka RIPLAY harus 1 sampai {n} hari").format(n=MAX_VALID_DAYS),
                True,
            )
        )
    return issues


@dataclass(frozen=True)
class RiplayRecord:
    """A personal RIPLAY handed to a client: when, what, for how much, by whom.

    `snapshot` is the document's own content as it was printed (product terms, issuer,
    inputs), opaque here; the services read it back to print the identical document.
    Records are never edited: a new hand-over is a new record.
    """

    client_id: int
    printed_at: datetime
    product_code: str
    product_name: str
    product_kind: str
    amount: int
    tenor_months: int
    rate_pa: Decimal
    terms_version: str
    product_version: int
    officer_id: int | None
    officer_name: str
    snapshot: str
    id: int | None = None
