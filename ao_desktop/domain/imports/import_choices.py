"""Readers of the closed-list columns of a client sheet: status, lead source, kind and
sex, with the variants AOs actually type ("medsos", "IG", "cair", "Lk", "PT").

Each list maps folded text (lowercase words, punctuation ignored) to the value; codes
and the app's own labels are always accepted. An unknown value is a CellError that lists
the allowed choices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.clients.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.common.cell_values import CellError
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.import_values import fold_choice, is_blank, shown_value


def _choices(table: dict[Any, tuple[str, ...]], label: Callable[[Any], str]) -> dict[str, Any]:
    """Variants -> value, with every value's code and label added."""
    index: dict[str, Any] = {}
    for value, variants in table.items():
        for name in (value.value, value.name, label(value), *variants):
            index[fold_choice(name)] = value
            index.setdefault(name, value)  # as typed: found without folding
    return index


STATUS_NAMES: dict[str, ClientStatus] = _choices(
    {
        ClientStatus.PROSPECT: (
            "prospek", "prospect", "calon", "calon nasabah", "calon debitur", "lead", "potensial",
        ),
        ClientStatus.APPLICATION: (
            "pengajuan", "mengajukan", "diajukan", "proses", "diproses", "dalam proses",
            "sedang diproses", "application", "applied", "in process", "pending",
        ),
        ClientStatus.ACTIVE: (
            "aktif", "nasabah aktif", "nasabah", "debitur", "debitur aktif", "active", "cair",
            "sudah cair", "disbursed", "closing",
        ),
        ClientStatus.INACTIVE: (
            "tidak aktif", "tdk aktif", "nonaktif", "non aktif", "pasif", "inactive", "dormant",
        ),
        ClientStatus.DECLINED: (
            "ditolak", "tolak", "menolak", "batal", "dibatalkan", "tidak berminat",
            "tidak minat", "gagal", "rejected", "declined", "cancelled", "canceled",
        ),
    },
    status_label,
)  # fmt: skip

# Print media count as brosur; every online channel, WhatsApp groups included, counts as
# media sosial; people the client knows count as referensi; an AO's own canvassing and
# anything else as lainnya.
SOURCE_NAMES: dict[str, LeadSource] = _choices(
    {
        LeadSource.FLYER: (
            "brosur", "flyer", "flayer", "pamflet", "leaflet", "selebaran", "spanduk",
            "baliho", "banner", "poster", "iklan cetak", "koran",
        ),
        LeadSource.SOCIAL_MEDIA: (
            "media sosial", "medsos", "sosmed", "social media", "instagram", "ig", "facebook",
            "fb", "tiktok", "twitter", "youtube", "linkedin", "whatsapp", "wa", "grup wa",
            "wa grup", "group wa", "telegram", "online", "internet", "website", "web", "google",
            "iklan online",
        ),
        LeadSource.REFERRAL: (
            "referensi", "referral", "refer", "rekomendasi", "teman", "keluarga", "saudara",
            "tetangga", "kenalan", "rekan", "rekan kerja", "nasabah lama", "dari teman",
            "dari keluarga", "dari nasabah", "mulut ke mulut", "getok tular", "word of mouth",
        ),
        LeadSource.WALK_IN: (
            "walk in", "walkin", "datang langsung", "datang ke kantor", "datang sendiri",
            "langsung", "kantor",
        ),
        LeadSource.EVENT: (
            "acara", "event", "pameran", "expo", "bazar", "bazaar", "sosialisasi", "seminar",
            "gathering",
        ),
        LeadSource.OTHER: (
            "lainnya", "lain lain", "lain", "other", "others", "canvassing", "kanvas",
            "door to door", "jemput bola", "telemarketing",
        ),
    },
    source_label,
)  # fmt: skip

KIND_NAMES: dict[str, ClientKind] = _choices(
    {
        ClientKind.INDIVIDUAL: (
            "perorangan", "perseorangan", "individu", "individual", "pribadi", "orang",
            "personal", "person",
        ),
        ClientKind.BUSINESS: (
            "badan usaha", "usaha", "bu", "pt", "cv", "ud", "firma", "koperasi", "yayasan",
            "perusahaan", "badan", "korporasi", "non perorangan", "business", "company",
            "corporate",
        ),
    },
    kind_label,
)  # fmt: skip

SEX_NAMES: dict[str, Sex] = _choices(
    {
        Sex.MALE: ("l", "lk", "laki laki", "laki", "lelaki", "pria", "m", "male", "man"),
        Sex.FEMALE: ("p", "pr", "perempuan", "wanita", "w", "f", "female", "woman"),
    },
    sex_label,
)  # fmt: skip


def _read_choice(value: Any, names: dict[str, Any], explain: Callable[[], str]) -> Any:
    if isinstance(value, str):  # the usual case: a label typed in a text cell
        found = names.get(value) or names.get(fold_choice(value))
        if found is not None:
            return found
    if is_blank(value):
        return None
    raise CellError(explain().format(v=shown_value(value)))


def _unknown(what: str, allowed: str) -> str:
    return (
        _("'{v}' bukan {what} yang dikenal; pilih salah satu: {allowed}")
        .replace("{what}", what)
        .replace("{allowed}", allowed)
    )


def read_status(value: Any) -> ClientStatus | None:
    return _read_choice(
        value,
        STATUS_NAMES,
        lambda: _unknown(_("status"), ", ".join(status_label(s) for s in ClientStatus)),
    )


def read_source(value: Any) -> LeadSource | None:
    return _read_choice(
        value,
        SOURCE_NAMES,
        lambda: _unknown(_("sumber"), ", ".join(source_label(s) for s in LeadSource)),
    )


def read_kind(value: Any) -> ClientKind | None:
    return _read_choice(
        value,
        KIND_NAMES,
        lambda: _unknown(_("jenis nasabah"), ", ".join(kind_label(k) for k in ClientKind)),
    )


def read_sex(value: Any) -> Sex | None:
    return _read_choice(value, SEX_NAMES, lambda: _unknown(_("jenis kelamin"), _("L atau P")))


