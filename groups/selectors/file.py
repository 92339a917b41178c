"""Group work on the participant's file: timeline entries (one query per source) and the
aside card. Registered in `GroupsConfig.ready`; participants never imports this."""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, Exists, F, OuterRef, Q, Value

from participants.models import Participant
from participants.selectors import participant_editable_by
from participants.selectors.timeline import TimelineEntry

from ..models import Attendance, GroupMember, GroupSession, MetHereTie, VolunteerPlacement
from .pages import memberships_with_attendance


@dataclass(frozen=True)
class GroupWorkEvent:
    """One row of the file's group-work history, as the timeline shows it."""

    kind: str  # session | joined | left | completed | placement_started | placement_ended | tie
    date: datetime.date
    title: str  # the group's name, or where the placement is
    detail: str  # the session's topic, what the volunteer does, whom they met
    present: bool


def _columns(queryset, kind: str, date, moment, title, detail, present=False):
    return queryset.annotate(
        ev_kind=Value(kind, output_field=CharField()),
        ev_date=F(date) if isinstance(date, str) else date,
        ev_moment=F(moment),
        ev_title=F(title) if title else Value("", output_field=CharField()),
        ev_detail=F(detail) if detail else Value("", output_field=CharField()),
        ev_present=present if not isinstance(present, bool) else Value(present),
    ).values("ev_kind", "ev_date", "ev_moment", "ev_title", "ev_detail", "ev_present")


def group_work_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    """Sessions taken while they were a member (present or absent), joining, leaving and
    completing groups, volunteer placements and "met here" ties: one query (UNION ALL)."""
    sessions = GroupSession.objects.filter(
        Q(group__members__left_on__isnull=True) | Q(date__lte=F("group__members__left_on")),
        group__members__participant=participant,
        date__gte=F("group__members__joined_on"),
        attendance_taken_at__isnull=False,
    )
    present = Exists(
        Attendance.objects.filter(session=OuterRef("pk"), member__participant=participant)
    )
    members = GroupMember.objects.filter(participant=participant)
    placements = VolunteerPlacement.objects.filter(participant=participant)
    ties = MetHereTie.objects.filter(participant=participant, status=MetHereTie.Status.CONFIRMED)
    parts = [
        _columns(
            sessions, "session", "date", "attendance_taken_at", "group__name", "topic", present
        ),
        _columns(members, "joined", "joined_on", "created_at", "group__name", ""),
        _columns(members.exclude(left_on=None), "left", "left_on", "created_at", "group__name", ""),
        _columns(
            members.exclude(certificate_on=None),
            "completed",
            "certificate_on",
            "created_at",
            "group__name",
            "",
        ),
        _columns(placements, "placement_started", "since", "created_at", "where", "what"),
        _columns(
            placements.exclude(ended_on=None),
            "placement_ended",
            "ended_on",
            "created_at",
            "where",
            "what",
        ),
        _columns(ties, "tie", "decided_on", "proposed_at", "group__name", "label"),
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by("-ev_date", "-ev_moment")[:limit]
    return [
        TimelineEntry(
            "group_work",
            row["ev_date"],
            (row["ev_date"], row["ev_moment"]),
            GroupWorkEvent(
                row["ev_kind"], row["ev_date"], row["ev_title"], row["ev_detail"], row["ev_present"]
            ),
            change=row["ev_kind"],
            template="groups/_timeline_entry.html",
        )
        for row in rows
    ]


TIMELINE_SOURCES = (group_work_entries,)


def groups_file_card(request, participant: Participant):
    """The aside card loads its content with htmx (no query on the file page itself)."""
    return ("groups/_file_card.html", {"participant": participant})


def file_card_context(membership, participant: Participant) -> dict:
    """The groups they are in (attendance, completion, signals), ties waiting for the social
    worker, and volunteer placements. Three queries."""
    memberships = list(
        memberships_with_attendance(GroupMember.objects.filter(participant=participant))
    )
    return {
        "participant": participant,
        "can_edit": participant_editable_by(membership, participant),
        "memberships": memberships,
        "placements": list(VolunteerPlacement.objects.filter(participant=participant)),
        "ties": list(
            MetHereTie.objects.filter(
                participant=participant, status=MetHereTie.Status.PROPOSED
            ).select_related("group", "proposed_by")
        ),
    }
