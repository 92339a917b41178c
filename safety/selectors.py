"""Reads for flags: one visibility rule (`flags_visible_to`), who may change them, the banner's
one query per page, and the file's timeline entries."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Role
from buddies.models import BuddyRequest, ContactLog, Match
from buddies.selectors import contact_logs_visible_to, matches_visible_to
from participants.models import Participant
from participants.selectors import caseload, participants_visible_to
from participants.selectors.access_blocks import blocked_for
from participants.selectors.timeline import TimelineEntry

from .models import Flag, FlagKind

MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)
STAFF = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN)
BANNER_RELATED = ("kind", "raised_by", "ending_requested_by")


def flags_visible_to(membership: Membership | None) -> QuerySet[Flag]:
    """Org admins: every flag of the organisation. Social workers: the flags on files they may
    open and on those files' matches. Coordinators: flags on matches, and on the files of
    participants who asked for a buddy (what they see of a file). Volunteers: only what a
    coordinator passed on, about their own open matches. Researchers: nothing."""
    if membership is None:
        return Flag.objects.none()
    # An access block hides the file's flags from the blocked person, whatever the role.
    blocked = blocked_for(membership.user_id)
    in_org = Flag.objects.filter(organisation_id=membership.organisation_id).exclude(
        Q(participant__in=blocked) | Q(match__participant__in=blocked)
    )
    role = membership.role
    if role == Role.ORG_ADMIN:
        return in_org
    if role == Role.SOCIAL_WORKER:
        files = participants_visible_to(membership).values("pk")
        return in_org.filter(Q(participant__in=files) | Q(match__participant__in=files))
    if role == Role.COORDINATOR:
        asked = BuddyRequest.objects.filter(organisation_id=membership.organisation_id).values(
            "participant_id"
        )
        return in_org.filter(Q(match__isnull=False) | Q(participant__in=asked))
    if role == Role.VOLUNTEER:
        mine = matches_visible_to(membership)
        return in_org.filter(pass_on_to_volunteer=True).filter(
            Q(match__in=mine.values("pk")) | Q(participant__in=mine.values("participant_id"))
        )
    return Flag.objects.none()


def flags_changeable_by(membership: Membership | None) -> QuerySet[Flag]:
    """Who may ask to end a flag or confirm its end: coordinators and org admins for every flag
    they see, a social worker for the flags of the files they work on (team colleagues read)."""
    if membership is None or membership.role not in STAFF:
        return Flag.objects.none()
    if membership.role in MANAGERS:
        return flags_visible_to(membership)
    files = caseload(membership).values("pk")
    return flags_visible_to(membership).filter(
        Q(participant__in=files) | Q(match__participant__in=files)
    )


def can_pass_on(membership: Membership | None) -> bool:
    """What the volunteer reads is the coordinator's choice (or the org admin's)."""
    return membership is not None and membership.role in MANAGERS


def flag_get_for(membership: Membership | None, pk: int) -> Flag | None:
    return (
        flags_visible_to(membership)
        .select_related(
            *BANNER_RELATED, "ended_by", "participant", "match__participant", "match__volunteer"
        )
        .filter(pk=pk)
        .first()
    )


def flag_is_changeable(membership: Membership | None, flag: Flag) -> bool:
    return flags_changeable_by(membership).filter(pk=flag.pk).exists()


def flag_kinds_for(organisation_id: int) -> QuerySet[FlagKind]:
    return FlagKind.objects.filter(organisation_id=organisation_id, active=True)


def _for_viewer(membership: Membership | None, flags: QuerySet[Flag]) -> list[Flag]:
    if membership is None or membership.role not in (*STAFF, Role.VOLUNTEER):
        return []
    if membership.role == Role.VOLUNTEER:
        flags = flags.filter(pass_on_to_volunteer=True)
    return list(flags.in_force().select_related(*BANNER_RELATED).order_by("raised_at", "id"))


def banner_for_participant(membership: Membership | None, participant: Participant) -> list[Flag]:
    """The flags in force on a file and on its matches, for a page the viewer may already see:
    one query."""
    flags = Flag.objects.filter(organisation_id=participant.organisation_id).filter(
        Q(participant_id=participant.pk) | Q(match__participant_id=participant.pk)
    )
    return _for_viewer(membership, flags)


def banner_for_match(membership: Membership | None, match: Match) -> list[Flag]:
    """The flags in force on a match and on its participant's file: one query."""
    flags = Flag.objects.filter(organisation_id=match.organisation_id).filter(
        Q(match_id=match.pk) | Q(participant_id=match.participant_id)
    )
    return _for_viewer(membership, flags)


def match_for_flag(membership: Membership | None, pk: int) -> Match | None:
    return (
        matches_visible_to(membership)
        .select_related("participant", "volunteer")
        .filter(pk=pk)
        .first()
    )


def worry_for(membership: Membership | None, pk: int) -> ContactLog | None:
    """A worry (a worried contact log) the viewer may read."""
    return (
        contact_logs_visible_to(membership)
        .filter(worried=True, pk=pk)
        .select_related("match__participant", "match__volunteer")
        .first()
    )


@dataclass(frozen=True)
class FlagEvent:
    kind: str  # "raised" | "ended"
    flag: Flag


def _moment(value: datetime.datetime) -> tuple[datetime.date, datetime.datetime]:
    return timezone.localtime(value).date(), value


def flag_timeline_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    """The file's timeline: a flag raised, a flag ended (on the file or its matches). One
    query; registered in `SafetyConfig.ready()`."""
    flags = (
        Flag.objects.filter(
            Q(participant_id=participant.pk) | Q(match__participant_id=participant.pk)
        )
        .select_related("kind", "raised_by", "ended_by", "ending_requested_by")
        .order_by("-raised_at", "-id")[:limit]
    )
    entries = []
    for flag in flags:
        for kind, when in (("raised", flag.raised_at), ("ended", flag.ended_at)):
            if when is None:
                continue
            day, moment = _moment(when)
            entries.append(
                TimelineEntry(
                    "flag",
                    day,
                    (day, moment),
                    FlagEvent(kind, flag),
                    change=kind,
                    template="safety/_timeline_entry.html",
                )
            )
    return entries


def _summary(flag: Flag, for_volunteer: bool) -> dict:
    return {
        "id": flag.pk,
        "kind": flag.kind.label,
        "text": flag.volunteer_text if for_volunteer else flag.text,
        "on": "match" if flag.match_id else "file",
        "raised_at": flag.raised_at,
        "ending_requested": flag.ending_requested,
    }


def flag_summaries(
    membership: Membership | None, subject: str, objects: Sequence[Participant | Match]
) -> dict[int, list[dict]]:
    """The API's `flags` of each file or match answered (`netwerk.flags`): one query for them
    all. Only for records the answer already shows, so the caller may see them."""
    if not objects or membership is None or membership.role not in (*STAFF, Role.VOLUNTEER):
        return {}
    for_volunteer = membership.role == Role.VOLUNTEER
    if subject == "participant":
        ids = [obj.pk for obj in objects]
        flags = Flag.objects.filter(Q(participant_id__in=ids) | Q(match__participant_id__in=ids))
    else:
        ids = [obj.pk for obj in objects]
        people = {obj.participant_id for obj in objects}
        flags = Flag.objects.filter(Q(match_id__in=ids) | Q(participant_id__in=people))
    flags = flags.filter(organisation_id=membership.organisation_id).in_force()
    if for_volunteer:
        flags = flags.filter(pass_on_to_volunteer=True)
    loaded = list(flags.select_related("kind", "match").order_by("raised_at", "id"))
    found: dict[int, list[dict]] = {}
    for obj in objects:
        mine = []
        for flag in loaded:
            if subject == "participant":
                hit = obj.pk in (flag.participant_id, flag.match and flag.match.participant_id)
            else:
                hit = flag.match_id == obj.pk or flag.participant_id == obj.participant_id
            if hit:
                mine.append(_summary(flag, for_volunteer))
        found[obj.pk] = mine
    return found
