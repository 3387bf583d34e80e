"""Consent to be contacted (UU PDP): when it was given, for what, over which channels,
and when it was withdrawn.

`Client.consent_contact` stays the one flag "consent currently valid" that imports,
queries and older code read; the other `consent_*` fields record its history. Saving a
client goes through `settle_consent`, so unticking consent records a withdrawal instead
of silently flipping the flag.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import ALL_CHANNELS, ConsentChannel, ConsentPurpose
from ao_desktop.domain.common.formatting import format_date
from ao_desktop.domain.common.i18n import _


def purpose_label(purpose: ConsentPurpose) -> str:
    return {
        ConsentPurpose.SERVICE: _("layanan"),
        ConsentPurpose.OFFER: _("penawaran produk"),
        ConsentPurpose.COLLECTION: _("penagihan"),
    }[purpose]


def channel_label(channel: ConsentChannel) -> str:
    return {
        ConsentChannel.PHONE: _("telepon"),
        ConsentChannel.SMS: _("SMS"),
        ConsentChannel.WHATSAPP: _("WhatsApp"),
    }[channel]


def channels_text(channels: tuple[ConsentChannel, ...]) -> str:
    """"WhatsApp, telepon" in the fixed order of `ConsentChannel`, empty for none."""
    return ", ".join(channel_label(c) for c in ALL_CHANNELS if c in channels)


def channels_to_column(channels: tuple[ConsentChannel, ...]) -> str:
    return ",".join(c.value for c in ALL_CHANNELS if c in channels)


def channels_from_column(text: str) -> tuple[ConsentChannel, ...]:
    values = {part.strip() for part in (text or "").split(",")}
    return tuple(c for c in ALL_CHANNELS if c.value in values)


def consent_allows(client: Client, channel: ConsentChannel) -> bool:
    """True when the client's consent is valid now and names `channel`."""
    return client.consent_contact and channel in client.consent_channels


def settle_consent(before: Client | None, after: Client, today: date) -> Client:
    """`after` with its consent history completed for saving over `before`.

    Giving consent dates it (today unless the form said otherwise) and clears an earlier
    withdrawal; taking it back from a client who had it records the withdrawal dated
    today (unless given); a client without consent keeps no reason for a withdrawal
    that never happened.
    """
    had = before is not None and before.consent_contact
    if after.consent_contact:
        # Dated today only when given now: an undated consent of old stays undated.
        given = after.consent_given_on or (None if had else today)
        return replace(after, consent_given_on=given,
                       consent_withdrawn_on=None,
                       consent_withdrawal_reason="")
    if had:
        return replace(after, consent_withdrawn_on=after.consent_withdrawn_on or today,
                       consent_withdrawal_reason=after.consent_withdrawal_reason.strip())
    if before is None or before.consent_withdrawn_on is None:
        return replace(after, consent_withdrawn_on=None, consent_withdrawal_reason="")
    return after


def consent_summary(client: Client) -> str:
    """The sentence the client panel shows about consent."""
    if client.consent_contact:
        since = (_(" sejak {d}").format(d=format_date(client.consent_given_on))
                 if client.consent_given_on else "")
        return _("Bersedia dihubungi{since} ({channels}) untuk {purpose}").format(
            since=since, channels=channels_text(client.consent_channels) or _("tanpa saluran"),
            purpose=purpose_label(client.consent_purpose))
    if client.consent_withdrawn_on is not None:
        text = _("Persetujuan dicabut {d}").format(d=format_date(client.consent_withdrawn_on))
        reason = client.consent_withdrawal_reason.strip()
        return f"{text}: {reason}" if reason else text
    return _("Belum memberi persetujuan untuk dihubungi")
