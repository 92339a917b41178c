"""Consent expiring: the org admin and the participant's social worker are reminded before a
consent's expiry date, at the organisation's lead time; the reminder resolves when the consent
is renewed or withdrawn, or the file is closed. The default validity is an organisation setting
on the rules page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from notifications import dispatch
from notifications import services as notifications
from notifications.models import Reminder, RuleSetting
from participants import services
from participants.models import Consent, Participant

from .conftest import START, at, reminders

pytestmark = pytest.mark.django_db
PENDING, RESOLVED, SENT = (
    Reminder.Status.PENDING,
    Reminder.Status.RESOLVED,
    Reminder.Status.SENT,
)
DAY = datetime.timedelta(days=1)
EXPIRES = datetime.date(2025, 9, 30)
RULES = ("consent_expiring", "consent_expiring_worker")


def _give(social_worker, participant, *, given_on=START, **extra):
    with at(given_on):
        return services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose=extra.pop("purpose", Consent.Purpose.RESEARCH),
            given_on=given_on,
            method=Consent.Method.WRITTEN,
            **extra,
        )


@pytest.fixture
def expiring(social_worker, participant):
    """A research consent given on START, valid until EXPIRES."""
    return _give(social_worker, participant, expires_on=EXPIRES)


def test_the_org_admin_and_the_social_worker_are_reminded_30_days_before_expiry(
    org_admin, social_worker, participant, expiring
):
    with at(EXPIRES - 31 * DAY):
        assert notifications.sweep() == {}
    with at(EXPIRES - 30 * DAY):
        assert notifications.sweep() == {"consent_expiring": 1, "consent_expiring_worker": 1}
        assert notifications.sweep() == {}
    admin, worker = (reminders(rule=rule)[0] for rule in RULES)
    assert (admin.recipient, worker.recipient) == (org_admin.user, social_worker.user)
    assert admin.object_id == worker.object_id == expiring.pk
    assert admin.due_on == worker.due_on == EXPIRES - 30 * DAY
    assert admin.link == f"/participants/{participant.pk}/#consents"


def test_the_message_names_the_participant_by_first_name_only(org_admin, participant, expiring):
    with at(EXPIRES - 30 * DAY):
        notifications.sweep()
        dispatch.dispatch(inline=True)
        from notifications.selectors import reminders_for

        [reminder] = reminders_for(org_admin.user)
    assert reminder.sentence == (
        "Een toestemming van Amina, nog niet vernieuwd: vervalt op 30-9-2025, over 4\xa0weken"
    )
    assert "Verstraeten" not in reminder.sentence


def test_each_organisation_sets_its_own_lead_time(org_admin, expiring):
    notifications.rule_setting_update(
        membership=org_admin, rule="consent_expiring", enabled=True, intervals=[7]
    )
    with at(EXPIRES - 8 * DAY):
        assert notifications.sweep() == {"consent_expiring_worker": 1}
    with at(EXPIRES - 7 * DAY):
        assert notifications.sweep() == {"consent_expiring": 1}


def test_a_consent_without_an_expiry_date_is_never_reminded(social_worker, participant):
    _give(social_worker, participant, expires_on=None)
    with at(START + 3650 * DAY):
        assert notifications.sweep() == {}


def test_renewing_the_consent_resolves_its_reminders_at_once(social_worker, participant, expiring):
    with at(EXPIRES - 20 * DAY):
        notifications.sweep()
    renewal = _give(social_worker, participant, given_on=EXPIRES - 10 * DAY)
    assert {r.status for rule in RULES for r in reminders(rule=rule)} == {RESOLVED}
    expiring.refresh_from_db()
    assert expiring.renewed_on == EXPIRES - 10 * DAY
    # The renewal has the organisation's default validity, so its own reminder comes later.
    assert renewal.expires_on == datetime.date(2027, 9, 20)
    with at(EXPIRES + DAY):
        assert notifications.sweep() == {}


def test_withdrawing_the_consent_resolves_its_reminders(social_worker, expiring):
    with at(EXPIRES - 20 * DAY):
        notifications.sweep()
        services.consent_withdraw(membership=social_worker, consent=expiring)
    assert {r.status for rule in RULES for r in reminders(rule=rule)} == {RESOLVED}


def test_closing_the_file_resolves_the_reminders_at_the_next_sweep(participant, expiring):
    with at(EXPIRES - 20 * DAY):
        notifications.sweep()
    Participant.objects.filter(pk=participant.pk).update(
        status=Participant.Status.CLOSED, closed_on=EXPIRES - 19 * DAY
    )
    with at(EXPIRES - 19 * DAY):
        notifications.sweep()
    assert {r.status for rule in RULES for r in reminders(rule=rule)} == {RESOLVED}


def test_a_pending_reminder_whose_consent_was_renewed_is_not_sent(
    social_worker, participant, expiring
):
    with at(EXPIRES - 20 * DAY):
        notifications.sweep()
    # Renewed behind the services' back (an import): the dispatcher re-checks before sending.
    Consent.objects.filter(pk=expiring.pk).update(renewed_on=EXPIRES - 20 * DAY)
    with at(EXPIRES - 20 * DAY):
        dispatch.dispatch(inline=True)
    assert not Reminder.objects.filter(status=SENT).exists()


def test_an_expired_consent_not_renewed_is_still_reminded_once(org_admin, expiring):
    # Swept for the first time after the expiry (a new rule, a sweep that did not run).
    with at(EXPIRES + 40 * DAY):
        assert notifications.sweep() == {"consent_expiring": 1, "consent_expiring_worker": 1}
        dispatch.dispatch(inline=True)
    with at(EXPIRES + 41 * DAY):
        assert notifications.sweep() == {}
    assert Reminder.objects.filter(status=SENT).count() == 2


# --- The default validity: an organisation setting -------------------------------------------


def test_a_recorded_consent_gets_the_organisation_s_default_validity(
    org_admin, social_worker, participant
):
    assert _give(social_worker, participant).expires_on == datetime.date(2027, 3, 3)
    notifications.setting_update(membership=org_admin, code="consent_validity_months", value=6)
    contact = _give(social_worker, participant, purpose=Consent.Purpose.CONTACT)
    assert contact.expires_on == datetime.date(2025, 9, 3)
    notifications.setting_update(membership=org_admin, code="consent_validity_months", value=0)
    sharing = _give(social_worker, participant, purpose=Consent.Purpose.BUDDY_SHARING)
    assert sharing.expires_on is None


@pytest.mark.parametrize("value", [-1, 121, "12"])
def test_a_bad_default_validity_is_refused(org_admin, value):
    with pytest.raises(ValidationError) as error:
        notifications.setting_update(
            membership=org_admin, code="consent_validity_months", value=value
        )
    assert "value" in error.value.message_dict
    assert not RuleSetting.objects.exists()


def test_only_an_org_admin_sets_the_default_validity(social_worker):
    with pytest.raises(PermissionDenied):
        notifications.setting_update(
            membership=social_worker, code="consent_validity_months", value=12
        )


def test_the_rules_page_shows_and_saves_the_default_validity(org_admin, login):
    client = login(org_admin)
    page = client.get("/notifications/rules/").content.decode()
    assert "Standaard geldigheid van een toestemming, in maanden" in page
    assert 'name="value" value="24"' in page
    response = client.post(
        "/notifications/rules/", {"setting": "consent_validity_months", "value": "12"}
    )
    assert response.status_code == 302
    assert 'name="value" value="12"' in client.get("/notifications/rules/").content.decode()
    # Empty means no expiry date.
    client.post("/notifications/rules/", {"setting": "consent_validity_months", "value": ""})
    assert RuleSetting.objects.get(rule="consent_validity_months").intervals == [0]


def test_a_bad_default_validity_on_the_rules_page_gives_a_clear_error(org_admin, login):
    response = login(org_admin).post(
        "/notifications/rules/", {"setting": "consent_validity_months", "value": "-3"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Geef een getal van 0 tot 120." in page
    assert 'aria-invalid="true"' in page
    assert not RuleSetting.objects.exists()


def test_an_unknown_setting_is_not_found(org_admin, login):
    response = login(org_admin).post("/notifications/rules/", {"setting": "x", "value": "1"})
    assert response.status_code == 404
