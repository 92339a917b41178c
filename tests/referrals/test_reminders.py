"""Referral reminders: a referral waiting for an answer reminds the receiving organisation's
intake and the sender after the receiver's number of days; an accepted referral without a
first contact reminds the handler and the sender. They resolve when the referral moves on.
The sweep is set-based: a constant number of queries, and a second sweep creates nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Role
from notifications import dispatch
from notifications import services as notifications
from notifications.models import Reminder, RuleSetting
from notifications.rules import get_rule
from notifications.selectors import reminders_for
from referrals.models import Referral
from referrals.services.steps import step_record
from tests.factories import MembershipFactory
from tests.notifications.conftest import (  # noqa: F401  (fixtures: the real worker)
    at,
    celery_worker,
    real_broker,
    reminders,
    wait_for,
)

from .factories_figures import make_referral

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
START = datetime.date(2025, 3, 3)
S = Referral.Status
PENDING, RESOLVED, SENT = Reminder.Status.PENDING, Reminder.Status.RESOLVED, Reminder.Status.SENT
WAITING = {"referral_waiting_intake": 1, "referral_waiting_sender": 1}
FIRST_CONTACT = {"referral_first_contact_intake": 1, "referral_first_contact_sender": 1}


@pytest.fixture
def intake(other_organisation):
    """The receiving organisation's coordinator (a social worker joined before them)."""
    MembershipFactory(organisation=other_organisation, role=Role.SOCIAL_WORKER)
    MembershipFactory(organisation=other_organisation, role=Role.VOLUNTEER)
    return MembershipFactory(organisation=other_organisation, role=Role.COORDINATOR)


@pytest.fixture
def referral(social_worker, other_organisation, intake):
    return make_referral(social_worker, to=other_organisation, sent_on=START)


def _mine(**filters):
    return {r.rule: r for r in reminders(rule__startswith="referral_", **filters)}


def test_a_referral_waiting_7_days_reminds_the_receivers_intake_and_the_sender(
    referral, social_worker, intake
):
    with at(START + 6 * DAY):
        assert notifications.sweep() == {}
    with at(START + 7 * DAY):
        assert notifications.sweep() == WAITING
        assert notifications.sweep() == {}
    found = _mine()
    to_intake, to_sender = found["referral_waiting_intake"], found["referral_waiting_sender"]
    assert (to_intake.recipient, to_sender.recipient) == (intake.user, social_worker.user)
    assert (to_intake.organisation, to_sender.organisation) == (
        referral.to_organisation,
        referral.organisation,
    )
    assert to_intake.due_on == to_sender.due_on == START + 7 * DAY
    assert to_intake.link == f"/referrals/inbox/{referral.pk}/"
    assert to_sender.link == f"/referrals/sent/{referral.pk}/"


def test_a_received_referral_still_waits_from_the_day_it_was_sent(referral, intake):
    step_record(membership=intake, referral=referral, status=S.RECEIVED, happened_on=START + DAY)
    with at(START + 7 * DAY):
        assert notifications.sweep() == WAITING


def test_the_receiving_organisation_chooses_the_days_for_both_sides(
    referral, social_worker, org_admin, intake, other_organisation
):
    receiver_admin = MembershipFactory(organisation=other_organisation, role=Role.ORG_ADMIN)
    notifications.setting_update(membership=receiver_admin, code="referral_waiting_days", value=3)
    # The sender's own setting is about referrals it receives, not these.
    notifications.setting_update(membership=org_admin, code="referral_waiting_days", value=20)
    with at(START + 3 * DAY):
        assert notifications.sweep() == WAITING
    assert {r.due_on for r in _mine().values()} == {START + 3 * DAY}


def test_each_side_switches_its_own_rule_off(referral, org_admin, social_worker):
    notifications.rule_setting_update(
        membership=org_admin, rule="referral_waiting_sender", enabled=False, intervals=[]
    )
    with at(START + 7 * DAY):
        assert notifications.sweep() == {"referral_waiting_intake": 1}


def test_accepting_resolves_the_waiting_reminders_at_once(referral, intake):
    with at(START + 7 * DAY):
        notifications.sweep()
        step_record(membership=intake, referral=referral, status=S.ACCEPTED)
    assert {r.status for r in _mine().values()} == {RESOLVED}
    with at(START + 8 * DAY):
        assert notifications.sweep() == {}


def test_an_accepted_referral_without_first_contact_after_14_days_reminds_handler_and_sender(
    social_worker, other_organisation, intake
):
    handler = MembershipFactory(organisation=other_organisation, role=Role.SOCIAL_WORKER)
    accepted_on = START + 2 * DAY
    referral = make_referral(
        social_worker,
        to=other_organisation,
        sent_on=START,
        status=S.ACCEPTED,
        steps={S.ACCEPTED: accepted_on},
        handled_by=handler.user,
    )
    with at(accepted_on + 13 * DAY):
        assert notifications.sweep() == {}
    with at(accepted_on + 14 * DAY):
        assert notifications.sweep() == FIRST_CONTACT
        assert notifications.sweep() == {}
    found = _mine()
    assert found["referral_first_contact_intake"].recipient == handler.user
    assert found["referral_first_contact_sender"].recipient == social_worker.user
    with at(accepted_on + 15 * DAY):
        step_record(membership=handler, referral=referral, status=S.FIRST_CONTACT)
    assert {r.status for r in _mine().values()} == {RESOLVED}


def test_a_handler_who_left_is_replaced_by_the_first_intake_person_coordinators_first(
    social_worker, other_organisation, intake
):
    handler = MembershipFactory(organisation=other_organisation, role=Role.SOCIAL_WORKER)
    make_referral(social_worker, to=other_organisation, sent_on=START, handled_by=handler.user)
    handler.is_active = False
    handler.save()
    with at(START + 7 * DAY):
        notifications.sweep()
    assert _mine()["referral_waiting_intake"].recipient == intake.user


def test_a_sender_who_left_is_replaced_by_the_participant_s_social_worker(
    social_worker, colleague, other_organisation, intake
):
    referral = make_referral(social_worker, to=other_organisation, sent_on=START)
    referral.participant.social_worker = colleague.user
    referral.participant.save()
    social_worker.is_active = False
    social_worker.save()
    with at(START + 7 * DAY):
        notifications.sweep()
    assert _mine()["referral_waiting_sender"].recipient == colleague.user


def test_no_reminder_for_a_referral_outside_netwerk_or_with_its_consent_withdrawn(
    social_worker, other_organisation, intake
):
    make_referral(social_worker, to=None, sent_on=START)
    withdrawn = make_referral(
        social_worker, to=other_organisation, sent_on=START, consent_withdrawn_on=START + DAY
    )
    with at(START + 7 * DAY):
        assert notifications.sweep() == {}
    Referral.objects.filter(pk=withdrawn.pk).update(consent_withdrawn_on=None)
    with at(START + 7 * DAY):
        assert notifications.sweep() == WAITING
    Referral.objects.filter(pk=withdrawn.pk).update(consent_withdrawn_on=START + DAY)
    with at(START + 8 * DAY):
        notifications.sweep()
    assert {r.status for r in _mine().values()} == {RESOLVED}


def test_the_receiver_reads_only_the_shared_first_name_the_sender_their_own(
    social_worker, other_organisation, intake
):
    referral = make_referral(social_worker, to=other_organisation, sent_on=START)
    referral.participant.preferred_name = "Mina"
    referral.participant.save()
    with at(START + 7 * DAY):
        notifications.sweep()
        dispatch.dispatch(inline=True)
        [to_intake] = reminders_for(intake.user)
        [to_sender] = reminders_for(social_worker.user)
    assert to_intake.sentence.startswith("De doorverwijzing van Amina wacht op jullie antwoord")
    assert to_sender.sentence.startswith("Je doorverwijzing van Mina")
    for sentence in (to_intake.sentence, to_sender.sentence):
        assert "Verstraeten" not in sentence


def test_the_sweep_takes_the_same_number_of_queries_for_1_or_30_referrals(
    social_worker, other_organisation, intake
):
    def run():
        with at(START + 30 * DAY), CaptureQueriesContext(connection) as queries:
            created = notifications.sweep()
        return created, len(queries)

    make_referral(social_worker, to=other_organisation, sent_on=START)
    make_referral(social_worker, to=other_organisation, sent_on=START, status=S.ACCEPTED)
    created, few = run()
    assert created == {**WAITING, **FIRST_CONTACT}
    assert run()[0] == {}
    for index in range(15):
        make_referral(social_worker, to=other_organisation, sent_on=START + index * DAY)
        make_referral(social_worker, to=other_organisation, sent_on=START, status=S.ACCEPTED)
    created, many = run()
    assert created == dict.fromkeys({**WAITING, **FIRST_CONTACT}, 15)
    assert many == few
    assert run()[0] == {}


def test_the_rules_page_lists_the_rules_and_settings_in_dutch(org_admin, login):
    page = login(org_admin).get("/notifications/rules/").content.decode()
    assert "Een doorverwijzing naar je organisatie wacht op een antwoord" in page
    assert "Een doorverwijzing die je stuurde, heeft nog geen antwoord" in page
    assert (
        "Aantal dagen dat een doorverwijzing naar je organisatie mag wachten op een antwoord"
        in page
    )
    assert 'value="7"' in page and 'value="14"' in page


def test_bad_setting_values_are_refused(org_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notifications.setting_update(membership=org_admin, code="referral_waiting_days", value=0)
    assert not RuleSetting.objects.exists()


@pytest.mark.usefixtures("celery_worker")
def test_a_real_worker_delivers_the_reminder_in_the_recipient_s_language(
    referral, intake, mailoutbox
):
    intake.user.preferred_language = "en"
    intake.user.save()
    with at(START + 7 * DAY):
        notifications.sweep()
    reminder = _mine()["referral_waiting_intake"]
    Reminder.objects.filter(rule="referral_waiting_sender").delete()
    assert dispatch.dispatch() == 1
    assert wait_for(lambda: Reminder.objects.get(pk=reminder.pk).status == SENT)
    [message] = mailoutbox
    with translation.override("en"):
        sentence = str(get_rule("referral_waiting_intake").message) % {"name": "Amina"}
    assert message.subject == f"[Netwerk] {sentence}"
    assert f"/referrals/inbox/{referral.pk}/" in message.body
    assert "Verstraeten" not in message.body
    assert message.to == [intake.user.email]
