"""The file page, as a social worker meets it (the caseload: test_pages_caseload.py)."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from netwerk.forms import INVALID_FORM_STATUS
from participants import services
from participants.models import Intervention
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _quick(participant, buddy_model, **extra):
    return {
        "quick-date": TODAY.isoformat(),
        "quick-duration_minutes": "45",
        "quick-work_model": buddy_model.pk,
        "quick-kind": "home_visit",
        "quick-took_part": ["participant", "network"],
        "quick-summary": "Samen naar de buurtwerking geweest.",
        **extra,
    }


def test_a_social_worker_opens_a_new_file_with_consent(social_worker, login):
    client = login(social_worker)
    response = client.post(
        "/participants/new/",
        {"first_name": "Yasmina", "languages": ["nl", "ar"], "file_consent": "oral"},
    )
    assert response.status_code == 302
    page = client.get(response.url)
    content = page.content.decode()
    assert "Yasmina" in content
    assert "Een interventie registreren" in content  # the quick form shows with consent


def test_a_new_file_with_errors_keeps_what_was_typed(social_worker, login):
    response = login(social_worker).post(
        "/participants/new/", {"first_name": "", "last_name": "Peeters", "birth_year": "1850"}
    )
    assert response.status_code == INVALID_FORM_STATUS
    content = response.content.decode()
    assert 'value="Peeters"' in content
    assert "Dit veld is vereist" in content


def test_the_quick_form_saves_with_htmx_and_returns_the_new_timeline_entry(
    social_worker, participant, buddy_model, login
):
    response = login(social_worker).post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-follow_up_on": TODAY.isoformat()}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'hx-swap-oob="afterbegin:#timeline-list"' in content
    assert "Samen naar de buurtwerking geweest." in content
    assert "Opgeslagen." in content
    intervention = Intervention.objects.get()
    assert intervention.took_part == ["participant", "network"]
    participant.refresh_from_db()
    assert participant.next_follow_up_on == TODAY


def test_the_quick_form_defaults_to_today_and_the_last_work_model_but_not_its_kind(
    social_worker, participant, buddy_model, peer_model, login
):
    client = login(social_worker)
    client.post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, peer_model),
        HTTP_HX_REQUEST="true",
    )
    form = client.get(f"/participants/{participant.pk}/").context["intervention_form"]
    assert form.initial["date"] == TODAY
    assert form.initial["work_model"] == peer_model.pk
    assert form.initial["kind"] == "conversation"  # chosen again each time, never carried over


def test_the_quick_form_shows_errors_in_place_and_saves_nothing(
    social_worker, participant, buddy_model, login
):
    response = login(social_worker).post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-duration_minutes": "", "quick-date": "morgen"}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == INVALID_FORM_STATUS
    content = response.content.decode()
    assert "Samen naar de buurtwerking geweest." in content  # the summary is kept
    assert "Dit veld is vereist" in content
    assert not Intervention.objects.exists()


def test_without_javascript_the_quick_form_reloads_the_page(
    social_worker, participant, buddy_model, login
):
    response = login(social_worker).post(
        f"/participants/{participant.pk}/interventions/", _quick(participant, buddy_model)
    )
    assert response.status_code == 302
    assert response.url.endswith("#timeline")
    assert Intervention.objects.count() == 1


def test_the_file_page_shows_the_timeline_newest_first(
    social_worker, participant, buddy_model, login
):
    for days_ago, summary in [(5, "Oudste"), (1, "Nieuwste"), (3, "Middelste")]:
        services.intervention_create(
            membership=social_worker,
            participant=participant,
            data={
                "date": TODAY - datetime.timedelta(days=days_ago),
                "duration_minutes": 20,
                "work_model": buddy_model,
                "kind": "conversation",
                "summary": summary,
            },
        )
    content = login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    assert content.index("Nieuwste") < content.index("Middelste") < content.index("Oudste")
    assert "Toestemming gegeven" in content  # the consent change is on the timeline too


def test_the_timeline_is_paginated(social_worker, participant, buddy_model, login):
    for index in range(25):
        Intervention.objects.create(
            participant=participant,
            date=TODAY - datetime.timedelta(days=index),
            duration_minutes=10,
            work_model=buddy_model,
            kind="conversation",
            summary=f"Gesprek nummer {index}",
            author=social_worker.user,
        )
    client = login(social_worker)
    first = client.get(f"/participants/{participant.pk}/").content.decode()
    assert "Gesprek nummer 0<" in first and "Gesprek nummer 24<" not in first
    second = client.get(f"/participants/{participant.pk}/?page=2").content.decode()
    assert "Gesprek nummer 24<" in second


def test_an_intake_only_file_explains_consent_comes_first(social_worker, intake_only, login):
    content = login(social_worker).get(f"/participants/{intake_only.pk}/").content.decode()
    assert "Er is geen toestemming om een dossier bij te houden" in content
    assert "Een interventie registreren" not in content


def test_special_categories_are_hidden_from_team_colleagues(
    organisation, social_worker, colleague, participant, login
):
    services.participant_update(
        membership=social_worker,
        participant=participant,
        data={"health_remarks": "Diabetes type 2"},
    )
    assert (
        "Diabetes" in login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    )
    organisation.team_access = True
    organisation.save()
    assert (
        "Diabetes" not in login(colleague).get(f"/participants/{participant.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/participants/{pk}/edit/",
        "/participants/{pk}/trajectories/new/",
        "/participants/{pk}/goals/new/",
    ],
)
def test_file_forms_answer_404_outside_reach_and_403_to_readers(
    path, organisation, participant, colleague, org_admin, other_org_worker, login
):
    url = path.format(pk=participant.pk)
    assert login(other_org_worker).get(url).status_code == 404
    assert login(colleague).get(url).status_code == 404  # no team access: not even visible
    organisation.team_access = True
    organisation.save()
    assert login(colleague).get(url).status_code == 403
    assert login(org_admin).get(url).status_code == 404  # org admins read files, never edit


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER])
def test_other_roles_never_reach_a_file_page(organisation, participant, role, login, buddy_model):
    client = login(MembershipFactory(organisation=organisation, role=role))
    pk = participant.pk
    for url in [
        "/participants/",
        f"/participants/{pk}/",
        f"/participants/{pk}/edit/",
        f"/participants/{pk}/goals/new/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(f"/participants/{pk}/interventions/", _quick(participant, buddy_model))
    assert response.status_code == 404
    assert not Intervention.objects.exists()


def test_a_reader_cannot_post_an_intervention(
    organisation, colleague, participant, buddy_model, login
):
    organisation.team_access = True
    organisation.save()
    response = login(colleague).post(
        f"/participants/{participant.pk}/interventions/", _quick(participant, buddy_model)
    )
    assert response.status_code == 403
    assert not Intervention.objects.exists()


def test_a_confirmed_withdrawal_withdraws_the_consent(social_worker, participant, login):
    consent = participant.consents.get()
    response = login(social_worker).post(
        f"/participants/{participant.pk}/consents/{consent.pk}/withdraw/", {"confirm": "yes"}
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY


def test_recording_consent_through_the_page(social_worker, intake_only, login):
    response = login(social_worker).post(
        f"/participants/{intake_only.pk}/consents/",
        {
            "consent-purpose": "file",
            "consent-given_on": TODAY.isoformat(),
            "consent-method": "written",
        },
    )
    assert response.status_code == 302
    assert intake_only.consents.filter(purpose="file").exists()


# Session, user, memberships, two-factor check, the file, the audit row, consents, goals and
# their notes, three timeline sources of participants, one of groups and one of buddies
# (matches started and ended), trajectories, the
# bell, the work model options, the organisation's default consent validity (it prefills the
# consent form's expiry date), the names on the network map (the quick form asks who from the
# network took part); then the session's save (two). Other apps' cards load by htmx.
# 21: two branches each added one constant query (the buddies' timeline source and the
# network map's names) and each raised 19 to 20; together they make 21. 22: the hand-overs'
# timeline source (one query, whatever the number of hand-overs). 23: the referrals' timeline
# source (one constant query: referrals sent from this file). 24: the menu's count of
# referrals waiting in the inbox (one COUNT for intake roles). 26: the safety flags' banner
# and their timeline source (one query each, whatever the number of flags;
# tests/safety/test_banner_queries.py).
FILE_PAGE_MAX_QUERIES = 26


@pytest.mark.parametrize("rows", [5, 200])
def test_the_file_page_uses_a_fixed_number_of_queries(
    rows, social_worker, participant, buddy_model, login, django_assert_max_num_queries
):
    goal = services.goal_create(
        membership=social_worker,
        participant=participant,
        data={"description": "Doel", "work_model": buddy_model},
    )
    services.trajectory_create(
        membership=social_worker,
        participant=participant,
        data={"work_model": buddy_model, "started_on": TODAY},
    )
    Intervention.objects.bulk_create(
        Intervention(
            participant=participant,
            date=TODAY - datetime.timedelta(days=index % 300),
            duration_minutes=15,
            work_model=buddy_model,
            kind="conversation",
            goal=goal,
            author=social_worker.user,
        )
        for index in range(rows)
    )
    for index in range(min(rows, 30)):
        services.goal_note_add(membership=social_worker, goal=goal, date=TODAY, text=f"n{index}")
    client = login(social_worker)
    with django_assert_max_num_queries(FILE_PAGE_MAX_QUERIES):
        assert client.get(f"/participants/{participant.pk}/").status_code == 200


def test_the_edit_history_shows_who_changed_what(social_worker, participant, login):
    services.participant_update(
        membership=social_worker, participant=participant, data={"municipality": "Lokeren"}
    )
    content = login(social_worker).get(f"/participants/{participant.pk}/history/").content.decode()
    assert "Lokeren" in content
    assert str(social_worker.user) in content


def test_the_edit_history_hides_special_categories_from_team_colleagues(
    organisation, social_worker, colleague, participant, login
):
    services.participant_update(
        membership=social_worker, participant=participant, data={"health_remarks": "Astma"}
    )
    organisation.team_access = True
    organisation.save()
    url = f"/participants/{participant.pk}/history/"
    assert "Astma" in login(social_worker).get(url).content.decode()
    assert "Astma" not in login(colleague).get(url).content.decode()


def test_the_edit_history_is_out_of_reach_like_the_file(
    participant, other_org_worker, volunteer, login
):
    url = f"/participants/{participant.pk}/history/"
    assert login(other_org_worker).get(url).status_code == 404
    assert login(volunteer).get(url).status_code == 404


@pytest.mark.parametrize("stored", [True, False])
def test_the_edit_form_shows_the_stored_digital_access_and_keeps_it_on_save(
    social_worker, participant, login, stored
):
    participant.has_smartphone = stored
    participant.internet_at_home = not stored
    participant.save()
    client = login(social_worker)
    content = client.get(f"/participants/{participant.pk}/edit/").content.decode()
    answer = {True: "true", False: "false"}
    assert f'<option value="{answer[stored]}" selected>' in content
    assert f'<option value="{answer[not stored]}" selected>' in content
    response = client.post(
        f"/participants/{participant.pk}/edit/",
        {
            "first_name": participant.first_name,
            "status": participant.status,
            "has_smartphone": answer[stored],
            "internet_at_home": answer[not stored],
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.has_smartphone, participant.internet_at_home) == (stored, not stored)


def test_the_edit_history_shows_values_in_words_not_codes(
    social_worker, colleague, participant, login
):
    services.participant_update(
        membership=social_worker,
        participant=participant,
        data={"has_smartphone": True, "languages": ["fr", "nl"], "household": "alone"},
    )
    participant.refresh_from_db()
    participant.social_worker = colleague.user  # handed over: the new worker reads it
    participant.save()
    content = login(colleague).get(f"/participants/{participant.pk}/history/").content.decode()
    assert "<td>Ja</td>" in content
    assert "Frans, Nederlands" in content
    assert "Woont alleen" in content
    assert str(colleague.user) in content
    for code in ("True", "[&#x27;fr&#x27;", "alone", f"<td>{colleague.user.pk}</td>"):
        assert code not in content
