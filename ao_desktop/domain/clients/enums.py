"""The closed vocabularies of a client record: sex, kind, pipeline status, lead source.

Stored values are short, stable codes; labels (Bahasa Indonesia) live in `labels.py`
so that storage never depends on wording.
"""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "L"
    FEMALE = "P"


class ClientKind(StrEnum):
    INDIVIDUAL = "individual"
    BUSINESS = "business"


class ClientStatus(StrEnum):
    """Pipeline status: prospek -> pengajuan -> nasabah aktif, plus two exits."""

    PROSPECT = "prospek"
    APPLICATION = "pengajuan"
    ACTIVE = "aktif"
    INACTIVE = "tidak_aktif"
    DECLINED = "ditolak"


class LeadSource(StrEnum):
    FLYER = "brosur"
    SOCIAL_MEDIA = "media_sosial"
    REFERRAL = "referensi"
    WALK_IN = "walk_in"
    EVENT = "acara"
    OTHER = "lainnya"


class ConsentPurpose(StrEnum):
    """What the client agreed to be contacted for (UU PDP: consent names its purpose)."""

    SERVICE = "layanan"
    OFFER = "penawaran"
    COLLECTION = "penagihan"


class ConsentChannel(StrEnum):
    """A way of contacting the client that consent can name."""

    PHONE = "telepon"
    SMS = "sms"
    WHATSAPP = "whatsapp"


ALL_CHANNELS: tuple[ConsentChannel, ...] = tuple(ConsentChannel)
