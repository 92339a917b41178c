"""Irreversible actions ask first: a page that says what will happen (no JavaScript needed),
nothing changes until the person confirms, and an undo where one is possible."""

import pytest
from django.utils import timezone

from participants.models import Consent, NetworkMember, Participant
from participants.services import family_plans as plans
from participants.services import network as svc
from tests.participants.test_family_plans_services import own_network, plan_for  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def file_consent(participant):
    participant.health_remarks = "Zyqdiabetes"
    participant.save()
    return Consent.objects.get(participant=participant, purpose="file")


def withdraw_url(consent):
    return f"/participants/{consent.participant_id}/consents/{consent.pk}/withdraw/"


class TestWithdrawingConsent:
    def test_the_file_page_links_to_a_confirmation_instead_of_acting(
        self, file_consent, social_worker, login
    ):
        page = login(social_worker).get(f"/participants/{file_consent.participant_id}/")
        html = page.content.decode()
        assert f'href="{withdraw_url(file_consent)}"' in html
        assert f'action="{withdraw_url(file_consent)}"' not in html

    def test_the_confirmation_says_the_file_pauses_and_sensitive_data_is_emptied(
        self, file_consent, social_worker, login
    ):
        response = login(social_worker).get(withdraw_url(file_consent))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Het dossier wordt meteen gepauzeerd" in html
        assert "gezondheid" in html.lower()  # the field that will be emptied, by its label
        assert 'name="confirm" value="yes"' in html
        file_consent.refresh_from_db()
        assert file_consent.withdrawn_on is None

    def test_a_post_without_confirmation_changes_nothing(self, file_consent, social_worker, login):
        response = login(social_worker).post(withdraw_url(file_consent))
        assert response.status_code == 200  # the confirmation page again
        file_consent.refresh_from_db()
        participant = Participant.objects.get(pk=file_consent.participant_id)
        assert file_consent.withdrawn_on is None
        assert participant.status == Participant.Status.ACTIVE
        assert participant.health_remarks == "Zyqdiabetes"

    def test_confirming_withdraws_pauses_and_empties(self, file_consent, social_worker, login):
        response = login(social_worker).post(withdraw_url(file_consent), {"confirm": "yes"})
        assert response.status_code == 302
        assert response.url.endswith("#consents")
        file_consent.refresh_from_db()
        participant = Participant.objects.get(pk=file_consent.participant_id)
        assert file_consent.withdrawn_on == TODAY
        assert participant.status == Participant.Status.PAUSED
        assert participant.health_remarks == ""

    def test_another_purpose_says_what_it_stops(self, participant, social_worker, login):
        from participants import services

        consent = services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose="research",
            given_on=TODAY,
            method="oral",
        )
        html = login(social_worker).get(withdraw_url(consent)).content.decode()
        assert "onderzoek" in html and "gepauzeerd" not in html

    @pytest.mark.parametrize("who", ["colleague", "org_admin", "coordinator", "other_org_worker"])
    def test_nobody_else_reaches_it(self, file_consent, who, request, login):
        client = login(request.getfixturevalue(who))
        assert client.get(withdraw_url(file_consent)).status_code == 404
        assert client.post(withdraw_url(file_consent), {"confirm": "yes"}).status_code == 404
        file_consent.refresh_from_db()
        assert file_consent.withdrawn_on is None


@pytest.fixture
def sister(participant, social_worker):
    return svc.network_member_create(
        membership=social_worker,
        participant=participant,
        data={"label": "Zus Leen", "sector": "family", "ring": "very_close", "support": []},
    )


def delete_url(member):
    return f"/participants/{member.participant_id}/network/members/{member.pk}/delete/"


class TestRemovingANetworkMember:
    def test_the_map_links_to_a_confirmation(self, sister, social_worker, login):
        html = login(social_worker).get(f"/participants/{sister.participant_id}/network/")
        assert f'href="{delete_url(sister)}"' in html.content.decode()

    def test_the_confirmation_says_what_happens_and_changes_nothing(
        self, sister, social_worker, login
    ):
        client = login(social_worker)
        html = client.get(delete_url(sister)).content.decode()
        assert "Zus Leen" in html and "momentopnames" in html.lower()
        assert client.post(delete_url(sister)).status_code == 200  # no confirm: the page again
        assert NetworkMember.objects.filter(pk=sister.pk).exists()

    def test_confirming_removes_and_restoring_brings_them_back_as_they_were(
        self,
        sister,
        social_worker,
        login,
        own_network,  # noqa: F811
    ):
        plan = plan_for(social_worker, sister.participant)
        agreement = plans.agreement_add(
            membership=social_worker,
            plan=plan,
            data={"what": "Boodschappen", "member": sister.pk, "due_on": TODAY},
        )
        client = login(social_worker)
        response = client.post(delete_url(sister), {"confirm": "yes"})
        assert response.url == f"/participants/{sister.participant_id}/network/members/removed/"
        assert not NetworkMember.objects.filter(pk=sister.pk).exists()
        agreement.refresh_from_db()
        assert agreement.member_id is None and agreement.carried_by == "Zus Leen"

        undo_page = client.get(response.url).content.decode()
        assert "Zet Zus Leen terug" in undo_page
        client.post(f"/participants/{sister.participant_id}/network/members/restore/")
        restored = NetworkMember.objects.get(pk=sister.pk)
        assert (restored.label, restored.ring) == ("Zus Leen", "very_close")
        agreement.refresh_from_db()
        assert agreement.member_id == sister.pk and agreement.carried_by == ""

    def test_restoring_twice_or_on_another_file_does_nothing(self, sister, social_worker, login):
        client = login(social_worker)
        client.post(delete_url(sister), {"confirm": "yes"})
        client.post(f"/participants/{sister.participant_id}/network/members/restore/")
        client.post(f"/participants/{sister.participant_id}/network/members/restore/")
        assert NetworkMember.objects.filter(label="Zus Leen").count() == 1

    @pytest.mark.parametrize("who", ["colleague", "org_admin", "other_org_worker"])
    def test_nobody_else_removes_or_restores(self, sister, who, request, login):
        client = login(request.getfixturevalue(who))
        assert client.get(delete_url(sister)).status_code == 404
        assert client.post(delete_url(sister), {"confirm": "yes"}).status_code == 404
        restore = f"/participants/{sister.participant_id}/network/members/restore/"
        assert client.post(restore).status_code == 404
        assert NetworkMember.objects.filter(pk=sister.pk).exists()


def test_the_restore_service_refuses_another_files_member(sister, social_worker):
    from django.core.exceptions import ValidationError

    from tests.factories import ParticipantFactory

    removed = svc.network_member_delete(membership=social_worker, member=sister)
    other = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    with pytest.raises(ValidationError):
        svc.network_member_restore(membership=social_worker, participant=other, removed=removed)
    assert not NetworkMember.objects.filter(pk=removed["pk"]).exists()
