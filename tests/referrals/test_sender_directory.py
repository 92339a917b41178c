"""The directory knows which organisation on Netwerk runs an initiative, and its address for
referral e-mails; only the entry's owner changes them."""

import pytest

from workmodels.models import Initiative

from .sender_fixtures import *  # noqa: F403  (fixtures of the sending side)

pytestmark = pytest.mark.django_db


def _entry(run_by_pk, buddy_model) -> dict:
    return {
        "name": "Buddy Elders",
        "provider": "OCMW Elders",
        "work_models": [buddy_model.pk],
        "delivery": "on_site",
        "run_by": run_by_pk,
        "contact_email": "buddy@elders.example",
        "shared": "on",
    }


def test_the_owner_links_its_own_entry_as_run_by_itself(login, coordinator, buddy_model):
    response = login(coordinator).post(
        "/work-models/directory/new/", _entry(coordinator.organisation_id, buddy_model)
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    initiative = Initiative.objects.get(name="Buddy Elders")
    assert initiative.run_by == coordinator.organisation
    assert initiative.contact_email == "buddy@elders.example"


def test_nobody_routes_referrals_to_another_organisation_s_inbox(
    login, coordinator, other_organisation, buddy_model
):
    """Naming another organisation as the runner would send it referrals, with personal data,
    that it never asked for: that organisation enters its initiative itself."""
    response = login(coordinator).post(
        "/work-models/directory/new/", _entry(other_organisation.pk, buddy_model)
    )
    assert response.status_code == 400
    assert not Initiative.objects.filter(name="Buddy Elders").exists()
    from django.core.exceptions import ValidationError

    from workmodels import services

    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            membership=coordinator,
            data={"name": "Buddy Elders", "provider": "x", "run_by": other_organisation},
            work_models=[buddy_model],
        )
    assert "run_by" in refused.value.message_dict


def test_the_directory_says_which_entries_are_on_netwerk(login, social_worker, on_netwerk, outside):
    page = login(social_worker).get("/work-models/directory/").content.decode()
    assert page.count("Zit op Netwerk: doorverwijzen kan rechtstreeks") == 1
    detail = login(social_worker).get(f"/work-models/directory/{on_netwerk.pk}/").content.decode()
    assert "OCMW Elders" in detail and "Zit op Netwerk" in detail


def test_another_organisation_cannot_change_who_runs_an_entry(login, social_worker, on_netwerk):
    response = login(social_worker).post(
        f"/work-models/directory/{on_netwerk.pk}/edit/", {"name": "Van ons", "run_by": ""}
    )
    assert response.status_code == 404
    on_netwerk.refresh_from_db()
    assert on_netwerk.run_by_id is not None


def test_the_api_tells_who_runs_an_initiative(login, social_worker, on_netwerk, outside):
    results = login(social_worker).get("/api/initiatives/").json()["results"]
    by_name = {row["name"]: row for row in results}
    assert by_name["Buddy Elders"]["run_by"] == on_netwerk.run_by_id
    assert by_name["Buddy Elders"]["run_by_name"] == "OCMW Elders"
    assert by_name["Praatcafé De Brug"]["run_by"] is None
    assert by_name["Praatcafé De Brug"]["contact_email"] == "info@debrug.example"
