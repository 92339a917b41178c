"""Group work's calendar events (`netwerk.ical`): the sessions of the groups one facilitates.
Read by the calendar feeds (`calendars`) and the session's invitation e-mail.

A summary carries the group's name only: never its place, a session's topic or a member.
"""

import datetime

from django.utils.translation import gettext as _

from accounts.models import Membership
from netwerk.ical import Event, at, uid
from notifications.rules import link_maker

from .models import GroupSession

SESSION_LENGTH = datetime.timedelta(hours=2)


def session_uid(session_id: int) -> str:
    return uid("group-session", session_id)


def session_event(
    session_id: int,
    day: datetime.date,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    group_name: str,
    link: str,
) -> Event:
    start = at(day, starts_at)
    if ends_at is not None and starts_at is not None:
        end = at(day, ends_at)
    else:
        end = start + SESSION_LENGTH if starts_at is not None else None
    return Event(
        uid=session_uid(session_id),
        summary=_("Group session %(group)s") % {"group": group_name},
        start=start,
        end=end,
        link=link,
    )


def facilitator_events(
    membership: Membership, start: datetime.date, end: datetime.date
) -> list[Event]:
    """The sessions, in the window, of the groups this person facilitates here. One query."""
    link = link_maker("groups:attendance")
    rows = GroupSession.objects.filter(
        group__organisation_id=membership.organisation_id,
        group__facilitators=membership.user_id,
        date__range=(start, end),
    ).values_list("pk", "date", "starts_at", "ends_at", "group__name")
    return [
        session_event(pk, day, starts_at, ends_at, name, link(pk))
        for pk, day, starts_at, ends_at, name in rows
    ]
