"""One-click contact: the WhatsApp, phone and SMS links for a client, the message
templates an admin edits, and the activity each contact leaves in the log.

A client who has not consented to be contacted, or not over this channel (WhatsApp, phone,
SMS), gets no link; the reason is a sentence
the button shows as its tooltip. The link is built before anything is logged, so a
refused contact writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import quote

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.calendar.activity import Activity
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.calendar.message_templates import (
    MessageTemplate,
    default_templates,
    fill_template,
    template_issues,
)
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.consent import channel_label, channels_text, consent_allows
from ao_desktop.domain.clients.enums import ClientKind, ConsentChannel, Sex
from ao_desktop.domain.common.errors import (
    DomainError,
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_date, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, normalize_phone
from ao_desktop.services.calendar.activities import log_contact
from ao_desktop.services.ports import UnitOfWork

CONTACT_TYPES = (ActivityType.WHATSAPP, ActivityType.PHONE, ActivityType.SMS)
# The consent channel each one-click contact needs.
CHANNEL_OF = {ActivityType.WHATSAPP: ConsentChannel.WHATSAPP, ActivityType.PHONE: ConsentChannel.PHONE,
              ActivityType.SMS: ConsentChannel.SMS}


class ContactRefused(DomainError):
    """This client cannot be contacted this way; the message says why."""


@dataclass(frozen=True)
class ContactStarted:
    url: str
    activity: Activity


def contact_block_reason(client: Client, kind: ActivityType) -> str | None:
    """Why `kind` cannot be used for this client, or None when it can."""
    if not client.consent_contact:
        if client.consent_withdrawn_on is not None:
            return _("Nasabah sudah mencabut persetujuan untuk dihubungi pada {d}.").format(
                d=format_date(client.consent_withdrawn_on))
        return _("Nasabah belum memberi persetujuan untuk dihubungi (lihat profil: "
                 "Bersedia dihubungi).")
    channel = CHANNEL_OF[kind]
    if not consent_allows(client, channel):
        return _("Nasabah tidak menyetujui dihubungi lewat {c}; yang disetujui: {ok}.").format(
            c=channel_label(channel), ok=channels_text(client.consent_channels) or _("tidak ada"))
    if client.archived:
        return _("Nasabah sudah diarsipkan.")
    number = client.mobile or (client.landline if kind is ActivityType.PHONE else "")
    if not number:
        return _("Nasabah tidak punya nomor HP.") if kind is not ActivityType.PHONE else _(
            "Nasabah tidak punya nomor telepon.")
    return None


def contact_link(client: Client, kind: ActivityType, text: str = "") -> str:
    """`https://wa.me/62...?text=...`, `tel:+62...` or `sms:+62...?body=...`."""
    reason = contact_block_reason(client, kind)
    if reason is not None:
        raise ContactRefused(reason)
    number = client.mobile or client.landline
    try:
        phone = normalize_phone(number)
    except PhoneError as exc:
        raise ContactRefused(str(exc)) from None
    if kind is ActivityType.WHATSAPP:
        return phone.whatsapp_link(text)
    if kind is ActivityType.PHONE:
        return f"tel:{phone.e164}"
    if phone.kind is not PhoneKind.MOBILE:
        raise ContactRefused(_("Nomor telepon rumah/kantor tidak bisa menerima SMS."))
    return f"sms:{phone.e164}" + (f"?body={quote(text, safe='')}" if text else "")


def message_values(uow: UnitOfWork, client: Client, officer_id: int | None,
                   promise_date: date | None = None, promise_amount: int = 0,
                   products: tuple[str, ...] = ()) -> dict[str, str]:
    """What the placeholders of a template are filled with."""
    with uow.read() as tx:
        officer = tx.officers.get(officer_id) if officer_id is not None else None
        bank = tx.settings.get("bank.name", "").strip()
        branch = tx.settings.get("bank.branch", "").strip()
    if client.kind is ClientKind.BUSINESS:
        salutation = _("Bapak/Ibu")
    else:
        salutation = {Sex.MALE: _("Bapak"), Sex.FEMALE: _("Ibu")}.get(client.sex, _("Bapak/Ibu"))  # type: ignore[arg-type]
    phone = ""
    if officer and officer.phone:
        try:
            phone = normalize_phone(officer.phone).display
        except PhoneError:
            phone = officer.phone
    return {
        "nama": client.display_name, "sapaan": salutation, "nama_ao": officer.name if officer else "",
        "hp_ao": phone, "bank": bank, "cabang": branch,
        "tanggal": format_date(promise_date) if promise_date else "",
        "jumlah": format_rupiah(promise_amount) if promise_amount else "",
        "produk": ", ".join(products) or _("produk kami"),
    }


def list_templates(uow: UnitOfWork) -> list[MessageTemplate]:
    """The database's templates; the defaults for keys an admin has not saved yet."""
    with uow.read() as tx:
        saved = {t.key: t for t in tx.message_templates.list()}
    defaults = [saved.pop(t.key, t) for t in default_templates()]
    return defaults + sorted(saved.values(), key=lambda t: t.name)


def save_template(uow: UnitOfWork, template: MessageTemplate, actor: Actor) -> MessageTemplate:
    """Admin only; refused when a colleague saved the same template since it was read."""
    require(actor, Action.MANAGE_TEMPLATES)
    issues = template_issues(template.text)
    if not template.name.strip():
        issues = [*issues, FieldIssue("name", _("Isi nama templat."), True)]
    if issues:
        raise ValidationFailed(issues)
    with uow.write() as tx:
        saved = tx.message_templates.save(replace(template, name=template.name.strip(),
                                                   text=template.text.strip()), actor.name, _now())
    if saved is None:
        raise StaleEdit(_("Templat ini sudah diubah admin lain sejak Anda membukanya; muat ulang "
                          "lalu ulangi."), [], None)
    return saved


def start_contact(uow: UnitOfWork, client_id: int, kind: ActivityType, actor: Actor,
                  officer_id: int | None = None, text: str = "",
                  purpose: ActivityPurpose = ActivityPurpose.FOLLOW_UP) -> ContactStarted:
    """The link to open and the planned activity logged for it (the AO completes it
    afterwards with the outcome). The activity is the AO's own: `officer_id` defaults
    to the signed-in officer, else the client's AO."""
    if kind not in CONTACT_TYPES:
        raise ValueError(f"not a one-click contact: {kind}")
    with uow.read() as tx:
        client = tx.clients.get(client_id)
    if client is None:
        raise NotFound(_("Nasabah dengan id {i} tidak ditemukan.").format(i=client_id))
    url = contact_link(client, kind, text)
    officer = officer_id or actor.officer_id or client.officer_id
    if officer is None:
        raise ContactRefused(_("Nasabah ini belum punya AO; pilih AO di profil nasabah dulu."))
    note = _("Pesan: {t}").format(t=text) if text else ""
    return ContactStarted(url, log_contact(uow, client_id, officer, kind, actor, purpose, note))


def fill(template: MessageTemplate, values: dict[str, str]) -> str:
    return fill_template(template.text, values)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
