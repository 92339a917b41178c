"""Group work on the participant's file: timeline entries (one query per source) and the
aside card. Registered in `GroupsConfig.ready`; participants never imports this."""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from participants.models import Participant
from participants.selectors import participant_editable_by
from participants.selectors.timeline import TimelineEntry

from ..completion import is_completed
from ..models import (
    Attendance,
    Group,
    GroupMember,
    GroupSession,
    MetHereTie,
    VolunteerPlacement,
)
from .pages import memberships_with_attendance


@dataclass(frozen=True)
class GroupWorkEvent:
    """One row of the file's group-work history, as the timeline shows it."""

    kind: str  # session | joined | left | completed | placement_started | placement_ended | tie
    date: datetime.date
    title: str  # the group's name, or where the placement is
    detail: str  # the session's topic, what the volunteer does, whom they met
    present: bool

    @property
    def planned(self) -> bool:
        """A placement's or membership's end that is still to come (entered ahead)."""
        return self.date > timezone.localdate()


# One statement, written out: the ORM spent ~4 ms of CPU per file page compiling the same
# seven-part UNION (and added joins and orderings it did not need). Table names come from the
# models; the parameters are named (SQLite and PostgreSQL both take them).
_EVENTS_SQL = """
SELECT 'session', s.date, s.attendance_taken_at, g.name, s.topic,
       EXISTS (SELECT 1 FROM {attendance} a JOIN {member} am ON am.id = a.member_id
               WHERE a.session_id = s.id AND am.participant_id = %(participant)s)
  FROM {session} s
  JOIN {group} g ON g.id = s.group_id
  JOIN {member} m ON m.group_id = g.id
 WHERE m.participant_id = %(participant)s AND s.attendance_taken_at IS NOT NULL
   AND s.date >= m.joined_on AND (m.left_on IS NULL OR s.date <= m.left_on)
UNION ALL
SELECT 'joined', m.joined_on, m.created_at, g.name, '', FALSE
  FROM {member} m JOIN {group} g ON g.id = m.group_id WHERE m.participant_id = %(participant)s
UNION ALL
SELECT 'left', m.left_on, m.created_at, g.name, '', FALSE
  FROM {member} m JOIN {group} g ON g.id = m.group_id
 WHERE m.participant_id = %(participant)s AND m.left_on IS NOT NULL
UNION ALL
SELECT 'completed', m.certificate_on, m.created_at, g.name, '', FALSE
  FROM {member} m JOIN {group} g ON g.id = m.group_id
 WHERE m.participant_id = %(participant)s AND m.certificate_on IS NOT NULL
UNION ALL
SELECT 'placement_started', p.since, p.created_at, p."where", p.what, FALSE
  FROM {placement} p WHERE p.participant_id = %(participant)s
UNION ALL
SELECT 'placement_ended', p.ended_on, p.created_at, p."where", p.what, FALSE
  FROM {placement} p WHERE p.participant_id = %(participant)s AND p.ended_on IS NOT NULL
UNION ALL
SELECT 'tie', t.decided_on, t.proposed_at, g.name, t.label, FALSE
  FROM {tie} t JOIN {group} g ON g.id = t.group_id
 WHERE t.participant_id = %(participant)s AND t.status = %(confirmed)s
ORDER BY 2 DESC, 3 DESC
LIMIT %(limit)s
"""


@functools.cache
def _events_sql() -> str:
    return _EVENTS_SQL.format(
        attendance=Attendance._meta.db_table,
        member=GroupMember._meta.db_table,
        session=GroupSession._meta.db_table,
        group=Group._meta.db_table,
        placement=VolunteerPlacement._meta.db_table,
        tie=MetHereTie._meta.db_table,
    )


def _date(value) -> datetime.date:
    """SQLite hands raw dates back as text; PostgreSQL as dates."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value) -> datetime.datetime:
    """Raw timestamps: aware on PostgreSQL, text or naive UTC on SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def group_work_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    """Sessions taken while they were a member (present or absent), joining, leaving and
    completing groups, volunteer placements and "met here" ties: one query (UNION ALL)."""
    parameters = {
        "participant": participant.pk,
        "confirmed": MetHereTie.Status.CONFIRMED,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(_events_sql(), parameters)
        rows = cursor.fetchall()
    entries = []
    for kind, date, moment, title, detail, present in rows:
        date, moment = _date(date), _moment(moment)
        event = GroupWorkEvent(kind, date, title, detail or "", bool(present))
        entries.append(
            TimelineEntry(
                "group_work",
                date,
                (date, moment),
                event,
                change=kind,
                template="groups/_timeline_entry.html",
            )
        )
    return entries


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
    for member in memberships:
        member.completed = is_completed(member, member.attended, member.sessions_taken)
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
