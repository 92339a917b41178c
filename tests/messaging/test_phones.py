"""Phone numbers: validated and stored in E.164, Belgian by default; a bad number is a clear
form error, never a failed send later; an old unparsable one shows on the file as needing a fix."""

import pytest
from django.core.exceptions import ValidationError

from netwerk.phones import display_phone, is_mobile, normalise_phone
from participants.forms import ParticipantForm
from participants.models import Participant
from tests.factories import ParticipantFactory
from tests.participants.factories import api_as

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0470 12 34 56", "+32470123456"),
        ("+32 (0)470/12.34.56", "+32470123456"),
        ("0032470123456", "+32470123456"),
        ("09 234 56 78", "+3292345678"),
        ("+31 6 12345678", "+31612345678"),
        ("", ""),
    ],
)
def test_numbers_are_stored_in_e164(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["1", "0470", "bel me", "+32 470 12 34 56 78 90"])
def test_a_number_nobody_can_reach_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_mobile_and_display():
    assert is_mobile("+32470123456") and not is_mobile("+3292345678")
    assert display_phone("+32470123456") == "0470 12 34 56"


def test_the_file_form_says_what_to_type(social_worker):
    form = ParticipantForm(data={"first_name": "Ana", "phone": "12345", "status": "intake"})
    assert not form.is_valid()
    assert "0470 12 34 56" in str(form.errors["phone"])
    good = ParticipantForm(data={"first_name": "Ana", "phone": "0470 12 34 56", "status": "intake"})
    good.is_valid()
    assert good.cleaned_data["phone"] == "+32470123456"


def test_the_api_refuses_a_bad_number_with_a_field_error(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        status=Participant.Status.INTAKE,
    )
    api = api_as(social_worker)
    bad = api.patch(f"/api/participants/{participant.pk}/", {"phone": "12"}, format="json")
    assert bad.status_code == 400 and "phone" in bad.json()
    good = api.patch(
        f"/api/participants/{participant.pk}/", {"phone": "0470 12 34 56"}, format="json"
    )
    assert good.status_code == 200
    participant.refresh_from_db()
    assert participant.phone == "+32470123456"


def test_an_old_number_that_cannot_be_read_shows_as_needing_a_fix(login, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="bel via zus",
    )
    page = login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    assert "(dit nummer moet verbeterd worden: we kunnen er niet naar versturen)" in page
