"""The caseload page: filters, search, sorting, and its fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from participants import services
from participants.models import Participant
from participants.selectors.files import matching_name_or_reference
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class TestCaseloadFilters:
    @pytest.fixture
    def files(self, social_worker, colleague, buddy_model, peer_model):
        def make(first_name, **fields):
            return ParticipantFactory(
                organisation=social_worker.organisation,
                social_worker=fields.pop("worker", social_worker.user),
                first_name=first_name,
                last_name=fields.pop("last_name", "Peeters"),  # a random one may hold "da"
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

    def test_search_results_sort_by_name_whatever_the_case(self, files, social_worker, login):
        for first_name in ("daan", "Dani"):
            ParticipantFactory(
                organisation=social_worker.organisation,
                social_worker=social_worker.user,
                first_name=first_name,
            )
        client = login(social_worker)
        response = client.post("/participants/", {"q": "DA"})
        page = client.get(response.url).context["page"]
        assert [p.first_name for p in page.object_list] == ["daan", "Dani"]

    def _search(self, client, q):
        response = client.post("/participants/", {"q": q})
        page = client.get(response.url).context["page"]
        return {f"{p.first_name} {p.last_name}" for p in page.object_list}

    @pytest.mark.parametrize("q", ["Test Walker", "walker test", "  test   WALK ", "Tessa Walker"])
    def test_a_full_name_is_found_in_either_order(self, social_worker, login, q):
        for first_name, last_name, preferred in (
            ("Test", "Walker", ""),
            ("Test", "Janssens", ""),
            ("Anna", "Walker", ""),
            ("Theresia", "Walker", "Tessa"),
        ):
            ParticipantFactory(
                organisation=social_worker.organisation,
                social_worker=social_worker.user,
                first_name=first_name,
                last_name=last_name,
                preferred_name=preferred,
            )
        found = self._search(login(social_worker), q)
        if q == "Tessa Walker":  # the preferred name counts as a name too
            assert found == {"Theresia Walker"}
        else:  # every word must match: Test Janssens and Anna Walker are not found
            assert found == {"Test Walker"}

    def test_a_search_stays_within_the_visible_files(self, social_worker, other_org_worker, login):
        ParticipantFactory(
            organisation=other_org_worker.organisation,
            social_worker=other_org_worker.user,
            first_name="Test",
            last_name="Walker",
        )
        assert self._search(login(social_worker), "Test Walker") == set()

    def test_a_full_name_search_keeps_its_fixed_number_of_queries(
        self, social_worker, login, django_assert_max_num_queries
    ):
        for index in range(5):
            ParticipantFactory(
                organisation=social_worker.organisation,
                social_worker=social_worker.user,
                first_name="Test",
                last_name=f"Walker{index}",
            )
        client = login(social_worker)
        response = client.post("/participants/", {"q": "test walker"})
        client.get(response.url)
        with django_assert_max_num_queries(13):  # 12 + the menu's count of waiting referrals
            page = client.get(response.url).context["page"]
        assert len(page.object_list) == 5

    @pytest.mark.postgresql
    def test_every_word_of_a_search_can_use_the_trigram_indexes(self):
        # With sequential and plain index scans priced out, only bitmap scans on the trigram
        # indexes can serve the search: a shape the indexes could not serve shows a Seq Scan.
        # (On 100,000 files "mehm yilm" reads about 2 ms this way: a BitmapAnd of BitmapOrs.)
        queryset = matching_name_or_reference(Participant.objects.all(), "Test Walker")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            sql, params = queryset.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan" not in plan
        assert "participant_first_name_trgm" in plan and "participant_last_name_trgm" in plan

    @pytest.mark.postgresql
    def test_the_name_search_has_its_trigram_indexes(self, files):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'participants_participant'"
            )
            names = {row[0] for row in cursor.fetchall()}
        assert {
            "participant_first_name_trgm",
            "participant_last_name_trgm",
            "participant_preferred_name_trgm",
            "participant_reference_upper",
        } <= names

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
