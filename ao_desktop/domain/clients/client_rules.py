"""Validation and normalisation of a client before it is saved.

`clean_client` returns the client with normalised values (E.164 phones, digits-only
identifiers, trimmed text) and the list of issues found, field by field. Errors block
saving; warnings (a NIK that disagrees with the typed birth date) are shown but allowed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ao_desktop.domain.clients.client import Address, Client, age_on, normalize_tags
from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource
from ao_desktop.domain.clients.nik import NikError, check_nik_against, parse_nik
from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, normalize_phone

MAX_NAME = 120
MAX_TEXT = 4000
# A sanity bound, not a policy: above a trillion Rupiah a month is surely a typo.
MAX_MONTHLY_AMOUNT = 1_000_000_000_000


_DIGIT_SEPARATORS = re.compile(r"[\s.\-/]")


def _digits(text: str) -> str:
    if not text or text.isdigit():  # nothing to remove: the usual case, kept fast
        return text
    return _DIGIT_SEPARATORS.sub("", text)


def clean_client(client: Client, today: date | None = None) -> tuple[Client, list[FieldIssue]]:
    """Normalise `client` and validate every field; see the module docstring."""
    today = today or date.today()
    issues: list[FieldIssue] = []

    def err(field: str, message: str) -> None:
        issues.append(FieldIssue(field, message, True))

    def warn(field: str, message: str) -> None:
        issues.append(FieldIssue(field, message, False))

    # Text keeps the user's letter case; surrounding and repeated inner whitespace go.
    name = " ".join(client.full_name.split())
    business = " ".join(client.business_name.split())
    if not name:
        err("full_name", _("Nama lengkap wajib diisi."))
    elif len(name) > MAX_NAME:
        err("full_name", _("Nama terlalu panjang (maksimal {n} karakter).").format(n=MAX_NAME))
    elif not any(map(str.isalpha, name)):
        err("full_name", _("Nama harus mengandung huruf."))
    if len(business) > MAX_NAME:
        err(
            "business_name",
            _("Nama usaha terlalu panjang (maksimal {n} karakter).").format(n=MAX_NAME),
        )

    nik = _digits(client.nik)
    nib = _digits(client.nib)
    npwp = _digits(client.npwp)
    if client.kind is ClientKind.INDIVIDUAL:
        if nik:
            try:
                info = parse_nik(nik, today=today)
            except NikError as exc:
                err("nik", str(exc))
            else:
                for message in check_nik_against(info, client.birth_date, client.sex):
                    warn("nik", message)
    else:
        if business == "":
            err("business_name", _("Nama usaha wajib diisi untuk nasabah badan usaha."))
        if nik:
            try:
                parse_nik(nik, today=today)  # the owner's NIK may be kept for a business
            except NikError as exc:
                err("nik", str(exc))
    if nib and (not nib.isdigit() or len(nib) != 13):
        err("nib", _("NIB harus 13 digit angka."))
    if npwp and (not npwp.isdigit() or len(npwp) not in (15, 16)):
        err("npwp", _("NPWP harus 15 atau 16 digit angka."))

    if client.birth_date is not None:
        if client.birth_date > today:
            err("birth_date", _("Tanggal lahir tidak boleh di masa depan."))
        elif age_on(client.birth_date, today) > 120:
            err("birth_date", _("Tanggal lahir terlalu jauh di masa lalu."))
        elif client.kind is ClientKind.INDIVIDUAL and age_on(client.birth_date, today) < 17:
            warn("birth_date", _("Nasabah belum berusia 17 tahun."))

    mobile = landline = ""
    if client.mobile.strip():
        try:
            phone = normalize_phone(client.mobile)
        except PhoneError as exc:
            err("mobile", str(exc))
        else:
            if phone.kind is not PhoneKind.MOBILE:
                err(
                    "mobile",
                    _(
                        "Nomor ini nomor telepon rumah/kantor, bukan nomor HP; "
                        "isi di kolom telepon."
                    ),
                )
            mobile = phone.e164
    if client.landline.strip():
        try:
            landline = normalize_phone(client.landline).e164
        except PhoneError as exc:
            err("landline", str(exc))

    for field, amount in (
        ("monthly_income", client.monthly_income),
        ("monthly_obligations", client.monthly_obligations),
    ):
        if amount < 0:
            err(field, _("Jumlah tidak boleh negatif."))
        elif amount > MAX_MONTHLY_AMOUNT:
            err(field, _("Jumlah terlalu besar; periksa kembali angkanya."))

    if client.lead_source is LeadSource.REFERRAL and client.referrer_id is None:
        warn("referrer_id", _("Sumber referensi: pilih nasabah yang mereferensikan."))
    if client.referrer_id is not None and client.referrer_id == client.id:
        err("referrer_id", _("Nasabah tidak dapat mereferensikan dirinya sendiri."))
    if client.status is ClientStatus.DECLINED and not client.refusal_reason.strip():
        warn("refusal_reason", _("Isi alasan menolak agar bisa dianalisis di laporan."))

    addr = client.address
    postal = _digits(addr.postal_code)
    if postal and (not postal.isdigit() or len(postal) != 5):
        err("postal_code", _("Kode pos harus 5 digit angka."))
    for field, text in (
        ("notes", client.notes),
        ("street", addr.street),
        ("refusal_reason", client.refusal_reason),
    ):
        if len(text) > MAX_TEXT:
            err(field, _("Teks terlalu panjang (maksimal {n} karakter).").format(n=MAX_TEXT))

    occupation = " ".join(client.occupation.split())
    refusal_reason = client.refusal_reason.strip()
    notes = client.notes.strip()
    tags = normalize_tags(client.tags) if client.tags else ()
    parts = (
        " ".join(addr.street.split()),
        " ".join(addr.kelurahan.split()),
        " ".join(addr.kecamatan.split()),
        " ".join(addr.city.split()),
        " ".join(addr.province.split()),
        postal,
    )
    address = addr
    if parts != (
        addr.street, addr.kelurahan, addr.kecamatan, addr.city, addr.province, addr.postal_code
    ):  # fmt: skip
        street, kelurahan, kecamatan, city, province, postal_code = parts
        address = Address(street, kelurahan, kecamatan, city, province, postal_code)
    cleaned = client
    # Only copy when something changed: an already clean client (a bulk import normalises
    # as it reads) is returned as is, which saves a 29-field copy per row.
    if (
        (name, business, nik, nib, npwp, mobile, landline, occupation, refusal_reason, notes, tags)
        != (
            client.full_name, client.business_name, client.nik, client.nib, client.npwp,
            client.mobile, client.landline, client.occupation, client.refusal_reason,
            client.notes, client.tags,
        )
        or address is not addr
    ):  # fmt: skip
        cleaned = replace(
            client,
            full_name=name,
            business_name=business,
            nik=nik,
            nib=nib,
            npwp=npwp,
            mobile=mobile,
            landline=landline,
            occupation=occupation,
            refusal_reason=refusal_reason,
            notes=notes,
            tags=tags,
            address=address,
        )
    if client.consent_contact and not client.consent_channels:
        err("consent_contact", _("Pilih minimal satu saluran: telepon, SMS atau WhatsApp."))
    if client.consent_contact and client.consent_given_on and client.consent_given_on > today:
        err("consent_contact", _("Tanggal persetujuan tidak boleh di masa depan."))
    return cleaned, issues


def errors_only(issues: list[FieldIssue]) -> list[FieldIssue]:
    return [i for i in issues if i.is_error]
