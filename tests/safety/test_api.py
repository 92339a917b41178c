"""The flags API, and the flags at the top of the participant's and the match's answers."""

import pytest
from rest_framework.test import APIClient

from safety import services
from safety.models import Flag, FlagKind

pytestmark = pytest.mark.django_db


def _api(membership) -> APIClient:
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def _kind(organisation, code="aggression") -> FlagKind:
    return FlagKind.objects.get(organisation=organisation, code=code)


def test_the_file_and_match_answers_carry_their_flags_first(
    social_worker, coordinator, volunteer, match, organisation
):
    services.flag_raise(
        membership=social_worker,
        participant=match.participant,
        kind=_kind(organisation),
        text="Roept naar medewerkers",
    )
    services.flag_raise(
        membership=coordinator,
        match=match,
        kind=_kind(organisation, "no_contact"),
        text="Ex-partner niet contacteren",
        pass_on_to_volunteer=True,
        volunteer_text="Laat niemand anders binnen.",
    )
    answer = _api(social_worker).get(f"/api/participants/{match.participant_id}/").json()
    assert list(answer)[:2] == ["id", "flags"]
    assert {f["text"] for f in answer["flags"]} == {
        "Roept naar medewerkers",
        "Ex-partner niet contacteren",
    }
    listed = _api(social_worker).get("/api/participants/").json()["results"]
    assert len(next(p for p in listed if p["id"] == match.participant_id)["flags"]) == 2
    full = _api(coordinator).get(f"/api/buddies/matches/{match.pk}/").json()
    assert len(full["flags"]) == 2
    contact = _api(volunteer).get(f"/api/buddies/matches/{match.pk}/").json()
    assert [f["text"] for f in contact["flags"]] == ["Laat niemand anders binnen."]


def test_a_flag_is_raised_ended_and_confirmed_through_the_api(
    social_worker, coordinator, org_admin, match, organisation
):
    client = _api(social_worker)
    bad = client.post("/api/safety/flags/", {"kind": _kind(organisation).pk}, format="json")
    assert bad.status_code == 400 and "text" in bad.json()
    both = client.post(
        "/api/safety/flags/",
        {
            "kind": _kind(organisation).pk,
            "text": "x",
            "participant": match.participant_id,
            "match": match.pk,
        },
        format="json",
    )
    assert both.status_code == 400 and "participant" in both.json()
    created = client.post(
        "/api/safety/flags/",
        {"kind": _kind(organisation).pk, "text": "Let op", "participant": match.participant_id},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert client.post(f"/api/safety/flags/{pk}/end/", {}, format="json").status_code == 400
    asked = client.post(f"/api/safety/flags/{pk}/end/", {"reason": "Rustig"}, format="json")
    assert asked.json()["status"] == "ending_requested"
    same = client.post(f"/api/safety/flags/{pk}/confirm-end/")
    assert same.status_code == 400
    ended = _api(org_admin).post(f"/api/safety/flags/{pk}/confirm-end/")
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    assert client.get("/api/safety/flags/").json()["results"] == []
    assert len(client.get("/api/safety/flags/?ended=true").json()["results"]) == 1


def test_a_volunteer_reads_only_what_was_passed_on_and_raises_nothing(
    coordinator, volunteer, match, organisation
):
    hidden = services.flag_raise(
        membership=coordinator, match=match, kind=_kind(organisation), text="Intern"
    )
    services.flag_pass_on(
        membership=coordinator,
        flag=services.flag_raise(
            membership=coordinator, match=match, kind=_kind(organisation, "medical"), text="Astma"
        ),
        pass_on_to_volunteer=True,
        volunteer_text="Heeft soms een puffer nodig.",
    )
    client = _api(volunteer)
    results = client.get("/api/safety/flags/").json()["results"]
    assert [(r["shape"], r["text"]) for r in results] == [
        ("passed_on", "Heeft soms een puffer nodig.")
    ]
    assert client.get(f"/api/safety/flags/{hidden.pk}/").status_code == 404
    assert client.post("/api/safety/flags/", {}, format="json").status_code == 403
    assert Flag.objects.count() == 2


def test_a_researcher_reaches_no_flag(researcher, coordinator, match, organisation):
    flag = services.flag_raise(
        membership=coordinator, match=match, kind=_kind(organisation), text="Intern"
    )
    client = _api(researcher)
    assert client.get("/api/safety/flags/").status_code == 404
    assert client.get(f"/api/safety/flags/{flag.pk}/").status_code == 404
    assert client.get("/api/safety/kinds/").status_code == 404
