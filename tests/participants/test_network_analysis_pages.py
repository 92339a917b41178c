"""The analysis of who knows whom where people read it: the network page (today's map), a
snapshot, the comparison of two snapshots, and the API; the network page keeps its queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AuditEvent
from participants.models import MemberTie, NetworkMember, NetworkSnapshot
from participants.services import network as svc
from participants.services import network_ties as ties
from tests.participants.factories import api_as

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(participant, rest=""):
    return f"/participants/{participant.pk}/network/{rest}"


def add(membership, participant, label, sector="family", ring="close"):
    data = {"label": label, "sector": sector, "ring": ring}
    return svc.network_member_create(membership=membership, participant=participant, data=data)


def link(membership, participant, a, b, **fields):
    return ties.member_tie_create(
        membership=membership,
        participant=participant,
        data={"member_a": a, "member_b": b, **fields},
    )


@pytest.fixture
def family_and_neighbours(social_worker, participant):
    """Rita, Jan and Ali (family) know each other; Rita alone knows Piet and Els (neighbours)."""
    people = {
        name: add(social_worker, participant, name, sector)
        for name, sector in [
            ("Rita", "family"),
            ("Jan", "family"),
            ("Ali", "family"),
            ("Piet", "neighbours"),
            ("Els", "neighbours"),
        ]
    }
    for a, b in [("Rita", "Jan"), ("Jan", "Ali"), ("Rita", "Piet"), ("Piet", "Els")]:
        link(social_worker, participant, people[a], people[b])
    return people


def snapshot(membership, participant, kind="baseline", days_ago=0):
    return svc.network_snapshot_take(
        membership=membership,
        participant=participant,
        taken_on=TODAY - timezone.timedelta(days=days_ago),
        kind=kind,
    )


def test_the_network_page_says_who_knows_whom_with_the_figures_in_dutch(
    social_worker, participant, login, family_and_neighbours
):
    page = login(social_worker).get(url(participant)).content.decode()
    assert "Wie kent wie" in page
    assert "Rita is de enige die je buren kent." in page
    # 4 ties among 5 members: 4 of 10 possible, with the Dutch decimal sign.
    assert "40,0 %" in page
    assert "Tussenpositie" in page


def test_a_map_without_ties_between_members_says_they_were_not_recorded(
    social_worker, participant, login
):
    for name in ("Rita", "Jan"):
        add(social_worker, participant, name)
    page = login(social_worker).get(url(participant)).content.decode()
    assert "Er is nog niet ingevuld wie van deze mensen elkaar kennen." in page
    assert "Dichtheid tussen leden" not in page and "0,0 %" not in page


def test_an_empty_map_says_no_one_is_on_it(social_worker, participant, login):
    page = login(social_worker).get(url(participant)).content.decode()
    assert "Er staat nog niemand op je kaart." in page


def test_the_snapshot_page_shows_the_analysis_at_its_date(
    social_worker, participant, login, family_and_neighbours
):
    taken = snapshot(social_worker, participant)
    MemberTie.objects.all().delete()  # today's map changes; the snapshot does not
    page = login(social_worker).get(url(participant, f"snapshots/{taken.pk}/")).content.decode()
    assert "Rita is de enige die je buren kent." in page


def test_the_comparison_says_what_changed_in_the_same_words(
    social_worker, participant, login, family_and_neighbours
):
    people = family_and_neighbours
    extra = link(social_worker, participant, people["Ali"], people["Piet"])
    snapshot(social_worker, participant, days_ago=90)
    ties.member_tie_delete(membership=social_worker, tie=extra)
    snapshot(social_worker, participant, kind="follow_up")
    page = login(social_worker).get(url(participant, "compare/")).content.decode()
    assert "Wie kent wie: wat veranderde" in page
    # The ties lost are said once, by name, in "Who knows whom"; the analysis adds the rest.
    assert page.count("1 band tussen leden verloren") == 1
    assert "1 band tussen leden verloren: Ali en Piet kennen elkaar niet meer." in page
    assert "Rita is nu de enige die je buren kent." in page


def test_ties_between_members_cost_the_network_page_no_query(social_worker, participant, login):
    client = login(social_worker)
    members = [add(social_worker, participant, f"Persoon {n}") for n in range(3)]
    snapshot(social_worker, participant)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(participant)).status_code == 200
        return len(captured)

    small = count()
    members += [add(social_worker, participant, f"Persoon {n}", "friends") for n in range(3, 30)]
    for index, member in enumerate(members[1:], 1):
        link(social_worker, participant, members[index - 1], member, strength="strong")
        if index % 3 == 0:
            link(social_worker, participant, members[0], member, tension="broken")
    snapshot(social_worker, participant, kind="follow_up")
    assert count() == small


def test_the_api_gives_the_analysis_of_today_and_of_a_snapshot(
    social_worker, participant, family_and_neighbours
):
    api = api_as(social_worker)
    people = family_and_neighbours
    today = api.get(f"/api/participants/{participant.pk}/network-analysis/")
    assert today.status_code == 200, today.content
    data = today.json()
    assert (data["size"], data["ties"], data["ties_recorded"]) == (5, 4, True)
    assert data["density"] == pytest.approx(0.4)
    rita = people["Rita"].pk
    bridge = next(b for b in data["bridge_persons"] if b["member_id"] == rita)
    assert set(bridge["reaches"]) == {people["Piet"].pk, people["Els"].pk}
    assert data["effective_size"] == pytest.approx(5 - 2 * 4 / 5)
    # In the user's language, as the pages.
    assert {"text": "Rita is de enige die je buren kent.", "details": []} in data["sentences"]
    taken = snapshot(social_worker, participant)
    MemberTie.objects.all().delete()
    frozen = api.get(f"/api/network-snapshots/{taken.pk}/analysis/").json()
    assert frozen["ties"] == 4 and frozen["bridge_persons"][0]["member_id"] == rita
    reads = AuditEvent.objects.filter(action="read").values_list("fields", flat=True)
    assert any("analysis" in fields for fields in reads)


def test_the_api_analysis_is_out_of_reach_of_another_organisation(
    other_org_worker, social_worker, participant
):
    add(social_worker, participant, "Rita")
    taken = snapshot(social_worker, participant)
    api = api_as(other_org_worker)
    assert api.get(f"/api/participants/{participant.pk}/network-analysis/").status_code == 404
    assert api.get(f"/api/network-snapshots/{taken.pk}/analysis/").status_code == 404
    assert NetworkMember.objects.count() == 1 and NetworkSnapshot.objects.count() == 1
