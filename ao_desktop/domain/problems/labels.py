"""Indonesian labels for the problem vocabularies (storage keeps the codes)."""

from __future__ import annotations

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.problems.enums import ProblemCategory, ProblemChannel, ProblemStatus


def category_label(category: ProblemCategory) -> str:
    return {
        ProblemCategory.PAYMENT: _("Pembayaran"),
        ProblemCategory.PRODUCT: _("Produk"),
        ProblemCategory.SERVICE: _("Layanan"),
        ProblemCategory.DATA: _("Data nasabah"),
        ProblemCategory.OTHER: _("Lainnya"),
    }[category]


def channel_label(channel: ProblemChannel) -> str:
    return {
        ProblemChannel.PHONE: _("Telepon"),
        ProblemChannel.WHATSAPP: _("WhatsApp"),
        ProblemChannel.SMS: _("SMS"),
        ProblemChannel.WALK_IN: _("Datang ke kantor"),
        ProblemChannel.VISIT: _("Saat kunjungan"),
        ProblemChannel.LETTER: _("Surat/email"),
        ProblemChannel.SOCIAL: _("Media sosial"),
        ProblemChannel.OTHER: _("Lainnya"),
    }[channel]


def status_label(status: ProblemStatus) -> str:
    return {
        ProblemStatus.NEW: _("Baru"),
        ProblemStatus.IN_PROGRESS: _("Diproses"),
        ProblemStatus.ESCALATED: _("Dieskalasi"),
        ProblemStatus.RESOLVED: _("Selesai"),
        ProblemStatus.CLOSED: _("Ditutup"),
    }[status]
