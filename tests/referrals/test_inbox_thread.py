"""The message thread: both sides post to one view; nobody else reaches it."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import AuditEvent, Role
from referrals.models import ReferralMessage

from .factories import make_referral, member, third_organisation_worker

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _url(referral) -> str:
    return f"/referrals/{referral.pk}/messages/"


@pytest.fixture
def referral(social_worker, other_organisation):
    return make_referral(social_worker, other_organisation)


def test_the_receiver_and_the_sender_both_post(login, referral, social_worker, other_org_worker):
    back = f"/referrals/inbox/{referral.pk}/"
    response = login(other_org_worker).post(
        _url(referral), {"text": "Wanneer past het?", "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    response = login(social_worker).post(_url(referral), {"text": "Op dinsdag."})
    assert response.status_code == 302 and response["Location"] == "/"
    texts = list(ReferralMessage.objects.filter(referral=referral).values_list("text", flat=True))
    assert texts == ["Wanneer past het?", "Op dinsdag."]
    # Audited in both organisations' trails.
    for organisation in (social_worker.organisation, other_org_worker.organisation):
        assert (
            AuditEvent.objects.filter(
                organisation=organisation, object_type="referrals.referral", action="create"
            ).count()
            == 2
        )


def test_the_sender_side_follows_the_sending_rule(login, referral, org_admin, colleague):
    assert login(org_admin).post(_url(referral), {"text": "Vraag"}).status_code == 302
    assert login(colleague).post(_url(referral), {"text": "Vraag"}).status_code == 404


def test_nobody_else_posts(login, referral, volunteer, researcher, coordinator):
    receiving_org = referral.to_organisation
    for membership in (
        volunteer,
        researcher,
        coordinator,  # the sender's coordinator: not a sender of this referral
        member(receiving_org, Role.VOLUNTEER),
        member(receiving_org, Role.RESEARCHER),
        third_organisation_worker(),
    ):
        assert login(membership).post(_url(referral), {"text": "x"}).status_code == 404
    assert not ReferralMessage.objects.exists()


def test_htmx_swaps_the_thread_and_an_empty_message_is_400(login, referral, other_org_worker):
    client = login(other_org_worker)
    response = client.post(_url(referral), {"text": "Hallo"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "Hallo" in html and "<html" not in html
    response = client.post(_url(referral), {"text": "  "}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    response = client.post(_url(referral), {"text": ""})
    assert response.status_code == 400 and "<html" in response.content.decode()


def test_get_is_not_offered(login, referral, other_org_worker):
    assert login(other_org_worker).get(_url(referral)).status_code == 405


def test_after_withdrawal_messages_stay_possible_with_a_warning(
    login, social_worker, other_org_worker
):
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        consent_given_on=TODAY - datetime.timedelta(days=2),
        consent_withdrawn_on=TODAY,
        consent_withdrawal_recorded_by=social_worker.user,
    )
    client = login(other_org_worker)
    html = client.get(f"/referrals/inbox/{referral.pk}/").content.decode()
    assert "niets nieuws" in html
    assert client.post(_url(referral), {"text": "Begrepen."}).status_code == 302
