"""Bahasa Indonesia labels for the calendar's enumerations and fields (through `_`)."""

from __future__ import annotations

from ao_desktop.domain.calendar.enums import (
    ActivityPurpose,
    ActivityResult,
    ActivityStatus,
    ActivityType,
)
from ao_desktop.domain.common.i18n import _


def type_label(value: ActivityType) -> str:
    return {
        ActivityType.VISIT: _("Kunjungan"),
        ActivityType.PHONE: _("Telepon"),
        ActivityType.WHATSAPP: _("WhatsApp"),
        ActivityType.SMS: _("SMS"),
        ActivityType.OFFICE_MEETING: _("Pertemuan di kantor"),
        ActivityType.EMAIL: _("Email"),
    }[value]


def purpose_label(value: ActivityPurpose) -> str:
    return {
        ActivityPurpose.PROSPECTING: _("Prospecting"),
        ActivityPurpose.PRODUCT_INTRO: _("Pengenalan produk"),
        ActivityPurpose.FOLLOW_UP: _("Follow-up"),
        ActivityPurpose.COLLECTION: _("Penagihan"),
        ActivityPurpose.PROBLEM: _("Penanganan masalah"),
        ActivityPurpose.COURTESY: _("Silaturahmi"),
    }[value]


def status_label(value: ActivityStatus) -> str:
    return {
        ActivityStatus.PLANNED: _("Rencana"),
        ActivityStatus.DONE: _("Selesai"),
        ActivityStatus.CANCELLED: _("Batal"),
        ActivityStatus.NOT_MET: _("Tidak bertemu"),
    }[value]


def result_label(value: ActivityResult) -> str:
    return {
        ActivityResult.INTERESTED: _("Tertarik"),
        ActivityResult.NOT_INTERESTED: _("Tidak tertarik"),
        ActivityResult.APPLIED: _("Mengajukan"),
        ActivityResult.PROMISE_TO_PAY: _("Janji bayar"),
    }[value]


# Field names as the user reads them, for messages that say where something is wrong.
FIELD_LABELS: dict[str, str] = {
    "client_id": _("Nasabah"),
    "officer_id": _("AO"),
    "type": _("Jenis kegiatan"),
    "purpose": _("Tujuan"),
    "starts_at": _("Mulai"),
    "duration_minutes": _("Durasi"),
    "location": _("Lokasi"),
    "status": _("Status"),
    "outcome": _("Catatan hasil"),
    "products": _("Produk yang dibahas"),
    "result": _("Hasil"),
    "result_reason": _("Alasan tidak tertarik"),
    "promise_date": _("Tanggal janji bayar"),
    "promise_amount": _("Jumlah janji bayar"),
}
