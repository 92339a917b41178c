"""Demo messages: the organisation's templates, an SMS that arrived with a reply, an e-mail,
and one letter and one call waiting for the demo social worker."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from messaging import selectors as messaging_selectors
from messaging import services as messaging
from notifications.models import InboundMessage, Message
from participants import services as participant_services
from participants.models import Consent, Participant

# Fixed batch keys: seeding twice sends nothing twice.
BATCHES = {
    name: f"{index + 1:032x}" for index, name in enumerate(["sms", "email", "letter", "call"])
}


def _prepare(worker: Membership, participant: Participant, data: dict, contact: bool) -> None:
    participant_services.participant_update(membership=worker, participant=participant, data=data)
    if contact and not participant.consents.in_force().filter(purpose="contact").exists():
        participant_services.consent_give(
            membership=worker,
            participant=participant,
            purpose=Consent.Purpose.CONTACT,
            given_on=timezone.localdate() - datetime.timedelta(days=20),
            method=Consent.Method.ORAL,
        )


def _send(worker: Membership, participant: Participant, batch: str, channel: str, body: str):
    people = messaging_selectors.participant_people(Participant.objects.filter(pk=participant.pk))
    messaging.message_send(
        membership=worker,
        people=people,
        channel=channel,
        body=body,
        subject="Even een bericht",
        values=messaging.Values(
            sender_name=worker.user.get_short_name(),
            organisation_name=worker.organisation.name,
            date=timezone.localdate() + datetime.timedelta(days=5),
            time=datetime.time(14, 0),
            place="het buurthuis",
        ),
        batch=batch,
        about_type="participant",
        about_id=participant.pk,
    )
    return Message.objects.get(key=f"send:{batch}:participant:{participant.pk}")


def messages(organisation: Organisation, users: dict[str, User]) -> None:
    messaging.templates_ensure_defaults(organisation=organisation)
    if Message.objects.filter(key__startswith=f"send:{BATCHES['sms']}:").exists():
        return
    worker = Membership.objects.get(organisation=organisation, user=users["maatschappelijkwerker"])
    files = list(
        Participant.objects.filter(
            organisation=organisation,
            social_worker=worker.user,
            status=Participant.Status.ACTIVE,
        ).order_by("reference_code")[:4]
    )
    if len(files) < 4:
        return
    sms_to, email_to, letter_to, call_to = files
    _prepare(worker, sms_to, {"phone": "+32470112233", "preferred_channel": "sms"}, True)
    _prepare(
        worker,
        email_to,
        {"email": "deelnemer.demo@example.org", "preferred_channel": "email"},
        True,
    )
    _prepare(
        worker,
        letter_to,
        {"address": "Sleepstraat 12", "preferred_channel": "letter", "has_smartphone": False},
        False,
    )
    _prepare(
        worker,
        call_to,
        {"phone": "092345678", "preferred_channel": "phone", "has_smartphone": False},
        False,
    )
    appointment = (
        "Dag {voornaam}, we hebben een afspraak op {datum} om {tijd} in {plaats}. "
        "Lukt het niet? Stuur of bel even. Groeten, {begeleider}"
    )
    sms = _send(worker, sms_to, BATCHES["sms"], "sms", appointment)
    now = timezone.now()
    # The gateway's delivery report and the participant's answer, as they would come in.
    Message.objects.filter(pk=sms.pk).update(
        status=Message.Status.DELIVERED, sent_at=now, delivered_at=now
    )
    InboundMessage.objects.create(
        organisation=organisation,
        from_number=sms.address,
        text="OK, tot dan!",
        received_at=now,
        kind=InboundMessage.Kind.YES,
        reply_to=sms,
    )
    email = _send(worker, email_to, BATCHES["email"], "email", appointment)
    Message.objects.filter(pk=email.pk).update(status=Message.Status.SENT, sent_at=now)
    _send(worker, letter_to, BATCHES["letter"], "letter", appointment)
    _send(
        worker,
        call_to,
        BATCHES["call"],
        "call",
        "Vraag hoe het gaat met {voornaam} en of de afspraak op {datum} om {tijd} nog past.",
    )
