"""Sending a referral: only what was chosen crosses, with consent, from a file one may write."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent
from participants.models import Goal, NetworkMember, Participant
from referrals.models import Referral, SharedItem
from referrals.services.sending import (
    referral_consent_withdraw,
    referral_email_send,
)

from .sender_fixtures import *  # noqa: F403  (fixtures of the sending side)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_a_referral_shares_only_the_first_name_and_reason_when_nothing_else_is_chosen(
    send, on_netwerk
):
    referral = send(on_netwerk)
    assert referral.shared == {"first_name": "Amina", "reason": "Ik wil iemand om mee te wandelen."}
    assert referral.shared_items == [SharedItem.FIRST_NAME, SharedItem.REASON]
    assert referral.to_organisation == on_netwerk.run_by
    assert referral.status == Referral.Status.SENT
    assert list(referral.steps.values_list("status", flat=True)) == ["sent"]


def test_what_was_not_chosen_is_absent_and_special_categories_never_go(send, on_netwerk):
    referral = send(on_netwerk, shared_items=[SharedItem.CONTACT, SharedItem.LANGUAGES])
    assert referral.shared["contact"] == {"phone": "0470 12 34 56", "email": "amina@example.org"}
    assert referral.shared["languages"] == ["nl", "ar"]
    text = str(referral.shared)
    for absent in ("Zyxwerhelst", "1984", "Marokko", "Diabetes", "Gent", "9000"):
        assert absent not in text


def test_the_network_map_shares_labels_sectors_and_rings_only(send, on_netwerk, participant):
    NetworkMember.objects.create(
        participant=participant,
        label="Zus Fatima",
        sector="family",
        ring="very_close",
        support=["emotional"],
        critical=True,
    )
    referral = send(on_netwerk, shared_items=[SharedItem.NETWORK_MAP])
    assert referral.shared["network_map"] == [
        {"label": "Zus Fatima", "sector": "family", "ring": "very_close"}
    ]


def test_a_shared_goal_must_be_chosen_and_be_of_this_file(
    send, on_netwerk, participant, social_worker, buddy_model
):
    with pytest.raises(ValidationError) as error:
        send(on_netwerk, shared_items=[SharedItem.GOAL])
    assert "goal" in error.value.message_dict
    goal = Goal.objects.create(
        participant=participant,
        work_model=buddy_model,
        description="Eén keer per week buiten komen",
        created_by=social_worker.user,
    )
    referral = send(on_netwerk, shared_items=[SharedItem.GOAL], goal=goal)
    assert referral.shared["goal"] == "Eén keer per week buiten komen"


def test_the_reason_is_required(send, on_netwerk):
    with pytest.raises(ValidationError) as error:
        send(on_netwerk, reason="  ")
    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("days", [-1, 400])
def test_a_consent_date_in_the_future_or_long_ago_is_refused(send, on_netwerk, days):
    with pytest.raises(ValidationError) as error:
        send(on_netwerk, consent_given_on=timezone.localdate() - datetime.timedelta(days=days))
    assert "consent_given_on" in error.value.message_dict
    assert not Referral.objects.exists()


def test_only_the_files_own_social_worker_refers(send, on_netwerk, colleague, org_admin):
    for membership in (colleague, org_admin):
        with pytest.raises(PermissionDenied):
            send(on_netwerk, membership=membership)


def test_a_closed_or_anonymised_file_is_not_referred(send, on_netwerk, participant):
    Participant.objects.filter(pk=participant.pk).update(
        status=Participant.Status.CLOSED, closed_on=timezone.localdate()
    )
    participant.refresh_from_db()
    with pytest.raises(ValidationError):
        send(on_netwerk)
    Participant.objects.filter(pk=participant.pk).update(anonymised_on=timezone.localdate())
    participant.refresh_from_db()
    with pytest.raises(PermissionDenied):
        send(on_netwerk)


def test_without_file_consent_nothing_is_sent(send, on_netwerk, participant):
    participant.consents.update(withdrawn_on=timezone.localdate())
    with pytest.raises(ValidationError):
        send(on_netwerk)


def test_sending_is_audited_in_both_organisations(send, on_netwerk, social_worker):
    referral = send(on_netwerk)
    created = AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(referral.pk)
    ).values_list("organisation_id", flat=True)
    assert set(created) == {social_worker.organisation_id, on_netwerk.run_by_id}


def test_an_email_consent_is_kept_only_outside_netwerk(send, on_netwerk, outside):
    assert send(on_netwerk, email_consented=True).email_consented is False
    assert send(outside, email_consented=True).email_consented is True


def test_the_email_carries_only_what_was_agreed(send, outside, social_worker):
    referral = send(outside, email_consented=True, shared_items=[SharedItem.CONTACT])
    referral_email_send(membership=social_worker, referral=referral)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["info@debrug.example"]
    assert "Amina" in message.body and "0470 12 34 56" in message.body
    for absent in ("Zyxwerhelst", "1984", "Marokko", "Diabetes"):
        assert absent not in message.body
    referral.refresh_from_db()
    assert referral.emailed_at is not None
    with pytest.raises(ValidationError):  # once
        referral_email_send(membership=social_worker, referral=referral)


def test_a_failing_mail_server_marks_nothing_sent(send, outside, social_worker, settings):
    settings.EMAIL_BACKEND = "tests.referrals.test_sender_services.FailingBackend"
    referral = send(outside, email_consented=True)
    with pytest.raises(ValidationError) as error:
        referral_email_send(membership=social_worker, referral=referral)
    assert error.value.code == "mail_failed"
    referral.refresh_from_db()
    assert referral.emailed_at is None


def test_no_email_without_the_participants_consent(send, outside, social_worker):
    referral = send(outside)
    with pytest.raises(ValidationError):
        referral_email_send(membership=social_worker, referral=referral)
    assert not mail.outbox


def test_withdrawing_stops_the_email_and_is_audited_on_both_sides(
    send, on_netwerk, outside, social_worker, org_admin
):
    referral = send(on_netwerk)
    with pytest.raises(PermissionDenied):
        referral_consent_withdraw(membership=org_admin, referral=referral)
    referral = referral_consent_withdraw(membership=social_worker, referral=referral)
    assert referral.consent_withdrawn_on == timezone.localdate()
    assert referral.status == Referral.Status.SENT  # the steps go on as they were
    revoked = AuditEvent.objects.filter(
        action=AuditEvent.Action.REVOKE, object_id=str(referral.pk)
    ).values_list("organisation_id", flat=True)
    assert set(revoked) == {social_worker.organisation_id, on_netwerk.run_by_id}
    with pytest.raises(ValidationError):
        referral_consent_withdraw(membership=social_worker, referral=referral)
    external = send(outside, email_consented=True)
    referral_consent_withdraw(membership=social_worker, referral=external)
    external.refresh_from_db()
    with pytest.raises(ValidationError):
        referral_email_send(membership=social_worker, referral=external)


def test_a_withdrawal_is_not_dated_before_the_consent_or_in_the_future(
    send, on_netwerk, social_worker
):
    referral = send(on_netwerk)
    for day in (TODAY() - datetime.timedelta(days=1), TODAY() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            referral_consent_withdraw(membership=social_worker, referral=referral, withdrawn_on=day)


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")
