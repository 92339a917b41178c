"""The inbox pages: who reaches them, what they show (only what was shared), the forms."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Role
from participants.models import Participant
from referrals.models import Referral
from tests.factories import ParticipantFactory

from .factories import FULL_SHARE, initiative_of, make_referral, member, third_organisation_worker

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _url(name, referral=None):
    suffix = {
        "list": "",
        "detail": "{pk}/",
        "accept": "{pk}/accept/",
        "decline": "{pk}/decline/",
        "first_contact": "{pk}/first-contact/",
        "end": "{pk}/end/",
    }[name]
    return "/referrals/inbox/" + suffix.format(pk=referral.pk if referral else "")


@pytest.fixture
def referral(social_worker, other_organisation):
    return make_referral(
        social_worker, other_organisation, items=("first_name", "reason", "languages")
    )


def test_the_inbox_lists_waiting_referrals_first(login, social_worker, other_org_worker):
    older = make_referral(social_worker, other_org_worker.organisation)
    Referral.objects.filter(pk=older.pk).update(status="declined")
    waiting = make_referral(social_worker, other_org_worker.organisation)
    response = login(other_org_worker).get(_url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f"/referrals/inbox/{waiting.pk}/") < html.index(
        f"/referrals/inbox/{older.pk}/"
    )


def test_the_inbox_filters_by_status_and_initiative(login, social_worker, other_org_worker):
    a = make_referral(social_worker, other_org_worker.organisation)
    other_initiative = initiative_of(other_org_worker.organisation, name="Praatgroep")
    b = make_referral(social_worker, other_org_worker.organisation, initiative=other_initiative)
    Referral.objects.filter(pk=b.pk).update(status="declined")
    client = login(other_org_worker)
    html = client.get(_url("list"), {"status": "waiting"}).content.decode()
    assert f"/referrals/inbox/{a.pk}/" in html and f"/referrals/inbox/{b.pk}/" not in html
    html = client.get(_url("list"), {"initiative": other_initiative.pk}).content.decode()
    assert f"/referrals/inbox/{b.pk}/" in html and f"/referrals/inbox/{a.pk}/" not in html


def test_the_menu_shows_the_number_waiting(login, social_worker, other_org_worker):
    make_referral(social_worker, other_org_worker.organisation)
    make_referral(social_worker, other_org_worker.organisation)
    html = login(other_org_worker).get("/").content.decode()
    assert 'href="/referrals/inbox/"' in html and '<span class="badge"' in html
    assert "2 waiting" in html or "2 wachten" in html


def test_the_inbox_query_count_does_not_grow(
    login, social_worker, other_org_worker, django_assert_max_num_queries
):
    client = login(other_org_worker)
    for _ in range(3):
        make_referral(social_worker, other_org_worker.organisation)
    client.get(_url("list"))
    with django_assert_max_num_queries(14) as few:
        client.get(_url("list"))
    for _ in range(27):
        make_referral(social_worker, other_org_worker.organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url("list")).status_code == 200


@pytest.mark.parametrize("name", ["detail", "accept", "decline", "first_contact", "end"])
def test_everyone_outside_the_receiving_intake_gets_404(
    login, referral, social_worker, colleague, org_admin, name
):
    receiving_org = referral.to_organisation
    outsiders = [
        social_worker,  # the sender: their own pages are elsewhere
        colleague,
        org_admin,
        member(receiving_org, Role.VOLUNTEER),
        member(receiving_org, Role.RESEARCHER),
        third_organisation_worker(),
    ]
    for membership in outsiders:
        client = login(membership)
        assert client.get(_url(name, referral)).status_code == 404, membership.role
        if name != "detail":  # a page only shown answers POST with 405 to intake roles
            assert client.post(_url(name, referral)).status_code == 404, membership.role
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


def test_the_detail_shows_only_what_was_shared_and_records_received(
    login, social_worker, other_org_admin
):
    sender_file = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Mira",
        last_name="Zyxwvut",
        phone="0499 88 77 66",
        email="zyx@example.org",
    )
    referral = make_referral(
        social_worker,
        other_org_admin.organisation,
        participant=sender_file,
        items=("first_name", "reason"),
    )
    response = login(other_org_admin).get(_url("detail", referral))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mira" in html and FULL_SHARE["reason"] in html
    for not_shared in ("Zyxwvut", "0499", "zyx@example.org", "Peeters"):
        assert not_shared not in html
    assert f"/participants/{sender_file.pk}" not in html
    assert escape(social_worker.organisation.name) in html
    assert escape(social_worker.user.get_full_name()) in html
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_a_withdrawal_is_shown_prominently_and_accepting_is_refused(
    login, social_worker, other_org_worker
):
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        consent_given_on=TODAY - datetime.timedelta(days=5),
        consent_withdrawn_on=TODAY,
        consent_withdrawal_recorded_by=social_worker.user,
    )
    client = login(other_org_worker)
    html = client.get(_url("detail", referral)).content.decode()
    assert 'role="alert"' in html and "toestemming ingetrokken" in html
    assert _url("accept", referral) not in html
    response = client.post(
        _url("accept", referral),
        {"choice": "new", "social_worker": other_org_worker.pk, "consent_method": "oral"},
    )
    assert response.status_code == 400
    assert "toestemming ingetrokken" in response.content.decode()
    assert not Participant.objects.filter(organisation=other_org_worker.organisation).exists()


def test_accepting_from_the_page_opens_a_file_for_the_accepter_by_default(
    login, referral, other_org_worker
):
    client = login(other_org_worker)
    html = client.get(_url("accept", referral)).content.decode()
    assert f'<option value="{other_org_worker.pk}" selected>' in html
    response = client.post(
        _url("accept", referral),
        {
            "choice": "new",
            "social_worker": other_org_worker.pk,
            "consent_method": "written",
            "consent_given_on": TODAY.isoformat(),
            "languages": ["nl"],
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.received_participant.social_worker == other_org_worker.user


def test_an_invalid_accept_form_answers_400_and_keeps_the_input(login, referral, other_org_worker):
    response = login(other_org_worker).post(
        _url("accept", referral), {"choice": "new", "consent_given_on": "2020-01-02"}
    )
    assert response.status_code == 400
    assert 'value="2020-01-02"' in response.content.decode()


def test_the_accept_page_offers_a_duplicate_with_minimal_information(
    login, social_worker, other_org_worker
):
    existing = ParticipantFactory(
        organisation=other_org_worker.organisation,
        social_worker=other_org_worker.user,
        first_name="Mira",
        last_name="Peeters",
        birth_year=1961,
        address="Geheimstraat 1",
    )
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        items=("first_name", "last_name", "birth_year", "reason"),
    )
    coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    client = login(coordinator)
    html = client.get(_url("accept", referral)).content.decode()
    assert f'value="{existing.pk}"' in html and "Geheimstraat" not in html
    response = client.post(_url("accept", referral), {"choice": "link", "link_to": existing.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.received_participant == existing


def test_declining_needs_the_confirmation_and_a_reason(login, referral, other_org_worker):
    client = login(other_org_worker)
    assert client.get(_url("decline", referral)).status_code == 200
    response = client.post(_url("decline", referral), {"reason": "other", "confirm": "yes"})
    assert response.status_code == 400
    response = client.post(_url("decline", referral), {"reason": "no_place", "text": "Vol"})
    assert response.status_code == 400  # no confirmation
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    response = client.post(
        _url("decline", referral), {"reason": "no_place", "text": "Vol", "confirm": "yes"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED


def test_first_contact_and_end_from_the_pages(login, referral, other_org_worker):
    client = login(other_org_worker)
    client.post(
        _url("accept", referral),
        {"choice": "new", "social_worker": other_org_worker.pk, "consent_method": "oral"},
    )
    response = client.post(_url("first_contact", referral), {"happened_on": TODAY.isoformat()})
    assert response.status_code == 302
    response = client.post(_url("end", referral), {"happened_on": TODAY.isoformat()})
    assert response.status_code == 400  # not confirmed
    response = client.post(
        _url("end", referral),
        {"happened_on": TODAY.isoformat(), "note": "Loopt goed", "confirm": "yes"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ENDED
    html = client.get(_url("detail", referral)).content.decode()
    assert "Loopt goed" in html


def test_the_inbox_fits_a_phone(login, referral, other_org_worker):
    html = login(other_org_worker).get(_url("list")).content.decode()
    assert "<table" not in html  # a list of cards, no wide table


def test_what_was_not_shared_is_not_found_by_the_receivers_search(
    login, social_worker, other_org_worker
):
    sender_file = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Mira",
        last_name="Zyxwvut",
    )
    referral = make_referral(social_worker, other_org_worker.organisation, participant=sender_file)
    client = login(other_org_worker)
    client.post(
        _url("accept", referral),
        {"choice": "new", "social_worker": other_org_worker.pk, "consent_method": "oral"},
    )
    found = client.get("/participants/", {"q": "Zyxwvut"}).content.decode()
    assert "Mira" in client.get("/participants/", {"q": "Mira"}).content.decode()
    assert f"/participants/{referral.received_participant_id}/" not in found


def test_the_detail_page_query_count_does_not_grow(
    login, referral, other_org_worker, django_assert_max_num_queries
):
    from referrals.services.steps import message_post

    client = login(other_org_worker)
    client.get(_url("detail", referral))
    with django_assert_max_num_queries(30) as few:
        client.get(_url("detail", referral))
    for n in range(20):
        message_post(membership=other_org_worker, referral=referral, text=f"Vraag {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url("detail", referral)).status_code == 200


def test_the_receiver_reads_a_shared_work_model_and_map_in_words(
    login, social_worker, other_org_admin
):
    """Both sides read the copy through one renderer (selectors.shared): the work model's name,
    not its code; the map's members with their sector and ring."""
    referral = make_referral(
        social_worker,
        other_org_admin.organisation,
        items=("first_name", "reason", "work_model", "network_map"),
        shared={
            **FULL_SHARE,
            "network_map": [{"label": "Zus Leen", "sector": "family", "ring": "very_close"}],
        },
    )
    page = login(other_org_admin).get(_url("detail", referral)).content.decode()
    shared = page[page.index("Wat de deelnemer wilde delen") :]
    shared = shared[: shared.index("Wie het stuurde")]
    assert "Persoonlijke vriend" in shared and ">buddy<" not in shared
    assert "Zus Leen (Familie" in shared
