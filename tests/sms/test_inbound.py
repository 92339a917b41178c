"""Incoming SMS through the real gateway: STOP ends SMS to that number at once and withdraws
the participant's contact consent; a reply to an appointment is linked to it; an unknown
number's text is kept."""

import datetime

import pytest
from django.utils import timezone

from notifications import message_dispatch
from notifications.inbound import normalise_number
from notifications.models import InboundMessage, Message, SmsOptOut
from participants.models import Consent
from tests.factories import ParticipantFactory

from .conftest import sms, wait_for

NUMBER = "+32499765432"


@pytest.fixture
def participant_with_contact_consent(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amina",
    )
    for purpose in (Consent.Purpose.FILE, Consent.Purpose.CONTACT):
        Consent.objects.create(
            participant=participant,
            purpose=purpose,
            given_on=timezone.localdate() - datetime.timedelta(days=30),
            method=Consent.Method.WRITTEN,
            recorded_by=social_worker.user,
        )
    return participant


@pytest.mark.parametrize("word", ["STOP", "stop", "Arrêt", "UNSUBSCRIBE", "Stoppen"])
def test_stop_ends_sms_to_the_number_at_once_and_withdraws_the_contact_consent(
    gateway, organisation, participant_with_contact_consent, word
):
    participant = participant_with_contact_consent
    first = sms(
        organisation, "Welkom bij Netwerk.", key="in:1", number=NUMBER, recipient_id=participant.pk
    )
    message_dispatch.dispatch_messages(inline=True)
    waiting = sms(
        organisation,
        "Morgen om 10 uur?",
        key="in:2",
        number=NUMBER,
        recipient_id=participant.pk,
        not_before=timezone.now() + datetime.timedelta(hours=1),
    )

    gateway.inject(NUMBER.lstrip("+"), word)
    assert wait_for(lambda: SmsOptOut.objects.filter(number=NUMBER).exists())
    [inbound] = InboundMessage.objects.all()
    assert (inbound.kind, inbound.organisation_id, inbound.reply_to_id) == (
        InboundMessage.Kind.STOP,
        organisation.pk,
        first.pk,
    )
    assert Message.objects.get(pk=waiting.pk).status == Message.Status.CANCELLED
    contact = Consent.objects.get(participant=participant, purpose=Consent.Purpose.CONTACT)
    assert contact.withdrawn_on == timezone.localdate()
    file = Consent.objects.get(participant=participant, purpose=Consent.Purpose.FILE)
    assert file.withdrawn_on is None

    # Anything queued later for that number is not sent either.
    before = gateway.received_count()
    later = sms(organisation, "Nog een bericht", key="in:3", number=NUMBER)
    assert later.status == Message.Status.CANCELLED
    message_dispatch.dispatch_messages(inline=True)
    assert gateway.received_count() == before


def test_a_reply_is_linked_to_the_latest_message_about_an_appointment(gateway, organisation):
    appointment = sms(
        organisation,
        "Gesprek dinsdag 14 uur. Antwoord OK of NEE.",
        key="r:1",
        number=NUMBER,
        about_type="session",
        about_id=12,
    )
    sms(organisation, "Vergeet je kaart niet.", key="r:2", number=NUMBER)
    message_dispatch.dispatch_messages(inline=True)
    gateway.inject(NUMBER, "Ok, tot dan")
    gateway.inject(NUMBER, "nee")
    assert wait_for(lambda: InboundMessage.objects.count() == 2)
    kinds = {m.kind: m for m in InboundMessage.objects.all()}
    assert kinds[InboundMessage.Kind.YES].reply_to_id == appointment.pk
    assert kinds[InboundMessage.Kind.NO].reply_to_id == appointment.pk
    assert appointment.replies.count() == 2


def test_a_text_from_an_unknown_number_is_kept_without_organisation(gateway, organisation):
    gateway.inject("+32470111222", "مرحبا، من أنتم؟")
    assert wait_for(lambda: InboundMessage.objects.exists())
    [inbound] = InboundMessage.objects.all()
    assert inbound.organisation_id is None and inbound.handled_at is None
    assert inbound.text == "مرحبا، من أنتم؟"
    assert inbound.from_number == "+32470111222"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0499 12 34 56", "+32499123456"),
        ("32499123456", "+32499123456"),
        ("0032499123456", "+32499123456"),
        ("+31612345678", "+31612345678"),
    ],
)
def test_numbers_from_the_gateway_are_normalised(raw, e164):
    assert normalise_number(raw) == e164
