"""The buddy card on the participant file: loaded after the page, with the file's access rule."""

import pytest

from accounts.models import Role
from tests.factories import MembershipFactory

from .conftest import make_participant, make_request

pytestmark = pytest.mark.django_db


def test_the_file_page_loads_the_buddy_card_without_extra_queries(social_worker, login):
    participant = make_participant(social_worker)
    content = login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    assert f'hx-get="/buddies/participants/{participant.pk}/"' in content


def test_the_card_offers_to_ask_for_a_buddy_with_consent(social_worker, login):
    participant = make_participant(social_worker)
    response = login(social_worker).get(
        f"/buddies/participants/{participant.pk}/", HTTP_HX_REQUEST="true"
    )
    assert "/buddies/requests/new/?participant=" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_the_card_shows_a_waiting_request_and_no_offer_without_consent(social_worker, login):
    waiting = make_request(social_worker).participant
    no_consent = make_participant(social_worker, consent=False)
    client = login(social_worker)
    assert (
        "coördinator zoekt" in client.get(f"/buddies/participants/{waiting.pk}/").content.decode()
    )
    content = client.get(f"/buddies/participants/{no_consent.pk}/").content.decode()
    assert "/buddies/requests/new/" not in content


def test_the_card_follows_the_files_access_rule(
    organisation, social_worker, other_org_worker, colleague, login
):
    participant = make_participant(social_worker)
    url = f"/buddies/participants/{participant.pk}/"
    assert login(other_org_worker).get(url).status_code == 404
    assert login(colleague).get(url).status_code == 404
    for role in (Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER):
        assert (
            login(MembershipFactory(organisation=organisation, role=role)).get(url).status_code
            == 404
        )
