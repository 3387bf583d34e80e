"""The audit trail as the viewer and the `audit` command read it: who, when, what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ao_desktop.domain.common.i18n import _


@dataclass(frozen=True)
class AuditQuery:
    client_id: int | None = None
    officer_id: int | None = None  # who did it
    since: date | None = None  # inclusive
    until: date | None = None  # exclusive


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str  # the name as it was when the entry was written
    officer_id: int | None
    table: str
    row_id: int
    action: str
    client_id: int | None
    details: dict[str, Any] = field(default_factory=dict)


TABLE_LABELS = {
    "clients": "Nasabah",
    "client_notes": "Catatan nasabah",
    "activities": "Kegiatan",
    "credit_applications": "Pengajuan kredit",
    "client_problems": "Permasalahan",
    "loan_accounts": "Pinjaman",
    "loan_extracts": "Ekstrak portofolio",
    "officers": "Petugas",
    "settings": "Pengaturan",
    "products": "Produk",
    "riplay_records": "RIPLAY",
    "message_templates": "Templat pesan",
    "holiday_overrides": "Hari libur",
    "exports": "Ekspor data pribadi",
    "sign_in": "Masuk aplikasi",
    "permissions": "Hak akses",
    "handover": "Pindah AO",
}


def table_label(table: str) -> str:
    return _(TABLE_LABELS.get(table, table))


def describe(details: dict[str, Any], limit: int = 400) -> str:
    """One line a supervisor reads: `field: before -> after; ...` or `key: value; ...`."""
    parts = []
    for key, value in details.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}: {_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{key}: {_short(value)}")
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value[:20]) + (" …" if len(value) > 20 else "")
    return str(value)
