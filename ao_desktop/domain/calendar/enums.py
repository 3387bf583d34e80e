"""The closed vocabularies of an activity: type, purpose, status and result.

Stored values are short, stable codes; the Indonesian labels live in `labels.py` so that
storage never depends on wording.
"""

from __future__ import annotations

from enum import StrEnum


class ActivityType(StrEnum):
    VISIT = "kunjungan"
    PHONE = "telepon"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    OFFICE_MEETING = "pertemuan_kantor"
    EMAIL = "email"


class ActivityPurpose(StrEnum):
    PROSPECTING = "prospecting"
    PRODUCT_INTRO = "pengenalan_produk"
    FOLLOW_UP = "follow_up"
    COLLECTION = "penagihan"
    PROBLEM = "penanganan_masalah"
    COURTESY = "silaturahmi"


class ActivityStatus(StrEnum):
    PLANNED = "rencana"
    DONE = "selesai"
    CANCELLED = "batal"
    NOT_MET = "tidak_bertemu"


class ActivityResult(StrEnum):
    """What came of a completed contact; some results need more facts (see rules)."""

    INTERESTED = "tertarik"
    NOT_INTERESTED = "tidak_tertarik"  # needs a reason
    APPLIED = "mengajukan"
    PROMISE_TO_PAY = "janji_bayar"  # needs a date and an amount


# Contacts made at a distance: no trip, so no address and no visit list.
REMOTE_TYPES = frozenset({ActivityType.PHONE, ActivityType.WHATSAPP, ActivityType.SMS,
                          ActivityType.EMAIL})
