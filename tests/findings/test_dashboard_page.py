"""The dashboard page: figures, charts and findings; cached per organisation and data version."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

from .data import person_in_model

pytestmark = pytest.mark.django_db

FOCUS_GROUP = {"held_on": datetime.date(2025, 3, 1), "kind": "mixed", "people": 5}


@pytest.fixture
def data(organisation):
    user = UserFactory()
    for _ in range(6):
        person_in_model(organisation, "buddy", before=2, after=5, user=user, household="alone")
    for _ in range(3):
        person_in_model(organisation, "peer", before=2, after=2, user=user)


def test_the_dashboard_shows_figures_charts_and_findings(data, researcher, login):
    content = login(researcher).get("/findings/dashboard/?by=household").content.decode()
    assert "+3,0" in content  # the buddy model's median change in informal ties (decimal comma)
    assert content.count("<svg") == 5
    assert "style=" not in content
    assert "digitale kloof" in content  # findings beside the numbers
    assert "Alleenstaand" in content or "alone" in content.lower() or "Woont alleen" in content


def test_the_cached_dashboard_does_not_recompute(data, coordinator, login):
    client = login(coordinator)
    client.get("/findings/dashboard/")
    with CaptureQueriesContext(connection) as cold_again:
        client.get("/findings/dashboard/")
    assert not any("networksnapshot" in q["sql"] for q in cold_again.captured_queries)


def test_a_change_refreshes_the_cached_dashboard(
    data, organisation, coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    assert "n=6" in client.get("/findings/dashboard/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person_in_model(organisation, "buddy", before=2, after=5)
    assert "n=7" in client.get("/findings/dashboard/").content.decode()


def test_the_csv_table_suppresses_small_cells(data, coordinator, login):
    lines = login(coordinator).get("/findings/dashboard/table.csv").content.decode("utf-8-sig")
    rows = {line.split(";")[0]: line.split(";") for line in lines.splitlines()[1:]}
    assert rows["buddy"][1] == "6"
    assert rows["peer"][1] == "suppressed"


def _buddies(figures) -> int:
    return next(row["n"] for row in figures["models"] if row["code"] == "buddy")


def test_a_change_in_one_organisation_leaves_the_others_cached_figures(
    data, organisation, other_organisation, monkeypatch, django_capture_on_commit_callbacks
):
    from findings import dashboard

    for _ in range(5):
        person_in_model(other_organisation, "buddy", before=2, after=5)
    ours, theirs = dashboard.figures(organisation.pk), dashboard.figures(other_organisation.pk)
    computed = []
    compute = dashboard.what_works_for_whom
    monkeypatch.setattr(
        dashboard, "what_works_for_whom", lambda pk: computed.append(pk) or compute(pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        person_in_model(organisation, "buddy", before=2, after=5)
    assert dashboard.figures(other_organisation.pk) == theirs
    assert _buddies(dashboard.figures(organisation.pk)) == _buddies(ours) + 1 == 7
    assert computed == [organisation.pk]


def test_every_row_the_dashboard_reads_names_its_own_organisation(
    data, organisation, researcher, django_assert_num_queries
):
    from findings import caching, services
    from findings.models import Finding
    from participants.models import Consent, Measurement, NetworkSnapshot, Trajectory
    from tests.participants.factories import ConsentFactory

    trajectory = Trajectory.objects.filter(participant__organisation=organisation).first()
    ConsentFactory(participant=trajectory.participant)
    rows = [  # fresh from the database: their participant not loaded
        Consent.objects.get(participant=trajectory.participant),
        Trajectory.objects.get(pk=trajectory.pk),
        NetworkSnapshot.objects.filter(participant=trajectory.participant).first(),
    ]
    for row in rows:
        with django_assert_num_queries(1):  # the participant is not loaded: one look-up
            assert caching.organisation_of(row) == organisation.pk
        row.participant  # noqa: B018
        with django_assert_num_queries(0):  # now it is
            assert caching.organisation_of(row) == organisation.pk
    group = services.focus_group_create(membership=researcher, data=FOCUS_GROUP)
    quote = services.quote_add(
        membership=researcher, focus_group=group, text="Samen", speaker_kind="professional"
    )
    assert caching.organisation_of(quote) == organisation.pk
    study = Finding.objects.filter(organisation=None).first()
    assert caching.organisation_of(study) == caching.SHARED
    assert caching.organisation_of(Measurement(participant=rows[0].participant)) == (
        organisation.pk
    )


def test_coding_a_quote_against_a_study_finding_refreshes_only_its_organisation(
    organisation, other_organisation, researcher, django_capture_on_commit_callbacks
):
    from findings import caching, services
    from findings.models import Finding

    before = caching.data_version(organisation.pk), caching.data_version(other_organisation.pk)
    group = services.focus_group_create(membership=researcher, data=FOCUS_GROUP)
    with django_capture_on_commit_callbacks(execute=True):
        quote = services.quote_add(
            membership=researcher, focus_group=group, text="Samen", speaker_kind="professional"
        )
        services.finding_link_quotes(
            membership=researcher,
            finding=Finding.objects.filter(organisation=None).first(),
            quotes=[quote],
        )
    after = caching.data_version(organisation.pk), caching.data_version(other_organisation.pk)
    assert after[0] != before[0] and after[1] == before[1]
