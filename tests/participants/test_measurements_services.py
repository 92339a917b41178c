"""Recording LSNS-6 and De Jong Gierveld measurements through the service: scored on save,
the version kept, bad input refused with nothing stored."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from participants.models import Instrument, Measurement, OrganisationInstrument
from participants.services import measurements as svc

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LSNS_BY_SCORE = ["none", "one", "two", "three_to_four", "five_to_eight", "nine_or_more"]


def lsns(*scores):
    return {f"lsns_{i + 1}": LSNS_BY_SCORE[value] for i, value in enumerate(scores)}


def djg(emotional_lonely, social_lonely):
    answers = {
        item: ("yes" if i < emotional_lonely else "no")
        for i, item in enumerate(("djg_1", "djg_4", "djg_6"))
    }
    answers |= {
        item: ("no" if i < social_lonely else "yes")
        for i, item in enumerate(("djg_2", "djg_3", "djg_5"))
    }
    return answers


@pytest.fixture
def instruments(social_worker):
    """Both bundled instruments (loaded by the data migration), enabled for the organisation."""
    found = {i.code: i for i in Instrument.objects.filter(code__in=["lsns6", "djg6"])}
    for instrument in found.values():
        OrganisationInstrument.objects.create(
            organisation=social_worker.organisation, instrument=instrument
        )
    return found


def record(membership, participant, instrument, answers, taken_on=TODAY):
    return svc.measurement_record(
        membership=membership,
        participant=participant,
        instrument=instrument,
        taken_on=taken_on,
        answers=answers,
    )


def test_the_data_migration_loaded_both_definitions():
    assert set(Instrument.objects.values_list("code", "version")) >= {
        ("lsns6", "2006-1"),
        ("djg6", "2006-1"),
    }


def test_an_lsns_measurement_is_scored_on_save_with_its_version(
    social_worker, participant, instruments
):
    measurement = record(social_worker, participant, instruments["lsns6"], lsns(3, 2, 1, 5, 4, 0))
    measurement.refresh_from_db()
    assert measurement.total == 15
    assert measurement.scores["subscales"] == {"family": 6, "friends": 9}
    assert measurement.band == "not_at_risk"
    assert measurement.instrument_version == "2006-1"
    assert measurement.recorded_by == social_worker.user


@pytest.mark.parametrize(
    ("scores", "band"), [((2, 2, 2, 2, 2, 1), "at_risk"), ((2,) * 6, "not_at_risk")]
)
def test_the_lsns_cut_off_lies_between_11_and_12(
    social_worker, participant, instruments, scores, band
):
    measurement = record(social_worker, participant, instruments["lsns6"], lsns(*scores))
    assert measurement.total == sum(scores)
    assert measurement.band == band
    assert measurement.scores["at_risk"] is (band == "at_risk")


@pytest.mark.parametrize(
    ("emotional", "social", "band"),
    [
        (1, 0, "not_lonely"),
        (1, 1, "moderately_lonely"),
        (2, 2, "moderately_lonely"),
        (3, 2, "severely_lonely"),
    ],
)
def test_the_de_jong_gierveld_bands_turn_at_2_and_5(
    social_worker, participant, instruments, emotional, social, band
):
    measurement = record(social_worker, participant, instruments["djg6"], djg(emotional, social))
    assert measurement.total == emotional + social
    assert measurement.band == band
    assert measurement.scores["subscales"] == {"emotional": emotional, "social": social}


def test_more_or_less_counts_as_lonely_on_both_subscales(social_worker, participant, instruments):
    answers = {f"djg_{i}": "more_or_less" for i in range(1, 7)}
    assert record(social_worker, participant, instruments["djg6"], answers).total == 6


def test_one_missing_djg_item_keeps_the_total_but_not_its_subscale(
    social_worker, participant, instruments
):
    answers = djg(2, 1)
    answers["djg_2"] = ""  # an empty form field: missing
    measurement = record(social_worker, participant, instruments["djg6"], answers)
    assert measurement.scores["subscales"]["social"] is None
    assert measurement.scores["missing_items"] == ["djg_2"]
    assert "djg_2" not in measurement.answers


@pytest.mark.parametrize(
    ("code", "answers"),
    [
        ("djg6", {**djg(1, 1), "djg_2": None, "djg_3": None}),
        ("lsns6", {**lsns(1, 1, 1, 1, 1, 1), "lsns_4": ""}),
    ],
)
def test_too_many_missing_answers_are_refused(
    social_worker, participant, instruments, code, answers
):
    with pytest.raises(ValidationError) as error:
        record(social_worker, participant, instruments[code], answers)
    assert "answers" in error.value.message_dict
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [{**lsns(1, 1, 1, 1, 1, 1), "lsns_1": "plenty"}, {**lsns(1, 1, 1, 1, 1, 1), "q9": "one"}],
)
def test_unknown_answer_or_question_codes_are_refused(
    social_worker, participant, instruments, answers
):
    with pytest.raises(ValidationError) as error:
        record(social_worker, participant, instruments["lsns6"], answers)
    assert "answers" in error.value.message_dict
    assert not Measurement.objects.exists()


def test_a_measurement_cannot_be_in_the_future(social_worker, participant, instruments):
    with pytest.raises(ValidationError) as error:
        record(
            social_worker,
            participant,
            instruments["lsns6"],
            lsns(1, 1, 1, 1, 1, 1),
            taken_on=TODAY + datetime.timedelta(days=1),
        )
    assert "taken_on" in error.value.message_dict
    assert not Measurement.objects.exists()


def test_an_instrument_the_organisation_did_not_enable_is_refused(social_worker, participant):
    instrument = Instrument.objects.get(code="lsns6")
    with pytest.raises(ValidationError) as error:
        record(social_worker, participant, instrument, lsns(1, 1, 1, 1, 1, 1))
    assert "instrument" in error.value.message_dict


def test_only_the_assigned_worker_records_and_consent_is_needed(
    social_worker, colleague, org_admin, participant, intake_only, instruments
):
    for reader in (colleague, org_admin):
        with pytest.raises(PermissionDenied):
            record(reader, participant, instruments["lsns6"], lsns(1, 1, 1, 1, 1, 1))
    with pytest.raises(ValidationError):
        record(social_worker, intake_only, instruments["lsns6"], lsns(1, 1, 1, 1, 1, 1))
    assert not Measurement.objects.exists()


def test_an_org_admin_enables_and_disables_an_instrument(org_admin, social_worker):
    instrument = Instrument.objects.get(code="djg6")
    svc.instrument_enable(membership=org_admin, instrument=instrument, permission_note="OK 2025")
    assert svc.instrument_is_enabled(org_admin.organisation_id, instrument)
    with pytest.raises(ValidationError):
        svc.instrument_enable(membership=org_admin, instrument=instrument)
    with pytest.raises(PermissionDenied):
        svc.instrument_disable(membership=social_worker, instrument=instrument)
    svc.instrument_disable(membership=org_admin, instrument=instrument)
    assert not svc.instrument_is_enabled(org_admin.organisation_id, instrument)
