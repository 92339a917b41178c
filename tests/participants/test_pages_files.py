"""The caseload and the file page, as a social worker meets them in the browser."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from participants import services
from participants.models import Intervention
from tests.factories import MembershipFactory, ParticipantFactory

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
    assert response.status_code == 200
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


def test_the_quick_form_defaults_to_today_and_the_last_work_model(
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
    assert form.initial["kind"] == "home_visit"


def test_the_quick_form_shows_errors_in_place_and_saves_nothing(
    social_worker, participant, buddy_model, login
):
    response = login(social_worker).post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-duration_minutes": "", "quick-date": "morgen"}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
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


def test_a_withdrawn_consent_button_withdraws_it(social_worker, participant, login):
    consent = participant.consents.get()
    response = login(social_worker).post(
        f"/participants/{participant.pk}/consents/{consent.pk}/withdraw/"
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


class TestCaseloadFilters:
    @pytest.fixture
    def files(self, social_worker, colleague, buddy_model, peer_model):
        def make(first_name, **fields):
            return ParticipantFactory(
                organisation=social_worker.organisation,
                social_worker=fields.pop("worker", social_worker.user),
                first_name=first_name,
                **fields,
            )

        return {
            "due": make("Dirk", next_follow_up_on=TODAY - datetime.timedelta(days=1)),
            "later": make("Lotte", next_follow_up_on=TODAY + datetime.timedelta(days=9)),
            "silent": make("Sven", last_intervention_on=TODAY - datetime.timedelta(days=60)),
            "recent": make("Rania", last_intervention_on=TODAY - datetime.timedelta(days=2)),
            "paused": make("Pieter", status="paused"),
            "colleagues": make("Chloé", worker=colleague.user),
        }

    def _names(self, client, query):
        page = client.get("/participants/?" + query).context["page"]
        return {participant.first_name for participant in page.object_list}

    def test_by_default_a_social_worker_sees_their_own_caseload(self, files, social_worker, login):
        names = self._names(login(social_worker), "")
        assert "Chloé" not in names and {"Dirk", "Sven", "Pieter"} <= names

    def test_follow_up_due(self, files, social_worker, login):
        assert self._names(login(social_worker), "follow_up_due=on") == {"Dirk"}

    def test_no_contact_for_n_days(self, files, social_worker, login):
        names = self._names(login(social_worker), "no_contact_days=30")
        assert "Sven" in names and "Rania" not in names

    def test_status(self, files, social_worker, login):
        assert self._names(login(social_worker), "status=paused") == {"Pieter"}

    def test_search_by_name(self, files, social_worker, login):
        # The name is posted, never put in the address: the list's URL carries a key only.
        client = login(social_worker)
        response = client.post("/participants/", {"q": "lot"})
        assert response.status_code == 302
        assert response.url.startswith("/participants/?f=") and "lot" not in response.url
        assert self._names(client, response.url.split("?", 1)[1]) == {"Lotte"}
        assert self._names(client, "q=lot") != {"Lotte"}  # a name in a URL is ignored

    def test_work_model(self, files, social_worker, peer_model, login):
        participant = files["recent"]
        services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose="file",
            given_on=TODAY,
            method="oral",
        )
        services.trajectory_create(
            membership=social_worker,
            participant=participant,
            data={"work_model": peer_model, "started_on": TODAY},
        )
        assert self._names(login(social_worker), "work_model=peer") == {"Rania"}

    def test_the_team_only_with_team_access(self, files, organisation, social_worker, login):
        client = login(social_worker)
        assert "Chloé" not in self._names(client, "scope=team")
        organisation.team_access = True
        organisation.save()
        assert "Chloé" in self._names(client, "scope=team")

    def test_sorting_by_next_follow_up(self, files, social_worker, login):
        page = login(social_worker).get("/participants/?sort=next_follow_up").context["page"]
        assert [p.first_name for p in page.object_list][:2] == ["Dirk", "Lotte"]

    def test_an_htmx_request_gets_only_the_results(self, files, social_worker, login):
        response = login(social_worker).post(
            "/participants/", {"q": "dirk"}, HTTP_HX_REQUEST="true"
        )
        assert response["HX-Push-Url"].startswith("/participants/?f=")
        assert "<html" not in response.content.decode()
        assert "Dirk" in response.content.decode()

    def test_bad_filter_values_are_ignored_not_500(self, files, social_worker, login):
        response = login(social_worker).get("/participants/?no_contact_days=abc&sort=evil&page=x")
        assert response.status_code == 200


MAX_QUERIES = 16


@pytest.mark.parametrize("rows", [5, 200])
def test_the_caseload_uses_a_fixed_number_of_queries(
    rows, social_worker, login, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(
        rows, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    client = login(social_worker)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/participants/?follow_up_due=on&sort=next_follow_up").status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/participants/?work_model=buddy").status_code == 200


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
    # + 5: the file's own records, and the organisation's default consent validity that
    # prefills the consent form's expiry date.
    with django_assert_max_num_queries(MAX_QUERIES + 5):
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
