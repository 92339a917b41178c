"""The buddy records of a participant: in the rights export, and scrubbed when anonymised."""

import pytest

from buddies.models import BuddyRequest, CheckIn, ContactLog, Match, MatchEvent
from participants.rights.erasure import PLACEHOLDER, Reason, participant_anonymise
from participants.rights.export import export_data
from tests.participants.test_rights_builders import make_full_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_file(social_worker):
    return make_full_file(social_worker)


def test_the_export_holds_requests_matches_contacts_and_check_ins(full_file):
    data = export_data(full_file)
    assert data["buddy_requests"][0]["note"] == "Zyqrequest note: afraid of dogs"
    assert data["buddy_matches"][0]["agreements"] == "Zyqagreements: call on Mondays"
    assert {c["what_we_did"] for c in data["buddy_contacts"]} == {"Zyqwalk in the park"}
    assert "Zyqworry: no food at home" in {c["worry_note"] for c in data["buddy_contacts"]}
    assert data["buddy_check_ins"][0]["notes"] == "Zyqcheck-in notes"


def test_anonymising_scrubs_the_texts_and_keeps_the_figures(org_admin, full_file):
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    request = BuddyRequest.objects.get(participant=full_file)
    assert (request.note, request.postcode, request.latitude) == (PLACEHOLDER, "", None)
    assert request.languages == ["ar"]
    match = Match.objects.get(participant=full_file)
    assert (match.agreements, match.intro_place, match.evaluation_participant) == (
        PLACEHOLDER,
        PLACEHOLDER,
        PLACEHOLDER,
    )
    assert match.evaluation_volunteer == ""
    assert match.status == Match.Status.CLOSED
    assert match.started_on is not None
    logs = ContactLog.objects.filter(match=match).order_by("date")
    assert [(log.duration_minutes, log.worried) for log in logs] == [(90, False), (60, True)]
    assert {log.what_we_did for log in logs} == {PLACEHOLDER}
    assert [log.worry_note for log in logs] == ["", PLACEHOLDER]
    assert CheckIn.objects.get(match=match).notes == PLACEHOLDER
    assert MatchEvent.objects.get(match=match).note == PLACEHOLDER


def test_other_participants_buddy_records_are_left_alone(org_admin, social_worker, full_file):
    other = make_full_file(social_worker)
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    assert ContactLog.objects.filter(match__participant=other, what_we_did__startswith="Zyq")
    assert Match.objects.get(participant=other).status == Match.Status.ACTIVE
