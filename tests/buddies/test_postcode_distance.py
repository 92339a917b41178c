"""Distance from postcodes: nobody types coordinates, and Gent 9000 meets Ledeberg 9050."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from buddies.forms import BuddyRequestForm, VolunteerForm
from buddies.models import BuddyRequest, Volunteer
from buddies.selectors.proposals import suggestions_for
from netwerk import postcodes

from .conftest import make_request, make_volunteer

pytestmark = pytest.mark.django_db


def test_the_table_knows_belgian_postcodes_and_their_neighbours():
    gent, ledeberg = postcodes.place_for("9000"), postcodes.place_for("B-9050")
    assert gent.name == "Gent" and ledeberg is not None
    assert postcodes.coordinates_for("0001") == (None, None)
    assert postcodes.normalise(" be-9050 ") == "9050"
    assert len(postcodes._places()) > 1100


def test_a_volunteer_gets_the_point_of_their_postcode_on_save(organisation):
    volunteer = make_volunteer(organisation, postcode="9050")
    assert (volunteer.latitude, volunteer.longitude) == postcodes.coordinates_for("9050")
    volunteer.postcode = "2000"
    volunteer.save(update_fields=["postcode"])
    volunteer.refresh_from_db()
    assert (volunteer.latitude, volunteer.longitude) == postcodes.coordinates_for("2000")


def test_an_unknown_postcode_leaves_no_point(organisation):
    volunteer = make_volunteer(organisation, postcode="")
    assert volunteer.latitude is None and volunteer.longitude is None


def test_gent_is_matched_to_a_buddy_in_ledeberg_next_door(organisation, social_worker):
    request = make_request(social_worker, postcode="9000")
    ledeberg = make_volunteer(organisation, postcode="9050", max_km=5)
    make_volunteer(organisation, postcode="2000", max_km=5)  # Antwerpen, 50 km
    [proposal] = suggestions_for(request)
    assert proposal.volunteer == ledeberg
    [distance] = [c for c in proposal.explanation["contributions"] if c["criterion"] == "distance"]
    assert 1 < distance["facts"]["km"] < 5
    assert proposal.explanation["constraints"]["reach"] == "distance"


def test_the_forms_no_longer_ask_for_coordinates(organisation):
    assert not {"latitude", "longitude"} & set(
        VolunteerForm(organisation_id=organisation.pk).fields
    )
    assert not {"latitude", "longitude"} & set(
        BuddyRequestForm(organisation_id=organisation.pk).fields
    )


def test_an_unknown_postcode_is_refused_in_the_volunteer_form_with_the_data_kept(
    login, coordinator, organisation
):
    volunteer = make_volunteer(organisation)
    client = login(coordinator)
    page = client.get(f"/buddies/volunteers/{volunteer.pk}/")
    assert 'name="latitude"' not in page.content.decode()
    data = {
        "status": "active",
        "phone": "0470 12 34 56",
        "languages": ["nl"],
        "municipality": "Gent",
        "postcode": "0001",
        "max_km": 10,
        "capacity": 1,
        "training_sessions": 2,
        "availability": ["wed_afternoon"],
    }
    response = client.post(f"/buddies/volunteers/{volunteer.pk}/", data)
    assert response.status_code in (200, 400)
    text = response.content.decode()
    assert "0001" in text and "0470 12 34 56" in text
    assert "Belgische postcode" in text
    volunteer.refresh_from_db()
    assert volunteer.postcode == "9000"


def test_the_migration_fills_in_the_points_of_existing_rows(organisation, social_worker):
    volunteer = make_volunteer(organisation, postcode="9050")
    request = make_request(social_worker, postcode="9000")
    Volunteer.objects.update(latitude=None, longitude=None)
    BuddyRequest.objects.update(latitude=None, longitude=None, postcode=" 9000 ")
    module = __import__(
        "buddies.migrations.0004_backfill_coordinates_from_postcode", fromlist=["backfill"]
    )
    module.backfill(apps, None)
    volunteer.refresh_from_db()
    request.refresh_from_db()
    assert volunteer.latitude == postcodes.coordinates_for("9050")[0]
    assert (request.postcode, request.longitude) == ("9000", postcodes.coordinates_for("9000")[1])


def test_a_request_keeps_its_waiting_date_when_its_point_is_derived(social_worker):
    request = make_request(social_worker, days_waiting=10)
    assert request.waiting_since == timezone.localdate() - datetime.timedelta(days=10)


def test_suggestions_say_who_nearly_fits_and_what_blocks_them(
    login, coordinator, organisation, social_worker
):
    request = make_request(social_worker)
    expired_on = timezone.localdate() - datetime.timedelta(days=30)
    peter = make_volunteer(organisation, screening_issued_on=None, screening_valid_until=expired_on)
    make_volunteer(organisation, postcode="2000", max_km=5)
    text = login(coordinator).get(f"/buddies/requests/{request.pk}/suggestions/").content.decode()
    assert "Waarom nog niemand past" in text
    name = peter.user.get_short_name()
    assert (
        f"{name} zou passen, maar het uittreksel uit het strafregister is vervallen op "
        f"{expired_on.day}-{expired_on.month}-{expired_on.year}." in text
    )
    assert "de afstand is" in text and "verplaatst zich tot 5 km" in text
    assert "Van de 2 vrijwilligers: 1 nog niet klaar om te koppelen" in text


def test_the_batch_page_says_why_a_request_stays_unmatched(
    login, coordinator, organisation, social_worker
):
    first = make_request(social_worker, days_waiting=90)
    second = make_request(social_worker, days_waiting=10)
    make_volunteer(organisation, capacity=1)
    text = login(coordinator).get("/buddies/batch/").content.decode()
    assert f"dit voorstel geeft de plaats aan {first.participant.first_name}" in text
    assert second.participant.first_name in text


def test_the_api_batch_says_why_a_request_stays_unmatched(
    login, coordinator, organisation, social_worker
):
    first = make_request(social_worker, days_waiting=90)
    second = make_request(social_worker, days_waiting=10)
    volunteer = make_volunteer(organisation, capacity=1)
    batch = login(coordinator).get("/api/buddies/proposals/").json()
    assert batch["unmatched_requests"] == [second.pk]
    [why] = batch["why_unmatched"]
    assert why["request"] == second.pk and why["summary"]
    [miss] = why["near_misses"]
    assert miss["volunteer"] == volunteer.pk
    assert first.participant.first_name in miss["sentence"]
