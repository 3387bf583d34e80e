"""Use cases of the bank's RIPLAY details: its full name, the OJK/LPS line and the
complaint channels, kept as database settings ("riplay.*") so every PC sharing the
database prints the same ones.

Admins change them in Settings. A RIPLAY is refused while a required one is missing,
with a message that says what to fill where, never printed with a blank.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.products.riplay import (
    DEFAULT_OJK_CONTACT,
    DEFAULT_VALID_DAYS,
    RiplayIssuer,
    default_supervision,
    issuer_issues,
)
from ao_desktop.services.ports import Transaction, UnitOfWork

# The bank's short name and branch come from the profile the sheet header already uses.
BANK_NAME_KEY = "bank.name"
BRANCH_NAME_KEY = "bank.branch"
ISSUER_KEYS = {
    "full_name": "riplay.bank_full_name",
    "supervision": "riplay.supervision",
    "complaint_branch": "riplay.complaint_branch",
    "complaint_phone": "riplay.complaint_phone",
    "complaint_email": "riplay.complaint_email",
    "complaint_website": "riplay.complaint_website",
    "ojk_contact": "riplay.ojk_contact",
}
VALID_DAYS_KEY = "riplay.valid_days"
MAX_TEXT = 300


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def _stored(tx: Transaction) -> RiplayIssuer:
    values = {field: tx.settings.get(key, "").strip() for field, key in ISSUER_KEYS.items()}
    days_text = tx.settings.get(VALID_DAYS_KEY, "").strip()
    days = int(days_text) if days_text.isdigit() else DEFAULT_VALID_DAYS
    return RiplayIssuer(**values, valid_days=days)


def read_issuer_settings(uow: UnitOfWork) -> RiplayIssuer:
    """What the admin saved, as saved (empty where nothing is), for the Settings dialog."""
    with uow.read() as tx:
        issuer = _stored(tx)
    return issuer if issuer.ojk_contact else replace(issuer, ojk_contact=DEFAULT_OJK_CONTACT)


def issuer_for_print(tx: Transaction) -> RiplayIssuer:
    """What a RIPLAY prints: the saved details, the bank's short name and branch where the
    full name or complaint office are not given, OJK's standard line when not changed."""
    issuer = _stored(tx)
    full_name = issuer.full_name or tx.settings.get(BANK_NAME_KEY, "").strip()
    branch = issuer.complaint_branch or tx.settings.get(BRANCH_NAME_KEY, "").strip()
    return replace(
        issuer,
        full_name=full_name,
        supervision=issuer.supervision or (default_supervision(full_name) if full_name else ""),
        complaint_branch=branch,
        ojk_contact=issuer.ojk_contact or DEFAULT_OJK_CONTACT,
    )


def require_complete(issuer: RiplayIssuer) -> RiplayIssuer:
    """The issuer, or ValidationFailed telling the admin what to fill in Settings."""
    issues = issuer_issues(issuer)
    if issues:
        missing = "; ".join(issue.message for issue in issues)
        raise ValidationFailed(
            [
                FieldIssue(
                    "riplay_issuer",
                    _(
                        "Data bank untuk RIPLAY belum lengkap ({missing}). Admin melengkapinya di "
                        "Pengaturan, bagian RIPLAY dan layanan pengaduan."
                    ).format(missing=missing),
                    True,
                )
            ]
        )
    return issuer


def save_issuer_settings(uow: UnitOfWork, issuer: RiplayIssuer, actor: Actor) -> RiplayIssuer:
    """Save the bank's RIPLAY details; admins only, every wrong field at once."""
    require(actor, Action.MANAGE_SETTINGS, _("Hanya admin yang dapat mengubah data bank untuk RIPLAY."))
    cleaned = replace(
        issuer, **{field: _squash(getattr(issuer, field)) for field in ISSUER_KEYS}
    )
    issues = issuer_issues(cleaned)
    issues += [
        FieldIssue(field, _("Maksimal {n} karakter").format(n=MAX_TEXT), True)
        for field in ISSUER_KEYS
        if len(getattr(cleaned, field)) > MAX_TEXT
    ]
    if issues:
        raise ValidationFailed(issues)
    with uow.write() as tx:
        tx.settings.change({**{key: getattr(cleaned, field) for field, key in ISSUER_KEYS.items()},
                            VALID_DAYS_KEY: str(cleaned.valid_days)}, actor.name, datetime.now().replace(microsecond=0))
    return cleaned
