"""Stand-ins, the hand-over pages and the membership check: every rule with a test that
tries to break it."""

import datetime

import pytest
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Role
from participants.models import FileHandover, Participant, StandIn
from participants.services.handover import stand_in_create, stand_in_end
from tests.factories import MembershipFactory, ParticipantFactory
from tests.participants.factories import file_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def stand_in(admin, absent, substitute, *, starts=0, ends=14):
    return stand_in_create(
        membership=admin,
        absent_worker=absent.user,
        stand_in=substitute.user,
        starts_on=TODAY + starts * DAY,
        ends_on=TODAY + ends * DAY,
    )


# --- Stand-ins ------------------------------------------------------------------------------


def test_a_stand_in_opens_and_writes_the_absent_workers_files(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker)
    client = login(colleague)
    assert client.get(f"/participants/{participant.pk}/").status_code == 404
    stand_in(org_admin, social_worker, colleague)
    assert client.get(f"/participants/{participant.pk}/").status_code == 200
    response = client.post(
        f"/participants/{participant.pk}/edit/", {"first_name": "Nieuw", "status": "active"}
    )
    assert response.status_code in (302, 400)  # reached the form, not refused
    assert client.get(f"/participants/{participant.pk}/edit/").status_code == 200


def test_the_stand_ins_caseload_marks_the_files_with_the_end_date(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker, first_name="Mirella")
    row = stand_in(org_admin, social_worker, colleague, ends=10)
    page = login(colleague).get("/participants/").content.decode()
    assert "Mirella" in page
    assert "vervanging voor" in page
    assert row.ends_on.strftime("%Y") in page
    assert participant.pk


def test_a_stand_in_before_its_start_or_after_its_end_gives_nothing(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker)
    stand_in(org_admin, social_worker, colleague, starts=3, ends=10)
    client = login(colleague)
    assert client.get(f"/participants/{participant.pk}/").status_code == 404
    StandIn.objects.update(starts_on=TODAY - 10 * DAY, ends_on=TODAY - DAY)
    assert client.get(f"/participants/{participant.pk}/").status_code == 404
    assert client.get(f"/participants/{participant.pk}/edit/").status_code == 404
    api = client.get(f"/api/participants/{participant.pk}/")
    assert api.status_code == 404


def test_an_ended_stand_in_stops_access_at_once(org_admin, social_worker, colleague, login):
    participant = file_for(social_worker)
    row = stand_in(org_admin, social_worker, colleague)
    client = login(colleague)
    assert client.get(f"/participants/{participant.pk}/").status_code == 200
    stand_in_end(membership=org_admin, stand_in=row)
    assert client.get(f"/participants/{participant.pk}/").status_code == 404


def test_a_stand_in_writes_through_the_api_during_the_period_only(
    org_admin, social_worker, colleague
):
    from tests.participants.factories import api_as

    participant = file_for(social_worker)
    api = api_as(colleague)
    url = f"/api/participants/{participant.pk}/"
    assert api.patch(url, {"phone": "0470 11 22 33"}, format="json").status_code == 404
    row = stand_in(org_admin, social_worker, colleague)
    assert api.patch(url, {"phone": "0470 11 22 33"}, format="json").status_code == 200
    stand_in_end(membership=org_admin, stand_in=row)
    assert api.patch(url, {"phone": "0470 99 99 99"}, format="json").status_code == 404
    assert Participant.objects.get(pk=participant.pk).phone == "+32470112233"


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "other_org_worker", "self"])
def test_a_stand_in_is_an_active_social_worker_of_the_organisation_other_than_the_absent_one(
    who, request, org_admin, social_worker
):
    from django.core.exceptions import ValidationError

    substitute = social_worker if who == "self" else request.getfixturevalue(who)
    with pytest.raises(ValidationError):
        stand_in(org_admin, social_worker, substitute)


@pytest.mark.parametrize("starts,ends", [(-60, 5), (0, -1), (5, 2), (0, 400)])
def test_absurd_stand_in_dates_are_refused(starts, ends, org_admin, social_worker, colleague):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        stand_in(org_admin, social_worker, colleague, starts=starts, ends=ends)


@pytest.mark.parametrize("role", ["social_worker", "coordinator", "other_org_admin"])
def test_only_the_org_admin_names_or_ends_stand_ins(
    role, request, org_admin, social_worker, colleague
):
    from django.core.exceptions import PermissionDenied, ValidationError

    actor = request.getfixturevalue(role)
    with pytest.raises((PermissionDenied, ValidationError)):
        stand_in(actor, social_worker, colleague)
    row = stand_in(org_admin, social_worker, colleague)
    with pytest.raises(PermissionDenied):
        stand_in_end(membership=actor, stand_in=row)


def test_the_caseload_takes_as_many_queries_with_stand_ins_as_without(
    org_admin, social_worker, colleague, login, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(
        30, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    stand_in(org_admin, social_worker, colleague)
    client = login(colleague)
    # 13: the caseload's 12 and the menu's count of referrals waiting (one COUNT).
    with django_assert_max_num_queries(13):
        assert client.get("/participants/").status_code == 200


# --- The hand-over pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["social_worker", "coordinator", "volunteer", "researcher", "other_org_worker"]
)
def test_the_handover_pages_are_for_the_org_admin_only(role, request, social_worker, login):
    participant = file_for(social_worker)
    client = login(request.getfixturevalue(role))
    assert client.get("/participants/hand-over/").status_code == 404
    assert (
        client.get(f"/participants/hand-over/confirm/?participant={participant.pk}").status_code
        == 404
    )
    assert client.get("/participants/stand-ins/").status_code == 404


def test_the_org_admin_of_another_organisation_sees_nothing(
    other_org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker, first_name="Gudrun")
    row = stand_in(
        MembershipFactory(organisation=social_worker.organisation, role=Role.ORG_ADMIN),
        social_worker,
        colleague,
    )
    client = login(other_org_admin)
    url = f"/participants/hand-over/confirm/?participant={participant.pk}"
    assert client.get(url).status_code == 404
    own_list = client.get("/participants/hand-over/")
    assert own_list.status_code == 200
    assert "Gudrun" not in own_list.content.decode()
    assert str(colleague.user) not in client.get("/participants/stand-ins/").content.decode()
    assert client.post(f"/participants/stand-ins/{row.pk}/end/").status_code == 404


def test_a_handover_from_the_file_page_asks_then_confirms(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker)
    client = login(org_admin)
    assert "hand-over/confirm" in client.get(f"/participants/{participant.pk}/").content.decode()
    form = client.get(f"/participants/hand-over/confirm/?participant={participant.pk}")
    assert form.status_code == 200
    data = {
        "participants": [participant.pk],
        "to_worker": colleague.user.pk,
        "reason": "Lang verlof",
        "handed_over_on": TODAY.isoformat(),
    }
    asked = client.post("/participants/hand-over/confirm/", data)
    assert asked.status_code == 200
    assert "1 dossier gaat naar" in asked.content.decode()
    assert not FileHandover.objects.exists()
    done = client.post("/participants/hand-over/confirm/", {**data, "confirm": "yes"})
    assert done.status_code == 302
    assert Participant.objects.get(pk=participant.pk).social_worker == colleague.user
    # back + resubmit: nothing moves twice
    again = client.post("/participants/hand-over/confirm/", {**data, "confirm": "yes"})
    assert again.status_code == 400
    assert FileHandover.objects.count() == 1


def test_an_invalid_handover_form_comes_back_with_what_was_typed(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker)
    response = login(org_admin).post(
        "/participants/hand-over/confirm/",
        {
            "participants": [participant.pk],
            "to_worker": colleague.user.pk,
            "reason": "Lang verlof",
            "handed_over_on": "3024-01-01",
        },
    )
    assert response.status_code == 400
    assert "Lang verlof" in response.content.decode()


def test_all_files_of_a_worker_from_the_list(org_admin, social_worker, colleague, login):
    for _ in range(3):
        file_for(social_worker)
    client = login(org_admin)
    page = client.get(f"/participants/hand-over/?worker={social_worker.user.pk}")
    assert page.status_code == 200
    assert 'name="from_worker"' in page.content.decode()
    data = {
        "from_worker": social_worker.user.pk,
        "to_worker": colleague.user.pk,
        "reason": "Vertrek",
        "handed_over_on": TODAY.isoformat(),
    }
    asked = client.post("/participants/hand-over/confirm/", data)
    assert "3 dossiers gaan naar" in asked.content.decode()
    client.post("/participants/hand-over/confirm/", {**data, "confirm": "yes"})
    assert Participant.objects.filter(social_worker=colleague.user).count() == 3


def test_every_file_matching_the_filters_beyond_the_first_page(
    org_admin, social_worker, colleague, login
):
    """ "All files that match these filters": the status filter over more than one page; the
    other statuses and the other workers' files stay where they are."""
    paused = [file_for(social_worker) for _ in range(55)]
    Participant.objects.filter(pk__in=[p.pk for p in paused]).update(status="paused")
    active = file_for(social_worker)
    client = login(org_admin)
    page = client.post("/participants/hand-over/", {"status": "paused"}, follow=True)
    text = page.content.decode()
    assert "Alle 55 dossiers die aan deze filters voldoen" in text
    matching = text.split('name="matching" value="', 1)[1].split('"', 1)[0]
    data = {
        "matching": matching,
        "to_worker": colleague.user.pk,
        "reason": "Herverdeling",
        "handed_over_on": TODAY.isoformat(),
    }
    asked = client.post("/participants/hand-over/confirm/", data)
    assert "55 dossiers gaan naar" in asked.content.decode()
    assert asked.content.decode().count('name="participants"') == 0  # the filters, not 55 ids
    done = client.post("/participants/hand-over/confirm/", {**data, "confirm": "yes"})
    assert done.status_code == 302
    assert Participant.objects.filter(social_worker=colleague.user).count() == 55
    assert Participant.objects.get(pk=active.pk).social_worker == social_worker.user


def test_matching_without_a_filter_hands_over_nothing(org_admin, social_worker, colleague, login):
    file_for(social_worker)
    data = {
        "matching": "",
        "to_worker": colleague.user.pk,
        "reason": "Herverdeling",
        "handed_over_on": TODAY.isoformat(),
        "confirm": "yes",
    }
    login(org_admin).post("/participants/hand-over/confirm/", {**data, "matching": "status="})
    assert not FileHandover.objects.exists()


@pytest.mark.parametrize("rows", [5, 60])
def test_the_handover_list_uses_a_fixed_number_of_queries(
    rows, org_admin, social_worker, login, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(
        rows, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    client = login(org_admin)
    # 13: 12 for the page and the menu's count of referrals waiting (one COUNT).
    with django_assert_max_num_queries(13):
        assert client.get("/participants/hand-over/").status_code == 200


def test_stand_ins_page_names_and_ends_a_stand_in(org_admin, social_worker, colleague, login):
    client = login(org_admin)
    response = client.post(
        "/participants/stand-ins/",
        {
            "absent_worker": social_worker.user.pk,
            "stand_in": colleague.user.pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + 7 * DAY).isoformat(),
        },
    )
    assert response.status_code == 302
    row = StandIn.objects.get()
    assert client.post(f"/participants/stand-ins/{row.pk}/end/").status_code == 302
    row.refresh_from_db()
    assert row.ended_at is not None
    bad = client.post(
        "/participants/stand-ins/",
        {
            "absent_worker": social_worker.user.pk,
            "stand_in": colleague.user.pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": "1999-01-01",
            "reason": "Zwangerschapsverlof",
        },
    )
    assert bad.status_code == 400
    assert "Zwangerschapsverlof" in bad.content.decode()


# --- No orphan files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "active"), [(Role.SOCIAL_WORKER, False), (Role.COORDINATOR, True)]
)
def test_a_worker_with_files_cannot_be_deactivated_or_change_role(
    role, active, org_admin, social_worker, login
):
    from django.core.exceptions import ValidationError

    file_for(social_worker)
    with pytest.raises(ValidationError):
        account_services.membership_update(
            membership=social_worker, actor=org_admin.user, role=role, is_active=active
        )
    response = login(org_admin).post(
        f"/organisation/people/{social_worker.pk}/",
        {"role": role, **({"is_active": "on"} if active else {})},
    )
    assert response.status_code == 400
    assert f"hand-over/?worker={social_worker.user.pk}" in response.content.decode()
    social_worker.refresh_from_db()
    assert social_worker.is_active and social_worker.role == Role.SOCIAL_WORKER


def test_once_the_files_are_handed_over_the_worker_can_be_deactivated(
    org_admin, social_worker, colleague
):
    from participants.services.handover import files_reassign

    file_for(social_worker)
    files_reassign(
        membership=org_admin,
        to_worker=colleague.user,
        reason="Vertrek",
        handed_over_on=TODAY,
        from_worker=social_worker.user,
    )
    account_services.membership_update(
        membership=social_worker, actor=org_admin.user, role=Role.SOCIAL_WORKER, is_active=False
    )
    social_worker.refresh_from_db()
    assert not social_worker.is_active
