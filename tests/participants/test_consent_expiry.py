"""A consent given until a date: the date is prefilled from the organisation's default
validity, can be set or cleared, is validated, and from the day after it the consent no longer
counts, with the same effect as a withdrawal wherever its purpose is checked. Renewing is
recording it again."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from buddies.services.requests import require_buddy_consent
from netwerk.dates import add_months
from notifications import services as notifications
from participants import services
from participants.models import Consent, Intervention
from tests.participants.factories import TODAY, api_as, file_for

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
EXPIRES = TODAY + 10 * DAY


def after_expiry():
    """The day after EXPIRES, at noon."""
    moment = datetime.datetime.combine(
        EXPIRES + DAY, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    return time_machine.travel(moment, tick=False)


def on(day):
    moment = datetime.datetime.combine(
        day, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def expiring_file(social_worker):
    """A file whose file and buddy-sharing consents end on EXPIRES."""
    participant = file_for(social_worker, consent=False, status="active")
    for purpose in (Consent.Purpose.FILE, Consent.Purpose.BUDDY_SHARING):
        services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose=purpose,
            given_on=TODAY - 30 * DAY,
            method=Consent.Method.WRITTEN,
            expires_on=EXPIRES,
        )
    return participant


def _intervention(social_worker, participant, buddy_model):
    return services.intervention_create(
        membership=social_worker,
        participant=participant,
        data={
            "date": timezone.localdate(),
            "duration_minutes": 20,
            "work_model": buddy_model,
            "kind": "conversation",
        },
    )


# --- An expired consent blocks what a withdrawal blocks --------------------------------------


def test_a_file_consent_counts_on_its_last_day_and_blocks_records_the_day_after(
    social_worker, expiring_file, buddy_model
):
    with on(EXPIRES):
        _intervention(social_worker, expiring_file, buddy_model)
    with after_expiry(), pytest.raises(ValidationError) as error:
        _intervention(social_worker, expiring_file, buddy_model)
    assert error.value.code == "no_file_consent"
    assert Intervention.objects.count() == 1


def test_an_expired_buddy_consent_stops_buddy_requests_and_contact_sharing(
    social_worker, expiring_file
):
    from buddies.models import Match
    from buddies.selectors.matches import buddy_consent_active
    from tests.buddies.conftest import make_request, make_volunteer

    request = make_request(social_worker, participant=expiring_file)
    match = Match.objects.create(
        organisation=expiring_file.organisation,
        request=request,
        participant=expiring_file,
        volunteer=make_volunteer(expiring_file.organisation),
        status=Match.Status.ACTIVE,
        proposed_by=social_worker.user,
        started_on=TODAY,
    )

    def sharing():
        return Match.objects.annotate(sharing=buddy_consent_active()).get(pk=match.pk).sharing

    with on(EXPIRES):
        require_buddy_consent(expiring_file)
        assert sharing() is True
    with after_expiry():
        with pytest.raises(ValidationError):
            require_buddy_consent(expiring_file)
        assert sharing() is False


def test_the_api_says_an_expired_consent_no_longer_counts(social_worker, expiring_file):
    client = api_as(social_worker)
    with after_expiry():
        assert (
            client.get(f"/api/participants/{expiring_file.pk}/").json()["has_file_consent"] is False
        )
        rows = client.get(f"/api/participants/{expiring_file.pk}/consents/").json()["results"]
    assert {(r["purpose"], r["expires_on"], r["is_active"]) for r in rows} == {
        ("file", str(EXPIRES), False),
        ("buddy_sharing", str(EXPIRES), False),
    }


def test_the_file_page_shows_the_expiry_date_and_then_that_it_expired(
    social_worker, expiring_file, login
):
    client = login(social_worker)
    page = client.get(f"/participants/{expiring_file.pk}/")
    assert "geldig tot" in page.content.decode()
    assert "intervention_form" in page.context
    with after_expiry():
        page = login(social_worker).get(f"/participants/{expiring_file.pk}/")
    html = page.content.decode()
    assert "vervallen na" in html
    assert Consent.Purpose.FILE not in page.context["active_purposes"]
    assert "intervention_form" not in page.context


def test_the_timeline_shows_when_a_consent_expired_and_not_once_it_was_renewed_in_time(
    social_worker, expiring_file
):
    from participants.selectors.timeline import timeline_page

    def expired():
        with after_expiry():
            entries = timeline_page(expiring_file).entries
        return [(e.date, e.obj.purpose) for e in entries if e.kind == "consent_expired"]

    assert not [e for e in timeline_page(expiring_file).entries if e.kind == "consent_expired"]
    assert sorted(expired()) == [(EXPIRES + DAY, "buddy_sharing"), (EXPIRES + DAY, "file")]
    services.consent_give(
        membership=social_worker,
        participant=expiring_file,
        purpose=Consent.Purpose.FILE,
        given_on=TODAY,
        method=Consent.Method.ORAL,
    )
    assert expired() == [(EXPIRES + DAY, "buddy_sharing")]


def test_the_network_page_treats_an_expired_file_consent_as_missing(
    social_worker, expiring_file, login
):
    with after_expiry():
        response = login(social_worker).get(f"/participants/{expiring_file.pk}/network/")
    assert response.context["has_file_consent"] is False


# --- Renewing is recording it again ----------------------------------------------------------


def test_recording_the_consent_again_renews_it_and_it_counts_again(
    social_worker, expiring_file, buddy_model
):
    old = expiring_file.consents.get(purpose=Consent.Purpose.FILE)
    with after_expiry():
        new = services.consent_give(
            membership=social_worker,
            participant=expiring_file,
            purpose=Consent.Purpose.FILE,
            given_on=EXPIRES + DAY,
            method=Consent.Method.ORAL,
        )
        _intervention(social_worker, expiring_file, buddy_model)
    old.refresh_from_db()
    assert (old.renewed_on, old.withdrawn_on) == (EXPIRES + DAY, None)
    assert new.expires_on == add_months(EXPIRES + DAY, 24)
    with pytest.raises(ValidationError) as error:
        services.consent_withdraw(membership=social_worker, consent=old)
    assert "vernieuwd" in " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("given_on", "field"),
    [(TODAY - 30 * DAY, "purpose"), (TODAY - 31 * DAY, "given_on")],
)
def test_a_renewal_is_given_after_the_consent_it_renews(
    social_worker, expiring_file, given_on, field
):
    with pytest.raises(ValidationError) as error:
        services.consent_give(
            membership=social_worker,
            participant=expiring_file,
            purpose=Consent.Purpose.FILE,
            given_on=given_on,
            method=Consent.Method.ORAL,
        )
    assert set(error.value.message_dict) == {field}
    assert expiring_file.consents.filter(purpose=Consent.Purpose.FILE).count() == 1


def test_a_consent_without_expiry_is_not_recorded_twice(social_worker, expiring_file):
    services.consent_give(
        membership=social_worker,
        participant=expiring_file,
        purpose=Consent.Purpose.RESEARCH,
        given_on=TODAY - 5 * DAY,
        method=Consent.Method.ORAL,
        expires_on=None,
    )
    with pytest.raises(ValidationError) as error:
        services.consent_give(
            membership=social_worker,
            participant=expiring_file,
            purpose=Consent.Purpose.RESEARCH,
            given_on=TODAY,
            method=Consent.Method.ORAL,
        )
    assert set(error.value.message_dict) == {"purpose"}


# --- Setting, clearing and validating the date -----------------------------------------------


def test_the_service_refuses_an_expiry_before_the_day_given(social_worker, expiring_file):
    with pytest.raises(ValidationError) as error:
        services.consent_give(
            membership=social_worker,
            participant=expiring_file,
            purpose=Consent.Purpose.RESEARCH,
            given_on=TODAY,
            method=Consent.Method.ORAL,
            expires_on=TODAY - DAY,
        )
    assert error.value.message_dict == {
        "expires_on": ["Een toestemming kan niet vervallen vóór de dag waarop ze gegeven werd."]
    }


def test_the_form_is_prefilled_with_the_organisation_s_default_validity(
    org_admin, social_worker, expiring_file, login
):
    client = login(social_worker)
    form = client.get(f"/participants/{expiring_file.pk}/").context["consent_form"]
    assert form["expires_on"].value() == add_months(TODAY, 24)
    notifications.setting_update(membership=org_admin, code="consent_validity_months", value=0)
    form = client.get(f"/participants/{expiring_file.pk}/").context["consent_form"]
    assert form["expires_on"].value() is None


def test_the_page_records_a_chosen_date_or_none(social_worker, expiring_file, login):
    client = login(social_worker)
    url = f"/participants/{expiring_file.pk}/consents/"
    base = {"consent-given_on": TODAY.isoformat(), "consent-method": "written"}
    chosen = TODAY + 100 * DAY
    response = client.post(
        url, {**base, "consent-purpose": "research", "consent-expires_on": chosen.isoformat()}
    )
    assert response.status_code == 302
    response = client.post(url, {**base, "consent-purpose": "contact", "consent-expires_on": ""})
    assert response.status_code == 302
    dates = dict(expiring_file.consents.values_list("purpose", "expires_on"))
    assert (dates["research"], dates["contact"]) == (chosen, None)


def test_the_page_shows_a_clear_error_for_an_expiry_before_the_day_given(
    social_worker, expiring_file, login
):
    response = login(social_worker).post(
        f"/participants/{expiring_file.pk}/consents/",
        {
            "consent-purpose": "research",
            "consent-given_on": TODAY.isoformat(),
            "consent-method": "written",
            "consent-expires_on": (TODAY - DAY).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Een toestemming kan niet vervallen vóór de dag waarop ze gegeven werd." in (
        response.content.decode()
    )
    assert not expiring_file.consents.filter(purpose="research").exists()


def test_the_api_takes_a_date_null_or_the_default(social_worker, expiring_file):
    client = api_as(social_worker)
    url = f"/api/participants/{expiring_file.pk}/consents/"
    body = {"given_on": str(TODAY), "method": "written"}
    chosen = client.post(
        url, {**body, "purpose": "research", "expires_on": str(TODAY + DAY)}, format="json"
    )
    cleared = client.post(url, {**body, "purpose": "contact", "expires_on": None}, format="json")
    assert (chosen.status_code, cleared.status_code) == (201, 201)
    assert (chosen.json()["expires_on"], cleared.json()["expires_on"]) == (str(TODAY + DAY), None)
    bad = client.post(
        url, {**body, "purpose": "research", "expires_on": str(TODAY - DAY)}, format="json"
    )
    assert bad.status_code == 400 and set(bad.json()) == {"expires_on"}


def test_consents_recorded_with_a_new_file_get_the_default_validity(social_worker):
    participant = services.participant_create(
        membership=social_worker,
        data={"first_name": "Noor", "last_name": "Peeters", "status": "active"},
        file_consent_method=Consent.Method.ORAL,
    )
    consent = participant.consents.get()
    assert consent.expires_on == add_months(TODAY, 24)
