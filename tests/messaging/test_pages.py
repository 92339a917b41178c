"""Sending a message from the page one is on: preview, who is left out and why, the outbox,
the file's message log, letters and calls done by hand, templates, reach."""

import datetime
import html
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AuditEvent
from messaging.models import ContactPreference, HandDelivery, MessageTemplate
from messaging.services import templates_ensure_defaults
from notifications.models import Message, SmsOptOut
from notifications.sms import segments
from participants.models import Participant
from participants.rights.erasure import Reason, participant_anonymise
from tests.factories import ParticipantFactory, VolunteerFactory

from .conftest import give_contact_consent, make_group

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _batch(response) -> str:
    return re.search(rb'name="batch" value="([0-9a-f]{32})"', response.content).group(1).decode()


def _compose(client, url, **data):
    batch = _batch(client.get(url))
    return client.post(url, {"batch": batch, "channel": "auto", **data}), batch


def test_a_worker_previews_a_template_with_its_sms_count_and_sends_it(
    login, social_worker, reachable
):
    templates_ensure_defaults(organisation=social_worker.organisation)
    template = MessageTemplate.objects.get(organisation=social_worker.organisation, name="Afspraak")
    client = login(social_worker)
    url = f"/messages/participant/{reachable.pk}/"
    data = {
        "template": template.pk,
        "channel": "sms",
        "date": "2026-12-20",
        "time": "14:30",
        "place": "het buurthuis",
        "action": "preview",
    }
    preview, batch = _compose(client, url, **data)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Dag Amélie, we hebben een afspraak op 20 december 2026 om 14:30" in text
    assert 'data-testid="sms-count"' in text
    example = re.search(r'data-testid="preview-text">(.*?)</blockquote>', text, re.S).group(1)
    parts, _ = segments(html.unescape(example))
    assert f"{parts} sms" in text
    assert not Message.objects.exists()

    sent = client.post(url, {**data, "batch": batch, "action": "send"})
    assert sent.status_code == 302
    message = Message.objects.get()
    assert message.channel == "sms"
    assert message.address == "+32470123456"
    assert message.recipient_type == "participant" and message.recipient_id == reachable.pk
    assert message.body.startswith("Dag Amélie, we hebben een afspraak op 20 december 2026")
    assert (message.parts, message.encoding) == segments(message.body)
    assert message.sender_id == social_worker.user_id
    assert AuditEvent.objects.filter(
        action="create", object_type="messages to participant"
    ).exists()

    # The same form sent twice queues nothing twice.
    client.post(url, {**data, "batch": batch, "action": "send"})
    assert Message.objects.count() == 1

    log = client.get(f"/messages/participant/{reachable.pk}/log/")
    assert log.status_code == 200
    assert "Dag Amélie" in log.content.decode()
    assert AuditEvent.objects.filter(action="read", object_type="messages to participant").exists()


def test_without_contact_consent_sms_is_refused_with_the_reason(login, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="+32470123456",
    )
    client = login(social_worker)
    response, _ = _compose(
        client,
        f"/messages/participant/{participant.pk}/",
        channel="sms",
        body="Dag {voornaam}",
        action="send",
    )
    assert response.status_code == 400
    assert "Geen toestemming voor contact via e-mail of sms" in response.content.decode()
    assert not Message.objects.exists()


def test_a_letter_reaches_who_has_no_consent_for_sms(login, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        address="Kerkstraat 1",
        preferred_channel=Participant.Channel.LETTER,
    )
    client = login(social_worker)
    response, _ = _compose(
        client, f"/messages/participant/{participant.pk}/", body="Dag {voornaam}", action="send"
    )
    assert response.status_code == 302
    letter = Message.objects.get()
    assert letter.channel == "letter"
    assert letter.address.endswith("Kerkstraat 1\n9000 Gent")

    page = client.get("/messages/letters/")
    assert "Kerkstraat 1" in page.content.decode()
    done = client.post(f"/messages/{letter.pk}/done/")
    assert done.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "delivered" and letter.delivered_at is not None
    assert HandDelivery.objects.get(message=letter).done_by == social_worker.user
    assert AuditEvent.objects.filter(
        action="update", object_type="notifications.message", object_id=str(letter.pk)
    ).exists()
    # Twice is refused, nothing changes.
    client.post(f"/messages/{letter.pk}/done/")
    assert HandDelivery.objects.count() == 1


def test_a_call_goes_on_the_workers_call_list(login, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="092345678",
        preferred_channel=Participant.Channel.PHONE,
    )
    participant.refresh_from_db()
    client = login(social_worker)
    url = f"/messages/participant/{participant.pk}/"
    _compose(client, url, body="Hoe gaat het?", action="send")
    call = Message.objects.get()
    assert call.channel == "call"
    page = client.get("/messages/calls/").content.decode()
    assert "Hoe gaat het?" in page
    client.post(f"/messages/{call.pk}/done/", {"note": "Bereikt"})
    call.refresh_from_db()
    assert call.status == "delivered"


def test_quiet_hours_hold_the_message_until_they_end(login, social_worker, reachable):
    ContactPreference.objects.create(
        organisation=social_worker.organisation,
        person_type="participant",
        person_id=reachable.pk,
        quiet_from=datetime.time(21, 0),
        quiet_until=datetime.time(8, 0),
    )
    late = datetime.datetime(2026, 12, 7, 22, 30, tzinfo=BRUSSELS)
    with time_machine.travel(late, tick=False):
        client = login(social_worker)
        _compose(
            client,
            f"/messages/participant/{reachable.pk}/",
            channel="sms",
            body="Dag {voornaam}",
            action="send",
        )
    message = Message.objects.get()
    assert message.not_before == datetime.datetime(2026, 12, 8, 8, 0, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    "who, status",
    [("colleague", 404), ("other_org_worker", 404), ("coordinator", 404), ("volunteer", 404)],
)
def test_nobody_messages_a_participant_outside_their_reach(request, login, reachable, who, status):
    client = login(request.getfixturevalue(who))
    url = f"/messages/participant/{reachable.pk}/"
    assert client.get(url).status_code == status
    assert client.post(url, {"body": "x", "action": "send"}).status_code == status
    assert client.get(f"{url}log/").status_code == status
    assert not Message.objects.exists()


def test_a_team_colleague_and_the_org_admin_read_but_do_not_send(
    login, colleague, org_admin, reachable
):
    reachable.organisation.team_access = True
    reachable.organisation.save()
    url = f"/messages/participant/{reachable.pk}/"
    assert login(colleague).get(url).status_code == 403
    assert login(org_admin).get(url).status_code == 403
    assert login(org_admin).get(f"{url}log/").status_code == 200


def test_the_group_page_lists_who_is_left_out_and_why(login, social_worker):
    org = social_worker.organisation
    consented = ParticipantFactory(
        organisation=org, social_worker=social_worker.user, phone="+32470000001"
    )
    give_contact_consent(consented, social_worker.user)
    no_consent = ParticipantFactory(
        organisation=org, social_worker=social_worker.user, phone="+32470000002"
    )
    stopped = ParticipantFactory(
        organisation=org, social_worker=social_worker.user, phone="+32470000003"
    )
    give_contact_consent(stopped, social_worker.user)
    SmsOptOut.objects.create(
        number="+32470000003", opted_out_at=timezone.now(), source=SmsOptOut.Source.choices[0][0]
    )
    no_number = ParticipantFactory(organisation=org, social_worker=social_worker.user)
    give_contact_consent(no_number, social_worker.user)
    group = make_group(social_worker, [consented, no_consent, stopped, no_number])
    client = login(social_worker)
    url = f"/messages/group/{group.pk}/"
    page = client.get(url).content.decode()
    assert "Niet bereikt" in page
    response, batch = _compose(client, url, channel="sms", body="Dag {voornaam}", action="preview")
    text = response.content.decode()
    assert "Geen toestemming voor contact via e-mail of sms" in text
    assert "Vroeg om geen sms meer (STOP)" in text
    assert "Geen telefoonnummer" in text
    assert "Te bereiken: 1 van 4." in text
    client.post(url, {"batch": batch, "channel": "sms", "body": "Dag {voornaam}", "action": "send"})
    assert list(Message.objects.values_list("recipient_id", flat=True)) == [consented.pk]


def test_a_group_send_costs_the_same_queries_for_3_or_30_members(login, social_worker):
    org = social_worker.organisation

    def group_of(size):
        members = ParticipantFactory.create_batch(
            size, organisation=org, social_worker=social_worker.user, phone="+32470000001"
        )
        for member in members:
            give_contact_consent(member, social_worker.user)
        return make_group(social_worker, members)

    client = login(social_worker)
    counts = []
    for size in (3, 30):
        group = group_of(size)
        url = f"/messages/group/{group.pk}/"
        batch = _batch(client.get(url))
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                url, {"batch": batch, "channel": "sms", "body": "Dag {voornaam}", "action": "send"}
            )
        assert response.status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Message.objects.count() == 33


def test_a_coordinator_messages_a_volunteer_and_reads_the_log(login, coordinator, social_worker):
    volunteer = VolunteerFactory(organisation=coordinator.organisation, phone="+32471000000")
    client = login(coordinator)
    response, _ = _compose(
        client, f"/messages/volunteer/{volunteer.pk}/", body="Dag {voornaam}", action="send"
    )
    assert response.status_code == 302
    assert Message.objects.get().recipient_type == "volunteer"
    assert client.get(f"/messages/volunteer/{volunteer.pk}/log/").status_code == 200
    assert login(social_worker).get(f"/messages/volunteer/{volunteer.pk}/").status_code == 404


def test_volunteers_with_a_status_get_a_message_together(login, coordinator):
    VolunteerFactory.create_batch(3, organisation=coordinator.organisation, phone="+32471000000")
    client = login(coordinator)
    response, _ = _compose(
        client, "/messages/volunteers/active/", channel="sms", body="Hallo", action="send"
    )
    assert response.status_code == 302
    assert Message.objects.count() == 3
    assert client.get("/messages/volunteers/nonsense/").status_code == 404


def test_org_admin_manages_templates_and_unknown_placeholders_are_refused(
    login, org_admin, social_worker
):
    client = login(org_admin)
    bad = client.post(
        "/messages/templates/", {"name": "Test", "body": "Dag {naam}", "active": "on"}
    )
    assert bad.status_code == 400
    assert "Onbekende invulplaats {naam}" in bad.content.decode()
    good = client.post(
        "/messages/templates/", {"name": "Test", "body": "Dag {voornaam}", "active": "on"}
    )
    assert good.status_code == 302
    template = MessageTemplate.objects.get(name="Test")
    worker = login(social_worker)
    assert worker.get("/messages/templates/").status_code == 200
    assert worker.post("/messages/templates/", {"name": "X", "body": "y"}).status_code == 403
    assert worker.get(f"/messages/templates/{template.pk}/").status_code == 403


def test_a_person_sets_their_quiet_hours(login, volunteer):
    VolunteerFactory(organisation=volunteer.organisation, user=volunteer.user)
    client = login(volunteer)
    half = client.post("/messages/preference/", {"channel": "sms", "quiet_from": "22:00"})
    assert half.status_code == 400
    response = client.post(
        "/messages/preference/", {"channel": "sms", "quiet_from": "22:00", "quiet_until": "07:30"}
    )
    assert response.status_code == 302
    pref = ContactPreference.objects.get()
    assert pref.person_type == "volunteer" and pref.channel == "sms"


def test_anonymising_the_file_scrubs_its_messages_and_stops_waiting_ones(
    login, social_worker, org_admin, reachable
):
    client = login(social_worker)
    url = f"/messages/participant/{reachable.pk}/"
    _compose(client, url, channel="letter", body="Dag {voornaam}", action="send")
    participant_anonymise(membership=org_admin, participant=reachable, reason=Reason.REQUEST)
    letter = Message.objects.get()
    assert letter.status == "cancelled"
    assert "Amélie" not in letter.body and "Kerkstraat" not in letter.address
