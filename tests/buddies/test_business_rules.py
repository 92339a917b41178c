"""Impossible dates and numbers are refused with a clear Dutch message on the page and a 400
with field errors in the API: an introduction years ago, a match that starts before its
introduction, volunteering more than a full-time week."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buddies import services
from buddies.models import Match
from groups.models import VolunteerPlacement
from groups.services import placement_create, placement_update

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def proposed(coordinator, buddy, buddy_request):
    return services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def _in_2020():
    return datetime.datetime(2020, 3, 4, 14, 0, tzinfo=timezone.get_current_timezone())


def test_an_introduction_in_2020_is_refused(coordinator, proposed):
    with pytest.raises(ValidationError) as error:
        services.match_plan_intro(
            membership=coordinator, match=proposed, intro_at=_in_2020(), intro_place="Krook"
        )
    assert "intro_at" in error.value.message_dict
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.PROPOSED and proposed.intro_at is None


def test_an_introduction_written_down_a_week_late_or_planned_next_month_is_fine(
    coordinator, proposed
):
    for when in (timezone.now() - 7 * DAY, timezone.now() + 30 * DAY):
        match = services.match_plan_intro(
            membership=coordinator, match=proposed, intro_at=when, intro_place="Krook"
        )
        assert match.intro_at == when


def test_an_introduction_more_than_a_year_ahead_is_refused(coordinator, proposed):
    with pytest.raises(ValidationError) as error:
        services.match_plan_intro(
            membership=coordinator,
            match=proposed,
            intro_at=timezone.now() + 400 * DAY,
            intro_place="Krook",
        )
    assert "intro_at" in error.value.message_dict


def test_the_page_explains_a_refused_introduction_in_dutch(login, coordinator, proposed):
    response = login(coordinator).post(
        f"/buddies/matches/{proposed.pk}/plan_intro/",
        {"plan_intro-intro_at": "2020-03-04T14:00", "plan_intro-intro_place": "De Krook"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Een kennismakingsgesprek ligt hoogstens drie maanden in het verleden" in text
    assert "4-3-2020" in text
    assert 'value="De Krook"' in text  # nothing typed is lost


def test_the_api_answers_400_with_a_field_error_for_an_introduction_in_2020(
    login, coordinator, proposed
):
    response = login(coordinator).post(
        f"/api/buddies/matches/{proposed.pk}/transitions/",
        {"action": "plan_intro", "intro_at": _in_2020().isoformat(), "intro_place": "Krook"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "intro_at" in response.json()


def test_a_match_cannot_start_before_its_introduction(login, coordinator, proposed):
    match = services.match_plan_intro(
        membership=coordinator, match=proposed, intro_at=timezone.now() - 2 * DAY, intro_place="K"
    )
    with pytest.raises(ValidationError) as error:
        services.match_activate(
            membership=coordinator, match=match, started_on=timezone.localdate() - 5 * DAY
        )
    assert "started_on" in error.value.message_dict
    response = login(coordinator).post(
        f"/buddies/matches/{match.pk}/activate/",
        {"activate-started_on": (timezone.localdate() - 5 * DAY).isoformat()},
    )
    assert response.status_code == 400
    assert "start op of na het kennismakingsgesprek" in response.content.decode()
    api = login(coordinator).post(
        f"/api/buddies/matches/{match.pk}/transitions/",
        {"action": "activate", "started_on": (timezone.localdate() - 5 * DAY).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 400 and "started_on" in api.json()
    match.refresh_from_db()
    assert match.status == Match.Status.INTRO_PLANNED
    started = services.match_activate(
        membership=coordinator, match=match, started_on=timezone.localdate() - 2 * DAY
    )
    assert started.status == Match.Status.ACTIVE


@pytest.fixture
def file(social_worker):
    from tests.buddies.conftest import make_participant

    return make_participant(social_worker)


def _placement(**changes):
    data = {
        "where": "Sociaal restaurant",
        "what": "Keuken",
        "since": timezone.localdate() - 10 * DAY,
        "hours": 4,
        "per": VolunteerPlacement.Per.WEEK,
        "status": VolunteerPlacement.Status.ACTIVE,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("hours", "per", "allowed"),
    [(40, "week", True), (41, "week", False), (400, "week", False), (160, "month", True)],
)
def test_volunteering_hours_stay_within_a_full_time_week(social_worker, file, hours, per, allowed):
    data = _placement(hours=hours, per=per)
    if allowed:
        assert placement_create(membership=social_worker, participant=file, data=data).pk
    else:
        with pytest.raises(ValidationError) as error:
            placement_create(membership=social_worker, participant=file, data=data)
        assert "hours" in error.value.message_dict
        assert not VolunteerPlacement.objects.exists()


def test_changing_a_placement_to_200_hours_a_month_is_refused(social_worker, file):
    placement = placement_create(membership=social_worker, participant=file, data=_placement())
    with pytest.raises(ValidationError):
        placement_update(
            membership=social_worker,
            placement=placement,
            data={"hours": 200, "per": VolunteerPlacement.Per.MONTH},
        )
    placement.refresh_from_db()
    assert placement.hours == 4


def test_the_placement_api_answers_400_with_the_reason_for_400_hours_a_week(
    login, social_worker, file
):
    response = login(social_worker).post(
        "/api/placements/",
        {**_placement(hours=400), "participant": file.pk, "since": str(_placement()["since"])},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "hours" in response.json()
