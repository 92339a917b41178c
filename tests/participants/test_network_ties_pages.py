"""Ties between members on the network pages: who knows whom, added with and without htmx,
changed and removed; the list beside the picture in words; who may do what."""

import pytest
from django.utils import timezone

from netwerk.forms import INVALID_FORM_STATUS
from participants.models import MemberTie, NetworkMember
from participants.services import network as svc
from participants.services import network_ties as tie_svc

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(participant, rest=""):
    return f"/participants/{participant.pk}/network/{rest}"


def people(membership, participant, *names):
    return [
        svc.network_member_create(
            membership=membership,
            participant=participant,
            data={"label": name, "sector": "friends", "ring": "close"},
        )
        for name in names
    ]


def tie_post(a, b, **fields):
    data = {"tie-member_a": a.pk, "tie-member_b": b.pk, "tie-strength": "weak"}
    data.update({f"tie-{key}": value for key, value in fields.items()})
    return data


def link(membership, participant, a, b, **data):
    return tie_svc.member_tie_create(
        membership=membership, participant=participant, data={"member_a": a, "member_b": b, **data}
    )


# --- Adding a tie ------------------------------------------------------------------------------


def test_adding_a_tie_with_htmx_returns_the_editor_with_the_tie_in_words(
    social_worker, participant, login
):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    response = login(social_worker).post(
        url(participant, "ties/"),
        tie_post(rita, jan, strength="strong", origin="group", origin_detail="Kookclub"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="network-editor"')
    assert "Rita kent Jan (goed)" in content
    assert "Jan kent Rita (goed)" in content
    assert "Kookclub" in content
    tie = MemberTie.objects.get()
    assert (tie.member_a, tie.member_b, tie.strength) == (rita, jan, "strong")
    assert tie.origin == "group" and tie.origin_work_model.code == "peer"


def test_without_javascript_adding_a_tie_redirects_to_the_list(social_worker, participant, login):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    response = login(social_worker).post(url(participant, "ties/"), tie_post(jan, rita))
    assert response.status_code == 302
    assert response.url.endswith("/network/#network-ties")
    assert MemberTie.objects.get().member_a == rita


def test_a_tie_with_errors_keeps_what_was_typed_and_saves_nothing(
    social_worker, participant, login
):
    client = login(social_worker)
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    response = client.post(
        url(participant, "ties/"),
        tie_post(rita, rita, origin_detail="Buurthuis De Linde"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == INVALID_FORM_STATUS
    content = response.content.decode()
    assert 'value="Buurthuis De Linde"' in content
    assert "Kies twee verschillende mensen." in content
    response = client.post(
        url(participant, "ties/"), tie_post(rita, jan, strength="very", origin_detail="Linde")
    )
    assert response.status_code == INVALID_FORM_STATUS
    assert 'value="Linde"' in response.content.decode()
    assert not MemberTie.objects.exists()


def test_the_same_tie_twice_is_refused_beside_the_field(social_worker, participant, login):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    link(social_worker, participant, rita, jan)
    response = login(social_worker).post(url(participant, "ties/"), tie_post(jan, rita))
    assert response.status_code == INVALID_FORM_STATUS
    assert "Rita en Jan kennen elkaar al op de kaart." in response.content.decode()
    assert MemberTie.objects.count() == 1


def test_a_member_of_another_map_cannot_be_linked(social_worker, participant, login, colleague):
    from tests.participants.factories import file_for

    other = file_for(social_worker)
    (stranger,) = people(social_worker, other, "Vreemde")
    (rita,) = people(social_worker, participant, "Rita")
    response = login(social_worker).post(url(participant, "ties/"), tie_post(rita, stranger))
    assert response.status_code == INVALID_FORM_STATUS
    assert not MemberTie.objects.exists()


# --- The list beside the picture ---------------------------------------------------------------


def test_the_list_says_who_knows_whom_and_who_knows_nobody(social_worker, participant, login):
    rita, jan, noor, _piet = people(social_worker, participant, "Rita", "Jan", "Noor", "Piet")
    link(social_worker, participant, rita, jan, strength="strong")
    link(social_worker, participant, noor, rita, tension="tense")
    content = login(social_worker).get(url(participant)).content.decode()
    assert "Rita kent Jan (goed) en Noor (een beetje, gespannen)" in content
    assert "Piet kent niemand anders op de kaart" in content
    assert "Noor kent Rita (een beetje, gespannen)" in content
    assert 'id="network-ties"' in content


def test_the_list_speaks_english_to_an_english_speaking_worker(social_worker, participant, login):
    social_worker.user.preferred_language = "en"
    social_worker.user.save(update_fields=["preferred_language"])
    rita, jan, noor = people(social_worker, participant, "Rita", "Jan", "Noor")
    link(social_worker, participant, rita, jan, strength="strong")
    link(social_worker, participant, noor, rita, tension="tense")
    content = login(social_worker).get(url(participant)).content.decode()
    assert "Rita knows Jan (well) and Noor (a little, tense)" in content


def test_a_snapshot_shows_its_own_ties_read_only(social_worker, participant, login):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie = link(social_worker, participant, rita, jan)
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    tie_svc.member_tie_delete(membership=social_worker, tie=tie)
    content = login(social_worker).get(url(participant, f"snapshots/{snapshot.pk}/"))
    content = content.content.decode()
    assert "Rita kent Jan (een beetje)" in content
    assert "/ties/" not in content


# --- Changing and removing ---------------------------------------------------------------------


def test_editing_a_tie_with_and_without_htmx(social_worker, participant, login):
    client = login(social_worker)
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie = link(social_worker, participant, rita, jan)
    form = client.get(url(participant, f"ties/{tie.pk}/"), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<form" in form.content.decode()
    assert "<html" not in form.content.decode()
    page = client.get(url(participant, f"ties/{tie.pk}/"))
    assert "<html" in page.content.decode()
    prefix = f"tie-edit-{tie.pk}"
    data = {f"{prefix}-strength": "strong", f"{prefix}-tension": "broken"}
    saved = client.post(url(participant, f"ties/{tie.pk}/"), data, HTTP_HX_REQUEST="true")
    assert saved["HX-Retarget"] == "#network-editor"
    tie.refresh_from_db()
    assert (tie.strength, tie.tension) == ("strong", "broken")
    data[f"{prefix}-strength"] = "weak"
    saved = client.post(url(participant, f"ties/{tie.pk}/"), data)
    assert saved.status_code == 302 and saved.url.endswith("#network-ties")
    bad = client.post(url(participant, f"ties/{tie.pk}/"), {f"{prefix}-strength": "x"})
    assert bad.status_code == INVALID_FORM_STATUS


def test_removing_a_tie_asks_first(social_worker, participant, login):
    client = login(social_worker)
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie = link(social_worker, participant, rita, jan)
    ask = client.get(url(participant, f"ties/{tie.pk}/delete/"))
    assert ask.status_code == 200
    assert "De band tussen Rita en Jan verwijderen?" in ask.content.decode()
    unconfirmed = client.post(url(participant, f"ties/{tie.pk}/delete/"))
    assert unconfirmed.status_code == 200 and MemberTie.objects.exists()
    removed = client.post(url(participant, f"ties/{tie.pk}/delete/"), {"confirm": "yes"})
    assert removed.status_code == 302
    assert not MemberTie.objects.exists()
    assert NetworkMember.objects.count() == 2


# --- Access ------------------------------------------------------------------------------------


def test_another_worker_and_the_read_only_admin_cannot_change_ties(
    social_worker, participant, login, other_org_worker, org_admin
):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie = link(social_worker, participant, rita, jan)
    for path in (f"ties/{tie.pk}/", f"ties/{tie.pk}/delete/"):
        assert login(other_org_worker).get(url(participant, path)).status_code == 404
    stranger = login(other_org_worker).post(url(participant, "ties/"), tie_post(rita, jan))
    assert stranger.status_code == 404
    admin = login(org_admin)
    page = admin.get(url(participant)).content.decode()
    assert "Rita kent Jan" in page
    assert f"ties/{tie.pk}/" not in page and 'name="tie-member_a"' not in page
    assert (
        admin.post(url(participant, f"ties/{tie.pk}/delete/"), {"confirm": "yes"}).status_code
        == 404
    )
    assert MemberTie.objects.count() == 1


def test_a_tie_of_another_file_is_not_found(social_worker, participant, login):
    from tests.participants.factories import file_for

    other = file_for(social_worker)
    a, b = people(social_worker, other, "A", "B")
    tie = link(social_worker, other, a, b)
    client = login(social_worker)
    assert client.get(url(participant, f"ties/{tie.pk}/")).status_code == 404
    assert (
        client.post(url(participant, f"ties/{tie.pk}/delete/"), {"confirm": "yes"}).status_code
        == 404
    )
