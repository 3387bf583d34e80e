"""Consent to be contacted: valid per channel, completed on save, summed up for the panel."""

from __future__ import annotations

from datetime import date

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_rules import clean_client
from ao_desktop.domain.clients.consent import (
    channels_from_column,
    channels_to_column,
    consent_allows,
    consent_summary,
    settle_consent,
)
from ao_desktop.domain.clients.enums import ConsentChannel as Ch
from ao_desktop.domain.clients.enums import ConsentPurpose

TODAY = date(2026, 12, 5)
WA_PHONE = (Ch.WHATSAPP, Ch.PHONE)


@pytest.mark.parametrize(("consent", "channels", "channel", "allowed"), [
    (True, WA_PHONE, Ch.WHATSAPP, True),
    (True, WA_PHONE, Ch.PHONE, True),
    (True, WA_PHONE, Ch.SMS, False),
    (True, (), Ch.PHONE, False),
    (False, WA_PHONE, Ch.WHATSAPP, False),
])
def test_consent_is_valid_only_for_the_channels_agreed(consent: bool, channels: tuple[Ch, ...],
                                                       channel: Ch, allowed: bool) -> None:
    client = Client("Siti", consent_contact=consent, consent_channels=channels)
    assert consent_allows(client, channel) is allowed


def test_channels_column_round_trips_in_a_fixed_order() -> None:
    assert channels_to_column((Ch.WHATSAPP, Ch.PHONE)) == "telepon,whatsapp"
    assert channels_from_column("whatsapp, telepon,fax") == (Ch.PHONE, Ch.WHATSAPP)
    assert channels_from_column("") == ()


def test_giving_consent_dates_it_today_and_clears_an_old_withdrawal() -> None:
    before = Client("Siti", consent_withdrawn_on=date(2026, 1, 2), consent_withdrawal_reason="x")
    after = settle_consent(before, Client("Siti", consent_contact=True, consent_withdrawn_on=date(2026, 1, 2),
                                          consent_withdrawal_reason="x"), TODAY)
    assert (after.consent_given_on, after.consent_withdrawn_on, after.consent_withdrawal_reason) == (
        TODAY, None, "")


def test_unticking_consent_records_the_withdrawal_not_a_silent_flip() -> None:
    before = Client("Siti", consent_contact=True, consent_given_on=date(2026, 11, 3))
    after = settle_consent(before, Client("Siti", consent_given_on=date(2026, 11, 3),
                                          consent_withdrawal_reason=" terlalu sering "), TODAY)
    assert after.consent_contact is False
    assert after.consent_withdrawn_on == TODAY and after.consent_withdrawal_reason == "terlalu sering"
    assert after.consent_given_on == date(2026, 11, 3)  # the history stays


def test_a_client_who_never_consented_has_no_withdrawal() -> None:
    after = settle_consent(None, Client("Siti", consent_withdrawal_reason="x"), TODAY)
    assert (after.consent_withdrawn_on, after.consent_withdrawal_reason) == (None, "")


def test_summary_names_date_channels_and_purpose_or_the_withdrawal() -> None:
    given = Client("Siti", consent_contact=True, consent_given_on=date(2026, 11, 3),
                   consent_channels=WA_PHONE, consent_purpose=ConsentPurpose.OFFER)
    assert consent_summary(given) == ("Bersedia dihubungi sejak 3 Nov 2026 (telepon, WhatsApp) "
                                      "untuk penawaran produk")
    withdrawn = Client("Siti", consent_given_on=date(2026, 11, 3), consent_withdrawn_on=TODAY,
                       consent_withdrawal_reason="tidak ingin ditawari")
    assert consent_summary(withdrawn) == "Persetujuan dicabut 5 Des 2026: tidak ingin ditawari"
    assert consent_summary(Client("Siti")) == "Belum memberi persetujuan untuk dihubungi"


@pytest.mark.parametrize(("client", "words"), [
    (Client("Siti", consent_contact=True, consent_channels=()), "minimal satu saluran"),
    (Client("Siti", consent_contact=True, consent_given_on=date(2026, 12, 6)), "masa depan"),
])
def test_consent_without_a_channel_or_dated_tomorrow_is_an_error(client: Client, words: str) -> None:
    _cleaned, issues = clean_client(client, TODAY)
    assert [(i.field, i.is_error) for i in issues] == [("consent_contact", True)]
    assert words in issues[0].message
