"""A coordinator cleans up: changes or deletes a buddy request (delete only without a running
or ended match, after a confirmation), renames or deletes an interest. Nobody else can."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from buddies import services
from buddies.engine import slot_mask
from buddies.models import BuddyRequest, InterestTag, Match

from .conftest import make_volunteer

pytestmark = pytest.mark.django_db
OTHERS = ("volunteer", "researcher", "other_org_admin", "social_worker")


def _form(**changes):
    data = {
        "languages": ["nl", "fr"],
        "availability": ["wed_afternoon", "sat_morning"],
        "municipality": "Ledeberg",
        "postcode": "9050",
        "note": "Houdt van wandelen",
    }
    data.update(changes)
    return data


def test_the_coordinator_changes_a_request_and_it_keeps_its_place(
    login, coordinator, buddy_request
):
    waiting_since = buddy_request.waiting_since
    response = login(coordinator).post(f"/buddies/requests/{buddy_request.pk}/edit/", _form())
    assert response.status_code == 302
    buddy_request.refresh_from_db()
    assert buddy_request.languages == ["nl", "fr"]
    assert buddy_request.availability == slot_mask([("wed", "afternoon"), ("sat", "morning")])
    assert (buddy_request.postcode, buddy_request.waiting_since) == ("9050", waiting_since)
    assert AuditEvent.objects.filter(action="update", object_type="buddies.buddyrequest").exists()


def test_the_request_form_opens_with_the_stored_wishes_and_keeps_bad_input(
    login, coordinator, buddy_request
):
    client = login(coordinator)
    text = client.get(f"/buddies/requests/{buddy_request.pk}/edit/").content.decode()
    assert 'value="wed_afternoon" checked' in text or 'checked value="wed_afternoon"' in text
    response = client.post(
        f"/buddies/requests/{buddy_request.pk}/edit/", _form(languages=[], note="Blijft staan")
    )
    assert response.status_code == 400
    assert "Blijft staan" in response.content.decode()
    buddy_request.refresh_from_db()
    assert buddy_request.languages == ["ar", "nl"]


def test_others_cannot_open_change_or_delete_a_request(request, login, buddy_request):
    for role in OTHERS:
        client = login(request.getfixturevalue(role))
        for url in ("edit", "delete"):
            address = f"/buddies/requests/{buddy_request.pk}/{url}/"
            assert client.get(address).status_code == 404, (role, url)
            assert client.post(address, _form()).status_code == 404, (role, url)
    buddy_request.refresh_from_db()
    assert buddy_request.languages == ["ar", "nl"]
    with pytest.raises(PermissionDenied):
        services.buddy_request_update(
            membership=request.getfixturevalue("volunteer"),
            request=buddy_request,
            data={"note": "x"},
        )


def test_deleting_a_request_asks_first_and_says_what_happens(login, coordinator, buddy_request):
    client = login(coordinator)
    page = client.get(f"/buddies/requests/{buddy_request.pk}/delete/")
    assert page.status_code == 200
    assert "kan niet ongedaan gemaakt worden" in page.content.decode()
    assert BuddyRequest.objects.filter(pk=buddy_request.pk).exists()
    response = client.post(f"/buddies/requests/{buddy_request.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/buddies/requests/"
    assert not BuddyRequest.objects.filter(pk=buddy_request.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="buddies.buddyrequest").exists()


def test_a_request_with_a_running_match_cannot_be_deleted(
    login, organisation, coordinator, buddy_request
):
    volunteer = make_volunteer(organisation)
    services.match_propose(membership=coordinator, request=buddy_request, volunteer=volunteer)
    client = login(coordinator)
    page = client.get(f"/buddies/requests/{buddy_request.pk}/delete/").content.decode()
    assert "Ja, verwijder" not in page  # no button, only the reason
    client.post(f"/buddies/requests/{buddy_request.pk}/delete/")
    assert BuddyRequest.objects.filter(pk=buddy_request.pk).exists()
    assert Match.objects.count() == 1


def test_a_request_whose_match_ended_stays_for_the_files_history(
    organisation, coordinator, buddy_request
):
    volunteer = make_volunteer(organisation)
    match = services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=volunteer
    )
    Match.objects.filter(pk=match.pk).update(status=Match.Status.CLOSED)
    with pytest.raises(ValidationError):
        services.buddy_request_delete(membership=coordinator, request=buddy_request)
    assert BuddyRequest.objects.filter(pk=buddy_request.pk).exists()


def test_the_coordinator_renames_an_interest_and_volunteers_keep_it(
    login, organisation, coordinator, buddy
):
    tag = InterestTag.objects.create(organisation=organisation, name="wandelen")
    buddy.interests.add(tag)
    InterestTag.objects.create(organisation=organisation, name="koken")
    client = login(coordinator)
    assert "wandelen" in client.get(f"/buddies/interests/{tag.pk}/").content.decode()
    duplicate = client.post(f"/buddies/interests/{tag.pk}/", {"name": "Koken"})
    assert duplicate.status_code == 400
    response = client.post(f"/buddies/interests/{tag.pk}/", {"name": "Wandelen in de natuur"})
    assert response.status_code == 302
    assert list(buddy.interests.values_list("name", flat=True)) == ["Wandelen in de natuur"]


def test_deleting_an_interest_says_who_loses_it_then_removes_it_everywhere(
    login, organisation, coordinator, buddy, buddy_request
):
    tag = InterestTag.objects.create(organisation=organisation, name="wandelen")
    buddy.interests.add(tag)
    buddy_request.interests.add(tag)
    client = login(coordinator)
    text = client.get(f"/buddies/interests/{tag.pk}/delete/").content.decode()
    assert "1 vrijwilliger verliest" in text and "1 buddyaanvraag verliest" in text
    assert InterestTag.objects.filter(pk=tag.pk).exists()
    assert client.post(f"/buddies/interests/{tag.pk}/delete/").status_code == 302
    assert not InterestTag.objects.filter(pk=tag.pk).exists()
    assert not buddy.interests.exists() and not buddy_request.interests.exists()


def test_others_cannot_rename_or_delete_an_interest(request, login, organisation):
    tag = InterestTag.objects.create(organisation=organisation, name="wandelen")
    for role in OTHERS:
        client = login(request.getfixturevalue(role))
        assert client.post(f"/buddies/interests/{tag.pk}/", {"name": "x"}).status_code == 404
        assert client.post(f"/buddies/interests/{tag.pk}/delete/").status_code == 404
    tag.refresh_from_db()
    assert tag.name == "wandelen"
    with pytest.raises(PermissionDenied):
        services.interest_tag_delete(membership=request.getfixturevalue("other_org_admin"), tag=tag)
