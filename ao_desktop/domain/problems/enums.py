"""The closed vocabularies of a client problem (permasalahan/pengaduan nasabah):
category, the channel it came in by, and its status.

Stored values are short, stable codes; Indonesian labels live in `labels.py`.
"""

from __future__ import annotations

from enum import StrEnum


class ProblemCategory(StrEnum):
    PAYMENT = "pembayaran"  # instalments, debits, transfers
    PRODUCT = "produk"  # rates, fees, terms not as promised
    SERVICE = "layanan"  # staff, queues, ATM, branch
    DATA = "data"  # wrong name, address, NIK, phone
    OTHER = "lainnya"


class ProblemChannel(StrEnum):
    PHONE = "telepon"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    WALK_IN = "datang"  # came to the office
    VISIT = "kunjungan"  # told the AO on a visit
    LETTER = "surat"  # letter or email
    SOCIAL = "media_sosial"
    OTHER = "lainnya"


class ProblemStatus(StrEnum):
    NEW = "baru"  # recorded, nobody has worked on it yet
    IN_PROGRESS = "diproses"
    ESCALATED = "dieskalasi"  # handed to the supervisor
    RESOLVED = "selesai"  # answered, with the resolution written down
    CLOSED = "ditutup"  # the client confirmed, or the supervisor closed it


OPEN_STATUSES = frozenset({ProblemStatus.NEW, ProblemStatus.IN_PROGRESS, ProblemStatus.ESCALATED})
