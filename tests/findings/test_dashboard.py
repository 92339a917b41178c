"""What works for whom: known effects are recovered, small cells are suppressed."""

import datetime

import pytest

from findings.figures import what_works_for_whom
from findings.levels import LEVELS
from participants.models import Consent, Trajectory
from tests.factories import UserFactory

from .data import BASELINE, FOLLOW_UP, TODAY, lsns, person_in_model

pytestmark = pytest.mark.django_db


def _model(result, code):
    return next(row for row in result["models"] if row["code"] == code)


def test_the_dashboard_recovers_a_known_effect_per_model(organisation):
    user = UserFactory()
    for index in range(30):
        before = 4 + index % 5
        noise = (index % 3) - 1  # -1, 0, +1
        person_in_model(organisation, "buddy", before=before, after=before + 3 + noise, user=user)
        person_in_model(organisation, "peer", before=before, after=before + noise, user=user)

    result = what_works_for_whom(organisation.pk, today=TODAY)

    buddy = _model(result, "buddy")["metrics"]["informal"]
    peer = _model(result, "peer")["metrics"]["informal"]
    assert buddy["n"] == 30 and peer["n"] == 30
    assert buddy["low"] <= 3 <= buddy["high"]
    assert buddy["median"] == 3
    assert peer["low"] <= 0 <= peer["high"]
    assert peer["high"] < 3 and buddy["low"] > 0
    # Network size moves with the informal ties (the formal member stays).
    assert _model(result, "buddy")["metrics"]["size"]["median"] == 3
    assert _model(result, "buddy")["median_days"] == (TODAY - BASELINE).days


def test_the_change_is_from_the_baseline_to_the_latest_follow_up(organisation):
    user = UserFactory()
    for _ in range(5):
        person_in_model(organisation, "buddy", before=2, after=7, user=user)
    result = what_works_for_whom(organisation.pk, today=TODAY)
    assert _model(result, "buddy")["metrics"]["informal"]["median"] == 5
    assert _model(result, "buddy")["metrics"]["reciprocal"]["median"] == 5


def test_cells_with_fewer_than_five_participants_are_suppressed(organisation):
    user = UserFactory()
    for index in range(6):
        person_in_model(
            organisation,
            "community",
            before=3,
            after=4,
            user=user,
            household="alone" if index < 4 else "partner",
        )
    for _ in range(4):
        person_in_model(organisation, "context", before=3, after=4, user=user)

    result = what_works_for_whom(organisation.pk, today=TODAY)

    assert _model(result, "context")["suppressed"] and _model(result, "context")["n"] is None
    assert _model(result, "community")["n"] == 6
    households = {
        row["level"]: row for row in result["subgroups"]["household"] if row["code"] == "community"
    }
    assert households["alone"]["suppressed"] and households["alone"]["n"] is None
    assert households["partner"]["suppressed"]
    assert "metrics" in households["alone"] and households["alone"]["metrics"] == {}


def test_migration_background_is_broken_down_only_for_research_consent(organisation):
    user = UserFactory()
    for index in range(12):
        person_in_model(
            organisation,
            "peer",
            before=3,
            after=4,
            user=user,
            migration_background="Marokko",
            research=index < 6,
        )
    result = what_works_for_whom(organisation.pk, today=TODAY)
    rows = [row for row in result["subgroups"]["migration_background"] if row["code"] == "peer"]
    # Every level is listed; "no" holds nobody (the six without research consent are not
    # counted) and is hidden like a small one.
    assert [(row["level"], row["n"]) for row in rows] == [("yes", 6), ("no", None)]


def test_measurement_totals_change_from_first_to_latest(organisation):
    user = UserFactory()
    for index in range(5):
        person = person_in_model(organisation, "buddy", before=2, after=3, user=user)
        lsns(person, user, BASELINE, 8 + index)
        lsns(person, user, FOLLOW_UP - datetime.timedelta(days=30), 30)
        lsns(person, user, FOLLOW_UP, 12 + index)
    result = what_works_for_whom(organisation.pk, today=TODAY)
    assert _model(result, "buddy")["metrics"]["lsns6"]["median"] == 4
    assert _model(result, "buddy")["metrics"]["djg6"]["n"] is None


def test_another_organisations_data_is_not_counted(organisation, other_organisation):
    user = UserFactory()
    for _ in range(5):
        person_in_model(other_organisation, "buddy", before=1, after=9, user=user)
    result = what_works_for_whom(organisation.pk, today=TODAY)
    assert result["participants"] == 0
    assert _model(result, "buddy")["suppressed"]


@pytest.mark.postgresql
def test_rows_joined_in_the_database_read_as_rows_fetched_one_by_one(organisation, monkeypatch):
    user = UserFactory()
    for index in range(8):
        person = person_in_model(
            organisation, "buddy", before=2 + index, after=4 + index * 2, user=user
        )
        lsns(person, user, BASELINE, 8 + index)
        lsns(person, user, FOLLOW_UP, 12)
    joined = what_works_for_whom(organisation.pk, today=TODAY)
    monkeypatch.setattr("findings.columns.joined_in_the_database", lambda: False)
    assert what_works_for_whom(organisation.pk, today=TODAY) == joined


def test_an_anonymised_file_leaves_the_migration_breakdown(organisation):
    from participants.models import Participant

    user = UserFactory()
    people = [
        person_in_model(
            organisation,
            "peer",
            before=3,
            after=4,
            user=user,
            research=True,
            migration_background="" if index < 5 else "Turkije",
        )
        for index in range(12)
    ]
    # Anonymising erased the migration background of one who had none recorded: it is not
    # a fifth "no" but unknown, so that level falls under five and is hidden (and with it the
    # other level, so the four cannot be worked out).
    Participant.objects.filter(pk=people[0].pk).update(anonymised_on=TODAY)
    levels = {
        row["level"]: row
        for row in what_works_for_whom(organisation.pk, today=TODAY)["subgroups"][
            "migration_background"
        ]
        if row["code"] == "peer"
    }
    assert levels["no"]["suppressed"] and levels["yes"]["suppressed"]
    Participant.objects.filter(pk=people[0].pk).update(anonymised_on=None)
    levels = {
        row["level"]: row
        for row in what_works_for_whom(organisation.pk, today=TODAY)["subgroups"][
            "migration_background"
        ]
        if row["code"] == "peer"
    }
    assert levels["no"]["n"] == 5 and levels["yes"]["n"] == 7


def test_each_participant_is_put_in_the_subgroups_of_their_own_words(organisation):
    from findings import practice
    from tests.factories import ParticipantFactory

    variants = [
        {"gender": "v", "household": "alone", "has_smartphone": True},
        {"gender": " Vrouw\n", "household": "", "internet_at_home": False, "has_smartphone": False},
        {"gender": "MAN", "household": "shared", "internet_at_home": True},
        {"gender": "non-binair", "migration_background": " \t", "birth_year": None},
        {"gender": "", "migration_background": "Marokko", "birth_year": 2010},
        {"gender": "m", "migration_background": "Marokko", "anonymised_on": TODAY},
    ]
    user = UserFactory()
    for index, fields in enumerate(variants):
        person = ParticipantFactory(organisation=organisation, **fields)
        if index >= 3:
            Consent.objects.create(
                participant=person,
                purpose=Consent.Purpose.RESEARCH,
                given_on=TODAY,
                method=Consent.Method.ORAL,
                recorded_by=user,
            )
    columns = practice.participant_columns(organisation.pk, TODAY)
    levels = {
        d: [LEVELS[d][i] if i >= 0 else None for i in columns[d]] for d in columns if d != "id"
    }
    assert levels["gender"] == ["woman", "woman", "man", "other", "unknown", "man"]
    assert levels["household"] == ["alone", "unknown", "shared", "unknown", "unknown", "unknown"]
    assert levels["digital_access"] == ["yes", "no", "yes", "unknown", "unknown", "unknown"]
    assert levels["migration_background"] == [None, None, None, "no", "yes", None]
    assert levels["age_band"][3:5] == ["unknown", "under_25"]


def test_the_dashboard_counts_a_research_consent_exactly_when_it_is_in_force(organisation):
    """The breakdown by migration background reads the same rule as every other use of a
    consent (`Consent.in_force_on`), on its edge cases."""
    from findings import practice
    from tests.factories import ParticipantFactory

    day = datetime.timedelta(days=1)
    cases = {
        "no expiry": {},
        "expires today": {"expires_on": TODAY},
        "expired yesterday": {"expires_on": TODAY - day},
        "expires tomorrow": {"expires_on": TODAY + day},
        "withdrawn": {"withdrawn_on": TODAY - day},
        "withdrawn today": {"withdrawn_on": TODAY},
        "renewed": {"renewed_on": TODAY - day, "expires_on": TODAY + 30 * day},
        "given after the day counted": {"given_on": TODAY + day},
        "another purpose": {"purpose": Consent.Purpose.FILE},
    }
    user = UserFactory()
    consents = {}
    for fields in cases.values():
        person = ParticipantFactory(organisation=organisation, migration_background="Turkije")
        consents[person.pk] = Consent.objects.create(
            participant=person,
            method=Consent.Method.ORAL,
            recorded_by=user,
            **{"purpose": Consent.Purpose.RESEARCH, "given_on": TODAY - 60 * day, **fields},
        )
    columns = practice.participant_columns(organisation.pk, TODAY)
    counted = dict(
        zip(columns["id"].tolist(), (columns["migration_background"] >= 0).tolist(), strict=True)
    )
    expected = {
        pk: consent.purpose == Consent.Purpose.RESEARCH and consent.in_force_on(TODAY)
        for pk, consent in consents.items()
    }
    assert counted == expected
    assert sum(expected.values()) == 4  # no expiry, expires today or tomorrow, given later


def test_baselines_without_any_follow_up_yet_give_no_change(organisation):
    from tests.factories import ParticipantFactory
    from workmodels.models import WorkModel

    from .data import snapshot

    user = UserFactory()
    for _ in range(6):
        person = ParticipantFactory(organisation=organisation)
        Trajectory.objects.create(
            participant=person,
            work_model=WorkModel.objects.get(code="buddy"),
            started_on=BASELINE,
            created_by=user,
        )
        snapshot(person, user, "baseline", BASELINE, informal=3)
        lsns(person, user, BASELINE, 12)
    buddy = _model(what_works_for_whom(organisation.pk, today=TODAY), "buddy")
    assert buddy["n"] == 6
    assert all(cell["suppressed"] for cell in buddy["metrics"].values())


@pytest.mark.parametrize("bulk", [False, True])
def test_snapshot_counts_are_counted_once_and_kept(organisation, monkeypatch, bulk):
    from findings.models import SnapshotCounts
    from participants.models import NetworkSnapshot

    if bulk:  # as after a bulk load: the database counts them all in one statement
        monkeypatch.setattr("findings.snapshot_counts.BULK_COUNT", 0)
    user = UserFactory()
    for _ in range(5):
        person_in_model(organisation, "buddy", before=2, after=6, user=user)
    assert not SnapshotCounts.objects.exists()
    first = what_works_for_whom(organisation.pk, today=TODAY)
    assert SnapshotCounts.objects.count() == NetworkSnapshot.objects.count() == 15
    kept = SnapshotCounts.objects.get(
        snapshot=NetworkSnapshot.objects.filter(kind="follow_up").latest("taken_on", "id")
    )
    assert (kept.size, kept.informal, kept.reciprocal) == (7, 6, 4)
    assert what_works_for_whom(organisation.pk, today=TODAY) == first
    assert _model(first, "buddy")["metrics"]["informal"]["median"] == 4
    # A snapshot taken later is counted by the next computation, beside the kept ones.
    person_in_model(organisation, "buddy", before=2, after=6, user=user)
    assert _model(what_works_for_whom(organisation.pk, today=TODAY), "buddy")["n"] == 6
    assert SnapshotCounts.objects.count() == 18
    # Deleting a snapshot deletes its counts.
    NetworkSnapshot.objects.filter(kind="baseline").first().delete()
    assert SnapshotCounts.objects.count() == 17
