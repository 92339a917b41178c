"""Building practice data straight in the database (no services) for dashboard tests."""

import datetime

from participants.models import Consent, Measurement, NetworkSnapshot, Trajectory
from participants.models.measurements import Instrument
from participants.models.network import SnapshotMember
from tests.factories import ParticipantFactory, UserFactory
from workmodels.models import WorkModel

TODAY = datetime.date(2025, 6, 1)
BASELINE = TODAY - datetime.timedelta(days=200)
FOLLOW_UP = TODAY - datetime.timedelta(days=20)


def snapshot(participant, user, kind, taken_on, *, informal, formal=1, mutual=0):
    snap = NetworkSnapshot.objects.create(
        participant=participant, kind=kind, taken_on=taken_on, created_by=user
    )
    members = [
        SnapshotMember(
            snapshot=snap,
            member_id=i + 1,
            label=f"m{i}",
            sector="friends",
            ring="close",
            direction="mutual" if i < mutual else "",
        )
        for i in range(informal)
    ]
    members += [
        SnapshotMember(
            snapshot=snap,
            member_id=1000 + i,
            label=f"f{i}",
            sector="professionals",
            ring="services",
        )
        for i in range(formal)
    ]
    SnapshotMember.objects.bulk_create(members)
    return snap


def person_in_model(organisation, code, *, before, after, research=False, user=None, **fields):
    """A participant in the work model with a baseline and a follow-up map."""
    user = user or UserFactory()
    participant = ParticipantFactory(organisation=organisation, **fields)
    Trajectory.objects.create(
        participant=participant,
        work_model=WorkModel.objects.get(code=code),
        started_on=BASELINE,
        created_by=user,
    )
    snapshot(participant, user, "baseline", BASELINE, informal=before)
    snapshot(
        participant, user, "follow_up", FOLLOW_UP - datetime.timedelta(days=60), informal=before
    )
    snapshot(
        participant, user, "follow_up", FOLLOW_UP, informal=after, mutual=max(after - before, 0)
    )
    if research:
        Consent.objects.create(
            participant=participant,
            purpose=Consent.Purpose.RESEARCH,
            given_on=BASELINE,
            method=Consent.Method.WRITTEN,
            recorded_by=user,
        )
    return participant


def lsns(participant, user, taken_on, total):
    instrument = Instrument.objects.get(code="lsns6")
    # Stored scores only: the dashboard reads `total`, not the answers.
    return Measurement.objects.bulk_create(
        [
            Measurement(
                participant=participant,
                instrument=instrument,
                instrument_version=instrument.version,
                taken_on=taken_on,
                total=total,
                recorded_by=user,
            )
        ]
    )[0]
