"""One-click contact: links, consent, templates and the activity each contact logs."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from ao_desktop.domain.calendar.enums import ActivityStatus, ActivityType
from ao_desktop.domain.calendar.message_templates import MessageTemplate
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ConsentChannel, Sex
from ao_desktop.domain.common.errors import PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.calendar import contact
from ao_desktop.services.calendar.agenda import client_timeline
from ao_desktop.services.clients.directory import add_client, update_client
from ao_desktop.storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def rina(uow: SqlUnitOfWork) -> Actor:
    with uow.write() as tx:
        officer = tx.officers.add(Officer("Rina Marlina", "+6281211112222"))
        tx.settings.set("bank.name", "BPR Sejahtera")
    return Actor(officer.name, OfficerRole.AO, officer.id)


def _client(uow: SqlUnitOfWork, **fields: object) -> Client:
    base: dict[str, object] = dict(full_name="Siti Aminah", mobile="+6281298765432",
                                   consent_contact=True, sex=Sex.FEMALE)
    base.update(fields)
    return add_client(uow, Client(**base), actor="t", allow_duplicates=True)  # type: ignore[arg-type]


def test_whatsapp_link_carries_the_filled_template_and_logs_a_planned_activity(uow, rina) -> None:
    siti = _client(uow, officer_id=rina.officer_id)
    (reminder,) = [t for t in contact.list_templates(uow) if t.key == "payment_reminder"]
    from datetime import date

    values = contact.message_values(uow, siti, rina.officer_id, date(2026, 12, 10), 1_500_000)
    text = contact.fill(reminder, values)
    started = contact.start_contact(uow, siti.id, ActivityType.WHATSAPP, rina, text=text)  # type: ignore[arg-type]
    url = urlparse(started.url)
    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/6281298765432")
    message = parse_qs(url.query)["text"][0]
    assert message.startswith("Yth. Ibu Siti Aminah, kami mengingatkan janji pembayaran sebesar "
                              "Rp1.500.000 pada tanggal 10 Des 2026.")
    assert "Rina Marlina, BPR Sejahtera" in message
    assert started.activity.status is ActivityStatus.PLANNED
    assert [i.type for i in client_timeline(uow, siti.id)] == [ActivityType.WHATSAPP]  # type: ignore[arg-type]


def test_phone_and_sms_links(uow, rina) -> None:
    siti = _client(uow, officer_id=rina.officer_id)
    assert contact.contact_link(siti, ActivityType.PHONE) == "tel:+6281298765432"
    sms = contact.contact_link(siti, ActivityType.SMS, "Halo Bu")
    assert sms.startswith("sms:+6281298765432?body=") and unquote(sms.split("=", 1)[1]) == "Halo Bu"


def test_no_consent_no_link_and_nothing_logged(uow, rina) -> None:
    budi = _client(uow, full_name="Budi", mobile="+6281233330000", consent_contact=False,
                   officer_id=rina.officer_id)
    reason = contact.contact_block_reason(budi, ActivityType.WHATSAPP)
    assert reason is not None and "persetujuan" in reason
    with pytest.raises(contact.ContactRefused):
        contact.start_contact(uow, budi.id, ActivityType.WHATSAPP, rina)  # type: ignore[arg-type]
    assert client_timeline(uow, budi.id) == []  # type: ignore[arg-type]
    nophone = _client(uow, full_name="Tanpa HP", mobile="")
    assert "nomor HP" in (contact.contact_block_reason(nophone, ActivityType.SMS) or "")


def test_a_channel_the_client_did_not_agree_to_is_blocked_with_its_reason(uow, rina) -> None:
    siti = _client(uow, officer_id=rina.officer_id,
                   consent_channels=(ConsentChannel.WHATSAPP, ConsentChannel.PHONE))
    assert contact.contact_block_reason(siti, ActivityType.WHATSAPP) is None
    assert contact.contact_block_reason(siti, ActivityType.PHONE) is None
    reason = contact.contact_block_reason(siti, ActivityType.SMS)
    assert reason == "Nasabah tidak menyetujui dihubungi lewat SMS; yang disetujui: telepon, WhatsApp."
    with pytest.raises(contact.ContactRefused, match="lewat SMS"):
        contact.start_contact(uow, siti.id, ActivityType.SMS, rina, text="Halo")  # type: ignore[arg-type]
    assert client_timeline(uow, siti.id) == []  # type: ignore[arg-type]


def test_a_withdrawn_consent_blocks_every_channel_and_says_when(uow, rina) -> None:
    siti = _client(uow, officer_id=rina.officer_id)
    withdrawn = update_client(uow, siti, replace(siti, consent_contact=False), "t")
    assert withdrawn.consent_withdrawn_on is not None
    for kind in contact.CONTACT_TYPES:
        assert "mencabut persetujuan" in (contact.contact_block_reason(withdrawn, kind) or "")


def test_templates_are_edited_by_an_admin_with_a_version_check(uow, rina) -> None:
    greeting = contact.list_templates(uow)[0]
    edited = MessageTemplate(greeting.key, greeting.name, "Halo {sapaan} {nama}!", greeting.version)
    with pytest.raises(PermissionDenied):
        contact.save_template(uow, edited, rina)
    admin = Actor("admin", OfficerRole.ADMIN)
    with pytest.raises(ValidationFailed):
        contact.save_template(uow, MessageTemplate("x", "X", "Halo {nam}"), admin)
    saved = contact.save_template(uow, edited, admin)
    assert saved.version == 1 and contact.list_templates(uow)[0].text == "Halo {sapaan} {nama}!"
    with pytest.raises(StaleEdit):
        contact.save_template(uow, edited, admin)  # version 0 again: a colleague saved first
    assert contact.save_template(uow, MessageTemplate(saved.key, saved.name, "Hai {nama}", saved.version), admin).version == 2
