"""The buddy records of one participant in their rights export, and scrubbed on erasure.

Registered with participants' registries on import (from `BuddiesConfig.ready`), so
participants never imports buddies. What goes and what stays follows
`participants.rights.erasure`: free texts and locations go; dates, durations, statuses,
how-it-went and the worry flag stay for the figures. Open requests and matches are closed:
nobody works with an anonymised person.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.rights.erasure import register_erasure_step, scrub
from participants.rights.export import Section, register_rights_section, section

from .models import BuddyRequest, CheckIn, ContactLog, Match, MatchEvent


def buddy_sections(participant: Participant) -> list[Section]:
    matches = Match.objects.filter(participant=participant)
    return [
        section(
            "buddy_requests",
            _("Buddy requests"),
            BuddyRequest.objects.filter(participant=participant),
            (
                "languages",
                "gender_wish",
                "min_age",
                "max_age",
                "wants_lived_experience",
                "municipality",
                "postcode",
                "note",
                "waiting_since",
                "status",
            ),
        ),
        section(
            "buddy_matches",
            _("Buddy matches"),
            matches.select_related("volunteer__user"),
            (
                "status",
                "intro_at",
                "intro_place",
                "agreements",
                "started_on",
                "closed_on",
                "close_reason",
                "evaluation_volunteer",
                "evaluation_participant",
                "declined_side",
                "decline_reason",
            ),
        ),
        section(
            "buddy_contacts",
            _("Contacts with the buddy"),
            ContactLog.objects.filter(match__participant=participant).select_related("match"),
            (
                "match",
                "date",
                "duration_minutes",
                "what_we_did",
                "how_it_went",
                "worried",
                "worry_note",
            ),
        ),
        section(
            "buddy_check_ins",
            _("Check-ins by the coordinator"),
            CheckIn.objects.filter(match__participant=participant).select_related("match"),
            ("match", "date", "volunteer_side", "participant_side", "notes"),
        ),
    ]


def erase_buddy_records(participant: Participant) -> None:
    pk = participant.pk
    today = timezone.localdate()
    requests = BuddyRequest.objects.filter(participant_id=pk)
    scrub(requests, texts=("note",), blank=("postcode",), null=("latitude", "longitude"))
    requests.filter(status__in=[BuddyRequest.Status.WAITING, BuddyRequest.Status.MATCHED]).update(
        status=BuddyRequest.Status.CLOSED
    )
    matches = Match.objects.filter(participant_id=pk)
    scrub(
        matches,
        texts=(
            "intro_place",
            "agreements",
            "evaluation_volunteer",
            "evaluation_participant",
            "decline_reason",
        ),
    )
    matches.filter(status__in=Match.OPEN).update(
        status=Match.Status.CLOSED,
        closed_on=today,
        close_reason=Match.CloseReason.OTHER,
        next_meeting_on=None,
    )
    in_matches = Q(match__participant_id=pk)
    scrub(MatchEvent.objects.filter(in_matches), texts=("note",))
    scrub(ContactLog.objects.filter(in_matches), texts=("what_we_did", "worry_note"))
    scrub(CheckIn.objects.filter(in_matches), texts=("notes",))


register_rights_section(buddy_sections)
register_erasure_step(erase_buddy_records)
