"""Bahasa Indonesia labels for the domain's enumerations (translatable via `_`)."""

from __future__ import annotations

from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.common.i18n import _


def status_label(status: ClientStatus) -> str:
    return {
        ClientStatus.PROSPECT: _("Prospek"),
        ClientStatus.APPLICATION: _("Pengajuan"),
        ClientStatus.ACTIVE: _("Nasabah aktif"),
        ClientStatus.INACTIVE: _("Tidak aktif"),
        ClientStatus.DECLINED: _("Ditolak"),
    }[status]


def source_label(source: LeadSource) -> str:
    return {
        LeadSource.FLYER: _("Brosur"),
        LeadSource.SOCIAL_MEDIA: _("Media sosial"),
        LeadSource.REFERRAL: _("Referensi"),
        LeadSource.WALK_IN: _("Walk-in"),
        LeadSource.EVENT: _("Acara"),
        LeadSource.OTHER: _("Lainnya"),
    }[source]


def kind_label(kind: ClientKind) -> str:
    return {ClientKind.INDIVIDUAL: _("Perorangan"), ClientKind.BUSINESS: _("Badan usaha")}[kind]


def sex_label(sex: Sex) -> str:
    return {Sex.MALE: _("Laki-laki"), Sex.FEMALE: _("Perempuan")}[sex]


# Field names as the user reads them, for messages that say *where* something is wrong.
FIELD_LABELS: dict[str, str] = {
    "kind": _("Jenis nasabah"),
    "full_name": _("Nama lengkap"),
    "business_name": _("Nama usaha"),
    "nik": _("NIK"),
    "nib": _("NIB"),
    "npwp": _("NPWP"),
    "birth_date": _("Tanggal lahir"),
    "sex": _("Jenis kelamin"),
    "mobile": _("No. HP / WhatsApp"),
    "landline": _("Telepon rumah/kantor"),
    "street": _("Alamat (jalan, RT/RW)"),
    "kelurahan": _("Kelurahan/desa"),
    "kecamatan": _("Kecamatan"),
    "city": _("Kota/kabupaten"),
    "province": _("Provinsi"),
    "postal_code": _("Kode pos"),
    "occupation": _("Pekerjaan/bidang usaha"),
    "monthly_income": _("Penghasilan per bulan"),
    "monthly_obligations": _("Angsuran lain per bulan"),
    "status": _("Status"),
    "lead_source": _("Sumber"),
    "referrer_id": _("Direferensikan oleh"),
    "refusal_reason": _("Alasan menolak"),
    "officer_id": _("AO"),
    "tags": _("Tag"),
    # Not "Catatan": that is the panel's tab of dated notes; this is one standing remark.
    "notes": _("Keterangan"),
    "consent_contact": _("Bersedia dihubungi"),
    "consent_given_on": _("Tanggal persetujuan"),
    "consent_purpose": _("Tujuan persetujuan"),
    "consent_channels": _("Saluran yang disetujui"),
    "consent_withdrawn_on": _("Tanggal pencabutan persetujuan"),
    "consent_withdrawal_reason": _("Alasan pencabutan"),
}
