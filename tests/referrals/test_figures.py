"""An organisation's referral figures (what it sent, what it received) and the instance-wide
figures: the numbers, the period, who may see them, and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from referrals.models import Referral
from referrals.selectors.figures import Period, instance_figures, organisation_figures
from tests.factories import MembershipFactory, OrganisationFactory

from .factories_figures import initiative, make_referral

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
START = datetime.date(2025, 3, 3)
PERIOD = Period(START - 30 * DAY, START + 60 * DAY)
S = Referral.Status


@pytest.fixture
def receiver(other_organisation):
    return initiative(other_organisation, "Buddy Elders", run_by=other_organisation)


@pytest.fixture
def referrals(social_worker, other_organisation, other_org_worker, organisation, receiver):
    """Five referrals from the organisation to the other one, one the other way."""
    to = other_organisation
    made = [
        make_referral(
            social_worker,
            to=to,
            to_initiative=receiver,
            sent_on=START,
            status=S.FIRST_CONTACT,
            steps={S.FIRST_CONTACT: START + days * DAY},
        )
        for days in (4, 6)
    ]
    made.append(
        make_referral(
            social_worker, to=to, to_initiative=receiver, sent_on=START, status=S.ACCEPTED
        )
    )
    made.append(
        make_referral(
            social_worker,
            to=to,
            to_initiative=receiver,
            sent_on=START,
            status=S.DECLINED,
            decline_reason="Geen plaats",
        )
    )
    made.append(make_referral(social_worker, to=to, sent_on=START, work_model="peer"))
    made.append(make_referral(other_org_worker, to=organisation, sent_on=START))
    return made


def _row(side, table, key):
    return next(row for row in side[table] if row["key"] == key)


def test_the_organisation_sees_what_it_sent_per_work_model_and_initiative(
    coordinator, referrals, receiver
):
    figures = organisation_figures(coordinator, PERIOD)
    sent = figures["sent"]
    assert sent["total"] | {"key": None} == {
        "key": None,
        "label": "",
        "referrals": 5,
        "waiting": 1,
        "accepted": 3,
        "declined": 1,
        "acceptance_rate": 75.0,
        "median_days_to_first_contact": 5.0,
        "suppressed": False,
    }
    assert _row(sent, "work_models", "buddy")["referrals"] == 4
    assert _row(sent, "work_models", "peer")["waiting"] == 1
    assert _row(sent, "initiatives", f"i{receiver.pk}")["label"] == "Buddy Elders"
    assert _row(sent, "initiatives", "n:Elders")["referrals"] == 1
    assert sent["declined_reasons"] == [{"reason": "Geen plaats", "n": 1}]
    assert figures["received"]["total"]["referrals"] == 1


def test_the_receiving_organisation_sees_the_same_referrals_as_received(other_org_admin, referrals):
    figures = organisation_figures(other_org_admin, PERIOD)
    assert figures["received"]["total"]["referrals"] == 5
    assert figures["sent"]["total"]["referrals"] == 1


def test_the_period_counts_the_day_a_referral_was_sent(coordinator, referrals):
    assert (
        organisation_figures(coordinator, Period(START, START))["sent"]["total"]["referrals"] == 5
    )
    later = Period(START + DAY, START + 90 * DAY)
    assert organisation_figures(coordinator, later)["sent"]["total"]["referrals"] == 0


def test_a_third_organisation_s_referrals_never_count_in_another_s_figures(
    social_worker, other_org_admin, coordinator
):
    third = OrganisationFactory(name="Derde vzw")
    secret = initiative(third, "Geheim project", run_by=third)
    make_referral(social_worker, to=third, to_initiative=secret, sent_on=START)
    other = organisation_figures(other_org_admin, PERIOD)
    assert other["sent"]["total"]["referrals"] == other["received"]["total"]["referrals"] == 0
    assert not other["sent"]["initiatives"] and not other["received"]["initiatives"]
    assert organisation_figures(coordinator, PERIOD)["sent"]["total"]["referrals"] == 1


def test_instance_figures_count_every_organisation_and_hide_small_cells(
    researcher, referrals, receiver
):
    figures = instance_figures(researcher, PERIOD)["all"]
    assert figures["min_cell"] == 5
    assert figures["total"]["referrals"] == 6
    row = _row(figures, "initiatives", f"i{receiver.pk}")
    assert row["waiting"] is None and row["declined"] is None and row["suppressed"]
    assert _row(figures, "work_models", "peer")["referrals"] is None
    assert figures["declined_reasons"] == [] and figures["reasons_hidden"]


def test_an_initiative_outside_the_shared_directory_is_not_named_instance_wide(
    social_worker, researcher, other_organisation
):
    private = initiative(other_organisation, "Niet gedeeld", run_by=other_organisation)
    private.shared = False
    private.save()
    for _index in range(6):
        make_referral(social_worker, to=other_organisation, to_initiative=private, sent_on=START)
    figures = instance_figures(researcher, PERIOD)["all"]
    assert [(row["key"], row["referrals"]) for row in figures["initiatives"]] == [("other", 6)]
    assert "Niet gedeeld" not in str(figures)


@pytest.mark.parametrize("count", [1, 12])
def test_the_figures_take_a_constant_number_of_queries(
    count, social_worker, coordinator, other_organisation, receiver, django_assert_max_num_queries
):
    for index in range(count):
        make_referral(
            social_worker,
            to=other_organisation,
            to_initiative=receiver,
            sent_on=START,
            status=[S.FIRST_CONTACT, S.DECLINED, S.SENT][index % 3],
            decline_reason=f"Reden {index}",
        )
    with django_assert_max_num_queries(7):
        organisation_figures(coordinator, PERIOD)
    with django_assert_max_num_queries(4):
        instance_figures(coordinator, PERIOD)


# --- The pages ---------------------------------------------------------------------------


OWN = "/referrals/figures/"
INSTANCE = "/referrals/figures/netwerk/"


def test_the_url_names(db):
    assert reverse("referrals:figures") == OWN
    assert reverse("referrals:figures_instance") == INSTANCE


def test_the_coordinator_and_org_admin_see_their_organisation_s_figures(
    coordinator, org_admin, referrals, login
):
    for membership in (coordinator, org_admin):
        page = login(membership).get(OWN, {"start": "2025-02-01", "end": "2025-04-01"})
        assert page.status_code == 200
        text = page.content.decode()
        assert "Doorverwijzingen die je verstuurde" in text
        assert "Buddy Elders" in text and "Geen plaats" in text
        assert "75 %" in text


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.VOLUNTEER, Role.RESEARCHER])
def test_other_roles_do_not_reach_the_organisation_s_figures(role, organisation, login):
    member = MembershipFactory(organisation=organisation, role=role)
    assert login(member).get(OWN).status_code == 404
    assert login(member).get("/referrals/figures.csv").status_code == 404


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.VOLUNTEER])
def test_workers_and_volunteers_do_not_reach_the_instance_figures(role, organisation, login):
    member = MembershipFactory(organisation=organisation, role=role)
    assert login(member).get(INSTANCE).status_code == 404
    assert login(member).get("/referrals/figures/netwerk.csv").status_code == 404


def test_an_inactive_coordinator_sees_nothing(coordinator, login):
    client = login(coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert client.get(OWN).status_code == 404
    assert client.get(INSTANCE).status_code == 404


def test_the_instance_page_says_what_it_measures_and_never_names_a_participant(
    researcher, referrals, login
):
    page = login(researcher).get(INSTANCE, {"start": "2025-02-01", "end": "2025-04-01"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "bekend en vertrouwd in het veld" in text
    assert "niet getoond" in text
    for referral in referrals:
        participant = referral.participant
        assert participant.first_name not in text and participant.last_name not in text
    assert "Geen plaats" not in text


def test_a_period_that_ends_before_it_starts_is_refused(coordinator, login):
    page = login(coordinator).get(OWN, {"start": "2025-04-01", "end": "2025-02-01"})
    assert page.status_code == 400
    assert "aria-invalid" in page.content.decode() or "errorlist" in page.content.decode()
    # The download of such a period sends the person back to the page that says why.
    download = login(coordinator).get(
        "/referrals/figures.csv", {"start": "2025-04-01", "end": "2025-02-01"}
    )
    assert download.status_code == 302
    assert download["Location"] == "/referrals/figures/?start=2025-04-01&end=2025-02-01"


def test_the_pages_take_the_same_number_of_queries_for_few_or_many_referrals(
    social_worker, coordinator, other_organisation, receiver, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(coordinator)
    counts = []
    for batch in (1, 15):
        for _index in range(batch):
            make_referral(
                social_worker, to=other_organisation, to_initiative=receiver, sent_on=START
            )
        for url in (OWN, INSTANCE):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, {"start": "2025-01-01"}).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def test_another_organisation_s_figures_never_leak_through_any_door(
    social_worker, other_org_admin, login
):
    """The other organisation's admin sees its own (empty) figures, whatever is asked for."""
    third = OrganisationFactory(name="Derde vzw")
    secret = initiative(third, "Geheim project", run_by=third)
    for _index in range(6):
        make_referral(social_worker, to=third, to_initiative=secret, sent_on=START)
    client = login(other_org_admin)
    organisation = social_worker.organisation_id
    for url in (OWN, "/referrals/figures.csv", "/api/referrals/figures/"):
        answer = client.get(url, {"start": "2025-01-01", "organisation": organisation})
        assert answer.status_code == 200
        assert "Geheim project" not in answer.content.decode()
    data = client.get("/api/referrals/figures/", {"start": "2025-01-01"}).json()
    assert data["sent"]["total"]["referrals"] == data["received"]["total"]["referrals"] == 0


def test_the_instance_csv_and_api_never_name_a_participant(researcher, referrals, login):
    client = login(researcher)
    texts = [
        client.get(url, {"start": "2025-01-01"}).content.decode()
        for url in ("/referrals/figures/netwerk.csv", "/api/referrals/figures/netwerk/")
    ]
    for referral in referrals:
        for text in texts:
            assert referral.participant.first_name not in text
            assert referral.participant.last_name not in text


def test_the_page_opens_on_the_last_365_days_with_the_dates_filled_in(coordinator, login):
    import time_machine

    with time_machine.travel(datetime.datetime(2025, 6, 30, 10, tzinfo=datetime.UTC)):
        text = login(coordinator).get(OWN).content.decode()
    assert 'name="start" value="2024-07-01"' in text
    assert 'name="end" value="2025-06-30"' in text
