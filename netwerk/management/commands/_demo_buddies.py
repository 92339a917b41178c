"""Demo data for the buddy programme: volunteers who can be matched, interests, requests."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation
from buddies.engine import slot_mask
from buddies.models import BuddyRequest, InterestTag, Volunteer
from buddies.services import buddy_request_create
from netwerk.dates import add_months
from participants.models import Participant

INTERESTS = ["wandelen", "koken", "voetbal", "taal oefenen", "fietsen", "muziek"]
SLOT_SETS = [
    [("wed", "afternoon"), ("sat", "morning")],
    [("mon", "evening"), ("thu", "evening")],
    [("tue", "morning"), ("wed", "afternoon"), ("fri", "afternoon")],
    [("sat", "morning"), ("sun", "afternoon")],
]
GENDERS = ["female", "male", "female", "x"]


def interest_tags(organisation: Organisation) -> list[InterestTag]:
    return [
        InterestTag.objects.get_or_create(organisation=organisation, name=name)[0]
        for name in INTERESTS
    ]


def volunteer_profile(index: int, today: datetime.date) -> dict:
    """Screened, trained and signed, except a candidate now and then and one expired extract."""
    issued = today - datetime.timedelta(days=40 * (index + 1))
    if index == 3:
        issued = today - datetime.timedelta(days=4 * 365)  # shows as expired in the pool
    return {
        "max_km": 5 + 5 * (index % 3),
        "availability": slot_mask(SLOT_SETS[index % len(SLOT_SETS)]),
        "gender": GENDERS[index % len(GENDERS)],
        "birth_year": 1955 + 3 * index,
        "lived_experience": index % 4 == 1,
        "intake_on": issued - datetime.timedelta(days=14),
        "screening_kind": Volunteer.ScreeningKind.MODEL_1,
        "screening_issued_on": issued,
        "screening_valid_until": add_months(issued, 36),
        "training_sessions": 2,
        "agreement_signed_on": issued + datetime.timedelta(days=7),
    }


def buddy_request(worker: Membership, participant: Participant, index: int) -> None:
    """A waiting request for a participant who consented to sharing with a buddy."""
    tags = list(InterestTag.objects.filter(organisation_id=participant.organisation_id))
    request = buddy_request_create(
        membership=worker,
        participant=participant,
        data={"availability": slot_mask(SLOT_SETS[index % len(SLOT_SETS)])},
        interests=tags[index % len(tags) : index % len(tags) + 2],
    )
    BuddyRequest.objects.filter(pk=request.pk).update(
        waiting_since=timezone.localdate() - datetime.timedelta(days=10 + 7 * (index % 12))
    )
